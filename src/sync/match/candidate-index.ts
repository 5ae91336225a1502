/**
 * Finds, for each left entity, the few right entities worth scoring, without comparing all
 * pairs: an inverted index from words to entities, reached through exact words, through
 * one-deletion keys (so "Smiht" still finds "Smith"), and through the name's letters without
 * spaces (so "HomeDepot" finds "Home Depot").
 *
 * At 20,000 × 20,000 a run walks several million postings (common words such as "Bros" or
 * "Family" sit in hundreds of names), so the walk runs on interned word ids and flat typed
 * arrays: no string hashing, tuple or closure per posting.
 */
import { typoAllowance } from './align-tokens';
import type { Profile } from './profile';
import { editDistance } from './string-similarity';
import type { TokenWeights } from './token-weights';

/** Right entities scored per left entity at most. */
export const MAX_CANDIDATES = 12;
/**
 * A candidate must share at least this part of the word weight of the lighter of the two
 * names. A true pair shares every word but typos and middle names, while "John Smith" /
 * "Mary Smith" share only the surname, so this cut drops most look-alikes before scoring.
 * 0.65 rather than 0.7 (tuning split): a typo makes a word rare, hence heavy, while the other
 * name counts both an abbreviation and its spelling ("Sys"/"Systems"), and two typos in a long
 * name fell under 0.7; 0.6 gained little more for a third more pairs scored.
 */
const MIN_SHARED_WEIGHT = 0.65;
const TYPO_HIT = 0.8;
/**
 * A correctly spelled word ("john") has many one-letter neighbours that are other real words
 * ("joan", "jon"), each with long posting lists. Typos are rare, so a neighbour this common is
 * a different word: follow it only when the looked-up word is itself unknown (then it is
 * probably the typo, and its common neighbour the intended word).
 */
const COMMON_NEIGHBOUR_DF = 8;

/**
 * Words in more right names than this ("Bros", "Family", "Saint", "Trust") are not walked in
 * full: their postings were half of all postings walked at 20,000 × 20,000, while they can add
 * weight only to names already reached through a rarer word, or to names made almost only of
 * such words. The first kind is found with a membership bitmap, the second by walking the
 * word's postings from the lightest name up (see candidatesFor).
 */
export const HEAVY_DF = 128;

function deletions(token: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < token.length; i++) out.push(token.slice(0, i) + token.slice(i + 1));
  return out;
}

/** Right-side words a looked-up word reaches: the word itself first when the right side has it, then typo neighbours. */
interface Hits {
  ids: number[];
  exactFirst: boolean;
}

/** A word with more than HEAVY_DF right names. */
interface HeavyWord {
  /** Bit r is set when right name r holds the word: one bit per name, since up to (all index keys) / HEAVY_DF words can be heavy. */
  members: Uint32Array;
  /** The names holding the word, lightest (smallest total word weight) first. */
  lightestFirst: Int32Array;
}

const IN_REACH = 1;
const HEAVY_ONLY = 2;

export class CandidateIndex {
  /** Word ids below this are right-side words (TokenWeights numbers the right side first). */
  private readonly rightVocab: number;
  /** Postings in compressed rows: the right entities holding word `id` are postings[start[id] .. start[id + 1]). */
  private readonly start: Int32Array;
  private readonly postings: Int32Array;
  private readonly byDeletion = new Map<string, number[]>();
  private readonly byCompact = new Map<string, number[]>();
  private readonly hitsById: Array<Hits | undefined>;
  private readonly heavy: Array<HeavyWord | undefined>;
  /** Per right name during one candidatesFor call: IN_REACH, HEAVY_ONLY or 0. */
  private readonly reach: Uint8Array;
  /** Heavy-word hits set aside during one candidatesFor call, and their summed weight. */
  private pendingIds = new Int32Array(16);
  private pendingAdds = new Float64Array(16);
  private pending = 0;
  private heavyTotal = 0;
  private readonly selfWeight: Float64Array;
  private readonly acc: Float64Array;
  private readonly touched: Int32Array;
  private readonly topR = new Int32Array(MAX_CANDIDATES);
  private readonly topAcc = new Float64Array(MAX_CANDIDATES);

