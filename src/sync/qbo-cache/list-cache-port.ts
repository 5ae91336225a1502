/**
 * What the CDC refresh needs of a list cache: QboListCache (IndexedDB) in the panel,
 * MemoryListCache where there is no IndexedDB (Node: the CLI and the tests against the sandbox).
 */
import type { QboListCache } from './qbo-list-cache';

export type ListCachePort = Pick<QboListCache, 'read' | 'marks' | 'replace' | 'apply' | 'dropMarks' | 'clearRealm'>;
