/**
 * Serves the built add-in (ADDIN_STATIC_DIR), its icons and manifest.xml. HTML pages get a
 * `<meta name="officetools-host-origins">` naming SHELL_ORIGIN (the only parent the add-in
 * trusts) and may be framed only by that origin; the manifest's development URL is rewritten
 * to ADDIN_PUBLIC_URL. Nothing outside those folders, and no dotfile, is ever served.
 */
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
      'Content-Security-Policy': `frame-ancestors 'self' ${config.shellOrigin}`,
    });
    return true;
  }
  const hashed = /\.[0-9a-f]{8,}\.(js|css)$/.test(file);
  send(req, res, 200, type, body, {
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  return true;
}
