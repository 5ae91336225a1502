/** Small helpers for the automatch tests: run on bare names, read results back as names. */
import { automatch } from '../../../src/sync/match/automatch';
import type { AutomatchResult, MatchEntity, MatchKind, Proposal } from '../../../src/sync/match/types';

export type Side = Array<string | (Partial<MatchEntity> & { name: string })>;

function toEntities(side: Side, prefix: string): MatchEntity[] {
  return side.map((x, i) => (typeof x === 'string' ? { id: `${prefix}${i}`, name: x } : { id: `${prefix}${i}`, ...x }));
}

export function run(kind: MatchKind, left: Side, right: Side): AutomatchResult & { named: Array<[string, string]> } {
  const L = toEntities(left, 'L');
  const R = toEntities(right, 'R');
  const res = automatch({ kind, left: L, right: R });
  const name = (list: MatchEntity[], id: string) => (list.find((e) => e.id === id) as MatchEntity).name;
  return { ...res, named: res.proposals.map((p) => [name(L, p.leftId), name(R, p.rightId)]) };
}

/** The single proposal for one left and one right name, or undefined when they are not paired. */
export function pairOf(kind: MatchKind, a: string | (Partial<MatchEntity> & { name: string }), b: string | (Partial<MatchEntity> & { name: string })): Proposal | undefined {
  return run(kind, [a], [b]).proposals[0];
}