  /** `heavyDf` is for tests, which compare the shortcut for heavy words against walking them in full. */
  constructor(right: readonly Profile[], private readonly tokens: TokenWeights, heavyDf = HEAVY_DF) {
    const { weightById, words } = tokens;
    const keys = tokens.right;
    let rightVocab = 0;
    for (let k = 0; k < keys.ids.length; k++) if (keys.ids[k] >= rightVocab) rightVocab = keys.ids[k] + 1;
    this.rightVocab = rightVocab;
    const start = new Int32Array(rightVocab + 1);
    for (let k = 0; k < keys.ids.length; k++) start[keys.ids[k] + 1]++;
    for (let id = 0; id < rightVocab; id++) start[id + 1] += start[id];
    const fill = start.slice(0, rightVocab);
    const postings = new Int32Array(keys.ids.length);
    this.selfWeight = new Float64Array(right.length);
    for (let r = 0; r < right.length; r++) {
      for (let k = keys.start[r]; k < keys.start[r + 1]; k++) {
        this.selfWeight[r] += weightById[keys.ids[k]];
        postings[fill[keys.ids[k]]++] = r;
      }
    }
    this.start = start;
    this.postings = postings;
    for (let id = 0; id < rightVocab; id++) {
      const t = words[id];
      for (const key of typoAllowance(t.length) > 0 ? [t, ...deletions(t)] : [t]) {
        const list = this.byDeletion.get(key);
        if (list) list.push(id);
        else this.byDeletion.set(key, [id]);
      }
    }
    for (const p of right) {
      for (const f of p.forms) {
        if (f.compact.length < 6) continue;
        const list = this.byCompact.get(f.compact);
        if (list) list.push(p.index);
        else this.byCompact.set(f.compact, [p.index]);
      }
    }
    this.heavy = new Array<HeavyWord | undefined>(rightVocab).fill(undefined);
    for (let id = 0; id < rightVocab; id++) {
      if (this.df(id) <= heavyDf) continue;
      const holders = postings.slice(start[id], start[id + 1]);
      const members = new Uint32Array((right.length + 31) >>> 5);
      for (const r of holders) members[r >>> 5] |= 1 << (r & 31);
      const weights = this.selfWeight;
      const lightestFirst = holders.sort((x, y) => weights[x] - weights[y] || x - y);
      this.heavy[id] = { members, lightestFirst };
    }
    this.reach = new Uint8Array(right.length);
    this.hitsById = new Array<Hits | undefined>(words.length).fill(undefined);
    this.acc = new Float64Array(right.length);
    this.touched = new Int32Array(right.length);
  }

  private growPending(): void {
    const ids = new Int32Array(this.pendingIds.length * 2);
    ids.set(this.pendingIds);
    const adds = new Float64Array(this.pendingAdds.length * 2);
    adds.set(this.pendingAdds);
    this.pendingIds = ids;
    this.pendingAdds = adds;
  }

  private df(id: number): number {
    return this.start[id + 1] - this.start[id];
  }

  /** Right-side words equal or one typo away from word `id`, computed once per word. */
  private lookup(id: number): Hits {
    const cached = this.hitsById[id];
    if (cached) return cached;
    const token = this.tokens.words[id];
    const exact = id < this.rightVocab;
    const found: number[] = exact ? [id] : [];
    if (typoAllowance(token.length) > 0) {
      for (const key of [token, ...deletions(token)]) {
        for (const other of this.byDeletion.get(key) ?? []) {
          if (found.includes(other)) continue;
          if (exact && this.df(other) > COMMON_NEIGHBOUR_DF) continue;
          const w = this.tokens.words[other];
          const allowance = typoAllowance(Math.max(w.length, token.length));
          if (allowance > 0 && editDistance(w, token, allowance) <= allowance) found.push(other);
        }
      }
    }
    const hits = { ids: found, exactFirst: exact };
    this.hitsById[id] = hits;
    return hits;
  }

  /** Adds `add` to right name r, remembering r the first time it is reached. */
  private touch(r: number, add: number, n: number, mark: number): number {
    if (this.reach[r] === 0) {
      this.reach[r] = mark;
      this.touched[n++] = r;
    }
    this.acc[r] += add;
    return n;
  }

