/**
 * Intuit's OAuth endpoints through intuit-oauth: authorize URL, code exchange, refresh, revoke
 * and userinfo.
 *
 * intuit-oauth keeps its endpoints in process-wide statics. Each call here sets them from this
 * proxy's configuration immediately before the library reads them (it reads them synchronously
 * when the call starts), so proxies with different endpoints can share a process. Retries are
 * switched off process-wide: the authorization code is single-use and must never be sent twice,
 * and the retry counter is read asynchronously, so it cannot be lowered for one call only.
 * A fresh OAuthClient per call keeps no token state between firms.
 */
import OAuthClient from 'intuit-oauth';
import type { ProxyConfig } from './config';
import { IntuitError, toIntuitError, type IntuitOperation } from './intuit-error';
import type { TokenSet } from './store/connections';

export const OAUTH_SCOPES = [
  OAuthClient.scopes.Accounting,
  OAuthClient.scopes.OpenId,
  OAuthClient.scopes.Profile,
  OAuthClient.scopes.Email,
];

/** How long to wait for Intuit before giving up (intuit-oauth itself has no timeout). */
const CALL_TIMEOUT_MS = 30_000;

export interface UserInfo {
  email?: string;
  givenName?: string;
  familyName?: string;
}

export class IntuitClient {
  constructor(
    private readonly config: ProxyConfig,
    private readonly now: () => number = Date.now,
  ) {}

  get configured(): boolean {
    return this.config.clientId !== null && this.config.clientSecret !== null;
  }

  get redirectUri(): string {
    return `${this.config.publicUrl}/auth/callback`;
  }

  authorizeUrl(state: string): string {
    return this.client().authorizeUri({ scope: OAUTH_SCOPES, state });
  }

  /** Exchanges a code exactly once. Never retried, whatever the failure. */
  async exchangeCode(code: string, realmId: string): Promise<TokenSet> {
    const client = this.client();
    const query = new URLSearchParams({ code, realmId }).toString();
    const json = await this.call('exchange', () => client.createToken(`?${query}`).then((r) => r.getJson() as unknown));
    return this.tokenSet(json, null);
  }

  /** Uses `refreshToken` once; the answer carries the newest refresh token (rotation). */
  async refresh(refreshToken: string): Promise<TokenSet> {
    const client = this.client();
    const json = await this.call('refresh', () => client.refreshUsingToken(refreshToken).then((r) => r.getJson() as unknown));
    return this.tokenSet(json, refreshToken);
  }

  async revoke(refreshToken: string): Promise<void> {
    const client = this.client();
    await this.call('revoke', () => client.revoke({ refresh_token: refreshToken }).then(() => undefined));
  }

  async userInfo(accessToken: string): Promise<UserInfo> {
    const client = this.client();
    client.setToken({ access_token: accessToken });
    const json = await this.call('userinfo', () => client.getUserInfo().then((r) => r.getJson() as unknown));
    const str = (k: string): string | undefined => {
      const v = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)[k] : undefined;
      return typeof v === 'string' && v ? v : undefined;
    };
    return { email: str('email'), givenName: str('givenName'), familyName: str('familyName') };
  }

  private client(): OAuthClient {
    if (this.config.clientId === null || this.config.clientSecret === null) {
      throw new IntuitError('exchange', 'not_configured', undefined, 'INTUIT_CLIENT_ID and INTUIT_CLIENT_SECRET are not set. `npm start` sets them for the local sandbox; set them yourself when running the proxy alone.');
    }
    const { endpoints } = this.config;
    OAuthClient.authorizeEndpoint = endpoints.authorizeUrl;
    OAuthClient.tokenEndpoint = endpoints.tokenUrl;
    OAuthClient.revokeEndpoint = endpoints.revokeUrl;
    OAuthClient.userinfo_endpoint_sandbox = endpoints.userInfoUrl;
    OAuthClient.userinfo_endpoint_production = endpoints.userInfoUrl;
    OAuthClient.retryConfig.maxRetries = 0;
    return new OAuthClient({
      clientId: this.config.clientId,
      clientSecret: this.config.clientSecret,
      environment: this.config.intuitEnvironment,
      redirectUri: this.redirectUri,
      logging: false,
      // Asks for the 5-year hard cap too: a connection in daily use never nears its rolling
      // expiry, so the cap is what the "ends within 7 days" warning must see coming.
      includeRefreshTokenHardExpiresIn: true,
    });
  }

  private async call<T>(operation: IntuitOperation, run: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new IntuitError(operation, 'timeout', undefined, `Intuit did not answer within ${CALL_TIMEOUT_MS / 1000} s. Try again in a minute.`)),
        CALL_TIMEOUT_MS,
      );
    });
    try {
      return await Promise.race([run(), timeout]);
    } catch (err) {
      throw toIntuitError(operation, err);
    } finally {
      clearTimeout(timer);
    }
  }

  private tokenSet(json: unknown, previousRefreshToken: string | null): TokenSet {
    const o = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
    const accessToken = o.access_token;
    const refreshToken = typeof o.refresh_token === 'string' && o.refresh_token ? o.refresh_token : previousRefreshToken;
    const expiresIn = Number(o.expires_in);
    const rollingExpiresIn = Number(o.x_refresh_token_expires_in);
    const hardExpiresIn = Number(o.x_refresh_token_hard_expires_in);
    if (typeof accessToken !== 'string' || !accessToken || !refreshToken || !(expiresIn > 0)) {
      throw new IntuitError(
        previousRefreshToken === null ? 'exchange' : 'refresh',
        'bad_token_response',
        undefined,
        'Intuit answered without an access token, refresh token or expiry. Try connecting again.',
      );
    }
    const now = this.now();
    // Intuit's rolling refresh lifetime is ~100 days; assume that if the field is missing. The
    // token ends at whichever comes first, the rolling expiry or the hard cap.
    const rolling = rollingExpiresIn > 0 ? rollingExpiresIn : 100 * 86_400;
    const refreshExpiresIn = hardExpiresIn > 0 ? Math.min(rolling, hardExpiresIn) : rolling;
    return {
      accessToken,
      refreshToken,
      accessTokenExpiresAt: now + expiresIn * 1000,
      refreshTokenExpiresAt: now + refreshExpiresIn * 1000,
    };
  }
}
