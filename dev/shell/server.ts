/**
 * The OfficeTools shell stand-in's HTTP server: the built shell page (dist/shell), the firm
 * REST API and the test-only routes. `createShell` is what `npm start`, the end-to-end tests
 * and the benchmarks call; `dev/shell/main.ts` runs it alone.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ManifestUnavailableError } from './catalog';
import type { CatalogEntry } from './firm-data';
import { matchRoute, runRoute } from './firm-api';
import { FirmStore } from './firm-store';
import { BodyTooLargeError, sendError, sendJson } from './http-json';
import { InputError } from './input-error';
import { pageNotBuilt, serveStatic } from './static-files';

export interface ShellOptions {
  /** Folder for firm.json (npm start passes `<DATA_DIR>/shell`). */
  dataDir: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: an ephemeral port. */
  port?: number;
  /** The built page; default dist/shell at the repository root. */
  staticDir?: string;
  /** Add-ins users may install; each manifest is read from its URL. */
  catalog: Array<{ id: string; manifestUrl: string }>;
  /** Start from the demo firm, discarding saved data. */
  fresh?: boolean;
}

export interface ShellServer {
  /** e.g. `http://127.0.0.1:3000` (no trailing slash). */
  url: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_STATIC_DIR = path.resolve(__dirname, '../../dist/shell');

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A write from another web origin is refused: any page the user visits could otherwise post to
 * this loopback server (cross-site request forgery). Requests with no Origin (tests, curl) pass.
 */
function foreignOrigin(req: IncomingMessage): string | undefined {
  const origin = req.headers.origin;
  if (!origin || !WRITE_METHODS.has(req.method ?? '')) return undefined;
  return origin === `http://${req.headers.host}` ? undefined : origin;
}

async function handle(req: IncomingMessage, res: ServerResponse, store: FirmStore, catalog: readonly CatalogEntry[], staticDir: string): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://shell.invalid');
  const method = req.method ?? 'GET';
  const isApi = url.pathname.startsWith('/api/') || url.pathname === '/api' || url.pathname.startsWith('/__shell/');
  if (!isApi) {
    if (method !== 'GET' && method !== 'HEAD') return sendError(res, 405, 'method_not_allowed', `${method} is not allowed on ${url.pathname}; the page is read with GET.`);
    if (await serveStatic(res, staticDir, url.pathname, method === 'HEAD')) return;
    if (url.pathname === '/' || url.pathname === '/index.html') return pageNotBuilt(res, staticDir);
    return sendError(res, 404, 'not_found', `Nothing is served at ${url.pathname}.`);
  }
  const foreign = foreignOrigin(req);
  if (foreign) return sendError(res, 403, 'forbidden_origin', `Writes from ${foreign} are refused; only the shell's own page may change firm data.`);
  const match = matchRoute(method, url.pathname);
  if (!match) return sendError(res, 404, 'no_route', `No API route ${method} ${url.pathname}. See dev/shell/firm-api.ts for the routes.`);
  if ('allowed' in match) {
    res.setHeader('Allow', match.allowed.join(', '));
    return sendError(res, 405, 'method_not_allowed', `${method} is not allowed on ${url.pathname}; use ${match.allowed.join(' or ')}.`);
  }
  try {
    const reply = await runRoute(match, req, url.searchParams, store, catalog);
    if (typeof reply.body === 'string' && reply.contentType) {
      res.writeHead(reply.status, { 'Content-Type': reply.contentType, 'Cache-Control': 'no-store' });
      res.end(reply.body);
    } else {
      sendJson(res, reply.status, reply.body);
    }
  } catch (err) {
    if (err instanceof InputError) return sendError(res, err.status, err.code, err.message);
    if (err instanceof BodyTooLargeError) return sendError(res, 413, 'body_too_large', err.message);
    if (err instanceof ManifestUnavailableError) return sendError(res, 502, 'manifest_unavailable', err.message);
    console.error(`[shell] ${method} ${url.pathname} failed:`, err);
    return sendError(res, 500, 'internal_error', 'The shell failed to handle this request; its console has the details.');
  }
}

export async function createShell(opts: ShellOptions): Promise<ShellServer> {
  const host = opts.host ?? '127.0.0.1';
  const staticDir = opts.staticDir ?? DEFAULT_STATIC_DIR;
  const catalog = opts.catalog.map((e) => ({ ...e }));
  const store = await FirmStore.open(opts.dataDir, opts.fresh ?? false);
  const server = createServer((req, res) => {
    handle(req, res, store, catalog, staticDir).catch((err: unknown) => {
      console.error('[shell] request failed:', err);
      if (!res.headersSent) sendError(res, 500, 'internal_error', 'The shell failed to handle this request; its console has the details.');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }).then(() => store.persist());
      return closing;
    },
  };
}
