/**
 * The OfficeTools shell stand-in's HTTP server: the built shell page (dist/shell), the firm
 * REST API, the identity key set (/.well-known/jwks.json) and the test-only routes.
 * `createShell` is what `npm start`, the end-to-end tests and the benchmarks call;
 * `dev/shell/main.ts` runs it alone.
 *
 * Sign-in is a stand-in's: the page sends the chosen user's id in X-OfficeTools-User and the
 * server believes it. That is not security; it only lets two firms and several staff be tried on
 * one machine. The identity tokens it signs are real ES256 tokens all the same.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { AddinOrigins, ManifestOriginError } from './addin-origins';
import { ManifestUnavailableError } from './catalog';
import { matchRoute, runRoute, type ApiServices } from './firm-api';
import { FirmRegistry } from './firm-registry';
import { BodyTooLargeError, sendError, sendJson } from './http-json';
import { IdentityKeys } from './identity-keys';
import { IDENTITY_TOKEN_LIFETIME_S } from './identity-token';
import { InputError } from './input-error';
import { pageNotBuilt, serveStatic } from './static-files';

export interface ShellOptions {
  /** Folder for the firms' files and identity-keys.json (npm start passes `<DATA_DIR>/shell`). */
  dataDir: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: an ephemeral port. */
  port?: number;
  /** The built page; default dist/shell at the repository root. */
  staticDir?: string;
  /** Add-ins users may install; each manifest is read from its URL. */
  catalog: Array<{ id: string; manifestUrl: string }>;
  /** Start from the demo firms, discarding saved firm data (the identity keys are kept). */
  fresh?: boolean;
  /** The `iss` of identity tokens; default the shell's origin as the browser sees it (`http://<Host header>`). */
  identityIssuer?: string;
  /** How often the signing key is replaced; 0 turns automatic rotation off. @defaultvalue 24 h */
  identityRotationMs?: number;
  /**
   * Host names (without port) the API answers besides the loopback names and `host`; e.g. the
   * machine's name when listening on 0.0.0.0. Any other Host header gets 421.
   */
  allowedHostNames?: string[];
}

export const DEFAULT_IDENTITY_ROTATION_MS = 24 * 60 * 60 * 1000;
/** A retired key stays published this long: every token it signed has expired and caches have turned over. */
export const RETIRED_KEY_LIFETIME_MS = (IDENTITY_TOKEN_LIFETIME_S + 600) * 1000;

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

function sendJwks(res: ServerResponse, keys: IdentityKeys, method: string): void {
  if (method !== 'GET' && method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendError(res, 405, 'method_not_allowed', `${method} is not allowed on /.well-known/jwks.json; read it with GET.`);
  }
  const text = JSON.stringify(keys.jwks());
  res.writeHead(200, {
    'Content-Type': 'application/jwk-set+json',
    'Content-Length': Buffer.byteLength(text),
    // Verifiers may cache the key set for five minutes; retired keys stay published far longer.
    'Cache-Control': 'max-age=300',
    // Public keys: any origin may read them.
    'Access-Control-Allow-Origin': '*',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(method === 'HEAD' ? undefined : text);
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * The Host headers the API answers: the names this server is reached by, on its port. Checking
 * Host as well as Origin stops DNS rebinding: a site whose name resolves to 127.0.0.1 is
 * same-origin with itself, so its writes pass the Origin check, but its Host names that site.
 */
function allowedHosts(bindHost: string, port: number, extra: readonly string[]): Set<string> {
  const names = new Set([...LOOPBACK_NAMES, bindHost.includes(':') ? `[${bindHost}]` : bindHost, ...extra].map((n) => n.toLowerCase()));
  return new Set([...names].map((n) => `${n}:${port}`));
}

async function handle(req: IncomingMessage, res: ServerResponse, services: ApiServices, staticDir: string, hosts: () => Set<string>): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://shell.invalid');
  const method = req.method ?? 'GET';
  if (url.pathname === '/.well-known/jwks.json') return sendJwks(res, services.identity.keys, method);
  const isApi = url.pathname.startsWith('/api/') || url.pathname === '/api' || url.pathname.startsWith('/__shell/');
  if (!isApi) {
    if (method !== 'GET' && method !== 'HEAD') return sendError(res, 405, 'method_not_allowed', `${method} is not allowed on ${url.pathname}; the page is read with GET.`);
    if (await serveStatic(res, staticDir, url.pathname, method === 'HEAD')) return;
    if (url.pathname === '/' || url.pathname === '/index.html') return pageNotBuilt(res, staticDir);
    return sendError(res, 404, 'not_found', `Nothing is served at ${url.pathname}.`);
  }
  const hostHeader = (req.headers.host ?? '').toLowerCase();
  if (!hosts().has(hostHeader)) {
    return sendError(res, 421, 'wrong_host', `This shell's API answers only requests addressed to it (${[...hosts()].join(', ')}), not to "${req.headers.host ?? ''}". Open the shell at its own address.`);
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
    const reply = await runRoute(match, req, url.searchParams, services);
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
    if (err instanceof ManifestOriginError) return sendError(res, 502, 'manifest_invalid', err.message);
    console.error(`[shell] ${method} ${url.pathname} failed:`, err);
    return sendError(res, 500, 'internal_error', 'The shell failed to handle this request; its console has the details.');
  }
}

export async function createShell(opts: ShellOptions): Promise<ShellServer> {
  const host = opts.host ?? '127.0.0.1';
  const staticDir = opts.staticDir ?? DEFAULT_STATIC_DIR;
  const catalog = opts.catalog.map((e) => ({ ...e }));
  const registry = await FirmRegistry.open(opts.dataDir, opts.fresh ?? false);
  const keys = await IdentityKeys.open(opts.dataDir, { retiredKeyLifetimeMs: RETIRED_KEY_LIFETIME_MS });
  const rotationMs = opts.identityRotationMs ?? DEFAULT_IDENTITY_ROTATION_MS;
  const rotateQuietly = () => keys.rotate().catch((err: unknown) => console.error('[shell] rotating the identity key failed:', err));
  // A key older than the interval (the shell was stopped for a while) is replaced at start.
  if (rotationMs > 0 && Date.now() - keys.currentCreatedAt.getTime() >= rotationMs) await keys.rotate();
  const rotation = rotationMs > 0 ? setInterval(() => void rotateQuietly(), rotationMs) : undefined;
  rotation?.unref();
  const services: ApiServices = {
    registry,
    catalog,
    identity: { keys, origins: new AddinOrigins(), issuer: (req) => opts.identityIssuer ?? `http://${req.headers.host ?? `${host}:${opts.port ?? 0}`}` },
  };
  let hosts = new Set<string>();
  const server = createServer((req, res) => {
    handle(req, res, services, staticDir, () => hosts).catch((err: unknown) => {
      console.error('[shell] request failed:', err);
      if (!res.headersSent) sendError(res, 500, 'internal_error', 'The shell failed to handle this request; its console has the details.');
      else res.destroy();
    });
  });
  // Bounded sockets, so half-open clients cannot exhaust the shell: headers within 10 s, a
  // request within 60 s, 120 s of silence, at most 2000 sockets at once.
  server.keepAliveTimeout = 5000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  server.maxConnections = 2000;
  server.setTimeout(120_000, (socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host, port, opts.allowedHostNames ?? []);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close() {
      if (rotation) clearInterval(rotation);
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }).then(() => registry.persist());
      return closing;
    },
  };
}
