/**
 * "Clear all links" and its Undo. The removed links are kept by the caller (the Match tab, for
 * as long as the window is open) and put back unchanged, with how and when each was made.
 */
import { linksClearedHistory, linksRestoredHistory, type EntityWordsLike } from '../history/history-builders';
import type { HistoryRecorder } from '../history/history-recorder';
import type { LinkKind, LinkRecord } from '../store/schema';
import type { JobLinks } from './job-ports';

/** Sync History for clear and undo: who records, and the tab's words. */
export interface LinksHistory {
  recorder: HistoryRecorder;
  words: EntityWordsLike;
}

const pairsOf = (links: readonly LinkRecord[]) => links.map((l) => ({ otId: l.otId, qboId: l.qboId }));

export interface ClearedLinks {
  kind: LinkKind;
  removed: LinkRecord[];
}

export async function clearAllLinks(store: JobLinks, kind: LinkKind, history?: LinksHistory): Promise<ClearedLinks> {
  const removed = await store.clearKind(kind);
  if (history && removed.length > 0) await history.recorder.record(linksClearedHistory(history.words, pairsOf(removed)));
  return { kind, removed };
}

/** Restores what clearAllLinks removed; refuses (changing nothing) if a side was linked again meanwhile. */
export async function undoClearLinks(store: JobLinks, cleared: ClearedLinks, history?: LinksHistory): Promise<LinkRecord[]> {
  await store.restoreLinks(cleared.removed);
  if (history && cleared.removed.length > 0) await history.recorder.record(linksRestoredHistory(history.words, pairsOf(cleared.removed)));
  return cleared.removed;
}
