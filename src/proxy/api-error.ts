/**
 * An error the proxy answers with: HTTP status, a stable code the add-in can branch on, and a
 * message that says what happened and what to do. Sent as `{"error","message"}`.
 */
export type ApiErrorCode =
  | 'identity_missing'
  | 'identity_invalid'
  | 'identity_expired'
  | 'identity_wrong_audience'
  | 'identity_wrong_issuer'
  | 'identity_unavailable'
  | 'completion_unknown'
  | 'flow_not_yours'
  | 'bad_change'
  | 'conflict'
  | 'not_connected'
  | 'realm_mismatch'
  | 'reconnect_required'
  | 'forbidden_origin'
  | 'not_found'
  | 'method_not_allowed'
  | 'bad_request'
  | 'payload_too_large'
  | 'oauth_not_configured'
  | 'upstream_unavailable'
  | 'upstream_timeout'
  | 'database_unavailable'
  | 'wrong_host'
  | 'rate_limited'
  | 'too_many_links'
  | 'internal_error';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    /** Extra answer headers, e.g. Retry-After on 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
