/**
 * "Clear all links" and its Undo. The removed links are kept by the caller (the Match tab, for
 * as long as the window is open) and put back unchanged, with how and when each was made.
 */
import type { LinkKind, LinkRecord } from '../store/schema';
import type { JobLinks } from './job-ports';

export interface ClearedLinks {
  kind: LinkKind;
  removed: LinkRecord[];
}

export async function clearAllLinks(store: JobLinks, kind: LinkKind): Promise<ClearedLinks> {
  return { kind, removed: await store.clearKind(kind) };
}

/** Restores what clearAllLinks removed; refuses (changing nothing) if a side was linked again meanwhile. */
export async function undoClearLinks(store: JobLinks, cleared: ClearedLinks): Promise<LinkRecord[]> {
  await store.restoreLinks(cleared.removed);
  return cleared.removed;
}
