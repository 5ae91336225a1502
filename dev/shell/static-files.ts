/** Serves the built shell page (dist/shell) without ever leaving that folder. */
import { promises as fs } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

/**
 * The shell page may be framed only by itself: another site framing it could trick the user
 * into clicking (clickjacking) while they are signed in. CSP for current browsers, X-Frame-Options
 * for older ones.
 */
export const FRAMING_HEADERS = {
  'Content-Security-Policy': "frame-ancestors 'self'",
  'X-Frame-Options': 'SAMEORIGIN',
} as const;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Answers the file for `urlPath` and returns true, or returns false when there is none. */
export async function serveStatic(res: ServerResponse, staticDir: string, urlPath: string, headOnly: boolean): Promise<boolean> {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  } catch {
    return false;
  }
  const root = path.resolve(staticDir);
  const file = path.resolve(root, `.${relative}`);
  if (file !== root && !file.startsWith(root + path.sep)) return false;
  let body: Buffer;
  try {
    body = await fs.readFile(file);
  } catch {
    return false;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': body.length,
    // The page is rebuilt under the same names in development; never serve a stale copy.
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    ...FRAMING_HEADERS,
  });
  res.end(headOnly ? undefined : body);
  return true;
}

export function pageNotBuilt(res: ServerResponse, staticDir: string): void {
  const text = `<!doctype html><title>OfficeTools shell not built</title><p>The shell page is not built: ${staticDir}/index.html is missing. Run <code>npm run build</code> (or <code>npm start</code>, which builds it) and reload.</p>`;
  res.writeHead(503, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...FRAMING_HEADERS });
  res.end(text);
}
