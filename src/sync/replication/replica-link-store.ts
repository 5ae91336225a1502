/**
 * The replica's links while a first pull is still writing them (early-links.ts): the same
 * LinkStore, whose reads come from the pulled pages in memory until the writes end, and whose
 * writes wait for that end, so that a write's local checks and base revs read a complete
 * replica. Once the writes ended it is the plain LinkStore.
 *
 * The other collections of the firm's data wait for the same end before any read or write
 * (`afterSettled`): only links are kept in memory.
 */
import { LinkStore, type ImportResult, type LinkStoreOptions, type NewLink } from '../store/link-store';
import type { LinkFileDocument } from '../store/link-file';
import type { LinkKind, LinkRecord, QboSyncDatabase } from '../store/schema';
import type { EarlyLinks } from './early-links';

export class ReplicaLinkStore extends LinkStore {
  constructor(
    db: QboSyncDatabase,
    options: LinkStoreOptions,
    private readonly early: EarlyLinks,
    /** Settles when the first pull's writes end (applied or not). */
    private readonly settled: Promise<void>,
  ) {
    super(db, options);
  }

  override async list(kind: LinkKind): Promise<LinkRecord[]> {
    return this.early.serving ? this.early.list(kind) : super.list(kind);
  }

  override async count(kind: LinkKind): Promise<number> {
    return this.early.serving ? this.early.count(kind) : super.count(kind);
  }

  override async findByOtId(kind: LinkKind, otId: string): Promise<LinkRecord | undefined> {
    return this.early.serving ? this.early.findByOtId(kind, otId) : super.findByOtId(kind, otId);
  }

  override async findByQboId(kind: LinkKind, qboId: string): Promise<LinkRecord | undefined> {
    return this.early.serving ? this.early.findByQboId(kind, qboId) : super.findByQboId(kind, qboId);
  }

  // Every write (and the file export, which reads IndexedDB in its own transaction) waits.
  override async linkMany(inputs: readonly NewLink[]): Promise<LinkRecord[]> {
    await this.settled;
    return super.linkMany(inputs);
  }

  override async unlink(kind: LinkKind, otId: string): Promise<LinkRecord | undefined> {
    await this.settled;
    return super.unlink(kind, otId);
  }

  override async unlinkByQboId(kind: LinkKind, qboId: string): Promise<LinkRecord | undefined> {
    await this.settled;
    return super.unlinkByQboId(kind, qboId);
  }

  override async clearKind(kind: LinkKind): Promise<LinkRecord[]> {
    await this.settled;
    return super.clearKind(kind);
  }

  override async restoreLinks(links: readonly LinkRecord[]): Promise<void> {
    await this.settled;
    return super.restoreLinks(links);
  }

  override async updateSyncState(kind: LinkKind, otId: string, state: Pick<LinkRecord, 'syncToken' | 'pushedHash' | 'syncedFields'>): Promise<LinkRecord> {
    await this.settled;
    return super.updateSyncState(kind, otId, state);
  }

  override async exportLinks(kinds?: readonly LinkKind[]): Promise<LinkFileDocument> {
    await this.settled;
    return super.exportLinks(kinds);
  }

  override async importLinks(doc: LinkFileDocument, options?: { mode?: 'merge' | 'replace' }): Promise<ImportResult> {
    await this.settled;
    return super.importLinks(doc, options);
  }
}

/**
 * `target` with every method waiting for `settled` first (the methods all return promises);
 * other properties (a journal's `realmId`) read through.
 */
export function afterSettled<T extends object>(target: T, settled: Promise<void>): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      const value: unknown = Reflect.get(t, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => settled.then(() => (value as (...a: unknown[]) => unknown).apply(t, args));
    },
  });
}
