/**
 * What a firm's QuickBooks connection needs attention for, kept apart from the connection row
 * because the row is gone when it matters most: when Intuit stopped accepting the grant (the
 * refresher forgets the connection), every staff member's panel must still learn why and offer
 * Reconnect. It also remembers the company the firm last connected, so that a reconnect to
 * another company (whose QuickBooks records the firm's links and history do not describe) is
 * said out loud, also after a Disconnect in between.
 */
import type { StaffRef } from './connections';
import type { SqlExecutor } from './database';

export type LapseReason = 'revoked' | 'expired';

export interface ConnectionLapse {
  reason: LapseReason;
  realmId: string;
  companyName: string;
  /** ISO timestamp. */
  at: string;
}

export interface CompanyChange {
  previousRealmId: string;
  previousCompanyName: string;
  /** ISO timestamp. */
  at: string;
  by: StaffRef;
}

export interface ConnectionNotices {
  /** The company of the firm's latest connection, live or not. */
  last?: { realmId: string; companyName: string };
  lapse?: ConnectionLapse;
  companyChange?: CompanyChange;
}

export interface ConnectionNoticesRepository {
  get(firmId: string): Promise<ConnectionNotices>;
  /** Intuit no longer accepts the firm's grant (the connection was forgotten). */
  recordLapse(firmId: string, lapse: ConnectionLapse): Promise<void>;
  /**
   * The firm connected `realmId`: the lapse is over; `change` is the company change to show
   * from now on (null: none).
   */
  recordConnect(firmId: string, realm: { realmId: string; companyName: string }, change: CompanyChange | null): Promise<void>;
  /** Someone confirmed the new company; false when there was nothing to confirm. */
  clearCompanyChange(firmId: string): Promise<boolean>;
  /** A deliberate Disconnect: nothing is waiting for attention any more (the last company is kept). */
  clearOnDisconnect(firmId: string): Promise<void>;
}

interface Row {
  last_realm_id: string | null;
  last_company_name: string | null;
  lapse_reason: string | null;
  lapse_realm_id: string | null;
  lapse_company_name: string | null;
  lapsed_at: string | null;
  changed_from_realm_id: string | null;
  changed_from_company_name: string | null;
  changed_at: string | null;
  changed_by_id: string | null;
  changed_by_name: string | null;
}

export function createConnectionNoticesRepository(db: SqlExecutor): ConnectionNoticesRepository {
  return {
    async get(firmId) {
      const [row] = await db.query<Row>('SELECT * FROM firm_connection_notices WHERE firm_id = $1', [firmId]);
      const out: ConnectionNotices = {};
      if (!row) return out;
      if (row.last_realm_id) out.last = { realmId: row.last_realm_id, companyName: row.last_company_name ?? '' };
      if ((row.lapse_reason === 'revoked' || row.lapse_reason === 'expired') && row.lapse_realm_id && row.lapsed_at) {
        out.lapse = { reason: row.lapse_reason, realmId: row.lapse_realm_id, companyName: row.lapse_company_name ?? '', at: row.lapsed_at };
      }
      if (row.changed_from_realm_id && row.changed_at) {
        out.companyChange = {
          previousRealmId: row.changed_from_realm_id,
          previousCompanyName: row.changed_from_company_name ?? '',
          at: row.changed_at,
          by: { id: row.changed_by_id ?? '', name: row.changed_by_name ?? '' },
        };
      }
      return out;
    },
    async recordLapse(firmId, lapse) {
      await db.run(
        `INSERT INTO firm_connection_notices (firm_id, last_realm_id, last_company_name, lapse_reason, lapse_realm_id, lapse_company_name, lapsed_at)
         VALUES ($1, $2, $3, $4, $2, $3, $5)
         ON CONFLICT (firm_id) DO UPDATE SET last_realm_id = excluded.last_realm_id, last_company_name = excluded.last_company_name,
           lapse_reason = excluded.lapse_reason, lapse_realm_id = excluded.lapse_realm_id, lapse_company_name = excluded.lapse_company_name, lapsed_at = excluded.lapsed_at`,
        [firmId, lapse.realmId, lapse.companyName, lapse.reason, lapse.at],
      );
    },
    async recordConnect(firmId, realm, change) {
      await db.run(
        `INSERT INTO firm_connection_notices (firm_id, last_realm_id, last_company_name, changed_from_realm_id, changed_from_company_name, changed_at, changed_by_id, changed_by_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (firm_id) DO UPDATE SET last_realm_id = excluded.last_realm_id, last_company_name = excluded.last_company_name,
           lapse_reason = NULL, lapse_realm_id = NULL, lapse_company_name = NULL, lapsed_at = NULL,
           changed_from_realm_id = excluded.changed_from_realm_id, changed_from_company_name = excluded.changed_from_company_name,
           changed_at = excluded.changed_at, changed_by_id = excluded.changed_by_id, changed_by_name = excluded.changed_by_name`,
        [
          firmId,
          realm.realmId,
          realm.companyName,
          change?.previousRealmId ?? null,
          change?.previousCompanyName ?? null,
          change?.at ?? null,
          change?.by.id ?? null,
          change?.by.name ?? null,
        ],
      );
    },
    async clearCompanyChange(firmId) {
      const changed = await db.run(
        `UPDATE firm_connection_notices SET changed_from_realm_id = NULL, changed_from_company_name = NULL, changed_at = NULL, changed_by_id = NULL, changed_by_name = NULL
         WHERE firm_id = $1 AND changed_from_realm_id IS NOT NULL`,
        [firmId],
      );
      return changed > 0;
    },
    async clearOnDisconnect(firmId) {
      await db.run(
        `UPDATE firm_connection_notices SET lapse_reason = NULL, lapse_realm_id = NULL, lapse_company_name = NULL, lapsed_at = NULL,
           changed_from_realm_id = NULL, changed_from_company_name = NULL, changed_at = NULL, changed_by_id = NULL, changed_by_name = NULL
         WHERE firm_id = $1`,
        [firmId],
      );
    },
  };
}

/**
 * The company change to show after connecting `next`: none when it is the company the firm
 * was on (or the one it came from before, which ends the change); the change already shown
 * when there is one (the firm's data still belongs to that first company); otherwise a new one.
 */
export function companyChangeAfterConnect(
  notices: ConnectionNotices,
  previous: { realmId: string; companyName: string } | undefined,
  next: { realmId: string },
  at: string,
  by: StaffRef,
): CompanyChange | null {
  const existing = notices.companyChange;
  if (existing && existing.previousRealmId === next.realmId) return null;
  if (existing) return existing;
  if (!previous || previous.realmId === next.realmId) return null;
  return { previousRealmId: previous.realmId, previousCompanyName: previous.companyName, at, by };
}
