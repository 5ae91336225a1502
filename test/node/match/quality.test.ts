/**
 * Quality floor on the TEST split of the generated labelled sets (thresholds were chosen on the
 * TUNING split, see test/fixtures/automatch/sets.ts): about 300 × 320 per kind, precision ≥ 0.99
 * and recall ≥ 0.95, a beat over exact equality, and the held-back pairs apart from the proposals.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { automatch } from '../../../src/sync/match/automatch';
import { exactNameBaseline } from '../../fixtures/automatch/baselines';
import { evaluatePairs } from '../../fixtures/automatch/evaluate';
import { generateContacts } from '../../fixtures/automatch/generate';
import { SMALL_SETS } from '../../fixtures/automatch/sets';

describe('quality on the labelled test split', () => {
  for (const [kind, make] of Object.entries(SMALL_SETS)) {
    it(`${kind}: precision ≥ 0.99, recall ≥ 0.95, better F1 than exact equality`, () => {
      const set = make();
      const res = automatch(set.input);
      const q = evaluatePairs(res.proposals.map((p) => [p.leftId, p.rightId]), set.truth);
      assert.ok(q.precision >= 0.99, `precision ${q.precision}`);
      assert.ok(q.recall >= 0.95, `recall ${q.recall}`);
      assert.ok(q.f1 > evaluatePairs(exactNameBaseline(set.input), set.truth).f1);
      // Needs-a-decision never repeats an entity of a confident proposal.
      const usedL = new Set(res.proposals.map((p) => p.leftId));
      const usedR = new Set(res.proposals.map((p) => p.rightId));
      for (const u of res.undecided) {
        assert.ok(!usedL.has(u.leftId) && !usedR.has(u.rightId), `${u.leftId}/${u.rightId} is both proposed and undecided`);
        assert.ok(u.reason.length > 0);
      }
    });
  }
  it('the generator is deterministic and labels hard negatives as unpaired', () => {
    const a = generateContacts({ seed: 5, pairs: 20, unmatched: 5, hardNegatives: 10 });
    const b = generateContacts({ seed: 5, pairs: 20, unmatched: 5, hardNegatives: 10 });
    assert.deepEqual(a, b);
    assert.ok(a.input.left.length > a.truth.length && a.input.right.length > a.truth.length);
  });
  it('the sets hold the variations of issue 13', () => {
    const names = (k: keyof typeof SMALL_SETS) => {
      const s = SMALL_SETS[k]().input;
      return [...s.left, ...s.right].map((e) => e.name);
    };
    const contacts = names('contacts');
    assert.ok(contacts.some((n) => /\([A-Z][a-z]+\)$/.test(n)), 'a tag in parentheses');
    assert.ok(contacts.some((n) => / [-–] [A-Z][a-z]+$/.test(n)), 'a tag after a dash');
    assert.ok(names('items').some((n) => /^\d{3,4} [A-Z]/.test(n)), 'a code number in front of a name');
  });
});
