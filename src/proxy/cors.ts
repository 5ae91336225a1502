/**
 * Origin checks for the API. Only the add-in's own origin gets CORS headers; a request that
 * names any other origin (including `null`) is refused before it reaches a route, so a page
 * elsewhere can neither read answers nor cause writes. Requests without an Origin header are
 * same-origin GETs or non-browser clients; they still need an identity token.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './api-error';

const ALLOWED_HEADERS = 'Content-Type, Accept, Authorization';
const EXPOSED_HEADERS = 'intuit_tid, Retry-After, QBO-Version';

/** Throws 403 forbidden_origin for a foreign Origin; otherwise adds the CORS headers when due. */
export function checkOrigin(req: IncomingMessage, res: ServerResponse, allowedOrigin: string): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  if (origin !== allowedOrigin) {
    throw new ApiError(403, 'forbidden_origin', `Requests from ${origin.slice(0, 100)} are not allowed; only the add-in's own origin (${allowedOrigin}) may call this API.`);
  }
  res.setHeader('Access-Control-Allow-Origin', allowedOrigin);
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  res.setHeader('Vary', 'Origin');
}

/** Answers a CORS preflight from the allowed origin. */
export function answerPreflight(res: ServerResponse): void {
  res.writeHead(204, {
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE',
    'Access-Control-Allow-Headers': ALLOWED_HEADERS,
    'Access-Control-Max-Age': '600',
  });
  res.end();
}
