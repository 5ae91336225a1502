/**
 * Keeps each firm's access token usable: refreshes it when it is within five minutes of expiry
 * or when QBO rejected it, with at most one refresh per firm connection at a time across all
 * replicas: in this process one flight per firm, and around it the firm's refresh lock in the
 * database (a PostgreSQL advisory lock). Under the lock the connection is read again, so a
 * replica that waited for another one's refresh finds the rotated tokens and uses them instead
 * of refreshing with a superseded refresh token (which would make Intuit revoke the chain).
 * Refresh tokens rotate, so the newest one is committed to the store before anyone uses the
 * new access token. A replica that dies holding the lock committed nothing: the lock dies with
 * its session, and since Intuit keeps the old refresh token valid until the new one is used, the
 * next caller refreshes from the stored one.
 */
import { ApiError } from './api-error';
import type { ConnectionCache } from './connection-cache';
import type { IntuitClient } from './intuit-client';
import { IntuitError } from './intuit-error';
import type { Connection, ConnectionsRepository } from './store/connections';

export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** Told when Intuit stopped accepting a firm's grant and the connection was forgotten. */
export type OnLapse = (firmId: string, connection: Connection, reason: 'revoked' | 'expired') => Promise<void>;

export class TokenRefresher {
  private readonly inflight = new Map<string, Promise<Connection>>();

  constructor(
    private readonly connections: ConnectionsRepository,
    private readonly intuit: IntuitClient,
    private readonly now: () => number = Date.now,
    private readonly onLapse: OnLapse = async () => undefined,
    /** Where `fresh` finds a firm's connection before asking the database (none: always the database). */
    private readonly cache: ConnectionCache | null = null,
  ) {}

  /** The firm's connection, refreshed first if its access token is about to expire. */
  async fresh(firmId: string): Promise<Connection> {
    const running = this.inflight.get(firmId);
    if (running) return running;
    const connection = this.cache ? await this.cache.get(firmId, () => this.connections.get(firmId)) : await this.connections.get(firmId);
    if (!connection) throw notConnected();
    if (connection.tokens.accessTokenExpiresAt - this.now() > REFRESH_MARGIN_MS) return connection;
    return this.refreshOnce(firmId, connection);
  }

  /** QBO answered 401 to `rejectedAccessToken`: get a newer token (refreshing at most once). */
  async afterRejected(firmId: string, rejectedAccessToken: string): Promise<Connection> {
    return (await this.replaceRejected(firmId, rejectedAccessToken)).connection;
  }

  /**
   * Like `afterRejected`, and says whether the token came from a refresh (this replica's, or
   * one it waited for) rather than from the store, where another replica may have left a token
   * that has expired since: a relay may try a stored one again, never a refreshed one.
   */
  async replaceRejected(firmId: string, rejectedAccessToken: string): Promise<{ connection: Connection; refreshed: boolean }> {
    const running = this.inflight.get(firmId);
    if (running) return { connection: await running, refreshed: true };
    // From the database, never the cache: another replica may have refreshed already.
    const connection = await this.current(firmId);
    if (connection.tokens.accessToken !== rejectedAccessToken) {
      this.cache?.put(firmId, connection);
      return { connection, refreshed: false };
    }
    return { connection: await this.refreshOnce(firmId, connection), refreshed: true };
  }

  /** Resolves when no refresh is running for the firm (its outcome does not matter). */
  async settled(firmId: string): Promise<void> {
    await this.inflight.get(firmId)?.catch(() => undefined);
  }

  private async current(firmId: string): Promise<Connection> {
    const connection = await this.connections.get(firmId);
    if (!connection) throw notConnected();
    return connection;
  }

  private refreshOnce(firmId: string, connection: Connection): Promise<Connection> {
    // Registered synchronously (before any await) so that concurrent callers find it.
    const running = this.inflight.get(firmId);
    if (running) return running;
    const p = this.refresh(firmId, connection)
      .then((c) => {
        this.cache?.put(firmId, c);
        return c;
      })
      .finally(() => this.inflight.delete(firmId));
    this.inflight.set(firmId, p);
    return p;
  }

  private refresh(firmId: string, seen: Connection): Promise<Connection> {
    return this.connections.withRefreshLock(firmId, (locked) => this.refreshLocked(locked, firmId, seen));
  }

  private async refreshLocked(connections: ConnectionsRepository, firmId: string, seen: Connection): Promise<Connection> {
    // The caller may have read the connection just before another refresh committed (here or on
    // another replica): using its superseded refresh token would make Intuit revoke the whole
    // chain. Re-read under the lock.
    const found = await connections.get(firmId);
    if (!found) throw notConnected();
    const connection = found;
    if (connection.connectionId !== seen.connectionId) return connection;
    if (connection.tokens.refreshToken !== seen.tokens.refreshToken) return connection;
    if (connection.tokens.refreshTokenExpiresAt <= this.now()) {
      if (await connections.remove(firmId, connection.connectionId)) await this.onLapse(firmId, connection, 'expired');
      throw reconnectRequired();
    }
    let tokens;
    try {
      tokens = await this.intuit.refresh(connection.tokens.refreshToken);
    } catch (err) {
      const e = err instanceof IntuitError ? err : new IntuitError('refresh', 'unknown', undefined, 'Refreshing the access token failed. Try again.');
      if (e.grantRejected) {
        // Remembered apart from the connection, so every panel can say why and offer Reconnect.
        if (await connections.remove(firmId, connection.connectionId)) await this.onLapse(firmId, connection, 'revoked');
        throw reconnectRequired();
      }
      throw new ApiError(502, 'upstream_unavailable', e.message);
    }
    // Committed before the new access token is handed to anyone.
    if (!(await connections.updateTokens(firmId, connection.connectionId, tokens))) {
      // Disconnected or reconnected while the refresh ran: the new tokens belong to nobody.
      throw new ApiError(401, 'not_connected', 'The connection changed while its token was being refreshed. Check the connection and try again.');
    }
    return { ...connection, tokens };
  }
}

export function notConnected(): ApiError {
  return new ApiError(401, 'not_connected', "This firm is not connected to QuickBooks Online. Connect first (Setup > My Company > Information & Settings > Integrations).");
}

function reconnectRequired(): ApiError {
  return new ApiError(401, 'reconnect_required', 'QuickBooks Online no longer accepts this connection (it was revoked or has expired). Connect to QuickBooks Online again.');
}
