/**
 * Links between OfficeTools records and QBO entities, per QBO company and kind, one-to-one on
 * both sides. The `byQbo` index is unique in the schema; the OfficeTools side is unique by
 * key. Every check and every write of one call happens in ONE IndexedDB transaction, so a
 * batch of thousands is all written or not at all, and a conflicting call changes nothing.
 *
 * No network inside a transaction (STYLE rule 5): callers talk to QBO first, then link.
 *
 * Built with a replication writer (src/sync/replication), the store writes through to the
 * firm: the same checks run first against the local replica (a fast refusal without a round
 * trip), then each call is ONE push with the rev each link was based on, and IndexedDB is
 * changed only from the firm's answer. A refusal by the firm (someone else linked first) is
 * a LinkConflictError naming the winning link and who made it; the replica already shows it.
 */
import type { IDBPObjectStore } from 'idb';
import { FirmConflictError } from '../replication/firm-remote-errors';
import { describeLinkConflict } from '../replication/describe-conflict';
import type { ReplicaChange, ReplicaWriter } from '../replication/replica-writer';
import type { LinkFileDocument, LinkFileRow } from './link-file';
import { LINK_KINDS, LINK_ORIGINS, LinkFileError, buildLinkFile } from './link-file';
import type { LinkKind, LinkOrigin, LinkRecord, QboSyncDB, QboSyncDatabase } from './schema';
import { openSyncDb } from './schema';

export type LinkStoreErrorCode = 'link_conflict' | 'not_found' | 'bad_link' | 'storage';

/** Every primary key [realmId, kind, *] of one kind of link of a company. */
function kindRange(realmId: string, kind: LinkKind): IDBKeyRange {
  return IDBKeyRange.bound([realmId, kind], [realmId, kind, []]);
}

export class LinkStoreError extends Error {
  readonly code: LinkStoreErrorCode;
  constructor(code: LinkStoreErrorCode, message: string) {
    super(message);
    this.name = 'LinkStoreError';
    this.code = code;
  }
}

export type LinkConflictReason =
  /** The OfficeTools record is already linked to another QBO entity. */
  | 'otLinked'
  /** The QBO entity is already linked to another OfficeTools record. */
  | 'qboLinked'
  /** The same OfficeTools record appears twice in the request. */
  | 'otRepeated'
  /** The same QBO entity appears twice in the request. */
  | 'qboRepeated'
  /** Another staff member changed or removed this link first (the firm refused the write). */
  | 'changedByOther';

export interface LinkConflict {
  /** 1-based position in the list given (or in the file's links). */
  row: number;
  kind: LinkKind;
  otId: string;
  qboId: string;
  reason: LinkConflictReason;
  /** The stored link (or earlier row) it collides with. */
  existing?: { otId: string; qboId: string };
  /** Who made the winning change, when the firm refused the write. */
  by?: string;
  message: string;
}

export class LinkConflictError extends LinkStoreError {
  readonly conflicts: readonly LinkConflict[];
  constructor(conflicts: LinkConflict[], what: string, options: { byOthers?: boolean } = {}) {
    const shown = conflicts.slice(0, 5).map((c) => c.message).join(' ');
    const more = conflicts.length > 5 ? ` …and ${conflicts.length - 5} more.` : '';
    super(
      'link_conflict',
      options.byOthers
        ? `${what} was refused because someone else got there first: ${shown}${more} Nothing of yours was saved; the lists now show their links.`
        : `${what} was refused: each record can be linked to only one on the other side. ${shown}${more} Unlink the existing pairs first, or leave these rows out.`,
    );
    this.name = 'LinkConflictError';
    this.conflicts = conflicts;
  }
}

/** A link to make. Who and when default to the store's user and clock. */
export interface NewLink {
  kind: LinkKind;
  otId: string;
  qboId: string;
  origin: LinkOrigin;
  syncToken?: string;
  pushedHash?: string;
  syncedFields?: LinkRecord['syncedFields'];
  createdAt?: string;
  createdBy?: string;
}

