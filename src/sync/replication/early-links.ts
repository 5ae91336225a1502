/**
 * The links of a first pull, readable before they are all in IndexedDB. A browser without a
 * replica pulls the firm's links (20,000 for a large firm) in a few pages that arrive within a
 * second or two, but writing them into IndexedDB takes several seconds more (one request per
 * link, and the browser charges per request). Views need not wait for that: the pull started on
 * a replica with no links, so what it received is the whole truth about the company's links,
 * and it is kept here, in memory, from the moment the last page arrived until the writes end.
 *
 * Only links: the other collections (settings, journal, history) are read once the writes end.
 * Records are taken as the replica applies them (replica-apply.ts): the newest rev of a record
 * wins, a tombstone removes, and a link takes its QBO id from any other holder.
 */
import type { LinkKind, LinkRecord } from '../store/schema';
import type { RemoteRecord } from './firm-remote';
import { splitKindId } from './firm-records';

/** What a first pull tells (pull.ts): each page as it arrives, before it is applied, then the end of the pages. */
export interface FirstPullSink {
  page(records: readonly RemoteRecord[]): void;
  /** The last page arrived: the links are complete. */
  complete(): void;
}

/** A first pull of fewer records is simply written (one slice of pull.ts, a fraction of a second). */
export const EARLY_FROM_RECORDS = 2_500;

const qboKey = (kind: string, qboId: string) => `${kind}\u0000${qboId}`;

export class EarlyLinks implements FirstPullSink {
  private readonly byId = new Map<string, { rev: number; link?: LinkRecord }>();
  private readonly byQbo = new Map<string, string>();
  private readonly sorted = new Map<LinkKind, LinkRecord[]>();
  private state: 'receiving' | 'complete' | 'ended' = 'receiving';
  private resolveReceived!: (complete: boolean) => void;
  /** True once every page arrived; false when the pull ended without (it failed, or was no first pull). */
  readonly received: Promise<boolean> = new Promise((resolve) => (this.resolveReceived = resolve));

  private records = 0;

  /**
   * `worthFrom`: fewer records than this are written in one short transaction, not worth
   * reading from memory; such a pull opens the data once written, as any other.
   */
  constructor(
    private readonly realmId: string,
    private readonly worthFrom = EARLY_FROM_RECORDS,
  ) {}

  /** Reads are served from here: every page arrived and the writes have not ended. */
  get serving(): boolean {
    return this.state === 'complete';
  }

  page(records: readonly RemoteRecord[]): void {
    if (this.state !== 'receiving') return;
    this.sorted.clear();
    this.records += records.length;
    for (const r of records) {
      if (r.collection !== 'links') continue;
      const seen = this.byId.get(r.id);
      if (seen && seen.rev >= r.rev) continue;
      if (seen?.link) this.dropHolder(r.id, seen.link);
      if (r.deleted || !r.body) {
        this.byId.set(r.id, { rev: r.rev });
        continue;
      }
      const [kind, otId] = splitKindId(r.id);
      const link = { ...r.body, realmId: this.realmId, kind, otId } as LinkRecord;
      const key = qboKey(link.kind, link.qboId);
      const holder = this.byQbo.get(key);
      if (holder !== undefined && holder !== r.id) {
        const other = this.byId.get(holder);
        if (other) this.byId.set(holder, { rev: other.rev });
      }
      this.byQbo.set(key, r.id);
      this.byId.set(r.id, { rev: r.rev, link });
    }
  }

  complete(): void {
    if (this.state !== 'receiving') return;
    if (this.records < this.worthFrom) {
      this.end();
      return;
    }
    this.state = 'complete';
    this.resolveReceived(true);
  }

  /** The pull ended (every page applied, or it failed): reads go back to IndexedDB, the memory is freed. */
  end(): void {
    if (this.state === 'receiving') this.resolveReceived(false);
    this.state = 'ended';
    this.byId.clear();
    this.byQbo.clear();
    this.sorted.clear();
  }

  /** Every link of a kind, in OfficeTools-id order (the order of the IndexedDB key). */
  list(kind: LinkKind): LinkRecord[] {
    let rows = this.sorted.get(kind);
    if (!rows) {
      rows = [];
      for (const { link } of this.byId.values()) if (link && link.kind === kind) rows.push(link);
      rows.sort((a, b) => (a.otId < b.otId ? -1 : a.otId > b.otId ? 1 : 0));
      this.sorted.set(kind, rows);
    }
    // Callers own what they get, as with a fresh IndexedDB read.
    return rows.map((l) => ({ ...l }));
  }

  count(kind: LinkKind): number {
    return this.list(kind).length;
  }

  findByOtId(kind: LinkKind, otId: string): LinkRecord | undefined {
    const link = this.byId.get(`${kind}:${otId}`)?.link;
    return link ? { ...link } : undefined;
  }

  findByQboId(kind: LinkKind, qboId: string): LinkRecord | undefined {
    const id = this.byQbo.get(qboKey(kind, qboId));
    return id === undefined ? undefined : this.findByOtId(kind, splitKindId(id)[1]);
  }

  private dropHolder(id: string, link: LinkRecord): void {
    const key = qboKey(link.kind, link.qboId);
    if (this.byQbo.get(key) === id) this.byQbo.delete(key);
  }
}
