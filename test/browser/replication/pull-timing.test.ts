/**
 * Where the time of a first replication goes (no timing assertions: the machine decides the
 * numbers; the benchmark `npm run bench -- firm` holds the target). 20,000 links in the firm,
 * an empty database: the pages as the firm hands them over (parsed from JSON, as the HTTP
 * remote does), the time between an answer and the next request (applying the page with its
 * checkpoint), and the read the Match tab does afterwards.
 */
import { expect } from 'chai';
import type { FirmRemote, PullPage } from '../../../src/sync/replication/firm-remote';
import { MemoryFirm } from './support/memory-firm';
import { DANA, REALM, SAM, cleanUp, openReplica } from './support/replicas';

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
    // Warm the page cache (the firm's own filtering is not what is measured), then measure a fresh database.
    await (await openReplica(firm, DANA, { remote })).data.close();
    marks.length = 0;
    const started = performance.now();
    const { data } = await openReplica(firm, SAM, { remote });
    const opened = performance.now();
    const links = await data.links.list('contact');
    const listed = performance.now();
    expect(links).to.have.length(20_000);
    const lines = marks.map((m, i) => {
      const next = marks[i + 1]?.asked ?? opened;
      return `page ${i + 1} (${m.records} records): parsed ${(m.answered - m.asked).toFixed(0)} ms, applied ${(next - m.answered).toFixed(0)} ms`;
    });
    console.log(
      `      first replication of 20,000 links: open ${(opened - started).toFixed(0)} ms (before the first pull ${((marks[0]?.asked ?? opened) - started).toFixed(0)} ms; ${lines.join('; ')}), then links.list ${(listed - opened).toFixed(0)} ms`,
    );
  });
});
