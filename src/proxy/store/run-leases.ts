/**
 * Run leases (one run at a time across staff, issue 14 point 10): who holds the run named
 * `name` for a firm's company, from which page (`instance`) and browser, since when, until when.
 *
 * Taking a lease is ONE conditional upsert: the row is inserted, or replaced only when it has
 * expired, belongs to the same page (a renewal), or belongs to the same user in the same browser
 * and the caller says it holds that browser's lock (a page that reloaded mid-run). The browser id
 * and the page's ids are only the page's word (and the instance is shown to everyone), so the user
 * (from the verified identity) must match too: nobody takes over a colleague's live run by naming
 * their browser or page. PostgreSQL locks the row for the ON CONFLICT update and SQLite has one
 * writer, so two staff can never both hold it; the statement returns the row only when the
 * caller got it. Times are the proxy's own clock.
 */
import type { StaffRef } from './connections';
import type { Database } from './database';

export interface RunLease {
  name: string;
  holder: StaffRef;
  instance: string;
  browser: string;
  /** Epoch ms. */
  acquiredAt: number;
  expiresAt: number;
}

export interface AcquireRequest {
  instance: string;
  browser: string;
  ttlMs: number;
  /** The caller holds this browser's lock for the run: a lease of the same browser is stale. */
  takeOverBrowser: boolean;
}

export type AcquireOutcome = { held: true; lease: RunLease } | { held: false; lease: RunLease };

export interface RunLeasesRepository {
  /** The live lease, or null when none (or it expired). */
  get(firmId: string, realmId: string, name: string): Promise<RunLease | null>;
  acquire(firmId: string, realmId: string, name: string, who: StaffRef, request: AcquireRequest): Promise<AcquireOutcome>;
  /** Ends the caller's own lease; false when it was not theirs (expired, taken over). */
  /** Only the holder's own page, signed in as the holder, can release: the page id is shown to the whole firm. */
  release(firmId: string, realmId: string, name: string, instance: string, userId: string): Promise<boolean>;
}

interface Row {
  name: string;
  holder_id: string;
  holder_name: string;
  instance: string;
  browser: string;
  acquired_at: number | string;
  expires_at: number | string;
}

const COLUMNS = 'name, holder_id, holder_name, instance, browser, acquired_at, expires_at';

function toLease(r: Row): RunLease {
  return { name: r.name, holder: { id: r.holder_id, name: r.holder_name }, instance: r.instance, browser: r.browser, acquiredAt: Number(r.acquired_at), expiresAt: Number(r.expires_at) };
}

export function createRunLeasesRepository(db: Database, now: () => number = Date.now): RunLeasesRepository {
  const read = async (firmId: string, realmId: string, name: string): Promise<RunLease | null> => {
    const [row] = await db.query<Row>(`SELECT ${COLUMNS} FROM run_leases WHERE firm_id = $1 AND realm_id = $2 AND name = $3`, [firmId, realmId, name]);
    return row ? toLease(row) : null;
  };
  return {
    async get(firmId, realmId, name) {
      const lease = await read(firmId, realmId, name);
      return lease && lease.expiresAt > now() ? lease : null;
    },

    async acquire(firmId, realmId, name, who, request) {
      const at = now();
      const rows = await db.query<Row>(
        `INSERT INTO run_leases (firm_id, realm_id, name, holder_id, holder_name, instance, browser, acquired_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (firm_id, realm_id, name) DO UPDATE SET
           holder_id = excluded.holder_id, holder_name = excluded.holder_name, browser = excluded.browser, expires_at = excluded.expires_at,
           acquired_at = CASE WHEN run_leases.instance = excluded.instance THEN run_leases.acquired_at ELSE excluded.acquired_at END,
           instance = excluded.instance
         WHERE run_leases.expires_at <= $8
            OR (run_leases.instance = excluded.instance AND run_leases.holder_id = excluded.holder_id)
            OR ($10 = 1 AND run_leases.browser = excluded.browser AND run_leases.holder_id = excluded.holder_id)
         RETURNING ${COLUMNS}`,
        [firmId, realmId, name, who.id, who.name, request.instance, request.browser, at, at + request.ttlMs, request.takeOverBrowser ? 1 : 0],
      );
      const mine = rows[0] ? toLease(rows[0]) : null;
      if (mine && mine.instance === request.instance) return { held: true, lease: mine };
      const holder = await read(firmId, realmId, name);
      // Released between the two statements: try once more rather than report a holder that is gone.
      if (!holder) return this.acquire(firmId, realmId, name, who, request);
      return { held: false, lease: holder };
    },

    async release(firmId, realmId, name, instance, userId) {
      const n = await db.run('DELETE FROM run_leases WHERE firm_id = $1 AND realm_id = $2 AND name = $3 AND instance = $4 AND holder_id = $5', [firmId, realmId, name, instance, userId]);
      return n > 0;
    },
  };
}
