/** One-to-one, maximal total, margin rule, linked entities never re-paired (issue 5 point 4). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assignOneToOne, type ScoredEdge } from '../../../src/sync/match/assign';
import { automatch, AUTOMATCH_TUNING } from '../../../src/sync/match/automatch';
import { maxWeightAssignment } from '../../../src/sync/match/hungarian';
import { Prng } from '../../fixtures/automatch/prng';
import { generateContacts } from '../../fixtures/automatch/generate';
import { run } from './helpers';

function bruteForceBest(w: number[][]): number {
  const n = w.length;
  const m = w[0].length;
  let best = 0;
  const used = new Array<boolean>(m).fill(false);
  const go = (i: number, sum: number) => {
    if (i === n) {
      best = Math.max(best, sum);
      return;
    }
    go(i + 1, sum);
    for (let j = 0; j < m; j++) {
      if (!used[j] && w[i][j] > 0) {
        used[j] = true;
        go(i + 1, sum + w[i][j]);
        used[j] = false;
      }
    }
  };
  go(0, 0);
  return best;
}

describe('Hungarian assignment', () => {
  it('finds the maximum total on random matrices (checked by brute force)', () => {
    const rng = new Prng(7);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + rng.int(5);
      const m = n + rng.int(3);
      const w = Array.from({ length: n }, () => Array.from({ length: m }, () => (rng.chance(0.4) ? 0 : Math.round(rng.next() * 100) / 100)));
      const { colOfRow, total } = maxWeightAssignment(w);
      assert.ok(Math.abs(total - bruteForceBest(w)) < 1e-9, `trial ${trial}`);
      const cols = colOfRow.filter((j) => j >= 0);
      assert.equal(new Set(cols).size, cols.length, 'each column used once');
    }
  });
  it('refuses more rows than columns with a clear message', () => {
    assert.throws(() => maxWeightAssignment([[1], [1]]), /rows ≤ columns/);
  });
});

describe('margin rule', () => {
  const opts = { threshold: 0.8, floor: 0.6, margin: 0.05, maxExact: 12, undecidedFloor: 0.7 };
  const e = (l: number, r: number, score: number): ScoredEdge => ({ l, r, score, reasons: [] });
  it('two equally good partners: nothing is proposed', () => {
    const out = assignOneToOne([e(0, 0, 0.95), e(0, 1, 0.95)], 1, 2, opts);
    assert.equal(out.chosen.length, 0);
    assert.equal(out.withheld, 1);
  });
  it('a close second-best withholds the pair', () => {
    assert.equal(assignOneToOne([e(0, 0, 0.95), e(0, 1, 0.92)], 1, 2, opts).chosen.length, 0);
  });
  it('a clear margin lets it through', () => {
    const out = assignOneToOne([e(0, 0, 0.95), e(0, 1, 0.85)], 1, 2, opts);
    assert.deepEqual(out.chosen.map((c) => [c.edge.l, c.edge.r]), [[0, 0]]);
    assert.ok(Math.abs(out.chosen[0].regret - 0.1) < 1e-9);
  });
  it('an alternative that is clearly someone else’s partner does not count against', () => {
    const out = assignOneToOne([e(0, 0, 0.95), e(0, 1, 0.9), e(1, 1, 1)], 2, 2, opts);
    assert.deepEqual(out.chosen.map((c) => [c.edge.l, c.edge.r]).sort(), [[0, 0], [1, 1]]);
  });
  it('the total is maximised rather than the best pair taken first', () => {
    // Greedy would take (0,0)=0.99 and leave 1 unpaired; the optimum pairs both.
    const out = assignOneToOne([e(0, 0, 0.99), e(0, 1, 0.9), e(1, 0, 0.95)], 2, 2, { ...opts, margin: 0 });
    assert.deepEqual(out.chosen.map((c) => [c.edge.l, c.edge.r]).sort(), [[0, 1], [1, 0]]);
  });
  it('scores below the threshold are never proposed', () => {
    assert.equal(assignOneToOne([e(0, 0, 0.79)], 1, 1, opts).chosen.length, 0);
  });
  it('the large-component fallback keeps the margin rule', () => {
    const edges: ScoredEdge[] = [];
    for (let i = 0; i < 14; i++) edges.push(e(i, i, 0.95), e(i, i + 1, 0.93));
    const out = assignOneToOne(edges, 14, 15, opts);
    assert.equal(out.chosen.length, 0);
  });
  it('duplicate customers in QBO: the left contact is not paired with either', () => {
    assert.equal(run('contacts', ['Acme Plumbing'], ['Acme Plumbing', 'ACME PLUMBING LLC']).proposals.length, 0);
  });
  it('secondary evidence breaks the tie', () => {
    const r = run('contacts', [{ name: 'Acme Plumbing', email: 'office@acme.com' }], ['Acme Plumbing', { name: 'ACME PLUMBING LLC', email: 'office@acme.com' }]);
    assert.deepEqual(r.named, [['Acme Plumbing', 'ACME PLUMBING LLC']]);
    assert.match(r.proposals[0].reasons.join(' | '), /same email/);
  });
});

describe('automatch on a generated set', () => {
  const set = generateContacts({ seed: 99, pairs: 300, unmatched: 40, hardNegatives: 40 });
  it('is one-to-one', () => {
    const res = automatch(set.input);
    assert.ok(res.proposals.length > 250);
    assert.equal(new Set(res.proposals.map((p) => p.leftId)).size, res.proposals.length);
    assert.equal(new Set(res.proposals.map((p) => p.rightId)).size, res.proposals.length);
    for (const p of res.proposals) {
      assert.ok(p.score >= AUTOMATCH_TUNING.threshold && p.score <= 1);
      assert.ok(p.reasons.length > 0);
    }
  });
  it('never re-pairs linked entities, and reports them as skipped', () => {
    const linkedLeftIds = new Set(set.truth.slice(0, 50).map(([l]) => l));
    const linkedRightIds = new Set(set.truth.slice(25, 75).map(([, r]) => r));
    const res = automatch({ ...set.input, linkedLeftIds, linkedRightIds });
    assert.ok(res.proposals.length > 150);
    for (const p of res.proposals) {
      assert.ok(!linkedLeftIds.has(p.leftId), `left ${p.leftId} is linked`);
      assert.ok(!linkedRightIds.has(p.rightId), `right ${p.rightId} is linked`);
    }
    assert.equal(res.stats.skippedLinkedLeft, 50);
    assert.equal(res.stats.skippedLinkedRight, 50);
  });
  it('scores far fewer pairs than all-pairs', () => {
    const res = automatch(set.input);
    assert.ok(res.stats.candidatePairs < 5 * set.input.left.length, `${res.stats.candidatePairs} candidate pairs`);
  });
  it('rejects malformed input with a message naming the field', () => {
    assert.throws(() => automatch({ kind: 'vendors' as never, left: [], right: [] }), /kind must be one of contacts, employees, items/);
    assert.throws(() => automatch({ kind: 'contacts', left: [{ id: '', name: 'x' }], right: [] }), /left\[0\] needs a non-empty string "id"/);
  });
});