export interface LinkStoreOptions {
  realmId: string;
  /** The signed-in OfficeTools user, recorded as createdBy. */
  user: string;
  now?: () => Date;
  /**
   * Writes go through to the firm when given (openFirmData gives it); without it the store
   * writes IndexedDB directly (tests, local-only).
   */
  writer?: ReplicaWriter;
}

export interface ImportResult {
  /** Links written from the file. */
  added: number;
  /** Rows already stored exactly (same pair). */
  unchanged: number;
  /** Links removed first (replace mode). */
  removed: number;
}

/** How each kind's two sides are named in messages. */
export const LINK_SIDE_NAMES: Record<LinkKind, { ot: string; qbo: string }> = {
  contact: { ot: 'contact', qbo: 'customer' },
  employee: { ot: 'employee', qbo: 'employee' },
  workCode: { ot: 'work code', qbo: 'item' },
  expenseCode: { ot: 'expense code', qbo: 'item' },
};

type LinksStore = IDBPObjectStore<QboSyncDB, ['links'], 'links', 'readwrite'>;

function describeConflict(row: number, c: Omit<LinkConflict, 'message' | 'row'>): string {
  const n = LINK_SIDE_NAMES[c.kind];
  const at = `Row ${row}: `;
  switch (c.reason) {
    case 'otLinked':
      return `${at}OfficeTools ${n.ot} ${c.otId} is already linked to QuickBooks ${n.qbo} ${c.existing?.qboId}.`;
    case 'qboLinked':
      return `${at}QuickBooks ${n.qbo} ${c.qboId} is already linked to OfficeTools ${n.ot} ${c.existing?.otId}.`;
    case 'otRepeated':
      return `${at}OfficeTools ${n.ot} ${c.otId} appears more than once.`;
    case 'qboRepeated':
      return `${at}QuickBooks ${n.qbo} ${c.qboId} appears more than once.`;
    case 'changedByOther':
      return `${at}OfficeTools ${n.ot} ${c.otId} was just changed by someone else.`;
  }
}

export class LinkStore {
  readonly realmId: string;
  private readonly db: QboSyncDatabase;
  private readonly user: string;
  private readonly now: () => Date;
  private readonly writer?: ReplicaWriter;

  constructor(db: QboSyncDatabase, options: LinkStoreOptions) {
    if (!/^\d+$/.test(options.realmId)) {
      throw new LinkStoreError('bad_link', `The QBO company id must be digits; got "${options.realmId}".`);
    }
    this.db = db;
    this.realmId = options.realmId;
    this.user = options.user;
    this.now = options.now ?? (() => new Date());
    if (options.writer) this.writer = options.writer;
  }

  /** Opens the add-in's database (or a named one, for tests) and a store over it. */
  static async open(options: LinkStoreOptions & { dbName?: string }): Promise<LinkStore> {
    const db = await openSyncDb(options.dbName);
    return new LinkStore(db, options);
  }

  /** Closes the database; a write-through store leaves it to its owner (FirmData.close). */
  close(): void {
    if (!this.writer) this.db.close();
  }

  /** Links one pair; refuses if either side is already linked elsewhere. */
  async link(input: NewLink): Promise<LinkRecord> {
    const [record] = await this.linkMany([input]);
    return record;
  }

  /**
   * Links many pairs in one transaction: all or none. Relinking a pair that is already
   * stored keeps its history and only refreshes its sync state.
   */
  async linkMany(inputs: readonly NewLink[]): Promise<LinkRecord[]> {
    const stamp = this.now().toISOString();
    const records = inputs.map((input, i) => this.toRecord(input, i + 1, stamp));
    const { written } = await this.write(records, { what: 'Linking', replaceKinds: [] });
    return written;
  }

  /** Every link of a kind in this company, in OfficeTools-id order. */
  async list(kind: LinkKind): Promise<LinkRecord[]> {
    // The primary key starts with [realmId, kind]: a key range reads the same rows in the same
    // order as the byKind index, without going through the index for each row.
    return this.db.getAll('links', kindRange(this.realmId, kind));
  }

