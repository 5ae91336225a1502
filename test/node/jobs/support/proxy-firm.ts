/**
 * The firm's data at the real proxy, as a Node test reaches it: the Match-tab journal and the
 * links written through the proxy's records API (pull since a checkpoint, push with base revs),
 * as the add-in's IndexedDB replica does in the browser. A new mirror is a new page: it knows
 * nothing until it pulls, so a "reload" is simply a second mirror over the same firm.
 */
import type { FirmRemote, RemoteChange, RemoteRecord } from '../../../../src/sync/replication/firm-remote';
import type { EntityJournal, EntityJournalWrite } from '../../../../src/sync/jobs/entity-journal';
import { fromDocumentRecord, toDocumentRecord } from '../../../../src/sync/jobs/entity-journal';
import type { JobLinks } from '../../../../src/sync/jobs/job-ports';
import type { DocumentRecord, LinkKind, LinkRecord } from '../../../../src/sync/store/schema';
import type { NewLink } from '../../../../src/sync/store/link-store';

export class FirmMirror {
  readonly records = new Map<string, RemoteRecord>();
  private checkpoint = '0';
  constructor(
    readonly remote: FirmRemote,
    readonly realmId: string,
    readonly user: string,
  ) {}

  async pull(): Promise<void> {
    for (;;) {
      const page = await this.remote.pull(this.realmId, this.checkpoint, 10_000);
      for (const r of page.records) this.records.set(`${r.collection}/${r.id}`, r);
      this.checkpoint = page.checkpoint;
      if (!page.more) return;
    }
  }

  baseRev(collection: string, id: string): number | null {
    const r = this.records.get(`${collection}/${id}`);
    return r && !r.deleted ? r.rev : null;
  }

  async push(changes: RemoteChange[]): Promise<void> {
    const written = await this.remote.push(this.realmId, changes);
    for (const r of written.records) this.records.set(`${r.collection}/${r.id}`, r);
  }

  live(collection: string): RemoteRecord[] {
    return [...this.records.values()].filter((r) => r.collection === collection && !r.deleted && r.body);
  }
}

export function mirrorJournal(m: FirmMirror): EntityJournal {
  return {
    realmId: m.realmId,
    async list(kind) {
      await m.pull();
      return m.live('documents').filter((r) => r.body?.kind === kind).map((r) => fromDocumentRecord({ ...(r.body as unknown as DocumentRecord), realmId: m.realmId }));
    },
    async put(entries: readonly EntityJournalWrite[]) {
      if (entries.length === 0) return;
      const at = new Date().toISOString();
      await m.push(
        entries.map((e) => {
          const { realmId: _r, ...body } = toDocumentRecord(m.realmId, e, at);
          const id = `${e.kind}:${e.sourceId}`;
          return { collection: 'documents', id, baseRev: m.baseRev('documents', id), body: JSON.parse(JSON.stringify(body)) as Record<string, unknown> };
        }),
      );
    },
  };
}

const notUsed = (what: string) => async (): Promise<never> => {
  throw new Error(`${what} is not used by these tests`);
};

export function mirrorLinks(m: FirmMirror): JobLinks & { linkManyCalls: number } {
  const links = {
    realmId: m.realmId,
    linkManyCalls: 0,
    async list(kind: LinkKind): Promise<LinkRecord[]> {
      await m.pull();
      return m.live('links').filter((r) => r.body?.kind === kind).map((r) => ({ ...(r.body as unknown as LinkRecord), realmId: m.realmId }));
    },
    async linkMany(inputs: readonly NewLink[]): Promise<LinkRecord[]> {
      links.linkManyCalls++;
      const at = new Date().toISOString();
      const records = inputs.map((i): LinkRecord => ({ realmId: m.realmId, kind: i.kind, otId: i.otId, qboId: i.qboId, origin: i.origin, createdAt: at, createdBy: m.user, ...(i.syncToken ? { syncToken: i.syncToken } : {}) }));
      await m.push(
        records.map((r) => {
          const { realmId: _r, ...body } = r;
          const id = `${r.kind}:${r.otId}`;
          return { collection: 'links', id, baseRev: m.baseRev('links', id), body };
        }),
      );
      return records;
    },
    unlink: notUsed('unlink'),
    unlinkByQboId: notUsed('unlinkByQboId'),
    clearKind: notUsed('clearKind'),
    restoreLinks: notUsed('restoreLinks'),
  };
  return links;
}
