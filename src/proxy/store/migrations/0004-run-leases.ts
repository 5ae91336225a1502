/**
 * Run leases: at most one holder per firm, company and run name (e.g. `contactExport`), so two
 * staff never run the same Match-tab export at once. A lease expires unless renewed.
 */
import type { Migration } from './migration';

export const migration0004: Migration = {
  version: 4,
  name: 'run-leases',
  statements: [
    `CREATE TABLE run_leases (
      firm_id TEXT NOT NULL,
      realm_id TEXT NOT NULL,
      name TEXT NOT NULL,
      holder_id TEXT NOT NULL,
      holder_name TEXT NOT NULL,
      instance TEXT NOT NULL,
      browser TEXT NOT NULL,
      acquired_at BIGINT NOT NULL,
      expires_at BIGINT NOT NULL,
      PRIMARY KEY (firm_id, realm_id, name)
    )`,
  ],
};
