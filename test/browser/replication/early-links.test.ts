/**
 * A first pull opens the firm's data once its pages arrived, before they are all written:
 * links are read from the pages in memory meanwhile (early-links.ts), writes and the other
 * collections wait for the writes, and afterwards everything reads IndexedDB as before.
 */
import { expect } from 'chai';
import { openDB } from 'idb';
import { EarlyLinks } from '../../../src/sync/replication/early-links';
import type { RemoteRecord } from '../../../src/sync/replication/firm-remote';
import { MemoryFirm } from './support/memory-firm';
import { DANA, REALM, SAM, cleanUp, firmLinks, freshDbName, openReplica, replicaLinks, until } from './support/replicas';

const link = (otId: string, qboId: string) => ({
  collection: 'links' as const,
  id: `contact:${otId}`,
  body: { kind: 'contact', otId, qboId, origin: 'manual', createdAt: '2026-12-01T00:00:00.000Z', createdBy: 'Dana Whitfield' },
});

async function storedLinks(dbName: string): Promise<number> {
  const db = await openDB(dbName);
  try {
    return await db.count('links');
  } finally {
    db.close();
  }
}

const record = (id: string, rev: number, body: Record<string, unknown> | null): RemoteRecord => ({
  collection: 'links',
  id,
  rev,
  seq: String(rev),
  deleted: body === null,
  body,
  updatedBy: { id: 'u', name: 'U' },
  updatedAt: '2026-12-01T00:00:00.000Z',
});

describe('replication: links of a first pull read before they are written', () => {
  afterEach(cleanUp);

  it('opens with every link readable while the pages are still being written; writes wait; then IndexedDB has them all', async function () {
    this.timeout(60_000);
    const firm = new MemoryFirm();
    firm.seed(REALM, DANA, Array.from({ length: 10_000 }, (_, i) => link(`c-${String(i).padStart(5, '0')}`, String(1000 + i))));
    const dbName = freshDbName('early');
    const { data } = await openReplica(firm, SAM, { dbName, pageSize: 2_500 });
    // Opened before the writes ended: the run is still going, IndexedDB holds part of the links.
    expect(data.replication.status().mode).to.equal('syncing');
    expect(await storedLinks(dbName)).to.be.below(10_000);
    const listed = await data.links.list('contact');
    expect(listed.length).to.equal(10_000);
    expect(listed[0].otId).to.equal('c-00000');
    expect(listed[9_999]).to.include({ otId: 'c-09999', qboId: '10999', realmId: REALM, kind: 'contact' });
    expect(await data.links.count('contact')).to.equal(10_000);
    expect((await data.links.findByQboId('contact', '1234'))?.otId).to.equal('c-00234');
    expect((await data.links.findByOtId('contact', 'c-00007'))?.qboId).to.equal('1007');

    // A write made now waits for the writes, then goes through as usual.
    const made = await data.links.link({ kind: 'contact', otId: 'n-1', qboId: '99999', origin: 'manual' });
    expect(made.qboId).to.equal('99999');
    expect(await storedLinks(dbName)).to.equal(10_001);
    await until('in step', () => data.replication.status().mode === 'live');
    expect(await replicaLinks({ data, remote: firm.remoteFor(SAM), dbName })).to.deep.equal(firmLinks(firm));
    expect((await data.settings.load()).realmId).to.equal(REALM);
  });

  it('a window opening while the panel pulls the replica for the first time reads the firm into memory instead of waiting for the writes', async function () {
    this.timeout(60_000);
    const firm = new MemoryFirm();
    firm.seed(REALM, DANA, Array.from({ length: 20_000 }, (_, i) => link(`c-${String(i).padStart(5, '0')}`, String(1000 + i))));
    const dbName = freshDbName('early-two-pages');
    const panelRemote = firm.remoteFor(SAM);
    const panel = openReplica(firm, SAM, { dbName, pageSize: 2_500, remote: panelRemote });
    await until('the panel pulls', () => panelRemote.pulls.length > 0);
    const windowRemote = firm.remoteFor(SAM);
    const window = await openReplica(firm, SAM, { dbName, pageSize: 2_500, remote: windowRemote });
    expect(windowRemote.pulls[0]?.since).to.equal('0', 'the window read the firm from the start, into memory');
    expect(await storedLinks(dbName)).to.be.below(20_000, 'the panel was still writing when the window opened');
    expect(await window.data.links.count('contact')).to.equal(20_000);
    expect((await window.data.links.findByQboId('contact', '20999'))?.otId).to.equal('c-19999');
    const opened = await panel;
    await until('both in step', () => opened.data.replication.status().mode === 'live' && window.data.replication.status().mode === 'live', 30_000);
    expect(await storedLinks(dbName)).to.equal(20_000);
    expect(await window.data.links.count('contact')).to.equal(20_000);
  });

  it('a replica that already holds links opens after its pull, as before', async () => {
    const firm = new MemoryFirm();
    firm.seed(REALM, DANA, [link('c-1', '10')]);
    const dbName = freshDbName('early-warm');
    (await openReplica(firm, SAM, { dbName })).data.close();
    firm.seed(REALM, DANA, [link('c-2', '20')]);
    const { data } = await openReplica(firm, SAM, { dbName });
    expect(await storedLinks(dbName)).to.equal(2);
    expect((await data.links.list('contact')).map((l) => l.otId)).to.deep.equal(['c-1', 'c-2']);
  });

  it('keeps the newest rev of each link, drops tombstones and moves a QBO id to its newest holder', () => {
    const early = new EarlyLinks(REALM, 1);
    early.page([record('contact:a', 1, { kind: 'contact', otId: 'a', qboId: '1' }), record('contact:b', 1, { kind: 'contact', otId: 'b', qboId: '2' })]);
    early.page([record('contact:a', 3, null), record('contact:a', 2, { kind: 'contact', otId: 'a', qboId: '9' }), record('contact:c', 4, { kind: 'contact', otId: 'c', qboId: '2' })]);
    expect(early.serving).to.equal(false);
    early.complete();
    expect(early.serving).to.equal(true);
    expect(early.list('contact').map((l) => `${l.otId}=${l.qboId}`)).to.deep.equal(['c=2']);
    expect(early.findByQboId('contact', '2')?.otId).to.equal('c');
    expect(early.findByOtId('contact', 'b')).to.equal(undefined);
    expect(early.list('employee')).to.deep.equal([]);
    early.end();
    expect(early.serving).to.equal(false);
    const small = new EarlyLinks(REALM, 3);
    small.page([record('contact:a', 1, { kind: 'contact', otId: 'a', qboId: '1' })]);
    small.complete();
    expect(small.serving).to.equal(false, 'too few records to be worth reading from memory');
  });
});
