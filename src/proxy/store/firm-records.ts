/**
 * The firms' replicated records (docs/firm-contract.md §3) in `firm_records`, with one change
 * feed per firm+realm in `firm_feeds`.
 *
 * Every write takes its seq from the feed row first (`INSERT … ON CONFLICT DO UPDATE …
 * RETURNING`), inside the transaction: on PostgreSQL that row lock orders the pushes of one
 * firm+realm, so seqs become visible in increasing order and a pull's checkpoint never skips
 * a record that commits later; on SQLite the single writer gives the same order.
 * One-to-one links are the UNIQUE index on (firm, realm, link_key); the push checks the holder
 * first to name it, and a UniqueViolation that still slips through (a racing writer on another
 * back-end connection) is reported the same way.
 */
import type { StaffRef } from './connections';
import { UniqueViolation, type Database, type SqlExecutor } from './database';
import { linkKeyOf, type AdoptRecord, type Collection, type FirmRecord, type RecordChange } from '../firm/firm-record';

export interface Conflict {
  index: number;
  collection: Collection;
  id: string;
  reason: 'stale' | 'unique';
  current: FirmRecord | null;
  holder?: FirmRecord;
}

export type PushOutcome = { ok: true; records: FirmRecord[]; checkpoint: string } | { ok: false; conflicts: Conflict[] };

export interface NotTaken {
  collection: Collection;
  id: string;
  reason: 'firm_has_other' | 'unique';
  firm: FirmRecord;
}

export interface FirmRecordsRepository {
  pull(firmId: string, realmId: string, since: bigint, limit: number): Promise<{ records: FirmRecord[]; checkpoint: string; more: boolean }>;
  push(firmId: string, realmId: string, who: StaffRef, changes: RecordChange[]): Promise<PushOutcome>;
  adopt(firmId: string, realmId: string, who: StaffRef, records: AdoptRecord[]): Promise<{ taken: number; notTaken: NotTaken[]; checkpoint: string }>;
}

interface Row {
  collection: string;
  record_id: string;
  rev: number | string;
  seq: number | string;
  deleted: number | string;
  body: string | null;
  updated_by_id: string;
  updated_by_name: string;
  updated_at: string;
}

const COLUMNS = 'collection, record_id, rev, seq, deleted, body, updated_by_id, updated_by_name, updated_at';

function toRecord(r: Row): FirmRecord {
  return {
    collection: r.collection as Collection,
    id: r.record_id,
    rev: Number(r.rev),
    seq: String(r.seq),
    deleted: Number(r.deleted) === 1,
    body: r.body === null ? null : (JSON.parse(r.body) as Record<string, unknown>),
    updatedBy: { id: r.updated_by_id, name: r.updated_by_name },
    updatedAt: r.updated_at,
  };
}

/** Thrown inside a push transaction to roll it back with the conflicts found. */
class PushRejected extends Error {
  constructor(readonly conflicts: Conflict[]) {
    super('push rejected');
  }
}

