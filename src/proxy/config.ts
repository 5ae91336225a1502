/**
 * The proxy's configuration, read once from the environment at start-up. Every variable has a
 * safe default (the local sandbox on 127.0.0.1); a bad value stops start-up with a ConfigError
 * that names the variable, says what is wrong and what would be accepted.
 */
import path from 'node:path';
import { parseTokenKey } from './token-cipher';

/** Raised by loadProxyConfig; the message names the variable and the accepted values. */
export class ConfigError extends Error {
  constructor(
    /** The environment variable at fault. */
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

export type IntuitTarget = 'local' | 'intuit-sandbox' | 'intuit-production';

/** Where the proxy talks OAuth and the Accounting API. */
export interface IntuitEndpoints {
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  userInfoUrl: string;
  /** Accounting API origin (no trailing slash); relayed paths are appended: `/v3/company/…`. */
  apiBase: string;
}

export interface ProxyConfig {
  /** Listening port; 0 (programmatic use only, e.g. tests) picks a free one. */
  port: number;
  host: string;
  /** Origin the add-in is served from, without trailing slash, e.g. `http://127.0.0.1:3001`. */
  publicUrl: string;
  /** The one origin allowed to frame the add-in and receive the dialog's message. */
  shellOrigin: string;
  /** Who signs identity tokens (`iss`), the host's origin. */
  identityIssuer: string;
  /** Where the host publishes its public keys. */
  identityJwksUrl: string;
  /** The `aud` identity tokens must name: the add-in's origin. */
  identityAudience: string;
  /** Absolute `<DATA_DIR>/proxy`. */
  dataDir: string;
  /** 32-byte key from TOKEN_ENCRYPTION_KEY, or null to use (or create) `<dataDir>/token-key`. */
  tokenKey: Buffer | null;
  target: IntuitTarget;
  /** intuit-oauth's environment name: decides which userinfo static it reads. */
  intuitEnvironment: 'sandbox' | 'production';
  endpoints: IntuitEndpoints;
  /** Null only for the local target when the caller did not pass the dev app's credentials. */
  clientId: string | null;
  clientSecret: string | null;
  /** Absolute path of the built add-in (dist/addin). */
  staticDir: string;
  /** Absolute path of manifest.xml. */
  manifestPath: string;
  /** `postgres://…` from DATABASE_URL, or null for the embedded SQLite store. */
  databaseUrl: string | null;
  /** Most PostgreSQL connections of one process (DATABASE_POOL_MAX, default 10). */
  databasePoolMax: number;
  limits: ProxyLimits;
}

export interface RateBudget {
  perMinute: number;
  capacity: number;
}

/** Abuse limits (README "Running the proxy for many firms" explains how to tune them). */
export interface ProxyLimits {
  /** PROXY_LIMITS=off turns the rate limits off (benchmarks); caps and timeouts stay. */
  rateLimits: boolean;
  /** Concurrent sockets per replica (PROXY_MAX_CONNECTIONS). */
  maxConnections: number;
  /** Time to receive a request's headers / whole request, and a silent socket's life. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  idleTimeoutMs: number;
  /** Auth endpoints (start, dialog, callback, complete, cancel). */
  authPerUser: RateBudget;
  authPerAddress: RateBudget;
  /** Data endpoints (relay, records, status, events). */
  dataPerUser: RateBudget;
  dataPerAddress: RateBudget;
  /** Unused connect links one user may hold (CONNECT_LINKS_PER_USER). */
  connectLinksPerUser: number;
  /** Take the client address from the last X-Forwarded-For entry (PROXY_TRUST_FORWARDED=1, behind a balancer). */
  trustForwarded: boolean;
}

function readCount(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw new ConfigError(name, `${name} must be a whole number from ${min} to ${max}, got "${raw}".`);
  return n;
}

function budget(perMinute: number): RateBudget {
  // A burst of a sixth of the minute's budget (at least 5) covers a panel opening.
  return { perMinute, capacity: Math.max(5, Math.ceil(perMinute / 6)) };
}

function readLimits(env: NodeJS.ProcessEnv): ProxyLimits {
  const switchRaw = optional(env, 'PROXY_LIMITS') ?? 'on';
  if (switchRaw !== 'on' && switchRaw !== 'off') throw new ConfigError('PROXY_LIMITS', `PROXY_LIMITS must be on or off, got "${switchRaw}".`);
  const authPerMinute = readCount(env, 'RATE_AUTH_PER_MINUTE', 60, 1, 100_000);
  const dataPerMinute = readCount(env, 'RATE_DATA_PER_MINUTE', 1200, 1, 10_000_000);
  // One address may be a whole office behind NAT: ten times a user's budget.
  const addressFactor = readCount(env, 'RATE_ADDRESS_FACTOR', 10, 1, 1000);
  return {
    rateLimits: switchRaw === 'on',
    maxConnections: readCount(env, 'PROXY_MAX_CONNECTIONS', 2000, 10, 1_000_000),
    headersTimeoutMs: readCount(env, 'PROXY_HEADERS_TIMEOUT_MS', 10_000, 1000, 600_000),
    requestTimeoutMs: readCount(env, 'PROXY_REQUEST_TIMEOUT_MS', 30_000, 1000, 600_000),
    idleTimeoutMs: readCount(env, 'PROXY_IDLE_TIMEOUT_MS', 130_000, 1000, 3_600_000),
    authPerUser: budget(authPerMinute),
    authPerAddress: budget(authPerMinute * addressFactor),
    dataPerUser: budget(dataPerMinute),
    dataPerAddress: budget(dataPerMinute * addressFactor),
    connectLinksPerUser: readCount(env, 'CONNECT_LINKS_PER_USER', 5, 1, 100),
    trustForwarded: optional(env, 'PROXY_TRUST_FORWARDED') === '1',
  };
}

const INTUIT_ENDPOINTS: Record<Exclude<IntuitTarget, 'local'>, IntuitEndpoints> = {
  // QBO-FACTS.md §1 and §7.
  'intuit-sandbox': {
    authorizeUrl: 'https://appcenter.intuit.com/connect/oauth2',
    tokenUrl: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
    revokeUrl: 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke',
    userInfoUrl: 'https://sandbox-accounts.platform.intuit.com/v1/openid_connect/userinfo',
    apiBase: 'https://sandbox-quickbooks.api.intuit.com',
  },
  'intuit-production': {
    authorizeUrl: 'https://appcenter.intuit.com/connect/oauth2',
    tokenUrl: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
    revokeUrl: 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke',
    userInfoUrl: 'https://accounts.platform.intuit.com/v1/openid_connect/userinfo',
    apiBase: 'https://quickbooks.api.intuit.com',
  },
};

function localEndpoints(sandboxOrigin: string): IntuitEndpoints {
  // The local sandbox mirrors Intuit's paths on one origin.
  return {
    authorizeUrl: `${sandboxOrigin}/connect/oauth2`,
    tokenUrl: `${sandboxOrigin}/oauth2/v1/tokens/bearer`,
    revokeUrl: `${sandboxOrigin}/v2/oauth2/tokens/revoke`,
    userInfoUrl: `${sandboxOrigin}/v1/openid_connect/userinfo`,
    apiBase: sandboxOrigin,
  };
}

function readPort(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < 1 || n > 65535) {
    throw new ConfigError(name, `${name} must be a whole number from 1 to 65535, got "${raw}".`);
  }
  return n;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function readUrl(name: string, raw: string, opts: { httpsUnlessLoopback: boolean; originOnly: boolean }): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `${name} must be an absolute http(s) URL, got "${raw}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, `${name} must be an http or https URL, got "${raw}".`);
  }
  if (url.username || url.password) {
    throw new ConfigError(name, `${name} must not contain a user name or password, got a URL with credentials.`);
  }
  if (opts.httpsUnlessLoopback && url.protocol === 'http:' && !isLoopback(url.hostname)) {
    // Tokens and the client secret travel to these endpoints: plain http only on this machine.
    throw new ConfigError(name, `${name} must use https unless it points at this machine (localhost or 127.x.x.x), got "${raw}".`);
  }
  if (opts.originOnly && (url.pathname !== '/' || url.search || url.hash)) {
    throw new ConfigError(name, `${name} must be an origin such as http://127.0.0.1:3000 (no path, query or fragment), got "${raw}".`);
  }
  return url;
}

