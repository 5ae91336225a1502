/**
 * Two replicas making random link changes at the same time (RxDB-test style): every refusal is
 * a LinkConflictError (nothing else goes wrong), the firm keeps one link per QBO customer, and
 * once both have pulled, both replicas hold exactly the firm's links.
 */
import { expect } from 'chai';
import { LinkConflictError } from '../../../src/sync/store/link-store';
import { MemoryFirm } from './support/memory-firm';
import { DANA, SAM, cleanUp, firmLinks, openReplica, replicaLinks } from './support/replicas';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x * 1664525 + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

describe('replication: convergence', () => {
  afterEach(cleanUp);

  for (const seed of [1, 2, 3]) {
    it(`random concurrent links and unlinks by two staff converge on the firm's state (seed ${seed})`, async function () {
      this.timeout(30_000);
      const firm = new MemoryFirm();
      const replicas = [await openReplica(firm, SAM), await openReplica(firm, DANA)];
      const rnd = random(seed);
      const unexpected: unknown[] = [];
      let refused = 0;
      await Promise.all(
        replicas.map(async (r) => {
          for (let i = 0; i < 40; i++) {
            const otId = `c-${Math.floor(rnd() * 8)}`;
            const qboId = String(Math.floor(rnd() * 8));
            try {
              if (rnd() < 0.3) await r.data.links.unlink('contact', otId);
              else if (!(await r.data.links.findByOtId('contact', otId))) await r.data.links.link({ kind: 'contact', otId, qboId, origin: 'manual' });
              else await r.data.links.updateSyncState('contact', otId, { syncToken: String(i) });
            } catch (e) {
              if (e instanceof LinkConflictError) refused++;
              else unexpected.push(e);
            }
          }
        }),
      );
      expect(unexpected).to.deep.equal([]);
      for (const r of replicas) await r.data.replication.pullNow();
      const atFirm = firmLinks(firm);
      const qbos = atFirm.map((l) => l.split('=')[1]);
      expect(new Set(qbos).size).to.equal(qbos.length, 'one link per QBO customer at the firm');
      for (const r of replicas) expect(await replicaLinks(r)).to.deep.equal(atFirm);
      console.log(`      seed ${seed}: ${atFirm.length} links at the end, ${refused} writes refused`);
    });
  }
});
