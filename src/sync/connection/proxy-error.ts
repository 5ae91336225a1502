/**
 * A failed call to the QBO Sync proxy. `code` is the proxy's own error code from its JSON body
 * (docs/proxy-api.md: `unknown_session`, `not_connected`, `reconnect_required`, …), or one of
 * ours when no such body arrived: `network` (the proxy could not be reached) and `bad_response`
 * (it answered something that is not the agreed JSON).
 */
export class ProxyError extends Error {
  readonly code: string;
  /** HTTP status, 0 when no answer arrived. */
  readonly status: number;

  constructor(code: string, status: number, message: string) {
    super(message);
    this.name = 'ProxyError';
    this.code = code;
    this.status = status;
  }
}

export function isProxyError(value: unknown): value is ProxyError {
  return value instanceof ProxyError;
}