export function createFirmRecordsRepository(db: Database, now: () => number = Date.now): FirmRecordsRepository {
  const current = async (tx: SqlExecutor, firmId: string, realmId: string, collection: string, id: string): Promise<FirmRecord | null> => {
    const [row] = await tx.query<Row>(`SELECT ${COLUMNS} FROM firm_records WHERE firm_id = $1 AND realm_id = $2 AND collection = $3 AND record_id = $4`, [firmId, realmId, collection, id]);
    return row ? toRecord(row) : null;
  };
  const holderOf = async (tx: SqlExecutor, firmId: string, realmId: string, linkKey: string, exceptId: string): Promise<FirmRecord | null> => {
    const [row] = await tx.query<Row>(`SELECT ${COLUMNS} FROM firm_records WHERE firm_id = $1 AND realm_id = $2 AND link_key = $3 AND record_id <> $4`, [firmId, realmId, linkKey, exceptId]);
    return row ? toRecord(row) : null;
  };
  /** Reserves `count` seqs in the firm+realm feed; returns the first. */
  const reserve = async (tx: SqlExecutor, firmId: string, realmId: string, count: number): Promise<bigint> => {
    const [row] = await tx.query<{ last_seq: number | string }>(
      `INSERT INTO firm_feeds (firm_id, realm_id, last_seq) VALUES ($1, $2, $3)
       ON CONFLICT (firm_id, realm_id) DO UPDATE SET last_seq = firm_feeds.last_seq + $3 RETURNING last_seq`,
      [firmId, realmId, count],
    );
    return BigInt(row.last_seq) - BigInt(count) + 1n;
  };
  const write = async (tx: SqlExecutor, firmId: string, realmId: string, who: StaffRef, change: { collection: Collection; id: string; body: Record<string, unknown> | null }, rev: number, seq: bigint): Promise<FirmRecord> => {
    const [row] = await tx.query<Row>(
      `INSERT INTO firm_records (firm_id, realm_id, collection, record_id, rev, seq, deleted, body, link_key, updated_by_id, updated_by_name, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (firm_id, realm_id, collection, record_id) DO UPDATE SET rev = excluded.rev, seq = excluded.seq, deleted = excluded.deleted,
         body = excluded.body, link_key = excluded.link_key, updated_by_id = excluded.updated_by_id, updated_by_name = excluded.updated_by_name, updated_at = excluded.updated_at
       RETURNING ${COLUMNS}`,
      [
        firmId,
        realmId,
        change.collection,
        change.id,
        rev,
        seq.toString(),
        change.body === null ? 1 : 0,
        change.body === null ? null : JSON.stringify(change.body),
        linkKeyOf(change.collection, change.body),
        who.id,
        who.name,
        new Date(now()).toISOString(),
      ],
    );
    return toRecord(row);
  };

  /** After a UniqueViolation rolled a push back: which changes collide with a live link now. */
  const explainUnique = async (firmId: string, realmId: string, changes: RecordChange[]): Promise<Conflict[]> => {
    const conflicts: Conflict[] = [];
    for (const [index, change] of changes.entries()) {
      const linkKey = linkKeyOf(change.collection, change.deleted ? null : (change.body ?? null));
      const holder = linkKey === null ? null : await holderOf(db, firmId, realmId, linkKey, change.id);
      if (holder) conflicts.push({ index, collection: change.collection, id: change.id, reason: 'unique', current: await current(db, firmId, realmId, change.collection, change.id), holder });
    }
    return conflicts;
  };

  return {
    async pull(firmId, realmId, since, limit) {
      const rows = await db.query<Row>(
        `SELECT ${COLUMNS} FROM firm_records WHERE firm_id = $1 AND realm_id = $2 AND seq > $3 ORDER BY seq LIMIT $4`,
        [firmId, realmId, since.toString(), limit + 1],
      );
      const more = rows.length > limit;
      const records = rows.slice(0, limit).map(toRecord);
      return { records, checkpoint: records.length ? records[records.length - 1].seq : since.toString(), more };
    },

    async push(firmId, realmId, who, changes) {
      try {
        return await db.transaction(async (tx) => {
          const first = await reserve(tx, firmId, realmId, changes.length);
          const conflicts: Conflict[] = [];
          const written: FirmRecord[] = [];
          for (const [index, change] of changes.entries()) {
            const existing = await current(tx, firmId, realmId, change.collection, change.id);
            const live = existing !== null && !existing.deleted;
            const expected = live ? change.baseRev === existing.rev : change.baseRev === null || change.baseRev === existing?.rev;
            if (!expected || (change.collection === 'history' && existing !== null)) {
              conflicts.push({ index, collection: change.collection, id: change.id, reason: 'stale', current: existing });
              continue;
            }
            const body = change.deleted ? null : (change.body ?? null);
            const linkKey = linkKeyOf(change.collection, body);
            if (linkKey !== null) {
              const holder = await holderOf(tx, firmId, realmId, linkKey, change.id);
              if (holder) {
                conflicts.push({ index, collection: change.collection, id: change.id, reason: 'unique', current: existing, holder });
                continue;
              }
            }
            if (conflicts.length) continue; // the push fails anyway; keep checking the rest without writing
            written.push(await write(tx, firmId, realmId, who, { collection: change.collection, id: change.id, body }, (existing?.rev ?? 0) + 1, first + BigInt(index)));
          }
          if (conflicts.length) throw new PushRejected(conflicts);
          return { ok: true as const, records: written, checkpoint: written[written.length - 1].seq };
        });
      } catch (err) {
        if (err instanceof PushRejected) return { ok: false, conflicts: err.conflicts };
        if (err instanceof UniqueViolation) return { ok: false, conflicts: await explainUnique(firmId, realmId, changes) };
        throw err;
      }
    },

    async adopt(firmId, realmId, who, records) {
      return db.transaction(async (tx) => {
        const first = records.length ? await reserve(tx, firmId, realmId, records.length) : 0n;
        const notTaken: NotTaken[] = [];
        let taken = 0;
        let last: string | null = null;
        for (const [index, record] of records.entries()) {
          const existing = await current(tx, firmId, realmId, record.collection, record.id);
          if (existing) {
            // The firm's value wins; the same value is nothing to report.
            if (existing.deleted || JSON.stringify(existing.body) !== JSON.stringify(record.body)) {
              if (record.collection !== 'history') notTaken.push({ collection: record.collection, id: record.id, reason: 'firm_has_other', firm: existing });
            }
            continue;
          }
          const linkKey = linkKeyOf(record.collection, record.body);
          const holder = linkKey === null ? null : await holderOf(tx, firmId, realmId, linkKey, record.id);
          if (holder) {
            notTaken.push({ collection: record.collection, id: record.id, reason: 'unique', firm: holder });
            continue;
          }
          last = (await write(tx, firmId, realmId, who, record, 1, first + BigInt(index))).seq;
          taken++;
        }
        const [feed] = await tx.query<{ last_seq: number | string }>('SELECT last_seq FROM firm_feeds WHERE firm_id = $1 AND realm_id = $2', [firmId, realmId]);
        return { taken, notTaken, checkpoint: last ?? String(feed?.last_seq ?? '0') };
      });
    },
  };
}
