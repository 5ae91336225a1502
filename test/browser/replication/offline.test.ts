/**
 * The proxy unreachable: the panel opens with the last known state, link and settings writes
 * wait in the queue (applied locally, marked pending) and are sent in order when the push
 * channel is back; a queued write the firm refuses is dropped, the firm's record shown, and
 * reported in status().notTaken. Journal writes are refused outright.
 */
import { expect } from 'chai';
import { JournalError } from '../../../src/sync/billing/journal-transitions';
import { FirmRemoteError } from '../../../src/sync/replication/firm-remote-errors';
import { MemoryFirm } from './support/memory-firm';
import { DANA, REALM, SAM, cleanUp, freshDbName, openReplica, rejection, until } from './support/replicas';

const contact = (otId: string, qboId: string) => ({ kind: 'contact' as const, otId, qboId, origin: 'manual' as const });

describe('replication: offline', () => {
  afterEach(cleanUp);

  it('opens with the last known state when the proxy is unreachable', async () => {
    const firm = new MemoryFirm();
    const dbName = freshDbName('offline-open');
    const first = await openReplica(firm, SAM, { dbName });
    await first.data.links.link(contact('c-1', '10'));
    first.data.close();
    const remote = firm.remoteFor(SAM);
    remote.setOffline(true);
    const { data } = await openReplica(firm, SAM, { dbName, remote });
    expect(data.replication.status().mode).to.equal('offline');
    expect(data.replication.status().lastSyncedAt).to.be.a('string');
    expect((await data.links.findByOtId('contact', 'c-1'))?.qboId).to.equal('10');
  });

  it('queues writes offline, sends them when back, and reports the one the firm refused', async () => {
    const firm = new MemoryFirm();
    const sam = await openReplica(firm, SAM);
    const dana = await openReplica(firm, DANA);
    await sam.data.links.link(contact('c-0', '9'));
    await until('Sam live', () => sam.data.replication.status().mode === 'live');

    sam.remote.setOffline(true);
    await sam.data.links.link(contact('c-1', '10'));
    await sam.data.links.link(contact('c-2', '11'));
    await sam.data.links.updateSyncState('contact', 'c-1', { syncToken: '4' });
    await sam.data.settings.save({ contactTypeIds: ['t9'] });
    await until('Sam offline with 4 pending', () => {
      const s = sam.data.replication.status();
      return s.mode === 'offline' && s.pendingWrites === 4;
    });
    // Applied locally meanwhile.
    expect((await sam.data.links.findByOtId('contact', 'c-2'))?.qboId).to.equal('11');
    expect((await sam.data.settings.load()).contactTypeIds).to.deep.equal(['t9']);
    expect(firm.live(REALM, 'links')).to.have.length(1);

    // Dana takes customer 11 first.
    await dana.data.links.link(contact('c-3', '11'));

    const statuses: string[] = [];
    sam.data.replication.subscribe((e) => {
      if (e.kind === 'status') statuses.push(sam.data.replication.status().mode);
    });
    sam.remote.setOffline(false); // the push channel opens again: flush, then pull
    await until('queue flushed', () => sam.data.replication.status().pendingWrites === 0 && sam.data.replication.status().mode === 'live');

    const { notTaken } = sam.data.replication.status();
    expect(notTaken).to.have.length(1);
    expect(notTaken[0]).to.include({ collection: 'links', id: 'contact:c-2', source: 'offline' });
    expect(notTaken[0].message).to.contain('QuickBooks customer 11 was just linked to OfficeTools contact c-3 by Dana Whitfield.');
    // The firm has Sam's other writes (in order: c-1 then its sync state), and Dana's link.
    expect(firm.get(REALM, 'links', 'contact:c-1')?.body).to.include({ qboId: '10', syncToken: '4' });
    expect(firm.get(REALM, 'links', 'contact:c-1')?.rev).to.equal(2);
    expect(firm.get(REALM, 'settings', 'settings')?.body?.contactTypeIds).to.deep.equal(['t9']);
    expect(firm.get(REALM, 'links', 'contact:c-2')).to.equal(undefined);
    // Sam's replica shows the winner, not the refused link.
    expect((await sam.data.links.findByQboId('contact', '11'))?.otId).to.equal('c-3');
    expect(await sam.data.links.findByOtId('contact', 'c-2')).to.equal(undefined);
    expect(statuses).to.include('live');
    await until("Dana sees Sam's queued links", async () => (await dana.data.links.findByOtId('contact', 'c-1'))?.syncToken === '4');
  });

  it('refuses journal writes offline with a clear message, and writes nothing', async () => {
    const firm = new MemoryFirm();
    const sam = await openReplica(firm, SAM);
    sam.remote.setOffline(true);
    const error = await rejection(sam.data.journal.markPlanned('invoiceExport', 'inv-9', 'req-9'));
    expect(error).to.be.instanceOf(JournalError);
    expect((error as JournalError).code).to.equal('offline');
    expect(error.message).to.contain('could create duplicates');
    expect(await sam.data.journal.get('invoiceExport', 'inv-9')).to.equal(undefined);
    expect(sam.data.replication.status().pendingWrites).to.equal(0);
    sam.remote.setOffline(false);
    await sam.data.journal.markPlanned('invoiceExport', 'inv-9', 'req-9');
    expect(firm.get(REALM, 'documents', 'invoiceExport:inv-9')?.body?.state).to.equal('planned');
  });

  it('history lines written offline are sent once when back', async () => {
    const firm = new MemoryFirm();
    const sam = await openReplica(firm, SAM);
    sam.remote.setOffline(true);
    await sam.data.history.append({ at: '2026-12-02T11:00:00.000Z', who: 'Sam Ortiz', what: 'Clear all links', result: 'ok' });
    expect((await sam.data.history.list()).map((h) => h.what)).to.deep.equal(['Clear all links']);
    sam.remote.setOffline(false);
    await until('sent', () => sam.data.replication.status().pendingWrites === 0 && sam.data.replication.status().mode === 'live');
    await sam.data.replication.pullNow();
    expect(firm.live(REALM, 'history')).to.have.length(1);
    expect((await sam.data.history.list()).map((h) => h.what)).to.deep.equal(['Clear all links']);
  });

  it('a queued write the firm will never take (400) is dropped and reported, and the rest goes on', async () => {
    const firm = new MemoryFirm();
    const sam = await openReplica(firm, SAM);
    sam.remote.setOffline(true);
    await sam.data.settings.save({ depositAccountId: '35' });
    await sam.data.links.link(contact('c-1', '10'));
    sam.remote.refusePush = (changes) =>
      changes.some((c) => c.collection === 'settings') ? new FirmRemoteError('bad_change', 'Change 0: depositAccountId must be a QBO Id.', { status: 400 }) : undefined;
    sam.remote.setOffline(false);
    await until('queue emptied', () => sam.data.replication.status().pendingWrites === 0 && sam.data.replication.status().mode === 'live');
    const { notTaken } = sam.data.replication.status();
    expect(notTaken.map((n) => n.message)).to.deep.equal(['Saving the settings made while offline was not taken: Change 0: depositAccountId must be a QBO Id. The firm\'s version is shown now.']);
    expect((await sam.data.settings.load()).depositAccountId).to.equal('', 'the refused value is taken back');
    expect(firm.get(REALM, 'links', 'contact:c-1')?.body?.qboId).to.equal('10');
  });
});
