/**
 * The candidate index (issue 5 point 4): the shortcut for heavy words ("Bros", "Family",
 * "Trust": words in hundreds of names) must find exactly the candidates a full walk finds, and
 * the interned keys and weights it runs on must be those of the names.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CandidateIndex } from '../../../src/sync/match/candidate-index';
import { comparePair, isVeto } from '../../../src/sync/match/compare';
import { splitWords } from '../../../src/sync/match/fold';
import { buildProfile, type Profile } from '../../../src/sync/match/profile';
import { buildTokenWeights, profileTokens } from '../../../src/sync/match/token-weights';
import type { MatchEntity, MatchKind } from '../../../src/sync/match/types';
import { generateContacts } from '../../fixtures/automatch/generate';
import { Prng } from '../../fixtures/automatch/prng';

function profiles(list: readonly MatchEntity[], kind: MatchKind): Profile[] {
  return list.map((e, i) => buildProfile(e, i, kind));
}

function named(names: string[], prefix: string): MatchEntity[] {
  return names.map((name, i) => ({ id: `${prefix}${i}`, name }));
}

describe('candidate index', () => {
  it('finds the same candidates, in the same order, with heavy words set aside or walked in full', () => {
    const set = generateContacts({ seed: 77, pairs: 1500, unmatched: 200, hardNegatives: 150 });
    const L = profiles(set.input.left, 'contacts');
    const R = profiles(set.input.right, 'contacts');
    const tokens = buildTokenWeights(L, R);
    const full = new CandidateIndex(R, tokens, Number.POSITIVE_INFINITY);
    let compared = 0;
    for (const heavyDf of [2, 8, 32]) {
      const shortcut = new CandidateIndex(R, tokens, heavyDf);
      for (const a of L) {
        assert.deepEqual(shortcut.candidatesFor(a), full.candidatesFor(a), `left ${a.id} (heavy above ${heavyDf} names)`);
        compared++;
      }
    }
    assert.equal(compared, 3 * L.length);
  });

  it('still reaches a name made only of heavy words, and a heavy word adds to names reached otherwise', () => {
    const left = profiles(named(['Okafor Family Trust', 'Family Trust'], 'L'), 'contacts');
    const right = profiles(
      named(['Family Trust', 'Okafor Family Trust', 'Nguyen Family Trust', 'Okafor Trust', 'Lopez Family Trust', 'Family Trust Bank'], 'R'),
      'contacts',
    );
    const tokens = buildTokenWeights(left, right);
    const full = new CandidateIndex(right, tokens, Number.POSITIVE_INFINITY);
    const shortcut = new CandidateIndex(right, tokens, 2);
    for (const a of left) assert.deepEqual(shortcut.candidatesFor(a), full.candidatesFor(a), a.id);
    const ids = (a: Profile) => shortcut.candidatesFor(a).map((r) => right[r].id);
    // The exact name ranks first; "Family Trust" (all heavy words) is still found for the longer name.
    assert.equal(ids(left[0])[0], 'R1');
    assert.ok(ids(left[0]).includes('R0'));
    assert.equal(ids(left[1])[0], 'R0');
  });

  it('never proposes more than MAX_CANDIDATES and nothing for an unrelated name', () => {
    const right = profiles(named(Array.from({ length: 40 }, (_, i) => `Acme Widgets ${String.fromCharCode(97 + (i % 26))}${i}`), 'R'), 'contacts');
    const left = profiles(named(['Acme Widgets', 'Zygote Quarry'], 'L'), 'contacts');
    const index = new CandidateIndex(right, buildTokenWeights(left, right));
    assert.ok(index.candidatesFor(left[0]).length <= 12);
    assert.deepEqual(index.candidatesFor(left[1]), []);
  });
});

describe('token weights', () => {
  it('numbers right-side words first, keeps each name\'s keys distinct and weighs rarer words more', () => {
    const left = profiles(named(['Smith Smith Plumbing', 'Jones Plumbing'], 'L'), 'contacts');
    const right = profiles(named(['Plumbing Brothers', 'Smith Plumbing'], 'R'), 'contacts');
    const t = buildTokenWeights(left, right);
    const keys = (lists: { start: Int32Array; ids: Int32Array }, i: number) =>
      Array.from(lists.ids.subarray(lists.start[i], lists.start[i + 1]), (id) => t.words[id]);
    right.forEach((p, i) => assert.deepEqual(keys(t.right, i), profileTokens(p)));
    left.forEach((p, i) => assert.deepEqual(keys(t.left, i), profileTokens(p)));
    // Right words come first, in order of appearance, each canonical form before the word as written.
    assert.deepEqual(t.words.slice(0, 5), ['plbg', 'plumbing', 'bros', 'brothers', 'smith']);
    // "plumbing" is in all 4 names, "smith" in 2, "jones" in 1: log(1 + 4 / n).
    assert.equal(t.weight('plumbing'), Math.log(2));
    assert.equal(t.weight('plbg'), Math.log(2));
    assert.equal(t.weight('smith'), Math.log(3));
    assert.equal(t.weight('jones'), Math.log(5));
    assert.equal(t.weight('never-seen'), Math.log(5));
  });
});

describe('splitWords on plain ASCII', () => {
  it('gives what a split on non-alphanumerics gives', () => {
    const rng = new Prng(5);
    const alphabet = 'abcxyz0189 .,-:&\'/()ABZ\t';
    for (let n = 0; n < 2000; n++) {
      let s = '';
      const len = rng.int(24);
      for (let i = 0; i < len; i++) s += alphabet[rng.int(alphabet.length)];
      assert.deepEqual(splitWords(s), s.split(/[^a-z0-9]+/).filter((w) => w.length > 0), JSON.stringify(s));
    }
  });
});

describe('vetoes', () => {
  it('spell out the words that differ when read, also through JSON', () => {
    const a = buildProfile({ id: 'a', name: 'Ortiz Pest Control' }, 0, 'contacts');
    const b = buildProfile({ id: 'b', name: 'Ortiz Pest Control Imports' }, 0, 'contacts');
    const c = comparePair(a, b, { kind: 'contacts', weight: () => 1 });
    assert.ok(isVeto(c));
    assert.equal(c.veto, "extra distinguishing word 'imports'");
    assert.deepEqual(JSON.parse(JSON.stringify(c)), { veto: "extra distinguishing word 'imports'" });
  });
});
