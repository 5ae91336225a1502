/**
 * The upgrade (issue 10, point 9): a browser that holds links, settings, documents and history
 * from before replication uploads them on the first open; the firm's value wins where it
 * differs, and what was not taken is listed with words.
 */
import { expect } from 'chai';
import { createBillingJournal } from '../../../src/sync/billing/billing-journal';
import { LinkStore } from '../../../src/sync/store/link-store';
import { openSyncDb } from '../../../src/sync/store/schema';
import { saveSettings } from '../../../src/sync/store/settings-store';
import { MemoryFirm } from './support/memory-firm';
import { DANA, REALM, SAM, cleanUp, freshDbName, openReplica } from './support/replicas';

const link = (otId: string, qboId: string) => ({
  collection: 'links' as const,
  id: `contact:${otId}`,
  body: { kind: 'contact', otId, qboId, origin: 'manual', createdAt: '2026-11-01T00:00:00.000Z', createdBy: 'Dana Whitfield' },
});

async function browserFromBefore(dbName: string): Promise<void> {
  const db = await openSyncDb(dbName);
  const links = new LinkStore(db, { realmId: REALM, user: 'Sam Ortiz' });
  await links.linkMany([
    { kind: 'contact', otId: 'c-1', qboId: '11', origin: 'manual' }, // the firm has nothing: taken
    { kind: 'contact', otId: 'c-3', qboId: '12', origin: 'manual' }, // the firm links c-3 to 14
    { kind: 'contact', otId: 'c-4', qboId: '15', origin: 'manual' }, // the firm links 15 to c-5
    { kind: 'workCode', otId: 'w-1', qboId: '3', origin: 'automatch' },
  ]);
  await saveSettings(db, REALM, { contactTypeIds: ['t1'], depositAccountId: '35' });
  const journal = createBillingJournal(db, REALM, { user: 'Sam Ortiz' });
  await journal.markPlanned('invoiceExport', 'inv-1', 'req-1');
  await journal.markDone('invoiceExport', 'inv-1', '900');
  db.close();
}

describe('replication: upgrade adopt', () => {
  afterEach(cleanUp);

  it("uploads what the browser held, keeps the firm's value where it differs, and lists what was not taken", async () => {
    const firm = new MemoryFirm();
    firm.seed(REALM, DANA, [link('c-3', '14'), link('c-5', '15')]);
    const dbName = freshDbName('upgrade');
    await browserFromBefore(dbName);

    const { data } = await openReplica(firm, SAM, { dbName });
    const { notTaken } = data.replication.status();
    expect(notTaken.map((n) => n.message)).to.have.members([
      'Link of contact c-3 to customer 12 was not taken: the firm links c-3 to customer 14 (made by Dana Whitfield).',
      'Link of contact c-4 to customer 15 was not taken: the firm links customer 15 to contact c-5 (made by Dana Whitfield).',
    ]);
    // The firm took the rest.
    expect(firm.get(REALM, 'links', 'contact:c-1')?.body).to.include({ qboId: '11', createdBy: 'Sam Ortiz' });
    expect(firm.get(REALM, 'links', 'workCode:w-1')?.body).to.include({ qboId: '3' });
    expect(firm.get(REALM, 'settings', 'settings')?.body).to.include({ depositAccountId: '35' });
    expect(firm.get(REALM, 'documents', 'invoiceExport:inv-1')?.body).to.include({ state: 'done', targetId: '900' });
    expect(firm.live(REALM, 'history').map((h) => h.body?.what)).to.deep.equal(['Export invoice inv-1']);
    // The replica now matches the firm.
    const contacts = (await data.links.list('contact')).map((l) => [l.otId, l.qboId]);
    expect(contacts).to.deep.equal([
      ['c-1', '11'],
      ['c-3', '14'],
      ['c-5', '15'],
    ]);
    expect(await data.history.list()).to.have.length(1, 'the adopted history line is not pulled back twice');
    expect((await data.journal.doneIds('invoiceExport')).has('inv-1')).to.equal(true);

    // The second open does not upload again, and still lists what was not taken until dismissed.
    data.close();
    const again = await openReplica(firm, SAM, { dbName });
    expect(again.data.replication.status().notTaken).to.have.length(2);
    expect(firm.live(REALM, 'history')).to.have.length(1);
    await again.data.replication.dismissNotTaken();
    expect(again.data.replication.status().notTaken).to.deep.equal([]);
    again.data.close();
    const third = await openReplica(firm, SAM, { dbName });
    expect(third.data.replication.status().notTaken).to.deep.equal([]);
  });

  it('a second browser of the same firm finds its settings not taken when the firm has them', async () => {
    const firm = new MemoryFirm();
    const first = await openReplica(firm, DANA);
    await first.data.settings.save({ contactTypeIds: ['t2'] });
    const dbName = freshDbName('upgrade-settings');
    const db = await openSyncDb(dbName);
    await saveSettings(db, REALM, { contactTypeIds: ['t1'] });
    db.close();
    const { data } = await openReplica(firm, SAM, { dbName });
    expect(data.replication.status().notTaken.map((n) => n.message)).to.deep.equal([
      "This browser's settings were not taken: the firm's settings are used (made by Dana Whitfield).",
    ]);
    expect((await data.settings.load()).contactTypeIds).to.deep.equal(['t2']);
  });

  it('uploads in chunks, and an upload cut off midway resumes without reporting its own records', async function () {
    this.timeout(60_000);
    const firm = new MemoryFirm();
    const dbName = freshDbName('upgrade-chunks');
    const db = await openSyncDb(dbName);
    await new LinkStore(db, { realmId: REALM, user: 'Sam Ortiz' }).linkMany(
      Array.from({ length: 4500 }, (_, i) => ({ kind: 'contact' as const, otId: `c-${i}`, qboId: String(10_000 + i), origin: 'import' as const })),
    );
    db.close();
    const remote = firm.remoteFor(SAM);
    remote.dropAdoptNumber = 2; // the first chunk of 2,000 lands, then the connection drops
    const first = await openReplica(firm, SAM, { dbName, remote });
    expect(first.data.replication.status().mode).to.equal('offline');
    expect(firm.live(REALM, 'links')).to.have.length(2000);
    await first.data.replication.pullNow(); // back: the upload starts over, the firm already has 2,000
    expect(remote.adopts).to.equal(2 + 3);
    expect(firm.live(REALM, 'links')).to.have.length(4500);
    expect(first.data.replication.status().notTaken).to.deep.equal([], 'records the firm holds with our very value are no news');
    expect(first.data.replication.status().mode).to.not.equal('offline');
    expect(await first.data.links.count('contact')).to.equal(4500);
  });
});
