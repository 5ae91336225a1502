/**
 * Turns scored pairs into one-to-one proposals.
 *
 * Pairs at or above `floor` form a graph; each connected component (almost always one left and
 * one right entity, sometimes a handful of look-alikes) is solved exactly with the Hungarian
 * method, which maximises the total score. A chosen pair is proposed only if its score reaches
 * `threshold` and its *regret* reaches `margin`: regret is how much the component's best total
 * drops when that pair is forbidden. Regret is the margin over the next-best alternative on
 * both sides at once: two identical "John Smith" customers give regret 0 (ambiguous, withheld),
 * while a near-alternative that is itself someone else's clear match does not count against.
 * Components too large to re-solve per pair fall back to greedy-by-score with the plain margin
 * over every other pair touching either entity, which is stricter and never less precise.
 */
import { maxWeightAssignment } from './hungarian';

export interface ScoredEdge {
  l: number;
  r: number;
  score: number;
  reasons: string[];
}

export interface AssignOptions {
  /** Lowest score proposed. */
  threshold: number;
  /** Lowest score that still counts as a plausible alternative. */
  floor: number;
  /** Required regret (margin over the best alternative). */
  margin: number;
  /** Largest side of a component solved exactly. */
  maxExact: number;
}

export interface AssignOutcome {
  chosen: Array<{ edge: ScoredEdge; regret: number }>;
  /** Pairs the assignment chose but withheld (low score or no clear margin). */
  withheld: number;
  /** Pairs for a person to decide: withheld ones at or above `undecidedFloor` and their close rivals, with the reason. */
  held: Array<{ edge: ScoredEdge; reason: string }>;
}

export interface HoldOptions {
  /** Lowest score still shown as "needs a decision". */
  undecidedFloor: number;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * Records why `edge` was withheld: too low, or too close to a rival (then the rivals within the
 * margin are held too, since the person deciding must see both to choose).
 */
function hold(edge: ScoredEdge, touching: (e: ScoredEdge) => Iterable<ScoredEdge>, opts: AssignOptions & HoldOptions, out: AssignOutcome): void {
  out.withheld++;
  if (edge.score < opts.undecidedFloor) return;
  const rivals: ScoredEdge[] = [];
  for (const e of touching(edge)) if (e !== edge && e.score > edge.score - opts.margin && !rivals.includes(e)) rivals.push(e);
  if (edge.score < opts.threshold && rivals.length === 0) {
    // The reason that says what differs, rather than what agrees ("same surname").
    const telling = edge.reasons.find((r) => !r.startsWith('same ')) ?? edge.reasons[0] ?? 'different spelling';
    out.held.push({ edge, reason: `names only partly alike (${pct(edge.score)}): ${telling}` });
    return;
  }
  if (rivals.length === 0) {
    out.held.push({ edge, reason: 'another candidate comes close' });
    return;
  }
  const gap = Math.max(...rivals.map((e) => Math.abs(edge.score - e.score)));
  const reason = gap < 0.005 ? 'two candidates equally alike' : `two candidates within ${Math.max(1, Math.ceil(gap * 100))}%`;
  out.held.push({ edge, reason });
  for (const e of rivals) if (e.score >= opts.undecidedFloor) out.held.push({ edge: e, reason });
}

function find(parent: Int32Array, x: number): number {
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]];
    x = parent[x];
  }
  return x;
}

/** The edges of a small component that share an entity with a given edge. */
function sharing(edges: readonly ScoredEdge[]): (x: ScoredEdge) => ScoredEdge[] {
  return (x) => edges.filter((e) => e.l === x.l || e.r === x.r);
}

