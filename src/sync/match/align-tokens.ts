/**
 * Pairs the words of two names: exact words first, then typos, then words split or joined
 * differently. Whatever stays unpaired is a word one name has and the other lacks, which is
 * what makes two names different.
 */
import { editDistance } from './string-similarity';
import { MEANINGFUL_PREFIXES } from './vocabulary';

export type LinkKind = 'exact' | 'typo' | 'spacing';

export interface TokenLink {
  a: number[];
  b: number[];
  kind: LinkKind;
  edits: number;
}

export interface Alignment {
  links: TokenLink[];
  restA: number[];
  restB: number[];
  edits: number;
  orderChanged: boolean;
}

const HAS_DIGIT_RE = /\d/;

/** How many typos a word of this length may carry and still be the same word. */
export function typoAllowance(length: number): number {
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

/**
 * True when two close spellings are nonetheless different words: numbers, two known words
 * ("annual" / "manual"), or a word and the same word with a meaningful prefix
 * ("weekly" / "biweekly").
 */
export function distinctWords(a: string, b: string, known: ReadonlySet<string>): boolean {
  if (HAS_DIGIT_RE.test(a) || HAS_DIGIT_RE.test(b)) return true;
  if (known.has(a) && known.has(b)) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 3 && long.endsWith(short)) {
    const prefix = long.slice(0, long.length - short.length);
    if (MEANINGFUL_PREFIXES.includes(prefix)) return true;
  }
  return false;
}

/** Edit count if `a` may be a typo of `b`, else -1. */
export function typoEdits(a: string, b: string, known: ReadonlySet<string>): number {
  const allowance = typoAllowance(Math.max(a.length, b.length));
  if (allowance === 0 || Math.min(a.length, b.length) < 3) return -1;
  const d = editDistance(a, b, allowance);
  if (d > allowance) return -1;
  return distinctWords(a, b, known) ? -1 : d;
}

/**
 * `rawA`/`rawB` are the words before abbreviations were expanded: a typo in "Goup" must be
 * caught against "Group", not against its canonical "grp".
 */
export function alignTokens(
  A: readonly string[],
  B: readonly string[],
  known: ReadonlySet<string>,
  rawA: readonly string[] = A,
  rawB: readonly string[] = B,
): Alignment {
  const usedA = new Uint8Array(A.length);
  const usedB = new Uint8Array(B.length);
  const links: TokenLink[] = [];
  let edits = 0;
  let paired = 0;
  for (let i = 0; i < A.length; i++) {
    for (let j = 0; j < B.length; j++) {
      if (!usedB[j] && A[i] === B[j]) {
        usedA[i] = 1;
        usedB[j] = 1;
        paired++;
        links.push({ a: [i], b: [j], kind: 'exact', edits: 0 });
        break;
      }
    }
  }
  // Typos: closest pairs first so that one near word does not steal another's partner.
  // Skipped when one side has no word left, which is the case for most pairs compared.
  if (paired < A.length && paired < B.length) {
    const typos: Array<[number, number, number]> = [];
    for (let i = 0; i < A.length; i++) {
      if (usedA[i]) continue;
      for (let j = 0; j < B.length; j++) {
        if (usedB[j]) continue;
        let d = typoEdits(A[i], B[j], known);
        if (d < 0 && (rawA[i] !== A[i] || rawB[j] !== B[j])) d = typoEdits(rawA[i], rawB[j], known);
        if (d >= 0) typos.push([d, i, j]);
      }
    }
    typos.sort((x, y) => x[0] - y[0]);
    for (const [d, i, j] of typos) {
      if (usedA[i] || usedB[j]) continue;
      usedA[i] = 1;
      usedB[j] = 1;
      edits += d;
      links.push({ a: [i], b: [j], kind: 'typo', edits: d });
    }
  }
  let restA: number[] = [];
  let restB: number[] = [];
  for (let i = 0; i < A.length; i++) if (!usedA[i]) restA.push(i);
  for (let j = 0; j < B.length; j++) if (!usedB[j]) restB.push(j);
  // "Home Depot" / "HomeDepot": the leftovers on both sides spell the same letters.
  if (restA.length > 0 && restB.length > 0 && restA.length + restB.length > 2) {
    const ja = restA.map((i) => A[i]).join('');
    const jb = restB.map((j) => B[j]).join('');
    const allowance = ja.length >= 10 ? 1 : 0;
    const d = ja === jb ? 0 : editDistance(ja, jb, allowance);
    if (d <= allowance && !HAS_DIGIT_RE.test(ja + jb)) {
      links.push({ a: restA, b: restB, kind: 'spacing', edits: d });
      edits += d;
      restA = [];
      restB = [];
    }
  }
  return { links, restA, restB, edits, orderChanged: orderChanged(links, A.length) };
}

/** True when the one-to-one links, read in a's word order, do not also follow b's word order. */
function orderChanged(links: readonly TokenLink[], lengthA: number): boolean {
  if (links.length < 2) return false;
  const partner = new Int32Array(lengthA).fill(-1);
  for (const l of links) if (l.a.length === 1 && l.b.length === 1) partner[l.a[0]] = l.b[0];
  let previous = -1;
  for (let i = 0; i < lengthA; i++) {
    if (partner[i] < 0) continue;
    if (partner[i] < previous) return true;
    previous = partner[i];
  }
  return false;
}
