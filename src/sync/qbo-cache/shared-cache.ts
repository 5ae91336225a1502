/**
 * One QboListCache per frame, opened on first use, for callers that do not pass their own.
 * Only where IndexedDB exists (the panel, karma); Node callers get undefined and read QBO.
 */
import { QboListCache } from './qbo-list-cache';

let opening: Promise<QboListCache | undefined> | undefined;

export async function sharedQboListCache(): Promise<QboListCache | undefined> {
  if (typeof indexedDB === 'undefined') return undefined;
  const current = await opening;
  // Closed because another frame upgraded the database: open it again.
  if (!current?.isOpen) opening = undefined;
  // A database that cannot open (private mode, quota) just means no cache: the lists are read from QBO.
  opening ??= QboListCache.open().catch(() => undefined);
  return opening;
}
