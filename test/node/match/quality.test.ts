/**
 * Quality floor on the generated labelled sets (smaller than the benchmark's, same
 * generator): precision ≥ 0.99 and recall ≥ 0.95 for each kind, and a beat over the baselines.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { automatch } from '../../../src/sync/match/automatch';
import { exactNameBaseline } from '../../fixtures/automatch/baselines';
import { evaluatePairs } from '../../fixtures/automatch/evaluate';
import { generateContacts, generateEmployees, generateItems, type LabelledSet } from '../../fixtures/automatch/generate';

const sets: Record<string, LabelledSet> = {
  contacts: generateContacts({ seed: 101, pairs: 500, unmatched: 60, hardNegatives: 80 }),
  employees: generateEmployees({ seed: 102, pairs: 300, unmatched: 40, hardNegatives: 50 }),
  items: generateItems({ seed: 103, pairs: 90, unmatched: 15, hardNegatives: 15, copies: 2 }),
};

describe('quality on labelled sets', () => {
  for (const [kind, set] of Object.entries(sets)) {
    it(`${kind}: precision ≥ 0.99, recall ≥ 0.95, better F1 than exact equality`, () => {
      const q = evaluatePairs(automatch(set.input).proposals.map((p) => [p.leftId, p.rightId]), set.truth);
      assert.ok(q.precision >= 0.99, `precision ${q.precision}`);
      assert.ok(q.recall >= 0.95, `recall ${q.recall}`);
      assert.ok(q.f1 > evaluatePairs(exactNameBaseline(set.input), set.truth).f1);
    });
  }
  it('the generator is deterministic and labels hard negatives as unpaired', () => {
    const a = generateContacts({ seed: 5, pairs: 20, unmatched: 5, hardNegatives: 10 });
    const b = generateContacts({ seed: 5, pairs: 20, unmatched: 5, hardNegatives: 10 });
    assert.deepEqual(a, b);
    assert.ok(a.input.left.length > a.truth.length && a.input.right.length > a.truth.length);
  });
});