function optional(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}

/**
 * Validates the environment and returns the proxy's configuration. Does no I/O: the token key
 * file is read or created when the proxy starts.
 *
 * @throws ConfigError naming the first bad variable.
 */
export function loadProxyConfig(env: NodeJS.ProcessEnv): ProxyConfig {
  const port = readPort(env, 'ADDIN_PORT', 3001);

  const host = optional(env, 'ADDIN_HOST') ?? '127.0.0.1';
  if (!/^[\w.:-]+$/.test(host)) {
    throw new ConfigError('ADDIN_HOST', `ADDIN_HOST must be a host name or IP address such as 127.0.0.1, got "${host}".`);
  }

  const publicRaw = optional(env, 'ADDIN_PUBLIC_URL') ?? `http://127.0.0.1:${port}`;
  const publicUrl = readUrl('ADDIN_PUBLIC_URL', publicRaw, { httpsUnlessLoopback: false, originOnly: true }).origin;

  const shellPort = readPort(env, 'SHELL_PORT', 3000);
  const shellRaw = optional(env, 'SHELL_ORIGIN') ?? `http://127.0.0.1:${shellPort}`;
  const shellOrigin = readUrl('SHELL_ORIGIN', shellRaw, { httpsUnlessLoopback: false, originOnly: true }).origin;

  // The host (the shell) signs identity tokens; by default it is SHELL_ORIGIN and the add-in's
  // own origin is the audience, so `npm start` needs no identity settings.
  const identityIssuer = (optional(env, 'IDENTITY_ISSUER') ?? shellOrigin).replace(/\/+$/, '');
  readUrl('IDENTITY_ISSUER', identityIssuer, { httpsUnlessLoopback: false, originOnly: false });
  const jwksRaw = optional(env, 'IDENTITY_JWKS_URL') ?? `${identityIssuer}/.well-known/jwks.json`;
  const identityJwksUrl = readUrl('IDENTITY_JWKS_URL', jwksRaw, { httpsUnlessLoopback: true, originOnly: false }).href;
  const identityAudience = optional(env, 'IDENTITY_AUDIENCE') ?? publicUrl;
  if (/\s/.test(identityAudience) || identityAudience.length > 300) {
    throw new ConfigError('IDENTITY_AUDIENCE', `IDENTITY_AUDIENCE must be the add-in's origin such as http://127.0.0.1:3001 (no spaces), got "${identityAudience.slice(0, 100)}".`);
  }

  const dataRoot = path.resolve(optional(env, 'DATA_DIR') ?? '.data');

  let tokenKey: Buffer | null = null;
  const keyRaw = optional(env, 'TOKEN_ENCRYPTION_KEY');
  if (keyRaw !== undefined) {
    tokenKey = parseTokenKey(keyRaw);
    if (!tokenKey) {
      throw new ConfigError(
        'TOKEN_ENCRYPTION_KEY',
        'TOKEN_ENCRYPTION_KEY must be 32 random bytes written as 64 hex digits or as base64 (44 characters); ' +
          'generate one with `openssl rand -base64 32`, or leave it unset to have a key created in DATA_DIR/proxy/token-key.',
      );
    }
  }

  const targetRaw = optional(env, 'INTUIT_TARGET') ?? 'local';
  if (targetRaw !== 'local' && targetRaw !== 'intuit-sandbox' && targetRaw !== 'intuit-production') {
    throw new ConfigError('INTUIT_TARGET', `INTUIT_TARGET must be local, intuit-sandbox or intuit-production, got "${targetRaw}".`);
  }
  const target: IntuitTarget = targetRaw;

  let base: IntuitEndpoints;
  if (target === 'local') {
    const sandboxPort = readPort(env, 'SANDBOX_PORT', 3002);
    base = localEndpoints(`http://127.0.0.1:${sandboxPort}`);
  } else {
    base = INTUIT_ENDPOINTS[target];
  }
  const override = (name: string, fallback: string): string => {
    const raw = optional(env, name);
    if (raw === undefined) return fallback;
    const url = readUrl(name, raw, { httpsUnlessLoopback: true, originOnly: false });
    return url.href.replace(/\/$/, '');
  };
  const endpoints: IntuitEndpoints = {
    authorizeUrl: override('INTUIT_AUTHORIZE_URL', base.authorizeUrl),
    tokenUrl: override('INTUIT_TOKEN_URL', base.tokenUrl),
    revokeUrl: override('INTUIT_REVOKE_URL', base.revokeUrl),
    userInfoUrl: override('INTUIT_USERINFO_URL', base.userInfoUrl),
    apiBase: override('QBO_API_BASE', base.apiBase),
  };

  const clientId = optional(env, 'INTUIT_CLIENT_ID') ?? null;
  const clientSecret = optional(env, 'INTUIT_CLIENT_SECRET') ?? null;
  if (target !== 'local') {
    for (const [name, value] of [['INTUIT_CLIENT_ID', clientId], ['INTUIT_CLIENT_SECRET', clientSecret]] as const) {
      if (value === null) {
        throw new ConfigError(
          name,
          `${name} is required when INTUIT_TARGET is ${target}; copy it from your app's Keys & credentials page on developer.intuit.com.`,
        );
      }
    }
  }
  if ((clientId === null) !== (clientSecret === null)) {
    const missing = clientId === null ? 'INTUIT_CLIENT_ID' : 'INTUIT_CLIENT_SECRET';
    throw new ConfigError(missing, `${missing} is missing: set INTUIT_CLIENT_ID and INTUIT_CLIENT_SECRET together, or neither.`);
  }

  const databaseUrl = optional(env, 'DATABASE_URL') ?? null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\/[^\s]+$/.test(databaseUrl)) {
    // Never echo the value: it usually holds a password.
    throw new ConfigError('DATABASE_URL', 'DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/dbname, or unset for the embedded SQLite store.');
  }
  const poolRaw = optional(env, 'DATABASE_POOL_MAX');
  const databasePoolMax = poolRaw === undefined ? 10 : Number(poolRaw);
  if (!Number.isInteger(databasePoolMax) || databasePoolMax < 2 || databasePoolMax > 200) {
    throw new ConfigError('DATABASE_POOL_MAX', `DATABASE_POOL_MAX must be a whole number from 2 to 200, got "${poolRaw}".`);
  }

  // The token key must not live beside the tokens it protects once real firms' data is at stake.
  const production = target === 'intuit-production' || optional(env, 'NODE_ENV') === 'production';
  if (production && tokenKey === null) {
    throw new ConfigError(
      'TOKEN_ENCRYPTION_KEY',
      `TOKEN_ENCRYPTION_KEY is required when ${target === 'intuit-production' ? 'INTUIT_TARGET is intuit-production' : 'NODE_ENV is production'}: ` +
        'keep the key in your secret store and pass it in the environment (generate one with `openssl rand -base64 32`); the proxy will not write it next to the tokens.',
    );
  }

  if (databaseUrl !== null && tokenKey === null) {
    // Replicas on one database must all open the same sealed tokens; a key file is per machine.
    throw new ConfigError('TOKEN_ENCRYPTION_KEY', 'TOKEN_ENCRYPTION_KEY is required with DATABASE_URL: every replica must seal and open tokens with the same key (generate one with `openssl rand -base64 32`).');
  }

  const limits = readLimits(env);

  return {
    port,
    host,
    publicUrl,
    limits,
    databaseUrl,
    databasePoolMax,
    shellOrigin,
    identityIssuer,
    identityJwksUrl,
    identityAudience,
    dataDir: path.join(dataRoot, 'proxy'),
    tokenKey,
    target,
    intuitEnvironment: target === 'intuit-production' ? 'production' : 'sandbox',
    endpoints,
    clientId,
    clientSecret,
    staticDir: path.resolve(optional(env, 'ADDIN_STATIC_DIR') ?? 'dist/addin'),
    manifestPath: path.resolve(optional(env, 'MANIFEST_PATH') ?? 'manifest.xml'),
  };
}
