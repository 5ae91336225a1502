/**
 * Finds, for each left entity, the few right entities worth scoring, without comparing all
 * pairs: an inverted index from words to entities, reached through exact words, through
 * one-deletion keys (so "Smiht" still finds "Smith"), and through the name's letters without
 * spaces (so "HomeDepot" finds "Home Depot").
 */
import { typoAllowance } from './align-tokens';
import type { Profile } from './profile';
import { editDistance } from './string-similarity';
import { GENERATIONAL } from './vocabulary';

/** Right entities scored per left entity at most. */
export const MAX_CANDIDATES = 12;
/**
 * A candidate must share at least this part of the word weight of the lighter of the two
 * names. A true pair shares every word but typos and middle names, while "John Smith" /
 * "Mary Smith" share only the surname, so this cut drops most look-alikes before scoring.
 */
const MIN_SHARED_WEIGHT = 0.7;
const TYPO_HIT = 0.8;
/**
 * A correctly spelled word ("john") has many one-letter neighbours that are other real words
 * ("joan", "jon"), each with long posting lists. Typos are rare, so a neighbour this common is
 * a different word: follow it only when the looked-up word is itself unknown (then it is
 * probably the typo, and its common neighbour the intended word).
 */
const COMMON_NEIGHBOUR_DF = 8;

function indexable(token: string): boolean {
  return token.length > 1 && !GENERATIONAL.has(token);
}

function deletions(token: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < token.length; i++) out.push(token.slice(0, i) + token.slice(i + 1));
  return out;
}

/**
 * Distinct indexable words over all of a profile's name forms: canonical tokens and, where an
 * abbreviation was expanded, the word as written (a typo in "Goup" is one letter from "group",
 * not from "grp").
 */
export function profileTokens(p: Profile): string[] {
  const set = new Set<string>();
  for (const f of p.forms) {
    for (let i = 0; i < f.tokens.length; i++) {
      if (indexable(f.tokens[i])) set.add(f.tokens[i]);
      if (f.raw[i] !== f.tokens[i] && indexable(f.raw[i])) set.add(f.raw[i]);
    }
  }
  return [...set];
}

export class CandidateIndex {
  private readonly vocab = new Map<string, number>();
  private readonly words: string[] = [];
  private readonly postings: number[][] = [];
  private readonly byDeletion = new Map<string, number[]>();
  private readonly byCompact = new Map<string, number[]>();
  private readonly lookupCache = new Map<string, Array<[number, number]>>();
  private readonly acc: Float64Array;
  private readonly touched: Int32Array;

  private readonly selfWeight: Float64Array;

  /** `keys[i]` are profileTokens(right[i]), computed once by the caller. */
  constructor(right: readonly Profile[], keys: readonly string[][], weight: (token: string) => number) {
    this.selfWeight = new Float64Array(right.length);
    for (const p of right) {
      for (const t of keys[p.index]) this.selfWeight[p.index] += weight(t);
      for (const t of keys[p.index]) {
        let id = this.vocab.get(t);
        if (id === undefined) {
          id = this.words.length;
          this.vocab.set(t, id);
          this.words.push(t);
          this.postings.push([]);
          for (const key of typoAllowance(t.length) > 0 ? [t, ...deletions(t)] : [t]) {
            const list = this.byDeletion.get(key);
            if (list) list.push(id);
            else this.byDeletion.set(key, [id]);
          }
        }
        this.postings[id].push(p.index);
      }
      for (const f of p.forms) {
        if (f.compact.length < 6) continue;
        const list = this.byCompact.get(f.compact);
        if (list) list.push(p.index);
        else this.byCompact.set(f.compact, [p.index]);
      }
    }
    this.acc = new Float64Array(right.length);
    this.touched = new Int32Array(right.length);
  }

  /** Vocabulary words equal or one typo away from `token`, with how much a hit counts. */
  private lookup(token: string): Array<[number, number]> {
    const cached = this.lookupCache.get(token);
    if (cached) return cached;
    const hits = new Map<number, number>();
    const exact = this.vocab.get(token);
    if (exact !== undefined) hits.set(exact, 1);
    if (typoAllowance(token.length) > 0) {
      for (const key of [token, ...deletions(token)]) {
        for (const id of this.byDeletion.get(key) ?? []) {
          if (hits.has(id)) continue;
          if (exact !== undefined && this.postings[id].length > COMMON_NEIGHBOUR_DF) continue;
          const w = this.words[id];
          const allowance = typoAllowance(Math.max(w.length, token.length));
          if (allowance > 0 && editDistance(w, token, allowance) <= allowance) hits.set(id, TYPO_HIT);
        }
      }
    }
    const out = [...hits.entries()];
    this.lookupCache.set(token, out);
    return out;
  }

  /** Indexes (into the right list) of the entities worth scoring against `p`, best first. */
  candidatesFor(p: Profile, tokens: readonly string[], weight: (token: string) => number): number[] {
    let self = 0;
    let n = 0;
    const { acc, touched } = this;
    for (const t of tokens) {
      const w = weight(t);
      self += w;
      for (const [id, factor] of this.lookup(t)) {
        for (const r of this.postings[id]) {
          if (acc[r] === 0) touched[n++] = r;
          acc[r] += w * factor;
        }
      }
    }
    for (const f of p.forms) {
      for (const r of this.byCompact.get(f.compact) ?? []) {
        if (acc[r] === 0) touched[n++] = r;
        acc[r] += self;
      }
    }
    const picked: Array<[number, number]> = [];
    for (let k = 0; k < n; k++) {
      const r = touched[k];
      if (acc[r] >= MIN_SHARED_WEIGHT * Math.min(self, this.selfWeight[r])) picked.push([acc[r], r]);
      acc[r] = 0;
    }
    picked.sort((x, y) => y[0] - x[0] || x[1] - y[1]);
    return picked.slice(0, MAX_CANDIDATES).map(([, r]) => r);
  }
}
