/**
 * Serves the built add-in (ADDIN_STATIC_DIR), its icons and manifest.xml. HTML pages get a
 * `<meta name="officetools-host-origins">` naming SHELL_ORIGIN (the only parent the add-in
 * trusts) and may be framed only by that origin; the manifest's development URL is rewritten
 * to ADDIN_PUBLIC_URL. Nothing outside those folders, and no dotfile, is ever served.
 *
 * Every page also sends a strict Content-Security-Policy (issue 12): scripts only from the
 * add-in's origin plus the SHA-256 of each inline script the page holds (computed here, as served),
 * and requests only to the add-in's origin, which is also the proxy.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { ProxyConfig } from './config';

/** The URL manifest.xml is written with (the webpack dev default). */
export const MANIFEST_DEV_URL = 'http://localhost:3001';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Adds the host-origin meta right after <head>. */
export function injectHostOrigin(html: string, shellOrigin: string): string {
  const meta = `<meta name="officetools-host-origins" content="${escapeAttr(shellOrigin)}">`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) return meta + html;
  const at = head.index + head[0].length;
  return html.slice(0, at) + meta + html.slice(at);
}

/** The CSP source for each inline `<script>` (one without `src`) of `html`, by its exact text. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\ssrc\s*=/i.test(` ${match[1]}`)) continue;
    hashes.add(`'sha256-${createHash('sha256').update(match[2], 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

/**
 * The policy of an add-in page as served (`html` after every rewrite). Why each part:
 * - script-src: the add-in's bundles and chunks come from its own origin; the page template's
 *   one inline script (Fluent's FabricConfig) is allowed by its hash, nothing else inline.
 * - style-src 'unsafe-inline': Fluent UI v8 (merge-styles) writes its styles into <style>
 *   elements it creates at run time, and the template has one inline <style>. Styles cannot run
 *   code, and scripts stay strict, so this is the usual trade for Fluent v8.
 * - connect-src 'self': the proxy is the add-in's origin (status, relay, the firm's events).
 * - worker-src 'self': the automatch worker is a webpack chunk on the same origin (no blob: URL;
 *   a worker that cannot start falls back to running inline, see run-in-worker.ts).
 * - img-src/font-src 'self': icons are inline SVG and the font is the system's, nothing remote.
 * - frame-ancestors: only the OfficeTools shell (and the add-in itself) may frame the pages.
 */
export function pagePolicy(html: string, shellOrigin: string): string {
  return [
    "default-src 'self'",
    ["script-src 'self'", ...inlineScriptHashes(html)].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors 'self' ${shellOrigin}`,
  ].join('; ');
}

/** Resolves a URL path inside `root`; null for traversal, dotfiles or undecodable paths. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s.startsWith('.'))) return null;
  const full = path.resolve(root, ...segments);
  const rel = path.relative(root, full);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return full;
}

async function readIfFile(file: string | null): Promise<Buffer | null> {
  if (!file) return null;
  try {
    if (!(await stat(file)).isFile()) return null;
    return await readFile(file);
  } catch {
    return null;
  }
}

function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: Buffer | string, extra: Record<string, string> = {}): void {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': buf.length, 'X-Content-Type-Options': 'nosniff', ...extra });
  res.end(req.method === 'HEAD' ? undefined : buf);
}

/**
 * Serves GET/HEAD requests for add-in files. Returns false when the path is not a file it
 * knows, so the caller can answer 404.
 */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, urlPath: string, config: ProxyConfig): Promise<boolean> {
  if (urlPath === '/manifest.xml') {
    const xml = await readIfFile(config.manifestPath);
    if (!xml) return false;
    const text = xml.toString('utf8').split(MANIFEST_DEV_URL).join(config.publicUrl);
    // The shell reads the manifest to build its menus, possibly from its own page.
    send(req, res, 200, TYPES['.xml'], text, { 'Cache-Control': 'no-cache', 'Access-Control-Allow-Origin': config.shellOrigin, Vary: 'Origin' });
    return true;
  }

  let file = resolveInside(config.staticDir, urlPath);
  let body = await readIfFile(file);
  if (!body && urlPath.startsWith('/assets/')) {
    // Icons live in the repository's assets/ folder beside manifest.xml unless the build copied them.
    file = resolveInside(path.dirname(config.manifestPath), urlPath);
    body = await readIfFile(file);
  }
  if (!body || !file) return false;

  const ext = path.extname(file).toLowerCase();
  const type = TYPES[ext] ?? 'application/octet-stream';
  if (ext === '.html') {
    const html = injectHostOrigin(body.toString('utf8'), config.shellOrigin);
    send(req, res, 200, type, html, {
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': pagePolicy(html, config.shellOrigin),
    });
    return true;
  }
  const hashed = /\.[0-9a-f]{8,}\.(js|css)$/.test(file);
  send(req, res, 200, type, body, {
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  return true;
}