  async count(kind: LinkKind): Promise<number> {
    return this.db.count('links', kindRange(this.realmId, kind));
  }

  async findByOtId(kind: LinkKind, otId: string): Promise<LinkRecord | undefined> {
    return this.db.get('links', [this.realmId, kind, otId]);
  }

  async findByQboId(kind: LinkKind, qboId: string): Promise<LinkRecord | undefined> {
    return this.db.getFromIndex('links', 'byQbo', [this.realmId, kind, qboId]);
  }

  /** Breaks the pair of an OfficeTools record; returns what was removed (for undo). */
  async unlink(kind: LinkKind, otId: string): Promise<LinkRecord | undefined> {
    if (this.writer) {
      const existing = await this.findByOtId(kind, otId);
      if (existing) await this.push([deleteChange(existing)], 'Unlinking');
      return existing;
    }
    const tx = this.db.transaction('links', 'readwrite');
    const existing = await tx.store.get([this.realmId, kind, otId]);
    if (existing) await tx.store.delete([this.realmId, kind, otId]);
    await tx.done;
    return existing;
  }

  /** Breaks the pair of a QBO entity; returns what was removed (for undo). */
  async unlinkByQboId(kind: LinkKind, qboId: string): Promise<LinkRecord | undefined> {
    if (this.writer) {
      const existing = await this.findByQboId(kind, qboId);
      if (existing) await this.push([deleteChange(existing)], 'Unlinking');
      return existing;
    }
    const tx = this.db.transaction('links', 'readwrite');
    const key = await tx.store.index('byQbo').getKey([this.realmId, kind, qboId]);
    const existing = key ? await tx.store.get(key) : undefined;
    if (key) await tx.store.delete(key);
    await tx.done;
    return existing;
  }

  /** "Clear all links" for a kind; returns the removed links so the UI can undo. */
  async clearKind(kind: LinkKind): Promise<LinkRecord[]> {
    if (this.writer) {
      const removed = await this.list(kind);
      await this.push(removed.map(deleteChange), 'Clearing all links');
      return removed;
    }
    const tx = this.db.transaction('links', 'readwrite');
    const removed = await tx.store.index('byKind').getAll([this.realmId, kind]);
    await Promise.all(removed.map((r) => tx.store.delete([r.realmId, r.kind, r.otId])));
    await tx.done;
    return removed;
  }

  /** Puts back links removed by clearKind/unlink (undo), unchanged; refuses on conflict. */
  async restoreLinks(links: readonly LinkRecord[]): Promise<void> {
    const records = links.map((l, i) => {
      if (l.realmId !== this.realmId) {
        throw new LinkStoreError('bad_link', `Row ${i + 1} belongs to QBO company ${l.realmId}, not ${this.realmId}.`);
      }
      this.checkShape(l, i + 1);
      return { ...l };
    });
    await this.write(records, { what: 'Undo', replaceKinds: [] });
  }