function solveExact(edges: ScoredEdge[], opts: AssignOptions & HoldOptions, out: AssignOutcome): void {
  const ls = [...new Set(edges.map((e) => e.l))];
  const rs = [...new Set(edges.map((e) => e.r))];
  const leftRows = ls.length <= rs.length;
  const rows = leftRows ? ls : rs;
  const cols = leftRows ? rs : ls;
  const rowOf = new Map(rows.map((x, i) => [x, i]));
  const colOf = new Map(cols.map((x, i) => [x, i]));
  const w = rows.map(() => new Array<number>(cols.length).fill(0));
  const at = (e: ScoredEdge): [number, number] =>
    leftRows ? [rowOf.get(e.l) as number, colOf.get(e.r) as number] : [rowOf.get(e.r) as number, colOf.get(e.l) as number];
  const edgeAt = new Map<string, ScoredEdge>();
  for (const e of edges) {
    const [i, j] = at(e);
    w[i][j] = e.score;
    edgeAt.set(`${i},${j}`, e);
  }
  const best = maxWeightAssignment(w);
  best.colOfRow.forEach((j, i) => {
    if (j < 0) return;
    const edge = edgeAt.get(`${i},${j}`) as ScoredEdge;
    if (edge.score < opts.threshold) {
      hold(edge, sharing(edges), opts, out);
      return;
    }
    const saved = w[i][j];
    w[i][j] = 0;
    const without = maxWeightAssignment(w).total;
    w[i][j] = saved;
    const regret = best.total - without;
    if (regret >= opts.margin) out.chosen.push({ edge, regret });
    else hold(edge, sharing(edges), opts, out);
  });
}

function solveGreedy(edges: ScoredEdge[], opts: AssignOptions & HoldOptions, out: AssignOutcome): void {
  const bestL = new Map<number, number[]>();
  const bestR = new Map<number, number[]>();
  const push = (m: Map<number, number[]>, k: number, s: number) => {
    const a = m.get(k);
    if (a) a.push(s);
    else m.set(k, [s]);
  };
  for (const e of edges) {
    push(bestL, e.l, e.score);
    push(bestR, e.r, e.score);
  }
  const second = (scores: number[], own: number) => {
    let seenOwn = false;
    let s = 0;
    for (const x of scores) {
      if (x === own && !seenOwn) seenOwn = true;
      else if (x > s) s = x;
    }
    return s;
  };
  // Edges by entity, for the rivals of a withheld pair: a large component has thousands of edges.
  const edgesL = new Map<number, ScoredEdge[]>();
  const edgesR = new Map<number, ScoredEdge[]>();
  for (const e of edges) {
    const a = edgesL.get(e.l);
    if (a) a.push(e);
    else edgesL.set(e.l, [e]);
    const b = edgesR.get(e.r);
    if (b) b.push(e);
    else edgesR.set(e.r, [e]);
  }
  const touching = (x: ScoredEdge) => [...(edgesL.get(x.l) ?? []), ...(edgesR.get(x.r) ?? [])];
  const usedL = new Set<number>();
  const usedR = new Set<number>();
  for (const e of [...edges].sort((a, b) => b.score - a.score)) {
    if (usedL.has(e.l) || usedR.has(e.r)) continue;
    usedL.add(e.l);
    usedR.add(e.r);
    const alt = Math.max(second(bestL.get(e.l) as number[], e.score), second(bestR.get(e.r) as number[], e.score));
    if (e.score >= opts.threshold && e.score - alt >= opts.margin) out.chosen.push({ edge: e, regret: e.score - alt });
    else hold(e, touching, opts, out);
  }
}

export function assignOneToOne(edges: readonly ScoredEdge[], nLeft: number, nRight: number, opts: AssignOptions & HoldOptions): AssignOutcome {
  const live = edges.filter((e) => e.score >= opts.floor);
  const parent = new Int32Array(nLeft + nRight);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  for (const e of live) {
    const a = find(parent, e.l);
    const b = find(parent, nLeft + e.r);
    if (a !== b) parent[a] = b;
  }
  const components = new Map<number, ScoredEdge[]>();
  for (const e of live) {
    const root = find(parent, e.l);
    const list = components.get(root);
    if (list) list.push(e);
    else components.set(root, [e]);
  }
  const out: AssignOutcome = { chosen: [], withheld: 0, held: [] };
  for (const comp of components.values()) {
    if (comp.length === 1) {
      const e = comp[0];
      if (e.score >= opts.threshold) out.chosen.push({ edge: e, regret: e.score });
      else hold(e, () => [], opts, out);
      continue;
    }
    const nl = new Set(comp.map((e) => e.l)).size;
    const nr = new Set(comp.map((e) => e.r)).size;
    if (Math.max(nl, nr) <= opts.maxExact) solveExact(comp, opts, out);
    else solveGreedy(comp, opts, out);
  }
  return out;
}
