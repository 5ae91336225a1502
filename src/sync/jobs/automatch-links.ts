/**
 * Automatch for a Match tab: ask the engine for proposals (through ONE function, so the engine
 * can be swapped), let the user review them, and turn the accepted ones into links written in
 * one transaction (origin 'automatch'). Nothing is saved before the user accepts.
 */
import { automatchAcceptedHistory, type EntityWordsLike } from '../history/history-builders';
import type { HistoryRecorder } from '../history/history-recorder';
import { runAutomatchInWorker } from '../match/run-in-worker';
import type { AutomatchInput, AutomatchResult, MatchEntity, Proposal } from '../match/types';
import type { QboStored } from '../qbo/entities';
import type { NewLink } from '../store/link-store';
import type { LinkRecord } from '../store/schema';
import type { JobLinks } from './job-ports';
import type { LinkIndex } from './link-index';
import type { MatchSpec } from './match-spec';

/** The one way the Match tabs reach the automatch engine. */
export type ProposeMatches = (input: AutomatchInput) => Promise<AutomatchResult>;

export const proposeMatches: ProposeMatches = (input) => runAutomatchInWorker(input);

/** The engine's input for a tab: unlinked entities of both sides, as MatchEntity. */
export function automatchInput<OT extends { id: string }, Q extends QboStored, I>(
  spec: MatchSpec<OT, Q, I>,
  ot: readonly OT[],
  qbo: readonly Q[],
  links: LinkIndex,
): AutomatchInput {
  const left: MatchEntity[] = [];
  for (const e of ot) if (!links.hasOt(e.id)) left.push(spec.otToMatch(e));
  const right: MatchEntity[] = [];
  for (const q of qbo) if (!links.hasQbo(q.Id)) right.push(spec.qboToMatch(q));
  return { kind: spec.matchKind, left, right };
}

/**
 * The links for the accepted proposals. Proposals that became impossible since they were made
 * (either side linked meanwhile, or two proposals sharing a side) are left out and returned.
 */
export function planAutomatchLinks(
  kind: NewLink['kind'],
  accepted: readonly Proposal[],
  links: LinkIndex,
): { links: NewLink[]; skipped: Proposal[] } {
  const usedOt = new Set<string>();
  const usedQbo = new Set<string>();
  const out: NewLink[] = [];
  const skipped: Proposal[] = [];
  for (const p of accepted) {
    if (links.hasOt(p.leftId) || links.hasQbo(p.rightId) || usedOt.has(p.leftId) || usedQbo.has(p.rightId)) {
      skipped.push(p);
      continue;
    }
    usedOt.add(p.leftId);
    usedQbo.add(p.rightId);
    out.push({ kind, otId: p.leftId, qboId: p.rightId, origin: 'automatch' });
  }
  return { links: out, skipped };
}

export async function acceptProposals(
  kind: NewLink['kind'],
  accepted: readonly Proposal[],
  index: LinkIndex,
  store: JobLinks,
  /** Sync History: one line for the accepted proposals, when any link was written. */
  history?: { recorder: HistoryRecorder; words: EntityWordsLike; names?: (otId: string) => string | undefined },
): Promise<{ links: LinkRecord[]; skipped: Proposal[] }> {
  const plan = planAutomatchLinks(kind, accepted, index);
  const written = plan.links.length > 0 ? await store.linkMany(plan.links) : [];
  if (history && written.length > 0) {
    const pairs = written.map((l) => ({ otId: l.otId, qboId: l.qboId, name: history.names?.(l.otId) }));
    await history.recorder.record(automatchAcceptedHistory(history.words, pairs, plan.skipped.length));
  }
  return { links: written, skipped: plan.skipped };
}
