/**
 * Keeps each connection's access token usable: refreshes it when it is within five minutes of
 * expiry or when QBO rejected it, with at most one refresh in flight per session. Callers that
 * arrive while a refresh runs wait for it; a caller whose rejected token was already replaced
 * just takes the newer one. Refresh tokens rotate, so the newest one is stored (on disk,
 * before anyone uses the new access token) every time.
 */
import { ApiError } from './api-error';
import type { IntuitClient } from './intuit-client';
import { IntuitError } from './intuit-error';
import type { Connection, SessionStore } from './session-store';

export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

export class TokenRefresher {
  private readonly inflight = new Map<string, Promise<Connection>>();

  constructor(
    private readonly store: SessionStore,
    private readonly intuit: IntuitClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** The session's connection, refreshed first if its access token is about to expire. */
  async fresh(sessionKey: string): Promise<Connection> {
    const running = this.inflight.get(sessionKey);
    if (running) return running;
    const connection = this.current(sessionKey);
    if (connection.tokens.accessTokenExpiresAt - this.now() > REFRESH_MARGIN_MS) return connection;
    return this.refreshOnce(sessionKey, connection);
  }

  /** QBO answered 401 to `rejectedAccessToken`: get a newer token (refreshing at most once). */
  async afterRejected(sessionKey: string, rejectedAccessToken: string): Promise<Connection> {
    const running = this.inflight.get(sessionKey);
    if (running) return running;
    const connection = this.current(sessionKey);
    if (connection.tokens.accessToken !== rejectedAccessToken) return connection;
    return this.refreshOnce(sessionKey, connection);
  }

  /** Resolves when no refresh is running for the session (its outcome does not matter). */
  async settled(sessionKey: string): Promise<void> {
    await this.inflight.get(sessionKey)?.catch(() => undefined);
  }

  private current(sessionKey: string): Connection {
    const connection = this.store.get(sessionKey)?.connection;
    if (!connection) {
      throw new ApiError(401, 'not_connected', 'This session is not connected to QuickBooks Online. Connect first.');
    }
    return connection;
  }

  private refreshOnce(sessionKey: string, connection: Connection): Promise<Connection> {
    const p = this.refresh(sessionKey, connection).finally(() => this.inflight.delete(sessionKey));
    this.inflight.set(sessionKey, p);
    return p;
  }

  private async refresh(sessionKey: string, connection: Connection): Promise<Connection> {
    if (connection.tokens.refreshTokenExpiresAt <= this.now()) {
      this.forgetIfCurrent(sessionKey, connection);
      throw reconnectRequired();
    }
    let tokens;
    try {
      tokens = await this.intuit.refresh(connection.tokens.refreshToken);
    } catch (err) {
      const e = err instanceof IntuitError ? err : new IntuitError('refresh', 'unknown', undefined, 'Refreshing the access token failed. Try again.');
      if (e.grantRejected) {
        this.forgetIfCurrent(sessionKey, connection);
        throw reconnectRequired();
      }
      throw new ApiError(502, 'upstream_unavailable', e.message);
    }
    const latest = this.store.get(sessionKey)?.connection;
    if (!latest || latest.connectionId !== connection.connectionId) {
      // Disconnected or reconnected while the refresh ran: the new tokens belong to nobody.
      throw new ApiError(401, 'not_connected', 'The connection changed while its token was being refreshed. Check the connection and try again.');
    }
    const updated: Connection = { ...latest, tokens };
    this.store.setConnection(sessionKey, updated);
    return updated;
  }

  private forgetIfCurrent(sessionKey: string, connection: Connection): void {
    if (this.store.get(sessionKey)?.connection?.connectionId === connection.connectionId) {
      this.store.setConnection(sessionKey, null);
    }
  }
}

function reconnectRequired(): ApiError {
  return new ApiError(401, 'reconnect_required', 'QuickBooks Online no longer accepts this connection (it was revoked or has expired). Connect to QuickBooks Online again.');
}
