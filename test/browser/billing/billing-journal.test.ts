import { expect } from 'chai';
import { deleteDB } from 'idb';
import { createBillingJournal } from '../../../src/sync/billing/billing-journal';
import { JournalError } from '../../../src/sync/billing/journal-transitions';
import { openSyncDb } from '../../../src/sync/store/schema';
import type { QboSyncDatabase } from '../../../src/sync/store/schema';

const REALM = '9341450000000001';
let counter = 0;
const opened: Array<{ db: QboSyncDatabase; name: string }> = [];

async function freshDb(): Promise<QboSyncDatabase> {
  const name = `billing-journal-test-${Date.now()}-${counter++}`;
  const db = await openSyncDb(name);
  opened.push({ db, name });
  return db;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the promise to reject');
}

describe('createBillingJournal (real IndexedDB)', () => {
  afterEach(async () => {
    for (const { db, name } of opened.splice(0)) {
      db.close();
      await deleteDB(name);
    }
  });

  it('walks a document planned → sent → done, keeping its requestid, and audits the outcome', async () => {
    const db = await freshDb();
    const journal = createBillingJournal(db, REALM, { user: 'Pat Staff', now: () => new Date('2026-11-26T10:00:00Z') });
    await journal.markPlanned('invoiceExport', 'inv1', 'inv-abc');
    expect((await journal.get('invoiceExport', 'inv1'))?.state).to.equal('planned');
    await journal.markSent('invoiceExport', 'inv1');
    const sent = await journal.get('invoiceExport', 'inv1');
    expect(sent?.state).to.equal('sent');
    expect(sent?.requestId).to.equal('inv-abc');
    await journal.markDone('invoiceExport', 'inv1', '145');
    const done = await journal.get('invoiceExport', 'inv1');
    expect(done).to.include({ state: 'done', targetId: '145', requestId: 'inv-abc', updatedAt: '2026-11-26T10:00:00.000Z' });
    const audit = await db.getAllFromIndex('audit', 'byRealm', REALM);
    expect(audit).to.have.length(1);
    expect(audit[0]).to.include({ who: 'Pat Staff', what: 'Export invoice inv1', result: 'ok' });
    expect(audit[0].detail).to.contain('145');
  });

  it('lists by kind and state, and doneIds gives only the done ones of that kind and company', async () => {
    const db = await freshDb();
    const journal = createBillingJournal(db, REALM);
    const other = createBillingJournal(db, '777');
    await journal.record('invoiceExport', [
      { sourceId: 'a', state: 'planned', requestId: 'r-a' },
      { sourceId: 'b', state: 'planned', requestId: 'r-b' },
      { sourceId: 'c', state: 'planned', requestId: 'r-c' },
    ]);
    await journal.record('invoiceExport', [
      { sourceId: 'a', state: 'done', targetId: '1', how: 'created' },
      { sourceId: 'b', state: 'sent' },
    ]);
    await journal.markDone('paymentExport', 'a', '9', 'linkedExisting');
    await other.markDone('invoiceExport', 'z', '5');
    expect([...(await journal.doneIds('invoiceExport'))]).to.deep.equal(['a']);
    expect([...(await journal.doneIds('paymentExport'))]).to.deep.equal(['a']);
    expect((await journal.list('invoiceExport')).map((e) => e.sourceId)).to.deep.equal(['a', 'b', 'c']);
    expect((await journal.list('invoiceExport', 'sent')).map((e) => e.sourceId)).to.deep.equal(['b']);
    expect((await journal.list('invoiceExport', 'planned')).map((e) => e.sourceId)).to.deep.equal(['c']);
    expect([...(await other.doneIds('invoiceExport'))]).to.deep.equal(['z']);
  });

  it('a failure keeps its error until a new requestid plans the document again', async () => {
    const db = await freshDb();
    const journal = createBillingJournal(db, REALM);
    await journal.markPlanned('paymentExport', 'p1', 'pay-1');
    await journal.markFailed('paymentExport', 'p1', { code: '6000', message: 'Over-applied' });
    expect((await journal.get('paymentExport', 'p1'))?.error).to.deep.equal({ code: '6000', message: 'Over-applied' });
    await journal.markPlanned('paymentExport', 'p1', 'pay-2');
    const again = await journal.get('paymentExport', 'p1');
    expect(again).to.include({ state: 'planned', requestId: 'pay-2' });
    expect(again?.error).to.equal(undefined);
    const audit = await db.getAllFromIndex('audit', 'byRealm', REALM);
    expect(audit.map((a) => a.result)).to.deep.equal(['failed']);
  });

  it('refuses to mark sent what was never planned, and writes nothing of a call that fails part-way', async () => {
    const db = await freshDb();
    const journal = createBillingJournal(db, REALM);
    await journal.markPlanned('invoiceExport', 'a', 'r-a');
    const e = await rejection(journal.record('invoiceExport', [{ sourceId: 'a', state: 'sent' }, { sourceId: 'ghost', state: 'sent' }]));
    expect(e).to.be.instanceOf(JournalError);
    expect((e as JournalError).code).to.equal('not_planned');
    // The first change of the failed call did not stick.
    expect((await journal.get('invoiceExport', 'a'))?.state).to.equal('planned');
  });

  it('survives closing and reopening the database (a panel reload)', async () => {
    const name = `billing-journal-reload-${Date.now()}`;
    const db1 = await openSyncDb(name);
    await createBillingJournal(db1, REALM).record('invoiceExport', [{ sourceId: 'x', state: 'planned', requestId: 'r-x' }, { sourceId: 'x', state: 'sent' }]);
    db1.close();
    const db2 = await openSyncDb(name);
    opened.push({ db: db2, name });
    const entry = await createBillingJournal(db2, REALM).get('invoiceExport', 'x');
    expect(entry).to.include({ state: 'sent', requestId: 'r-x' });
  });

  it('needs a company id', () => {
    expect(() => createBillingJournal({} as QboSyncDatabase, ' ')).to.throw(JournalError, /company/);
  });
});