  /** Records the SyncToken (and what we pushed) after a successful write to QBO. */
  async updateSyncState(
    kind: LinkKind,
    otId: string,
    state: Pick<LinkRecord, 'syncToken' | 'pushedHash' | 'syncedFields'>,
  ): Promise<LinkRecord> {
    if (this.writer) {
      const existing = await this.findByOtId(kind, otId);
      if (!existing) throw new LinkStoreError('not_found', `OfficeTools ${LINK_SIDE_NAMES[kind].ot} ${otId} is not linked; link it first.`);
      const updated = withSyncState(existing, state);
      await this.push([putChange(updated)], 'Saving the sync state');
      return updated;
    }
    const tx = this.db.transaction('links', 'readwrite');
    const existing = await tx.store.get([this.realmId, kind, otId]);
    if (!existing) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new LinkStoreError('not_found', `OfficeTools ${LINK_SIDE_NAMES[kind].ot} ${otId} is not linked; link it first.`);
    }
    const updated = withSyncState(existing, state);
    await tx.store.put(updated);
    await tx.done;
    return updated;
  }

  /** The links of the given kinds (default all) as a links-file document. */
  async exportLinks(kinds: readonly LinkKind[] = LINK_KINDS): Promise<LinkFileDocument> {
    const tx = this.db.transaction('links', 'readonly');
    const lists = await Promise.all(kinds.map((k) => tx.store.index('byKind').getAll([this.realmId, k])));
    await tx.done;
    return buildLinkFile(this.realmId, lists.flat(), { exportedAt: this.now().toISOString(), exportedBy: this.user });
  }

  /**
   * Loads a links file of this company. 'merge' keeps the stored links and adds the file's;
   * 'replace' first removes the stored links of every kind the file holds (in the same
   * transaction). Any row that would break one-to-one refuses the whole file.
   */
  async importLinks(doc: LinkFileDocument, options: { mode?: 'merge' | 'replace' } = {}): Promise<ImportResult> {
    if (doc.realmId !== this.realmId) {
      throw new LinkFileError(
        'realm_mismatch',
        `This links file is for QuickBooks company ${doc.realmId}, but you are connected to company ${this.realmId}. Nothing was imported.`,
      );
    }
    const records = doc.links.map((row: LinkFileRow, i) => {
      const record: LinkRecord = { ...row, realmId: this.realmId };
      this.checkShape(record, i + 1);
      return record;
    });
    const replaceKinds = options.mode === 'replace' ? [...new Set(records.map((r) => r.kind))] : [];
    const { written, unchanged, removed } = await this.write(records, { what: 'The import', replaceKinds });
    return { added: written.length - unchanged, unchanged, removed };
  }

  private toRecord(input: NewLink, row: number, stamp: string): LinkRecord {
    const record: LinkRecord = {
      realmId: this.realmId,
      kind: input.kind,
      otId: input.otId,
      qboId: input.qboId,
      origin: input.origin,
      createdAt: input.createdAt ?? stamp,
      createdBy: input.createdBy ?? this.user,
    };
    if (input.syncToken !== undefined) record.syncToken = input.syncToken;
    if (input.pushedHash !== undefined) record.pushedHash = input.pushedHash;
    if (input.syncedFields !== undefined) record.syncedFields = input.syncedFields;
    this.checkShape(record, row);
    return record;
  }

  private checkShape(r: LinkRecord, row: number): void {
    const problems: string[] = [];
    if (!LINK_KINDS.includes(r.kind)) problems.push(`kind "${String(r.kind)}" is unknown`);
    if (typeof r.otId !== 'string' || r.otId === '') problems.push('the OfficeTools id is empty');
    if (typeof r.qboId !== 'string' || !/^\d+$/.test(r.qboId)) problems.push(`"${String(r.qboId)}" is not a QBO Id`);
    if (!LINK_ORIGINS.includes(r.origin)) problems.push(`origin "${String(r.origin)}" is unknown`);
    if (r.syncToken !== undefined && !/^\d+$/.test(r.syncToken)) problems.push(`SyncToken "${r.syncToken}" is not digits`);
    if (problems.length > 0) throw new LinkStoreError('bad_link', `Row ${row}: ${problems.join('; ')}.`);
  }

  /**
   * The one write path. Locally: checks every record against the request itself and the
   * stored links, in the same readwrite transaction as the writes, then writes all or aborts.
   * With a writer: the same checks in a read transaction, then one push of the resulting
   * changes (IndexedDB changes only from the firm's answer).
   */
  private async write(
    records: LinkRecord[],
    opts: { what: string; replaceKinds: LinkKind[] },
  ): Promise<{ written: LinkRecord[]; unchanged: number; removed: number }> {
    if (records.length === 0 && opts.replaceKinds.length === 0) return { written: [], unchanged: 0, removed: 0 };
    if (this.writer) return this.writeThrough(records, opts);
    const tx = this.db.transaction('links', 'readwrite');
    const store: LinksStore = tx.store;
    try {
      let removed = 0;
      for (const kind of opts.replaceKinds) {
        const keys = await store.index('byKind').getAllKeys([this.realmId, kind]);
        await Promise.all(keys.map((k) => store.delete(k)));
        removed += keys.length;
      }
      const byQbo = store.index('byQbo');
      const plan = await planLinkWrite(records, {
        byOt: (r) => store.get([this.realmId, r.kind, r.otId]),
        byQbo: (r) => byQbo.get([this.realmId, r.kind, r.qboId]),
      });
      if (plan.conflicts.length > 0) {
        tx.abort();
        await tx.done.catch(() => undefined);
        throw new LinkConflictError(plan.conflicts, opts.what);
      }
      await Promise.all(plan.toWrite.map((r) => store.put(r)));
      await tx.done;
      return { written: plan.toWrite, unchanged: plan.unchanged, removed };
    } catch (e) {
      if (e instanceof LinkStoreError) throw e;
      // A ConstraintError here means another tab linked the same QBO entity meanwhile.
      const name = typeof e === 'object' && e !== null && 'name' in e ? String(e.name) : '';
      await tx.done.catch(() => undefined);
      if (name === 'ConstraintError') {
        throw new LinkStoreError('link_conflict', `${opts.what} was refused: a QuickBooks record in it was linked elsewhere at the same time. Reload the list and try again.`);
      }
      throw new LinkStoreError('storage', `${opts.what} could not be saved in this browser's storage (${name || String(e)}). Nothing was changed. Try again; if it persists, check the browser's storage space.`);
    }
  }

  private async writeThrough(
    records: LinkRecord[],
    opts: { what: string; replaceKinds: LinkKind[] },
  ): Promise<{ written: LinkRecord[]; unchanged: number; removed: number }> {
    const tx = this.db.transaction('links', 'readonly');
    const replaced = (await Promise.all(opts.replaceKinds.map((k) => tx.store.index('byKind').getAll([this.realmId, k])))).flat();
    // Links of the kinds being replaced count as gone, as they will be in the same push.
    const live = (r: LinkRecord | undefined) => (r && !opts.replaceKinds.includes(r.kind) ? r : undefined);
    const plan = await planLinkWrite(records, {
      byOt: async (r) => live(await tx.store.get([this.realmId, r.kind, r.otId])),
      byQbo: async (r) => live(await tx.store.index('byQbo').get([this.realmId, r.kind, r.qboId])),
    });
    await tx.done;
    if (plan.conflicts.length > 0) throw new LinkConflictError(plan.conflicts, opts.what);
    const kept = new Set(plan.toWrite.map((r) => linkKey(r)));
    const deletes = replaced.filter((r) => !kept.has(linkKey(r))).map(deleteChange);
    await this.push([...deletes, ...plan.toWrite.map(putChange)], opts.what);
    return { written: plan.toWrite, unchanged: plan.unchanged, removed: replaced.length };
  }

  /** One push through the writer; the firm's refusal becomes a LinkConflictError naming the winner. */
  private async push(changes: ReplicaChange[], what: string): Promise<void> {
    if (changes.length === 0 || !this.writer) return;
    try {
      await this.writer.write(changes, { what, whenOffline: 'queue' });
    } catch (e) {
      if (!(e instanceof FirmConflictError)) throw e;
      const conflicts = e.conflicts.map((c): LinkConflict => {
        const change = changes[c.index];
        const [kind, otId] = splitLinkId(c.id);
        const qboId = String(change?.body?.qboId ?? c.current?.body?.qboId ?? '');
        const winner = c.reason === 'unique' ? c.holder : c.current;
        const conflict: LinkConflict = {
          row: c.index + 1,
          kind,
          otId,
          qboId,
          reason: c.reason === 'unique' ? 'qboLinked' : c.current && !c.current.deleted ? 'otLinked' : 'changedByOther',
          message: describeLinkConflict(c),
        };
        if (winner?.body) conflict.existing = { otId: String(winner.body.otId), qboId: String(winner.body.qboId) };
        if (winner?.updatedBy?.name) conflict.by = winner.updatedBy.name;
        return conflict;
      });
      throw new LinkConflictError(conflicts, what, { byOthers: true });
    }
  }
}

