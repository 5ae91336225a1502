/**
 * Maximum-weight one-to-one assignment (Kuhn-Munkres with potentials, O(n²m)). A weight of 0
 * means "leave unpaired", so a pair is never forced just because a row needs a column.
 */

/** For a rows × cols weight matrix (rows ≤ cols), the column chosen for each row (-1: none) and the total. */
export function maxWeightAssignment(weights: readonly (readonly number[])[]): { colOfRow: number[]; total: number } {
  const n = weights.length;
  if (n === 0) return { colOfRow: [], total: 0 };
  const m = weights[0].length;
  if (m < n) throw new RangeError(`maxWeightAssignment needs rows ≤ columns; got ${n} × ${m}.`);
  const INF = Number.POSITIVE_INFINITY;
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(m + 1).fill(INF);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = INF;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = -weights[i0 - 1][j - 1] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  const colOfRow = new Array<number>(n).fill(-1);
  let total = 0;
  for (let j = 1; j <= m; j++) {
    const i = p[j];
    if (i > 0 && weights[i - 1][j - 1] > 0) {
      colOfRow[i - 1] = j - 1;
      total += weights[i - 1][j - 1];
    }
  }
  return { colOfRow, total };
}