  /**
   * Indexes (into the right list) of the entities worth scoring against `p`, best first.
   *
   * A name r is kept when its shared weight acc[r] reaches MIN_SHARED_WEIGHT of the lighter of
   * the two names. Heavy words are set aside while the rarer words are walked; then, with
   * `heavyTotal` the most they can add together: a name already reached gets their weight
   * through the bitmaps, and a name reached by nothing else can only be kept if
   * acc[r] ≥ MIN_SHARED_WEIGHT × weight(r) with acc[r] ≤ heavyTotal, so only names with
   * weight(r) ≤ heavyTotal / MIN_SHARED_WEIGHT need a look. When the heavy words are most of
   * p's own weight that bound says nothing, and they are walked in full.
   */
  candidatesFor(p: Profile): number[] {
    const { postings, start } = this;
    const { weightById, left } = this.tokens;
    let self = 0;
    let n = 0;
    this.pending = 0;
    this.heavyTotal = 0;
    for (let k = left.start[p.index]; k < left.start[p.index + 1]; k++) {
      const w = weightById[left.ids[k]];
      self += w;
      const hits = this.lookup(left.ids[k]);
      for (let h = 0; h < hits.ids.length; h++) {
        const id = hits.ids[h];
        const add = h === 0 && hits.exactFirst ? w : w * TYPO_HIT;
        if (this.heavy[id] !== undefined) this.setAside(id, add);
        else for (let q = start[id], end = start[id + 1]; q < end; q++) n = this.touch(postings[q], add, n, IN_REACH);
      }
    }
    // Names spelled with the same letters are reached too; their weight is added last, below.
    const compacts: number[][] = [];
    for (const f of p.forms) {
      const list = this.byCompact.get(f.compact);
      if (!list) continue;
      compacts.push(list);
      for (const r of list) n = this.touch(r, 0, n, IN_REACH);
    }
    if (this.pending > 0) n = this.addHeavy(self, n);
    for (const list of compacts) for (const r of list) this.acc[r] += self;
    return this.pickBest(self, n);
  }

  /** Remembers a heavy word's hit for addHeavy. */
  private setAside(id: number, add: number): void {
    if (this.pending === this.pendingIds.length) this.growPending();
    this.pendingIds[this.pending] = id;
    this.pendingAdds[this.pending++] = add;
    this.heavyTotal += add;
  }

  /** Adds the heavy words set aside (see candidatesFor); returns the new count of names reached. */
  private addHeavy(self: number, reachedBefore: number): number {
    const { acc, touched, reach, postings, start, selfWeight } = this;
    let n = reachedBefore;
    const walkAll = this.heavyTotal >= MIN_SHARED_WEIGHT * self;
    // A hair above the bound, so that rounding never hides a name exactly on it.
    const lightEnough = (this.heavyTotal / MIN_SHARED_WEIGHT) * (1 + 1e-9);
    for (let x = 0; x < this.pending; x++) {
      const id = this.pendingIds[x];
      const add = this.pendingAdds[x];
      if (walkAll) {
        for (let q = start[id], end = start[id + 1]; q < end; q++) n = this.touch(postings[q], add, n, IN_REACH);
        continue;
      }
      const word = this.heavy[id] as HeavyWord;
      for (let t = 0; t < reachedBefore; t++) {
        const r = touched[t];
        if ((word.members[r >>> 5] >>> (r & 31)) & 1) acc[r] += add;
      }
      const order = word.lightestFirst;
      for (let q = 0; q < order.length && selfWeight[order[q]] <= lightEnough; q++) {
        if (reach[order[q]] !== IN_REACH) n = this.touch(order[q], add, n, HEAVY_ONLY);
      }
    }
    return n;
  }

  /**
   * The best MAX_CANDIDATES of the n names reached (ties: lower index first) that share enough
   * weight, without sorting them all; clears acc and reach for the next call.
   */
  private pickBest(self: number, n: number): number[] {
    const { acc, touched, reach, topR, topAcc, selfWeight } = this;
    let m = 0;
    for (let k = 0; k < n; k++) {
      const r = touched[k];
      const shared = acc[r];
      acc[r] = 0;
      reach[r] = 0;
      if (shared < MIN_SHARED_WEIGHT * Math.min(self, selfWeight[r])) continue;
      // Ranked by shared weight over the weight of both names together: ranked by shared weight
      // alone, the longer names that contain a short one ("Tax Preparation - Business", "- Trust",
      // …) crowded out its true partner when that one carried a typo ("Tax Preparatio").
      const a = shared / Math.max(1e-9, self + selfWeight[r] - shared);
      let i = m < MAX_CANDIDATES ? m++ : MAX_CANDIDATES;
      while (i > 0 && (a > topAcc[i - 1] || (a === topAcc[i - 1] && r < topR[i - 1]))) {
        if (i < MAX_CANDIDATES) {
          topAcc[i] = topAcc[i - 1];
          topR[i] = topR[i - 1];
        }
        i--;
      }
      if (i < MAX_CANDIDATES) {
        topAcc[i] = a;
        topR[i] = r;
      }
    }
    const best: number[] = [];
    for (let k = 0; k < m; k++) best.push(topR[k]);
    return best;
  }
}