interface LinkLookups {
  byOt(r: LinkRecord): Promise<LinkRecord | undefined>;
  byQbo(r: LinkRecord): Promise<LinkRecord | undefined>;
}

/** Checks a request against itself and the stored links; says what to write or why not. */
async function planLinkWrite(records: LinkRecord[], lookups: LinkLookups): Promise<{ toWrite: LinkRecord[]; unchanged: number; conflicts: LinkConflict[] }> {
  const conflicts: LinkConflict[] = [];
  const add = (row: number, c: Omit<LinkConflict, 'message' | 'row'>) => conflicts.push({ ...c, row, message: describeConflict(row, c) });

  const seenOt = new Map<string, LinkRecord>();
  const seenQbo = new Map<string, LinkRecord>();
  records.forEach((r, i) => {
    const otKey = `${r.kind}\u0000${r.otId}`;
    const qboKey = `${r.kind}\u0000${r.qboId}`;
    const prevOt = seenOt.get(otKey);
    const prevQbo = seenQbo.get(qboKey);
    if (prevOt && prevOt.qboId !== r.qboId) add(i + 1, { ...pick(r), reason: 'otRepeated', existing: pick(prevOt) });
    if (prevQbo && prevQbo.otId !== r.otId) add(i + 1, { ...pick(r), reason: 'qboRepeated', existing: pick(prevQbo) });
    if (!prevOt) seenOt.set(otKey, r);
    if (!prevQbo) seenQbo.set(qboKey, r);
  });

  const [storedByOt, storedByQbo] = await Promise.all([Promise.all(records.map(lookups.byOt)), Promise.all(records.map(lookups.byQbo))]);

  const toWrite: LinkRecord[] = [];
  let unchanged = 0;
  records.forEach((r, i) => {
    const sameOt = storedByOt[i];
    const sameQbo = storedByQbo[i];
    if (sameOt && sameOt.qboId !== r.qboId) add(i + 1, { ...pick(r), reason: 'otLinked', existing: pick(sameOt) });
    if (sameQbo && sameQbo.otId !== r.otId) add(i + 1, { ...pick(r), reason: 'qboLinked', existing: pick(sameQbo) });
    if (sameOt && sameOt.qboId === r.qboId) {
      // Already this pair: keep how and when it was made, refresh what we know of QBO.
      unchanged++;
      toWrite.push(withSyncState(sameOt, r));
    } else {
      toWrite.push(r);
    }
  });
  conflicts.sort((a, b) => a.row - b.row);
  return { toWrite, unchanged, conflicts };
}

