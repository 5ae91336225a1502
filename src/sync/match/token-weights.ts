/**
 * The index keys of every name in one automatch run, interned to integer ids, and their
 * rarity weights: a word in few names says more than one in many, so its weight is
 * log(1 + names / names with it). Ids let the candidate index work on flat typed arrays instead
 * of string-keyed maps and per-name arrays: at 20,000 × 20,000 the index walks millions of
 * postings, and Map lookups plus 40,000 small arrays (garbage-collector work) were the largest
 * costs of a run.
 */
import type { Profile } from './profile';
import { GENERATIONAL } from './vocabulary';

/** Each name's keys as word ids: the keys of name i are ids[start[i] .. start[i + 1]). */
export interface KeyLists {
  readonly start: Int32Array;
  readonly ids: Int32Array;
}

export interface TokenWeights {
  /** Word → id. Right-side words get the lowest ids, in their order of first appearance. */
  readonly ids: ReadonlyMap<string, number>;
  /** Id → word. */
  readonly words: readonly string[];
  /** Id → rarity weight. */
  readonly weightById: Float64Array;
  readonly left: KeyLists;
  readonly right: KeyLists;
  /** Weight of any word; a word no name contains gets the weight of a word seen once. */
  weight(token: string): number;
}

function indexable(token: string): boolean {
  return token.length > 1 && !GENERATIONAL.has(token);
}

/**
 * Calls `visit` with each word a profile is indexed under, over all its name forms: canonical
 * tokens and, where an abbreviation was expanded, the word as written (a typo in "Goup" is one
 * letter from "group", not from "grp"). A word may come more than once.
 */
function forEachKey(p: Profile, visit: (token: string) => void): void {
  const skip = p.unindexed;
  for (const f of p.forms) {
    for (let i = 0; i < f.tokens.length; i++) {
      if (skip && skip.includes(f.tokens[i])) continue;
      if (indexable(f.tokens[i])) visit(f.tokens[i]);
      if (f.raw[i] !== f.tokens[i] && indexable(f.raw[i])) visit(f.raw[i]);
    }
  }
}

/** The distinct words a profile is indexed under, in order of first appearance. */
export function profileTokens(p: Profile): string[] {
  const set = new Set<string>();
  forEachKey(p, (t) => set.add(t));
  return [...set];
}

class Interner {
  readonly ids = new Map<string, number>();
  readonly words: string[] = [];
  /** Names holding each word. */
  readonly counts: number[] = [];
  /** Per word, the last name (plus one) it was counted for: keeps each name's keys distinct. */
  private readonly lastName: number[] = [];
  private stamp = 0;

  keyLists(profiles: readonly Profile[]): KeyLists {
    const start = new Int32Array(profiles.length + 1);
    let ids = new Int32Array(profiles.length * 4);
    let n = 0;
    for (let i = 0; i < profiles.length; i++) {
      const name = ++this.stamp;
      forEachKey(profiles[i], (t) => {
        let id = this.ids.get(t);
        if (id === undefined) {
          id = this.words.length;
          this.ids.set(t, id);
          this.words.push(t);
          this.counts.push(0);
          this.lastName.push(0);
        }
        if (this.lastName[id] === name) return;
        this.lastName[id] = name;
        this.counts[id]++;
        if (n === ids.length) {
          const grown = new Int32Array(ids.length * 2);
          grown.set(ids);
          ids = grown;
        }
        ids[n++] = id;
      });
      start[i + 1] = n;
    }
    return { start, ids: ids.slice(0, n) };
  }
}

export function buildTokenWeights(left: readonly Profile[], right: readonly Profile[]): TokenWeights {
  const interner = new Interner();
  // Right first: the candidate index then meets its words in the same order as the right list.
  const rightKeys = interner.keyLists(right);
  const leftKeys = interner.keyLists(left);
  const { ids, words, counts } = interner;
  const total = left.length + right.length;
  const weightById = new Float64Array(words.length);
  for (let id = 0; id < words.length; id++) weightById[id] = Math.log(1 + total / counts[id]);
  const unseen = Math.log(1 + total);
  return {
    ids,
    words,
    weightById,
    left: leftKeys,
    right: rightKeys,
    weight: (token) => {
      const id = ids.get(token);
      return id === undefined ? unseen : weightById[id];
    },
  };
}
