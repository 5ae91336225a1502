/**
 * The firm store's first schema: connections, pending authorizations, the firms' records and
 * their per firm+realm change feeds. Types and statements run on SQLite and PostgreSQL alike.
 */
import type { Migration } from './migration';

export const migration0001: Migration = {
  version: 1,
  name: 'firm-store',
  statements: [
    `CREATE TABLE firm_connections (
      firm_id TEXT PRIMARY KEY,
      connection_id TEXT NOT NULL,
      realm_id TEXT NOT NULL,
      company_name TEXT NOT NULL,
      country TEXT NOT NULL,
      connected_at TEXT NOT NULL,
      connected_by_id TEXT NOT NULL,
      connected_by_name TEXT NOT NULL,
      intuit_email TEXT,
      sealed_tokens TEXT NOT NULL,
      access_expires_at BIGINT NOT NULL,
      refresh_expires_at BIGINT NOT NULL
    )`,
    // kind: ticket | state | code | completion; only digests of the one-time values are kept.
    `CREATE TABLE auth_pending (
      kind TEXT NOT NULL,
      value_hash TEXT NOT NULL,
      firm_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      flow_id TEXT NOT NULL,
      binding_hash TEXT,
      sealed TEXT,
      expires_at BIGINT NOT NULL,
      PRIMARY KEY (kind, value_hash)
    )`,
    'CREATE INDEX auth_pending_expiry ON auth_pending (expires_at)',
    // One row per firm+realm; its row lock (PostgreSQL) / the write lock (SQLite) orders pushes.
    `CREATE TABLE firm_feeds (
      firm_id TEXT NOT NULL,
      realm_id TEXT NOT NULL,
      last_seq BIGINT NOT NULL,
      PRIMARY KEY (firm_id, realm_id)
    )`,
    // link_key is `kind:qboId` for live links and NULL otherwise; NULLs never collide in a
    // UNIQUE index on either back-end, so only live links are one-to-one.
    `CREATE TABLE firm_records (
      firm_id TEXT NOT NULL,
      realm_id TEXT NOT NULL,
      collection TEXT NOT NULL,
      record_id TEXT NOT NULL,
      rev INTEGER NOT NULL,
      seq BIGINT NOT NULL,
      deleted INTEGER NOT NULL,
      body TEXT,
      link_key TEXT,
      updated_by_id TEXT NOT NULL,
      updated_by_name TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (firm_id, realm_id, collection, record_id)
    )`,
    'CREATE UNIQUE INDEX firm_records_link_key ON firm_records (firm_id, realm_id, link_key)',
    'CREATE INDEX firm_records_feed ON firm_records (firm_id, realm_id, seq)',
  ],
};