function withSyncState(r: LinkRecord, state: Pick<LinkRecord, 'syncToken' | 'pushedHash' | 'syncedFields'>): LinkRecord {
  const updated: LinkRecord = { ...r };
  if (state.syncToken !== undefined) updated.syncToken = state.syncToken;
  if (state.pushedHash !== undefined) updated.pushedHash = state.pushedHash;
  if (state.syncedFields !== undefined) updated.syncedFields = state.syncedFields;
  return updated;
}

const linkKey = (r: Pick<LinkRecord, 'kind' | 'otId'>): string => `${r.kind}:${r.otId}`;

function splitLinkId(id: string): [LinkKind, string] {
  const at = id.indexOf(':');
  return [id.slice(0, at) as LinkKind, id.slice(at + 1)];
}

function putChange(r: LinkRecord): ReplicaChange {
  const { realmId: _realm, ...body } = r;
  void _realm;
  return { collection: 'links', id: linkKey(r), body: JSON.parse(JSON.stringify(body)) as Record<string, unknown> };
}

function deleteChange(r: LinkRecord): ReplicaChange {
  return { collection: 'links', id: linkKey(r), deleted: true };
}

function pick(r: LinkRecord): { kind: LinkKind; otId: string; qboId: string } {
  return { kind: r.kind, otId: r.otId, qboId: r.qboId };
}
