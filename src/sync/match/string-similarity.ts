/**
 * Two string measures: an edit distance that counts a swapped pair of letters as one typo
 * (optimal string alignment), and Jaro-Winkler, which rewards a shared start and is kind to
 * scattered typos in long strings.
 */

/**
 * Optimal-string-alignment distance, or `max + 1` as soon as the distance is known to exceed
 * `max` (callers only ever ask "within 1 or 2?", so the band keeps this cheap).
 */
// Scratch rows reused across calls: automatch computes hundreds of thousands of small
// distances, and fresh arrays per call were a measurable share of its time (garbage collection).
let rowPrev2 = new Int32Array(64);
let rowPrev = new Int32Array(64);
let rowCur = new Int32Array(64);

export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0 || lb === 0) return Math.max(la, lb) > max ? max + 1 : Math.max(la, lb);
  if (rowPrev.length <= lb) {
    rowPrev2 = new Int32Array(lb + 1);
    rowPrev = new Int32Array(lb + 1);
    rowCur = new Int32Array(lb + 1);
  }
  let prev2 = rowPrev2;
  let prev = rowPrev;
  let cur = rowCur;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  let result = -1;
  for (let i = 1; i <= la && result < 0; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) result = max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  if (result < 0) result = prev[lb] > max ? max + 1 : prev[lb];
  return result;
}

/** Plain Levenshtein similarity 1 - d / max(len): the all-pairs baseline the benchmark compares against. */
export function levenshteinSimilarity(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  if (la === 0 && lb === 0) return 1;
  const row = new Array<number>(lb + 1);
  for (let j = 0; j <= lb; j++) row[j] = j;
  for (let i = 1; i <= la; i++) {
    let diag = row[0];
    row[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const up = row[j];
      row[j] = Math.min(up + 1, row[j - 1] + 1, diag + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      diag = up;
    }
  }
  return 1 - row[lb] / Math.max(la, lb);
}

let jwA = new Uint8Array(128);
let jwB = new Uint8Array(128);

/** Jaro-Winkler similarity in 0..1 (prefix scale 0.1, up to four letters). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  if (jwA.length < la || jwB.length < lb) {
    jwA = new Uint8Array(Math.max(la, lb) * 2);
    jwB = new Uint8Array(Math.max(la, lb) * 2);
  }
  const matchedA = jwA.fill(0, 0, la);
  const matchedB = jwB.fill(0, 0, lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (!matchedB[j] && b.charCodeAt(j) === c) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (!matchedA[i]) continue;
    while (!matchedB[k]) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / la + m / lb + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}
