/**
 * Write-through against the in-memory firm with two replicas (two databases), after RxDB's
 * protocol tests: a write reaches the firm first, a refused write names the winner and the
 * replica shows it, two staff linking one QBO customer at once end with exactly one link,
 * Clear all and its Undo travel across replicas, settings and the journal go through too.
 */
import { expect } from 'chai';
import { JournalError } from '../../../src/sync/billing/journal-transitions';
import { LinkConflictError } from '../../../src/sync/store/link-store';
import { SettingsStoreError } from '../../../src/sync/store/settings-store';
import { MemoryFirm } from './support/memory-firm';
import { DANA, REALM, SAM, cleanUp, openReplica, rejection, until } from './support/replicas';

const contact = (otId: string, qboId: string) => ({ kind: 'contact' as const, otId, qboId, origin: 'manual' as const });

describe('replication: write-through', () => {
  afterEach(cleanUp);

  it('stores a link at the firm first, with who made it, and the other replica receives it', async () => {
    const firm = new MemoryFirm();
    const sam = await openReplica(firm, SAM);
    const dana = await openReplica(firm, DANA);
    const made = await sam.data.links.link(contact('c-7', '58'));
    expect(made.createdBy).to.equal('Sam Ortiz');
    const atFirm = firm.get(REALM, 'links', 'contact:c-7');
    expect(atFirm?.rev).to.equal(1);
    expect(atFirm?.body).to.include({ otId: 'c-7', qboId: '58', createdBy: 'Sam Ortiz' });
    const seen: string[][] = [];
    dana.data.replication.subscribe((e) => {
      if (e.kind === 'changes') seen.push(e.collections);
    });
    await until("Dana's replica shows the link", async () => (await dana.data.links.findByQboId('contact', '58'))?.otId === 'c-7');
    expect(seen.flat()).to.include('links');
    // Sam relinks with new sync state: the write is based on rev 1 and makes rev 2.
    await sam.data.links.updateSyncState('contact', 'c-7', { syncToken: '3' });
    expect(firm.get(REALM, 'links', 'contact:c-7')?.rev).to.equal(2);
    expect(firm.get(REALM, 'links', 'contact:c-7')?.body?.syncToken).to.equal('3');
  });

  it('refuses a link the firm already gave to someone else, names the winner, and shows it', async () => {
    const firm = new MemoryFirm();
    const sam = await openReplica(firm, SAM);
    const dana = await openReplica(firm, DANA);
    dana.remote.muted = true; // Dana's replica has not heard of Sam's link yet
    await sam.data.links.link(contact('c-7', '58'));
    expect(await dana.data.links.findByQboId('contact', '58')).to.equal(undefined);
    // The local check passes; the firm refuses.
    const error = await rejection(dana.data.links.link(contact('c-9', '58')));
    expect(error).to.be.instanceOf(LinkConflictError);
    expect(error.message).to.contain('QuickBooks customer 58 was just linked to OfficeTools contact c-7 by Sam Ortiz.');
    expect((error as LinkConflictError).conflicts[0]).to.include({ reason: 'qboLinked', by: 'Sam Ortiz', otId: 'c-9', qboId: '58' });
    // Dana's replica caught up with the winner and holds nothing of hers.
    expect((await dana.data.links.findByQboId('contact', '58'))?.otId).to.equal('c-7');
    expect(await dana.data.links.findByOtId('contact', 'c-9')).to.equal(undefined);
    expect(firm.live(REALM, 'links').map((r) => r.id)).to.deep.equal(['contact:c-7']);
  });

  it('refuses an unlink of a link someone else changed first', async () => {
    const firm = new MemoryFirm();
    const sam = await openReplica(firm, SAM);
    const dana = await openReplica(firm, DANA);
    await sam.data.links.link(contact('c-1', '40'));
    await until('Dana has the link', async () => (await dana.data.links.count('contact')) === 1);
    dana.remote.muted = true;
    await sam.data.links.unlink('contact', 'c-1');
    await sam.data.links.link(contact('c-1', '41'));
    const error = await rejection(dana.data.links.unlink('contact', 'c-1'));
    expect(error.message).to.contain('OfficeTools contact c-1 was just linked to QuickBooks customer 41 by Sam Ortiz.');
    expect((await dana.data.links.findByOtId('contact', 'c-1'))?.qboId).to.equal('41');
  });

  it('two staff linking the same QBO customer at once: exactly one wins, both end with the winner', async () => {
    const firm = new MemoryFirm();
    const sam = await openReplica(firm, SAM);
    const dana = await openReplica(firm, DANA);
    const results = await Promise.allSettled([sam.data.links.link(contact('c-1', '77')), dana.data.links.link(contact('c-2', '77'))]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).to.have.length(1);
    expect(lost).to.have.length(1);
    expect(lost[0].reason).to.be.instanceOf(LinkConflictError);
    const winner = firm.live(REALM, 'links');
    expect(winner).to.have.length(1);
    const winnerOt = String(winner[0].body?.otId);
    expect(lost[0].reason.message).to.contain(`QuickBooks customer 77 was just linked to OfficeTools contact ${winnerOt} by ${winner[0].updatedBy.name}.`);
    for (const r of [sam, dana]) {
      await r.data.replication.pullNow();
      expect((await r.data.links.findByQboId('contact', '77'))?.otId).to.equal(winnerOt);
      expect(await r.data.links.count('contact')).to.equal(1);
    }
  });

  it('Clear all and Undo travel to the other replica', async () => {
    const firm = new MemoryFirm();
    const sam = await openReplica(firm, SAM);
    const dana = await openReplica(firm, DANA);
    await sam.data.links.linkMany(Array.from({ length: 30 }, (_, i) => contact(`c-${i}`, String(500 + i))));
    await until('Dana has 30 links', async () => (await dana.data.links.count('contact')) === 30);
    const pushesBefore = sam.remote.pushes;
    const removed = await sam.data.links.clearKind('contact');
    expect(removed).to.have.length(30);
    expect(sam.remote.pushes - pushesBefore).to.equal(1, 'Clear all is one push');
    await until('Dana sees no links', async () => (await dana.data.links.count('contact')) === 0);
    await sam.data.links.restoreLinks(removed);
    await until('Dana sees the 30 links back', async () => (await dana.data.links.count('contact')) === 30);
    expect((await dana.data.links.findByOtId('contact', 'c-3'))?.createdBy).to.equal('Sam Ortiz');
    expect(firm.get(REALM, 'links', 'contact:c-3')?.rev).to.equal(3, 'created, tombstoned, restored');
  });

  it('imports a links file (replace) in one push, and unlinks by QBO id', async () => {
    const firm = new MemoryFirm();
    const sam = await openReplica(firm, SAM);
    await sam.data.links.linkMany([contact('c-1', '1'), contact('c-2', '2')]);
    const file = await sam.data.links.exportLinks(['contact']);
    file.links = [{ ...file.links[0], qboId: '3' }];
    const pushes = sam.remote.pushes;
    const result = await sam.data.links.importLinks(file, { mode: 'replace' });
    expect(result).to.deep.equal({ added: 1, unchanged: 0, removed: 2 });
    expect(sam.remote.pushes - pushes).to.equal(1);
    expect(firm.live(REALM, 'links').map((r) => [r.id, r.body?.qboId])).to.deep.equal([['contact:c-1', '3']]);
    const gone = await sam.data.links.unlinkByQboId('contact', '3');
    expect(gone?.otId).to.equal('c-1');
    expect(firm.live(REALM, 'links')).to.have.length(0);
    expect(await sam.data.links.count('contact')).to.equal(0);
  });

  it('keeps the local pre-check: a link already taken locally is refused without a round trip', async () => {
    const firm = new MemoryFirm();
    const sam = await openReplica(firm, SAM);
    await sam.data.links.link(contact('c-1', '5'));
    const pushes = sam.remote.pushes;
    const error = await rejection(sam.data.links.link(contact('c-2', '5')));
    expect(error).to.be.instanceOf(LinkConflictError);
    expect(error.message).to.contain('QuickBooks customer 5 is already linked to OfficeTools contact c-1.');
    expect(sam.remote.pushes).to.equal(pushes);
  });

  it("settings save through; a save based on old settings is refused and the firm's are shown", async () => {
    const firm = new MemoryFirm();
    const sam = await openReplica(firm, SAM);
    const dana = await openReplica(firm, DANA);
    await sam.data.settings.save({ contactTypeIds: ['t1'] });
    expect(firm.get(REALM, 'settings', 'settings')?.body?.contactTypeIds).to.deep.equal(['t1']);
    await until('Dana sees the settings', async () => (await dana.data.settings.load()).contactTypeIds.includes('t1'));
    sam.remote.muted = true;
    await dana.data.settings.save({ contactSyncEnabled: true });
    const error = await rejection(sam.data.settings.save({ depositAccountId: '35' }));
    expect(error).to.be.instanceOf(SettingsStoreError);
    expect((error as SettingsStoreError).code).to.equal('conflict');
    expect(error.message).to.contain('Dana Whitfield changed them a moment ago');
    const shown = await sam.data.settings.load();
    expect(shown.contactSyncEnabled).to.equal(true, "Dana's setting is shown, never lost");
    expect(shown.depositAccountId).to.equal('');
    // Saving again, now based on Dana's, is taken.
    await sam.data.settings.save({ depositAccountId: '35' });
    expect(firm.get(REALM, 'settings', 'settings')?.body).to.include({ contactSyncEnabled: true, depositAccountId: '35' });
  });

  it('two quick saves from one panel both reach the firm (the second merges into the first)', async () => {
    const firm = new MemoryFirm();
    const sam = await openReplica(firm, SAM);
    await Promise.all([sam.data.settings.save({ contactSyncEnabled: true }), sam.data.settings.save({ contactTypeIds: ['t1', 't2'] })]);
    expect(firm.get(REALM, 'settings', 'settings')?.body).to.deep.include({ contactSyncEnabled: true, contactTypeIds: ['t1', 't2'] });
    const shown = await sam.data.settings.load();
    expect(shown.contactSyncEnabled).to.equal(true);
    expect(shown.contactTypeIds).to.deep.equal(['t1', 't2']);
  });

  it('the journal pushes document states with their history lines in one push', async () => {
    const firm = new MemoryFirm();
    const sam = await openReplica(firm, SAM);
    const dana = await openReplica(firm, DANA);
    await sam.data.journal.markPlanned('invoiceExport', 'inv-1', 'req-1');
    const pushes = sam.remote.pushes;
    await sam.data.journal.record('invoiceExport', [
      { sourceId: 'inv-1', state: 'sent' },
      { sourceId: 'inv-1', state: 'done', targetId: '901', how: 'created' },
    ]);
    expect(sam.remote.pushes - pushes).to.equal(1);
    expect(firm.get(REALM, 'documents', 'invoiceExport:inv-1')?.body).to.include({ state: 'done', targetId: '901', requestId: 'req-1' });
    expect(firm.live(REALM, 'history').map((r) => r.body?.what)).to.deep.equal(['Export invoice inv-1']);
    await until('Dana sees the export as done', async () => (await dana.data.journal.doneIds('invoiceExport')).has('inv-1'));
    const history = await dana.data.history.list();
    expect(history.map((h) => [h.what, h.who, h.result])).to.deep.equal([['Export invoice inv-1', 'Sam Ortiz', 'ok']]);
    expect((await sam.data.history.list())).to.have.length(1, 'no double history line for the writer');
  });

  it('a journal write based on an old document state is refused with a JournalError', async () => {
    const firm = new MemoryFirm();
    const sam = await openReplica(firm, SAM);
    await sam.data.journal.markPlanned('invoiceExport', 'inv-2', 'req-2');
    // The push channel opens after the opening run and catches up once; then Sam stops hearing.
    await new Promise((r) => setTimeout(r, 50));
    await until('Sam in step', () => sam.data.replication.status().mode === 'live');
    sam.remote.muted = true; // Sam's replica does not hear of Dana's change
    const current = firm.get(REALM, 'documents', 'invoiceExport:inv-2');
    firm.push(REALM, DANA, [{ collection: 'documents', id: 'invoiceExport:inv-2', baseRev: current?.rev ?? null, body: { ...current?.body, state: 'sent' } }]);
    const error = await rejection(sam.data.journal.markFailed('invoiceExport', 'inv-2', { code: 'x', message: 'y' }));
    expect(error).to.be.instanceOf(JournalError);
    expect((error as JournalError).code).to.equal('conflict');
    expect(error.message).to.contain('Dana Whitfield');
    expect((await sam.data.journal.get('invoiceExport', 'inv-2'))?.state).to.equal('sent', "the firm's state is shown");
  });
});
