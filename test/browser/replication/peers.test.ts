/**
 * Two pages of one browser over one replica (the panel and its host window share the IndexedDB
 * database and its checkpoint): whichever page applies a change, the other page's views hear
 * of it. Before replica-peers.ts, the page that pulled second found nothing new and said
 * nothing, so a colleague's link showed in the panel but never in the open Match window.
 */
import { expect } from 'chai';
import type { FirmEvent, FirmRemote } from '../../../src/sync/replication/firm-remote';
import type { ReplicationEvent } from '../../../src/sync/replication/open-firm-data';
import { MemoryFirm, type MemoryRemote } from './support/memory-firm';
import { DANA, REALM, SAM, cleanUp, freshDbName, openReplica, until } from './support/replicas';

const link = (otId: string, qboId: string) => ({ kind: 'contact', otId, qboId, origin: 'manual', createdAt: '2026-12-01T00:00:00.000Z', createdBy: 'x' });

/** The remote of a page whose push channel hears each event `ms` late (the other page pulls first). */
function hearsLate(remote: MemoryRemote, ms: number): FirmRemote {
  return {
    pull: (...a) => remote.pull(...a),
    push: (...a) => remote.push(...a),
    adopt: (...a) => remote.adopt(...a),
    events: (listener: (e: FirmEvent) => void) => remote.events((e) => setTimeout(() => listener(e), ms)),
  };
}

function linkChanges(events: ReplicationEvent[]): number {
  return events.filter((e) => e.kind === 'changes' && e.collections.includes('links')).length;
}

describe('replication: pages of one browser sharing a replica', () => {
  afterEach(cleanUp);

  it("a colleague's link reaches the window's views even when the panel applied it first", async () => {
    const firm = new MemoryFirm();
    const dbName = freshDbName('peers-pull');
    const panel = await openReplica(firm, SAM, { dbName });
    const window = await openReplica(firm, SAM, { dbName, remote: hearsLate(firm.remoteFor(SAM), 300) });
    await until('both in step', () => panel.data.replication.status().mode === 'live' && window.data.replication.status().mode === 'live');
    const heard: ReplicationEvent[] = [];
    window.data.replication.subscribe((e) => heard.push(e));

    const dana = await openReplica(firm, DANA);
    await dana.data.links.link({ kind: 'contact', otId: 'c-1', qboId: '58', origin: 'manual' });
    await until("the panel's replica has Dana's link", async () => (await panel.data.links.findByOtId('contact', 'c-1'))?.qboId === '58');
    await until("the window's views are told the links changed", () => linkChanges(heard) > 0, 3000);
    expect((await window.data.links.findByOtId('contact', 'c-1'))?.qboId).to.equal('58');
  });

  it("a link written in the window reaches the panel's views (the firm's event finds nothing new there)", async () => {
    const firm = new MemoryFirm();
    firm.seed(REALM, DANA, [{ collection: 'links', id: 'contact:c-0', body: link('c-0', '10') }]);
    const dbName = freshDbName('peers-write');
    const panel = await openReplica(firm, SAM, { dbName });
    const window = await openReplica(firm, SAM, { dbName });
    await until('both in step', () => panel.data.replication.status().mode === 'live' && window.data.replication.status().mode === 'live');
    const heard: ReplicationEvent[] = [];
    panel.data.replication.subscribe((e) => heard.push(e));

    await window.data.links.link({ kind: 'contact', otId: 'c-2', qboId: '77', origin: 'manual' });
    await until("the panel's views are told the links changed", () => linkChanges(heard) > 0, 3000);
    expect((await panel.data.links.findByOtId('contact', 'c-2'))?.qboId).to.equal('77');
  });

  it('replicas of other databases or companies are not told', async () => {
    const firm = new MemoryFirm();
    const a = await openReplica(firm, SAM);
    const b = await openReplica(firm, SAM);
    await until('both in step', () => a.data.replication.status().mode === 'live' && b.data.replication.status().mode === 'live');
    // The push channel's catch-up after the opening run.
    await new Promise((r) => setTimeout(r, 100));
    await until('both in step', () => a.data.replication.status().mode === 'live' && b.data.replication.status().mode === 'live');
    // b hears nothing from the firm: only a page of its own database could tell it.
    (b.remote as MemoryRemote).muted = true;
    const heard: ReplicationEvent[] = [];
    b.data.replication.subscribe((e) => heard.push(e));
    await a.data.links.link({ kind: 'contact', otId: 'c-3', qboId: '90', origin: 'manual' });
    await new Promise((r) => setTimeout(r, 300));
    expect(linkChanges(heard)).to.equal(0);
  });
});
