/**
 * Where the time of a first replication goes (no timing assertions: the machine decides the
 * numbers; the benchmark `npm run bench -- firm` holds the target). 20,000 links in the firm,
 * an empty database: when each page (parsed from JSON, as the HTTP remote does) was answered,
 * when each slice of a page was applied with its checkpoint, and the read the Match tab does afterwards.
 */
import { expect } from 'chai';
import type { FirmRemote, PullPage } from '../../../src/sync/replication/firm-remote';
import { MemoryFirm } from './support/memory-firm';
import { DANA, REALM, SAM, cleanUp, freshDbName } from './support/replicas';
import { DEFAULT_PULL_PAGE, pullAll } from '../../../src/sync/replication/pull';
import { LinkStore } from '../../../src/sync/store/link-store';
import { openSyncDb } from '../../../src/sync/store/schema';

const link = (otId: string, qboId: string) => ({
  collection: 'links' as const,
  id: `contact:${otId}`,
  body: { kind: 'contact', otId, qboId, origin: 'manual', createdAt: '2026-12-01T00:00:00.000Z', createdBy: 'Dana Whitfield' },
});

describe('replication: first pull timings (printed)', () => {
  afterEach(cleanUp);

  it('prints where 20,000 links spend their time on the way into an empty browser', async function () {
    this.timeout(120_000);
    const firm = new MemoryFirm();
    firm.seed(REALM, DANA, Array.from({ length: 20_000 }, (_, i) => link(`c-${i}`, String(1000 + i))));
    // The firm's pages, prepared beforehand as JSON text so that only parsing (as over HTTP) is timed.
    const pages = new Map<string, string>();
    const inner = firm.remoteFor(SAM);
    const marks: Array<{ asked: number; answered: number; records: number }> = [];
    const remote: FirmRemote = {
      async pull(realmId, since, limit) {
        const asked = performance.now();
        const key = `${since}/${limit}`;
        if (!pages.has(key)) pages.set(key, JSON.stringify(await inner.pull(realmId, since, limit)));
        const page = JSON.parse(pages.get(key) ?? '') as PullPage;
        marks.push({ asked, answered: performance.now(), records: page.records.length });
        return page;
      },
      push: (...a) => inner.push(...a),
      adopt: (...a) => inner.adopt(...a),
      events: (...a) => inner.events(...a),
    };
    // Warm the page cache (the firm's own filtering is not what is measured).
    for (let since = '0', more = true; more; ) {
      const page = await remote.pull(REALM, since, DEFAULT_PULL_PAGE);
      more = page.more;
      since = page.checkpoint;
    }
    marks.length = 0;
    const dbName = freshDbName('timing');
    const started = performance.now();
    const db = await openSyncDb(dbName);
    const opened = performance.now();
    const applied: number[] = [];
    await pullAll({ db, realmId: REALM, remote, now: () => new Date(), onPage: () => applied.push(performance.now()) });
    const pulled = performance.now();
    const links = new LinkStore(db, { realmId: REALM, user: 'Sam Ortiz', now: () => new Date() });
    const list = await links.list('contact');
    const listed = performance.now();
    db.close();
    expect(list).to.have.length(20_000);
    // Pages are asked for ahead: page i+1 is fetched while page i is applied.
    const answered = marks.map((m, i) => `page ${i + 1} (${m.records} records) answered at ${(m.answered - started).toFixed(0)} ms`);
    const slices = applied.map((t) => (t - started).toFixed(0)).join(', ');
    console.log(`      first pull of 20,000 links: database open ${(opened - started).toFixed(0)} ms; ${answered.join('; ')}; slices applied at ${slices} ms; pull done ${(pulled - started).toFixed(0)} ms; then links.list ${(listed - pulled).toFixed(0)} ms`);
  });
});
