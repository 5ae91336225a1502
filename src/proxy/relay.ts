/**
 * Relays `/api/qbo/v3/company/{realmId}/…` to the Accounting API for the caller's firm's realm only,
 * adding the bearer token. Method, path, query string and body go out unchanged; status,
 * the headers the add-in needs and the body come back unchanged (QBO's Faults are the add-in's
 * business, not the proxy's). The request body is buffered so that the call can be sent again
 * with a newer or refreshed token when QBO answers 401.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './api-error';
import { readBody } from './http-io';
import type { ConnectionsRepository } from './store/connections';
import { notConnected, type TokenRefresher } from './token-refresher';
import type { Upstream } from './upstream';

const FORWARDED_REQUEST_HEADERS = ['accept', 'content-type'];
// The body is passed on byte for byte, so its length holds too; with it the answer needs no
// chunked framing (one write fewer per call).
const RETURNED_RESPONSE_HEADERS = ['content-type', 'content-length', 'content-encoding', 'intuit_tid', 'retry-after', 'qbo-version', 'www-authenticate'];
/** Answers up to this size are buffered rather than streamed (a large query page still streams). */
const BUFFERED_ANSWER_BYTES = 64 * 1024;
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

export interface RelayTarget {
  realmId: string;
  /** `/v3/company/{realmId}/…` exactly as the add-in sent it (still percent-encoded). */
  path: string;
  /** Everything after `?`, untouched (QBO queries must be encoded exactly once), or ''. */
  query: string;
}

/**
 * Splits `/api/qbo/v3/company/{realmId}/…` into its parts. Rejects dot segments and encoded
 * slashes, which a server could normalise into another company's path after the realm check.
 */
export function parseRelayPath(rawUrl: string): RelayTarget | null {
  const q = rawUrl.indexOf('?');
  const pathPart = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const query = q < 0 ? '' : rawUrl.slice(q + 1);
  const m = /^\/api\/qbo(\/v3\/company\/([^/]+)(?:\/.*)?)$/.exec(pathPart);
  if (!m) return null;
  const upstreamPath = m[1];
  for (const segment of upstreamPath.split('/').slice(1)) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return null;
    }
    if (decoded === '.' || decoded === '..' || decoded === '' || /[/\\]/.test(decoded)) return null;
  }
  let realmId: string;
  try {
    realmId = decodeURIComponent(m[2]);
  } catch {
    return null;
  }
  return { realmId, path: upstreamPath, query };
}

export async function relay(
  req: IncomingMessage,
  res: ServerResponse,
  target: RelayTarget,
  firmId: string,
  deps: { connections: ConnectionsRepository; refresher: TokenRefresher; upstream: Upstream },
): Promise<void> {
  const method = req.method ?? 'GET';
  if (!METHODS.has(method)) throw new ApiError(405, 'method_not_allowed', `${method} is not relayed to QuickBooks Online; use GET or POST.`);

  const checkRealm = (realmId: string | undefined): void => {
    if (realmId === undefined) throw notConnected();
    if (realmId !== target.realmId) {
      throw new ApiError(403, 'realm_mismatch', `Your firm is connected to company ${realmId}, not ${target.realmId.slice(0, 40)}. Use the connected company's realmId or reconnect.`);
    }
  };
  // One read of the connection per call (refreshed first when near expiry): under load each
  // read is a database round trip and a decryption.
  let connection = await deps.refresher.fresh(firmId);
  checkRealm(connection.realmId);

  const body = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(req);
  const pathAndQuery = target.query ? `${target.path}?${target.query}` : target.path;
  const headersFor = (accessToken: string): Record<string, string> => {
    const h: Record<string, string> = { Authorization: `Bearer ${accessToken}`, 'User-Agent': 'qbo-sync-officetools-proxy' };
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const v = req.headers[name];
      if (typeof v === 'string') h[name] = v;
    }
    if (!h.accept) h.accept = 'application/json';
    if (body.length) h['content-length'] = String(body.length);
    return h;
  };

  let upstream = await deps.upstream.send(method, pathAndQuery, headersFor(connection.tokens.accessToken), body);
  // A rejected token is replaced by the stored one when that is newer, else refreshed. The stored
  // one can be rejected too (it expired since another replica stored it, while this one used a
  // cached token): then one more round refreshes it. A token fresh from a refresh that QBO still
  // rejects is not tried again: the 401 is the add-in's answer.
  // At most three rounds, should other replicas keep storing tokens QBO rejects.
  for (let refreshed = false, round = 0; upstream.status === 401 && !refreshed && round < 3; round++) {
    upstream.response.resume();
    const next = await deps.refresher.replaceRejected(firmId, connection.tokens.accessToken);
    ({ connection, refreshed } = next);
    checkRealm(connection.realmId);
    upstream = await deps.upstream.send(method, pathAndQuery, headersFor(connection.tokens.accessToken), body);
  }

  const headers: Record<string, string> = {};
  for (const name of RETURNED_RESPONSE_HEADERS) {
    const v = upstream.response.headers[name];
    if (typeof v === 'string') headers[name] = v;
  }
  const response = upstream.response;
  // A small answer of known length is read whole and sent in one write (no pipe to set up and
  // tear down per call, and a cut-off answer becomes a 502 instead of a truncated body); others
  // are streamed.
  if (Number(response.headers['content-length']) <= BUFFERED_ANSWER_BYTES) {
    const answer = await readWhole(response);
    if (!answer) throw new ApiError(502, 'upstream_unavailable', 'QuickBooks Online stopped answering mid-way. Try again.');
    res.writeHead(upstream.status, headers);
    res.end(answer);
    return;
  }
  res.writeHead(upstream.status, headers);
  response.pipe(res);
  await new Promise<void>((resolve) => {
    response.on('end', resolve);
    response.on('error', () => {
      res.destroy();
      resolve();
    });
    res.on('close', resolve);
  });
}

/** The whole body, or null if the answer broke off. */
function readWhole(response: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let ended = false;
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.once('end', () => {
      ended = true;
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    });
    response.once('error', () => resolve(null));
    response.once('close', () => {
      if (!ended) resolve(null);
    });
  });
}
