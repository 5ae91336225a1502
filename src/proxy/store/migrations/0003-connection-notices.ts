/**
 * What the firm's connection needs attention for after the connection row itself is gone or
 * replaced: the grant Intuit stopped accepting (revoked, expired), and a reconnect to another
 * company than the one the firm's data belongs to. One row per firm.
 */
import type { Migration } from './migration';

export const migration0003: Migration = {
  version: 3,
  name: 'connection-notices',
  statements: [
    `CREATE TABLE firm_connection_notices (
      firm_id TEXT PRIMARY KEY,
      last_realm_id TEXT,
      last_company_name TEXT,
      lapse_reason TEXT,
      lapse_realm_id TEXT,
      lapse_company_name TEXT,
      lapsed_at TEXT,
      changed_from_realm_id TEXT,
      changed_from_company_name TEXT,
      changed_at TEXT,
      changed_by_id TEXT,
      changed_by_name TEXT
    )`,
  ],
};
