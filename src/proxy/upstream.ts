/**
 * The relay's HTTP client to the Accounting API. The base URL is parsed once (not per call),
 * and calls go through one keep-alive agent of the proxy's own, so a busy replica reuses warm
 * connections instead of paying a TCP (and TLS, for Intuit) handshake per relayed call, and no
 * other code's use of Node's global agent can change how the relay connects.
 *
 * Idle sockets are closed after `IDLE_SOCKET_MS`, shorter than the usual 5 s server keep-alive,
 * so the agent seldom hands out a socket the server is closing. When that still happens (the
 * request fails with ECONNRESET on a reused socket before any answer), an idempotent GET or HEAD
 * is sent once more on a new socket; other methods are not, since the server may have acted.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { ApiError } from './api-error';

/** QBO itself gives up on requests after 120 s. */
const UPSTREAM_TIMEOUT_MS = 125_000;
const IDLE_SOCKET_MS = 4_000;
/** Sockets per upstream host at once; further calls wait in the agent's queue. */
const MAX_SOCKETS = 256;

export interface UpstreamAnswer {
  status: number;
  response: IncomingMessage;
}

export interface Upstream {
  /** Sends `method pathAndQuery` (appended to the base URL's path) with `body` (empty: none). */
  send(method: string, pathAndQuery: string, headers: OutgoingHttpHeaders, body: Buffer): Promise<UpstreamAnswer>;
  /** Destroys the agent's sockets (at shutdown). */
  close(): void;
}

export function createUpstream(apiBase: string): Upstream {
  const base = new URL(apiBase);
  const secure = base.protocol === 'https:';
  const requestFn = secure ? httpsRequest : httpRequest;
  const agentOptions = { keepAlive: true, maxSockets: MAX_SOCKETS, maxFreeSockets: MAX_SOCKETS, scheduling: 'lifo' as const, timeout: IDLE_SOCKET_MS };
  const agent = secure ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  const hostname = base.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = base.port || (secure ? 443 : 80);
  const prefix = base.pathname.replace(/\/$/, '');
  const idempotent = (method: string) => method === 'GET' || method === 'HEAD';

  const once = (method: string, path: string, headers: OutgoingHttpHeaders, body: Buffer, retry: boolean): Promise<UpstreamAnswer> =>
    new Promise((resolve, reject) => {
      const req = requestFn({ agent, hostname, port, method, path, headers, timeout: UPSTREAM_TIMEOUT_MS }, (response) => {
        resolve({ status: response.statusCode ?? 502, response });
      });
      req.on('timeout', () => req.destroy(new ApiError(504, 'upstream_timeout', 'QuickBooks Online did not answer within 120 s. Try again; for large requests send fewer entities.')));
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (retry && req.reusedSocket && err.code === 'ECONNRESET' && idempotent(method)) {
          once(method, path, headers, body, false).then(resolve, reject);
          return;
        }
        reject(err instanceof ApiError ? err : new ApiError(502, 'upstream_unavailable', 'Could not reach QuickBooks Online. Check the network (or that the local sandbox is running) and try again.'));
      });
      req.end(body.length ? body : undefined);
    });

  return {
    send: (method, pathAndQuery, headers, body) => once(method, `${prefix}${pathAndQuery}`, headers, body, true),
    close: () => agent.destroy(),
  };
}
