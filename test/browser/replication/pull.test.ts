/**
 * Downstream replication against the in-memory firm: a first open of 20,000 links, a pull
 * interrupted mid-way that resumes from its checkpoint, duplicate and out-of-order pages, and
 * tombstones.
 */
import { expect } from 'chai';
import type { FirmRemote, PullPage } from '../../../src/sync/replication/firm-remote';
import { MemoryFirm } from './support/memory-firm';
import { DANA, REALM, SAM, cleanUp, freshDbName, openReplica, rejection, until } from './support/replicas';


const link = (otId: string, qboId: string, by = 'Dana Whitfield') => ({
  collection: 'links' as const,
  id: `contact:${otId}`,
  body: { kind: 'contact', otId, qboId, origin: 'manual', createdAt: '2026-12-01T00:00:00.000Z', createdBy: by },
});

describe('replication: pull', () => {
  afterEach(cleanUp);

  it('replicates 20,000 links into an empty browser on first open', async function () {
    this.timeout(120_000);
    const firm = new MemoryFirm();
    firm.seed(REALM, DANA, Array.from({ length: 20_000 }, (_, i) => link(`c-${i}`, String(1000 + i))));
    const started = performance.now();
    const { data } = await openReplica(firm, SAM);
    const ms = performance.now() - started;
    console.log(`      initial replication of 20,000 links: ${ms.toFixed(0)} ms`);
    expect(await data.links.count('contact')).to.equal(20_000);
    expect((await data.links.findByQboId('contact', '1234'))?.otId).to.equal('c-234');
    // Opened once the pages arrived; the sync time is set when they are all written.
    await until('the pull written', () => data.replication.status().mode === 'live', 60_000);
    expect(data.replication.status().lastSyncedAt).to.be.a('string');
  });

  it('two pages of one browser opening the same replica at once (panel and its window): the second asks only for what came after the first pull', async function () {
    this.timeout(60_000);
    const firm = new MemoryFirm();
    firm.seed(REALM, DANA, Array.from({ length: 5_000 }, (_, i) => link(`c-${i}`, String(1000 + i))));
    const dbName = freshDbName('two-pages');
    const panel = openReplica(firm, SAM, { dbName, pageSize: 1_000 });
    const window = openReplica(firm, SAM, { dbName, pageSize: 1_000, remote: firm.remoteFor(SAM) });
    const [a, b] = await Promise.all([panel, window]);
    const sinces = (r: typeof a) => r.remote.pulls.map((p) => p.since);
    // One of them pulled the 5,000 links page by page; the other started after it, at its checkpoint.
    const [full, after] = sinces(a)[0] === '0' ? [a, b] : [b, a];
    expect(sinces(full).slice(0, 5)).to.deep.equal(['0', '1000', '2000', '3000', '4000']);
    expect(sinces(after)[0]).to.equal('5000', `the second page's first pull: ${sinces(after).join(', ')}`);
    expect(await a.data.links.count('contact')).to.equal(5_000);
    expect(await b.data.links.count('contact')).to.equal(5_000);
  });

  it('concurrent pullNow calls share one run, and a burst of change events is pulled once', async () => {
    const firm = new MemoryFirm();
    const { data, remote } = await openReplica(firm, SAM);
    await until('the catch-up after open is done', () => data.replication.status().mode === 'live');
    await new Promise((r) => setTimeout(r, 100));
    let before = remote.pulls.length;
    await Promise.all([data.replication.pullNow(), data.replication.pullNow(), data.replication.pullNow()]);
    expect(remote.pulls.length - before).to.equal(1, 'one run, one page');

    const dana = await openReplica(firm, DANA);
    await until('quiet', () => data.replication.status().mode === 'live');
    await new Promise((r) => setTimeout(r, 100));
    before = remote.pulls.length;
    // Five pushes in a row by Dana: five `changes` events reach Sam within the debounce window.
    for (let i = 0; i < 5; i++) firm.push(REALM, DANA, [{ collection: 'links', id: `contact:b-${i}`, baseRev: null, body: link(`b-${i}`, String(700 + i)).body }]);
    await until('Sam has the five links', async () => (await data.links.count('contact')) === 5);
    await new Promise((r) => setTimeout(r, 150));
    expect(remote.pulls.length - before).to.be.at.most(2);
    void dana;
  });

  it('resumes an interrupted pull from the last page applied, without loss', async () => {
    const firm = new MemoryFirm();
    firm.seed(REALM, DANA, Array.from({ length: 50 }, (_, i) => link(`c-${i}`, String(100 + i))));
    const remote = firm.remoteFor(SAM);
    remote.failPullNumber = 3; // pages 1 and 2 land, the third call fails
    const dbName = freshDbName('interrupted');
    const error = await rejection(openReplica(firm, SAM, { remote, pageSize: 10, dbName }));
    expect(error.message).to.contain('The server failed');
    // The two pages that landed are kept, with their checkpoint: the next open goes on from 20.
    const { data } = await openReplica(firm, SAM, { remote, pageSize: 10, dbName });
    expect(remote.pulls.map((p) => p.since)).to.deep.equal(['0', '10', '20', '20', '30', '40']);
    expect(await data.links.count('contact')).to.equal(50);
  });

  it('skips duplicate deliveries and older revisions arriving late; tombstones delete', async () => {
    const firm = new MemoryFirm();
    firm.seed(REALM, DANA, [link('c-1', '10'), link('c-2', '20')]);
    const stale = firm.pull(REALM, '0', 1).records[0]; // c-1 at rev 1 (qboId 10)
    firm.seed(REALM, DANA, [link('c-1', '11')]); // rev 2 of c-1
    expect(stale.rev).to.equal(1);
    expect(stale.body?.qboId).to.equal('10');
    const dbName = freshDbName('replay');
    const { data, remote } = await openReplica(firm, SAM, { dbName });
    expect((await data.links.findByOtId('contact', 'c-1'))?.qboId).to.equal('11');

    // A remote that replays an old page and the same page again.
    const replaying: FirmRemote = {
      ...remote,
      events: () => () => undefined,
      push: remote.push.bind(remote),
      adopt: remote.adopt.bind(remote),
      async pull(): Promise<PullPage> {
        return { records: [stale, stale, stale], checkpoint: '1', more: false };
      },
    };
    const again = await openReplica(firm, SAM, { remote: replaying, dbName });
    await again.data.replication.pullNow();
    expect((await again.data.links.findByOtId('contact', 'c-1'))?.qboId).to.equal('11', 'an older rev never overwrites a newer one');
    expect(await again.data.links.count('contact')).to.equal(2);

    // A tombstone (Dana unlinks c-2) reaches Sam's open panel through the push channel.
    const dana = await openReplica(firm, DANA);
    await dana.data.links.unlink('contact', 'c-2');
    await until('c-2 unlinked in Sam\'s replica', async () => (await data.links.findByOtId('contact', 'c-2')) === undefined);
    expect(firm.get(REALM, 'links', 'contact:c-2')?.deleted).to.equal(true);
  });
});

