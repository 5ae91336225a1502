/** The contact outbox against real IndexedDB: order, combining, survival across reopen. */
import { expect } from 'chai';
import { deleteDB } from 'idb';
import { ContactOutbox } from '../../../src/sync/contact-sync/contact-outbox';
import { ContactSyncError } from '../../../src/sync/contact-sync/contact-sync-error';
import { openSyncDb, type QboSyncDatabase } from '../../../src/sync/store/schema';

const REALM = '9130';

describe('contact outbox (IndexedDB)', () => {
  let name = '';
  let db: QboSyncDatabase;
  let ids = 0;
  const outbox = () => new ContactOutbox(db, { newRequestId: () => `rid-${++ids}` });

  beforeEach(async () => {
    name = `outbox-test-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    db = await openSyncDb(name);
  });

  afterEach(async () => {
    db.close();
    await deleteDB(name);
  });

  it('keeps changes in the order they were made, one head per contact', async () => {
    const ob = outbox();
    const a = await ob.enqueue(REALM, { action: 'create', contactId: 'a', fields: { DisplayName: 'A' }, displayName: 'A' });
    const b = await ob.enqueue(REALM, { action: 'update', contactId: 'b', qboId: '7', fields: { 'PrimaryPhone.FreeFormNumber': '1' } });
    await ob.recordAttempt(a.seq as number); // a is (maybe) in flight: the next edit cannot join it
    const a2 = await ob.enqueue(REALM, { action: 'update', contactId: 'a', qboId: '8', fields: { Suffix: 'Jr.' } });
    expect((await ob.list(REALM)).map((r) => [r.contactId, r.op])).to.deep.equal([
      ['a', 'create'],
      ['b', 'update'],
      ['a', 'update'],
    ]);
    expect((a.seq as number) < (b.seq as number) && (b.seq as number) < (a2.seq as number)).to.equal(true);
    expect((await ob.heads(REALM)).map((r) => r.seq)).to.deep.equal([a.seq, b.seq]);
    await ob.complete(a.seq as number);
    expect((await ob.heads(REALM)).map((r) => r.seq)).to.deep.equal([b.seq, a2.seq]);
  });

  it('combines successive edits of a contact that were not sent yet, later values winning', async () => {
    const ob = outbox();
    const first = await ob.enqueue(REALM, { action: 'update', contactId: 'c', qboId: '9', fields: { 'PrimaryEmailAddr.Address': 'a@x.example', 'BillAddr.City': 'One' } });
    const second = await ob.enqueue(REALM, { action: 'update', contactId: 'c', qboId: '9', fields: { 'BillAddr.City': 'Two', Active: false } });
    const all = await ob.list(REALM);
    expect(all).to.have.length(1);
    expect(second.seq).to.equal(first.seq, 'keeps its place in the order');
    expect(all[0].fields).to.deep.equal({ 'PrimaryEmailAddr.Address': 'a@x.example', 'BillAddr.City': 'Two', Active: false });
    expect(all[0].requestId).to.not.equal(first.requestId, 'a changed body gets a new requestid');
  });

  it('an edit of a contact whose create is unsent joins the create', async () => {
    const ob = outbox();
    await ob.enqueue(REALM, { action: 'create', contactId: 'n', fields: { DisplayName: 'New', 'PrimaryPhone.FreeFormNumber': '1' }, displayName: 'New' });
    await ob.enqueue(REALM, { action: 'update', contactId: 'n', qboId: '1', fields: { 'PrimaryPhone.FreeFormNumber': '2' } });
    const [only, ...rest] = await ob.list(REALM);
    expect(rest).to.have.length(0);
    expect(only.op).to.equal('create');
    expect(only.fields).to.deep.equal({ DisplayName: 'New', 'PrimaryPhone.FreeFormNumber': '2' });
  });

  it('an edit after a failure joins it and makes it pending again (QBO wrote nothing)', async () => {
    const ob = outbox();
    const r = await ob.enqueue(REALM, { action: 'update', contactId: 'f', qboId: '3', fields: { 'PrimaryEmailAddr.Address': 'bad' } });
    await ob.recordAttempt(r.seq as number);
    await ob.fail(r.seq as number, { code: 'qbo_6000', message: 'refused' });
    await ob.enqueue(REALM, { action: 'update', contactId: 'f', qboId: '3', fields: { 'PrimaryEmailAddr.Address': 'ok@x.example' } });
    const [one] = await ob.list(REALM);
    expect(one.state).to.equal('pending');
    expect(one.attempts).to.equal(0);
    expect(one.error).to.equal(undefined);
    expect(one.fields['PrimaryEmailAddr.Address']).to.equal('ok@x.example');
  });

  it('survives closing and reopening the database, requestid and attempts included', async () => {
    const ob = outbox();
    const r = await ob.enqueue(REALM, { action: 'create', contactId: 'p', fields: { DisplayName: 'Persisted' }, displayName: 'Persisted' });
    await ob.recordAttempt(r.seq as number);
    db.close();
    db = await openSyncDb(name);
    const [back] = await new ContactOutbox(db).list(REALM);
    expect(back.contactId).to.equal('p');
    expect(back.requestId).to.equal(r.requestId);
    expect(back.attempts).to.equal(1);
    expect(back.state).to.equal('pending');
  });

  it('keeps companies apart', async () => {
    const ob = outbox();
    await ob.enqueue(REALM, { action: 'create', contactId: 'x', fields: { DisplayName: 'X' }, displayName: 'X' });
    await ob.enqueue('4620', { action: 'create', contactId: 'x', fields: { DisplayName: 'X' }, displayName: 'X' });
    expect(await ob.list(REALM)).to.have.length(1);
    expect(await ob.list('4620')).to.have.length(1);
  });

  it('Retry makes a failed change pending with a new requestid; it refuses other states', async () => {
    const ob = outbox();
    const r = await ob.enqueue(REALM, { action: 'update', contactId: 'r', qboId: '5', fields: { Suffix: 'Sr.' } });
    let refused: unknown;
    try {
      await ob.retry(r.seq as number);
    } catch (e) {
      refused = e;
    }
    expect(refused).to.be.instanceOf(ContactSyncError);
    expect((refused as ContactSyncError).code).to.equal('bad_state');
    await ob.fail(r.seq as number, { code: 'qbo_6000', message: 'no' });
    const again = await ob.retry(r.seq as number);
    expect(again.state).to.equal('pending');
    expect(again.requestId).to.not.equal(r.requestId);
  });

  it('a conflict answer sends the OfficeTools values kept and drops the QuickBooks ones', async () => {
    const ob = outbox();
    const r = await ob.enqueue(REALM, { action: 'update', contactId: 'k', qboId: '6', fields: { 'PrimaryEmailAddr.Address': 'ot@x.example', 'BillAddr.City': 'OT City' } });
    await ob.markConflict(r.seq as number, r.fields, 'both changed');
    let incomplete: unknown;
    try {
      await ob.resolveConflict(r.seq as number, { 'BillAddr.City': 'quickbooks' });
    } catch (e) {
      incomplete = e;
    }
    expect((incomplete as ContactSyncError).code).to.equal('incomplete_answer');
    const next = await ob.resolveConflict(r.seq as number, { 'BillAddr.City': 'quickbooks', 'PrimaryEmailAddr.Address': 'officetools' });
    expect(next?.state).to.equal('pending');
    expect(next?.fields).to.deep.equal({ 'PrimaryEmailAddr.Address': 'ot@x.example' });
    await ob.markConflict(r.seq as number, next?.fields ?? {}, 'again');
    expect(await ob.resolveConflict(r.seq as number, { 'PrimaryEmailAddr.Address': 'quickbooks' })).to.equal(undefined);
    expect(await ob.list(REALM)).to.have.length(0);
  });
});
