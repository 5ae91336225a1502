/**
 * Each firm's QuickBooks connection (one per firm). The tokens are sealed with AES-256-GCM
 * (associated data: the firm id, so a sealed blob copied onto another firm's row does not
 * open); everything else is plain so that the status needs no decryption.
 */
import { open, seal } from '../token-cipher';
import type { Database, SqlExecutor } from './database';

export interface TokenSet {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds. */
  accessTokenExpiresAt: number;
  /** Epoch milliseconds. */
  refreshTokenExpiresAt: number;
}

export interface StaffRef {
  id: string;
  name: string;
}

export interface Connection {
  /** Random per authorization, so a late refresh cannot overwrite a newer connection. */
  connectionId: string;
  realmId: string;
  companyName: string;
  /** CompanyInfo.Country, e.g. `US` or `CA`; empty when QBO did not say. */
  country: string;
  /** ISO timestamp. */
  connectedAt: string;
  /** The staff member who completed the connect flow. */
  connectedBy: StaffRef;
  /** Email of the Intuit user who authorized, when userinfo gave one. */
  intuitEmail?: string;
  tokens: TokenSet;
}

export interface ConnectionsRepository {
  /** The firm's connection; null when there is none or its tokens cannot be opened (another key). */
  get(firmId: string): Promise<Connection | null>;
  /** Stores (replaces) the firm's connection. */
  put(firmId: string, connection: Connection): Promise<void>;
  /** Stores rotated tokens if the connection is still `connectionId`; false otherwise. */
  updateTokens(firmId: string, connectionId: string, tokens: TokenSet): Promise<boolean>;
  /** Forgets the connection if it is still `connectionId`; false otherwise. */
  remove(firmId: string, connectionId: string): Promise<boolean>;
  /**
   * Runs `work` holding the firm's refresh lock, across every replica on this database; `work`
   * reads and writes through the repository it is given (the lock's own connection).
   */
  withRefreshLock<T>(firmId: string, work: (locked: ConnectionsRepository) => Promise<T>): Promise<T>;
}

interface Row {
  connection_id: string;
  realm_id: string;
  company_name: string;
  country: string;
  connected_at: string;
  connected_by_id: string;
  connected_by_name: string;
  intuit_email: string | null;
  sealed_tokens: string;
}

export function createConnectionsRepository(db: Database | SqlExecutor, key: Buffer, onUnreadable: (firmId: string) => void = () => undefined): ConnectionsRepository {
  const repository: ConnectionsRepository = {
    withRefreshLock(firmId, work) {
      // An executor that is not a Database is already inside a lock or a transaction.
      if (!('withLock' in db)) return work(repository);
      return db.withLock(`qbo-proxy:refresh:${firmId}`, (ex) => work(createConnectionsRepository(ex, key, onUnreadable)));
    },
    async get(firmId) {
      const [row] = await db.query<Row>('SELECT * FROM firm_connections WHERE firm_id = $1', [firmId]);
      if (!row) return null;
      const plain = open(key, row.sealed_tokens, firmId);
      if (plain === null) {
        // Another TOKEN_ENCRYPTION_KEY or a damaged row: the firm reconnects.
        onUnreadable(firmId);
        return null;
      }
      return {
        connectionId: row.connection_id,
        realmId: row.realm_id,
        companyName: row.company_name,
        country: row.country,
        connectedAt: row.connected_at,
        connectedBy: { id: row.connected_by_id, name: row.connected_by_name },
        ...(row.intuit_email ? { intuitEmail: row.intuit_email } : {}),
        tokens: JSON.parse(plain) as TokenSet,
      };
    },
    async put(firmId, c) {
      await db.run(
        `INSERT INTO firm_connections (firm_id, connection_id, realm_id, company_name, country, connected_at, connected_by_id, connected_by_name, intuit_email, sealed_tokens, access_expires_at, refresh_expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (firm_id) DO UPDATE SET connection_id = excluded.connection_id, realm_id = excluded.realm_id, company_name = excluded.company_name,
           country = excluded.country, connected_at = excluded.connected_at, connected_by_id = excluded.connected_by_id, connected_by_name = excluded.connected_by_name,
           intuit_email = excluded.intuit_email, sealed_tokens = excluded.sealed_tokens, access_expires_at = excluded.access_expires_at, refresh_expires_at = excluded.refresh_expires_at`,
        [
          firmId,
          c.connectionId,
          c.realmId,
          c.companyName,
          c.country,
          c.connectedAt,
          c.connectedBy.id,
          c.connectedBy.name,
          c.intuitEmail ?? null,
          seal(key, JSON.stringify(c.tokens), firmId),
          c.tokens.accessTokenExpiresAt,
          c.tokens.refreshTokenExpiresAt,
        ],
      );
    },
    async updateTokens(firmId, connectionId, tokens) {
      const changed = await db.run(
        'UPDATE firm_connections SET sealed_tokens = $1, access_expires_at = $2, refresh_expires_at = $3 WHERE firm_id = $4 AND connection_id = $5',
        [seal(key, JSON.stringify(tokens), firmId), tokens.accessTokenExpiresAt, tokens.refreshTokenExpiresAt, firmId, connectionId],
      );
      return changed > 0;
    },
    async remove(firmId, connectionId) {
      return (await db.run('DELETE FROM firm_connections WHERE firm_id = $1 AND connection_id = $2', [firmId, connectionId])) > 0;
    },
  };
  return repository;
}
