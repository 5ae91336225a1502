/**
 * A failed call to Intuit's OAuth endpoints, reduced to what is safe to keep and show.
 *
 * intuit-oauth's own errors carry the axios request (Basic auth header, the code or refresh
 * token in the body), so they are never logged, rethrown or attached as `cause`: only the
 * fields below are copied out.
 */
export type IntuitOperation = 'exchange' | 'refresh' | 'revoke' | 'userinfo' | 'companyinfo';

export class IntuitError extends Error {
  constructor(
    readonly operation: IntuitOperation,
    /** OAuth error code (`invalid_grant`, `invalid_client`…), `network`, `timeout` or `http_<status>`. */
    readonly code: string,
    /** HTTP status, when Intuit answered at all. */
    readonly status: number | undefined,
    message: string,
    readonly intuitTid: string | undefined = undefined,
  ) {
    super(message);
    this.name = 'IntuitError';
  }

  /** The grant (code or refresh token) is no longer accepted: only a new authorization helps. */
  get grantRejected(): boolean {
    return this.code === 'invalid_grant';
  }
}

const WHAT: Record<IntuitOperation, string> = {
  exchange: 'exchanging the authorization code for tokens',
  refresh: 'refreshing the access token',
  revoke: 'revoking the tokens',
  userinfo: 'reading the signed-in user',
  companyinfo: "reading the company's information",
};

function field(obj: unknown, key: string): unknown {
  return typeof obj === 'object' && obj !== null ? (obj as Record<string, unknown>)[key] : undefined;
}

/** Converts whatever intuit-oauth threw into an IntuitError without keeping the original. */
export function toIntuitError(operation: IntuitOperation, err: unknown): IntuitError {
  if (err instanceof IntuitError) return err;
  const authResponse = field(err, 'authResponse');
  const response = field(authResponse, 'response');
  const statusRaw = field(response, 'status');
  const status = typeof statusRaw === 'number' && statusRaw > 0 ? statusRaw : undefined;
  const tidRaw = field(err, 'intuit_tid');
  const intuitTid = typeof tidRaw === 'string' && tidRaw ? tidRaw : undefined;
  const oauthCode = field(err, 'error');
  const description = field(err, 'error_description');
  const original = field(err, 'originalMessage') ?? field(err, 'message');
  const what = WHAT[operation];

  if (status === undefined) {
    // No HTTP answer: connection refused, DNS, reset.
    const reason = typeof original === 'string' && /^[\w .:-]{1,120}$/.test(original) ? ` (${original})` : '';
    return new IntuitError(operation, 'network', undefined, `Could not reach Intuit while ${what}${reason}. Check the network and the INTUIT_* endpoints, then try again.`, intuitTid);
  }
  const code = typeof oauthCode === 'string' && /^[a-z_]{1,40}$/.test(oauthCode) ? oauthCode : `http_${status}`;
  const detail = typeof description === 'string' && description.length <= 200 ? `: ${description}` : '';
  let advice = 'Try again; if it keeps failing, reconnect to QuickBooks Online.';
  if (code === 'invalid_grant') advice = 'The authorization is no longer valid; connect to QuickBooks Online again.';
  else if (code === 'invalid_client') advice = 'Intuit does not accept the app credentials; check INTUIT_CLIENT_ID and INTUIT_CLIENT_SECRET.';
  else if (status >= 500) advice = 'Intuit had a problem; try again in a minute.';
  return new IntuitError(operation, code, status, `Intuit refused ${what} (HTTP ${status}, ${code}${detail}). ${advice}`, intuitTid);
}
