/**
 * Revs kept in buckets (replica-revs.ts, schema migration 3) and the first pull's in-memory view
 * of the links it applied: a database of migration 2 moves on without its old rev rows (the
 * checkpoint goes back to the start), links that move between QBO ids across pages land right
 * in an empty browser, and two frames pulling into one database at once converge.
 */
import { expect } from 'chai';
import { openDB } from 'idb';
import { bucketOf, REV_BUCKETS } from '../../../src/sync/replication/replica-revs';
import { openSyncDb } from '../../../src/sync/store/schema';
import { MemoryFirm } from './support/memory-firm';
import { DANA, REALM, SAM, cleanUp, firmLinks, freshDbName, openReplica, replicaLinks } from './support/replicas';

const link = (otId: string, qboId: string) => ({
  collection: 'links' as const,
  id: `contact:${otId}`,
  body: { kind: 'contact', otId, qboId, origin: 'manual', createdAt: '2026-12-01T00:00:00.000Z', createdBy: 'Dana Whitfield' },
});

describe('replication: rev buckets', () => {
  afterEach(cleanUp);

  it('spreads records over every bucket, always to the same one', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i++) seen.add(bucketOf('links', `contact:c-${i}`));
    expect(seen.size).to.equal(REV_BUCKETS);
    expect(bucketOf('links', 'contact:c-1')).to.equal(bucketOf('links', 'contact:c-1'));
    expect(bucketOf('links', 'contact:c-1')).to.not.equal(bucketOf('documents', 'contact:c-1'));
  });

  it('keeps revs across reopen: a page replayed later changes nothing, a write is based on the rev seen', async () => {
    const firm = new MemoryFirm();
    firm.seed(REALM, DANA, Array.from({ length: 600 }, (_, i) => link(`c-${i}`, String(5000 + i))));
    firm.seed(REALM, DANA, [link('c-7', '9999')]); // rev 2 of c-7
    const dbName = freshDbName('revs');
    const first = await openReplica(firm, SAM, { dbName, pageSize: 250 });
    first.data.close();
    const again = await openReplica(firm, SAM, { dbName });
    expect((await again.data.links.findByOtId('contact', 'c-7'))?.qboId).to.equal('9999');
    // Sam's unlink is based on rev 2; the firm takes it (a wrong base rev would be a conflict).
    await again.data.links.unlink('contact', 'c-7');
    expect(firm.get(REALM, 'links', 'contact:c-7')).to.include({ deleted: true, rev: 3 });
    expect(await replicaLinks(again)).to.deep.equal(firmLinks(firm));
  });

  it('an empty browser takes in links that moved between QBO ids across pages', async () => {
    const firm = new MemoryFirm();
    firm.seed(REALM, DANA, [link('a', '1'), link('b', '2'), link('c', '3')]);
    // Over time: a leaves 1 for 4, then d takes 1; b is unlinked and e takes 2; c moves to 5 and back.
    firm.push(REALM, DANA, [{ collection: 'links', id: 'contact:a', baseRev: 1, body: link('a', '4').body }]);
    firm.push(REALM, DANA, [{ collection: 'links', id: 'contact:d', baseRev: null, body: link('d', '1').body }]);
    firm.push(REALM, DANA, [{ collection: 'links', id: 'contact:b', baseRev: 1, deleted: true }]);
    firm.push(REALM, DANA, [{ collection: 'links', id: 'contact:e', baseRev: null, body: link('e', '2').body }]);
    firm.push(REALM, DANA, [{ collection: 'links', id: 'contact:c', baseRev: 1, body: link('c', '5').body }]);
    firm.push(REALM, DANA, [{ collection: 'links', id: 'contact:c', baseRev: 2, body: link('c', '3').body }]);
    for (const pageSize of [1, 2, 3, 100]) {
      const replica = await openReplica(firm, SAM, { pageSize });
      expect(await replicaLinks(replica), `pages of ${pageSize}`).to.deep.equal(firmLinks(firm));
    }
  });

  it('two frames pulling into one empty database at once converge on the firm', async () => {
    const firm = new MemoryFirm();
    firm.seed(REALM, DANA, Array.from({ length: 300 }, (_, i) => link(`c-${i}`, String(i))));
    // Links swap QBO ids late in the feed, so a frame's later page meets the other frame's writes.
    for (let i = 0; i < 20; i++) firm.push(REALM, DANA, [{ collection: 'links', id: `contact:c-${i}`, baseRev: 1, deleted: true }]);
    for (let i = 0; i < 20; i++) firm.push(REALM, DANA, [{ collection: 'links', id: `contact:n-${i}`, baseRev: null, body: link(`n-${i}`, String(19 - i)).body }]);
    const dbName = freshDbName('two-frames');
    const [one, two] = await Promise.all([openReplica(firm, SAM, { dbName, pageSize: 40 }), openReplica(firm, SAM, { dbName, pageSize: 70 })]);
    await one.data.replication.pullNow();
    expect(await replicaLinks(one)).to.deep.equal(firmLinks(firm));
    expect(await replicaLinks(two)).to.deep.equal(firmLinks(firm));
  });

  it('migration 3 replaces the rev rows of migration 2 and pulls again from the start', async () => {
    const name = freshDbName('migrate');
    // A database as migration 2 left it, with a rev row and a checkpoint.
    const old = await openDB(name, 2, {
      upgrade(db) {
        const links = db.createObjectStore('links', { keyPath: ['realmId', 'kind', 'otId'] });
        links.createIndex('byQbo', ['realmId', 'kind', 'qboId'], { unique: true });
        links.createIndex('byKind', ['realmId', 'kind']);
        db.createObjectStore('settings', { keyPath: 'realmId' });
        db.createObjectStore('documents', { keyPath: ['realmId', 'kind', 'sourceId'] }).createIndex('byState', ['realmId', 'kind', 'state']);
        const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
        outbox.createIndex('byContact', ['realmId', 'contactId']);
        outbox.createIndex('byRealm', 'realmId');
        db.createObjectStore('audit', { keyPath: 'seq', autoIncrement: true }).createIndex('byRealm', 'realmId');
        db.createObjectStore('replicaRevs', { keyPath: ['realmId', 'collection', 'id'] });
        db.createObjectStore('replicaRealms', { keyPath: 'realmId' });
        db.createObjectStore('pendingWrites', { keyPath: 'seq', autoIncrement: true }).createIndex('byRealm', 'realmId');
      },
    });
    await old.put('replicaRevs', { realmId: REALM, collection: 'links', id: 'contact:c-1', rev: 1, deleted: false });
    await old.put('replicaRealms', { realmId: REALM, checkpoint: '1', adoptedAt: '2026-12-01T00:00:00.000Z' });
    await old.put('links', { realmId: REALM, kind: 'contact', otId: 'c-1', qboId: '10', origin: 'manual', createdAt: '2026-12-01T00:00:00.000Z', createdBy: 'Dana' });
    old.close();

    const db = await openSyncDb(name);
    expect([...db.objectStoreNames]).to.include('replicaRevBuckets').and.not.include('replicaRevs');
    expect(await db.get('replicaRealms', REALM)).to.deep.equal({ realmId: REALM, checkpoint: '0', adoptedAt: '2026-12-01T00:00:00.000Z' });
    db.close();

    // The next open pulls from the start and learns the revs again.
    const firm = new MemoryFirm();
    firm.seed(REALM, DANA, [link('c-1', '10')]);
    firm.seed(REALM, DANA, [link('c-1', '11')]);
    const replica = await openReplica(firm, SAM, { dbName: name });
    expect(await replicaLinks(replica)).to.deep.equal(['contact:c-1=11']);
    await replica.data.links.unlink('contact', 'c-1');
    expect(firm.get(REALM, 'links', 'contact:c-1')).to.include({ deleted: true, rev: 3 });
  });
});
