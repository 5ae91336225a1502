/**
 * The Content-Security-Policy the proxy sends with the add-in's pages (issue 12, point 7), read
 * from real responses of serveStatic behind a real HTTP server on an ephemeral port.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadProxyConfig } from '../../../src/proxy/config';
import { inlineScriptHashes, serveStatic } from '../../../src/proxy/static-files';

const SHELL = 'http://127.0.0.1:3999';
const FABRIC = 'window.FabricConfig={fontBaseUrl:""};';
const OTHER = '\n  window.__second = 1;\n';

let dir: string;
let server: Server;
let base: string;

const sha = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The policy as a map of directive → sources. */
function directives(header: string | null): Map<string, string[]> {
  assert.ok(header, 'a Content-Security-Policy header');
  const map = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    assert.equal(map.has(name), false, `${name} appears once`);
    map.set(name, sources);
  }
  return map;
}

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'static-csp-'));
  const staticDir = path.join(dir, 'addin');
  mkdirSync(staticDir);
  // Shaped like the production build of scripts/page-template.html.
  writeFileSync(
    path.join(staticDir, 'taskpane.html'),
    `<!doctype html><html lang=en><head><title>QuickBooks Online</title><script>${FABRIC}</script><style>body{margin:0}</style><script defer src=taskpane.0123abcd.js></script></head><body><div id=root></div></body></html>`,
  );
  writeFileSync(path.join(staticDir, 'commands.html'), `<html><head><script>${FABRIC}</script><script>${OTHER}</script><script>${FABRIC}</script><script src="commands.0123abcd.js"></script></head></html>`);
  writeFileSync(path.join(staticDir, 'plain.html'), '<html><head><script data-src="x" src="a.js"></script></head><body></body></html>');
  writeFileSync(path.join(staticDir, 'taskpane.0123abcd.js'), 'console.log("panel")');
  writeFileSync(path.join(dir, 'manifest.xml'), '<OfficeApp/>');
  const config = loadProxyConfig({
    DATA_DIR: path.join(dir, 'data'),
    SHELL_ORIGIN: SHELL,
    ADDIN_STATIC_DIR: staticDir,
    MANIFEST_PATH: path.join(dir, 'manifest.xml'),
    SANDBOX_PORT: '1',
  });
  server = createServer((req, res) => {
    const urlPath = new URL(req.url ?? '/', 'http://x').pathname;
    serveStatic(req, res, urlPath, config).then(
      (served) => {
        if (!served) res.writeHead(404).end();
      },
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

test('the panel page: scripts from its origin plus the hash of its inline script, nothing else reachable', async () => {
  const res = await fetch(`${base}/taskpane.html`);
  assert.equal(res.status, 200);
  const csp = directives(res.headers.get('content-security-policy'));
  assert.deepEqual(csp.get('default-src'), ["'self'"]);
  assert.deepEqual(csp.get('script-src'), ["'self'", sha(FABRIC)]);
  assert.deepEqual(csp.get('connect-src'), ["'self'"]);
  assert.deepEqual(csp.get('worker-src'), ["'self'"]);
  assert.deepEqual(csp.get('object-src'), ["'none'"]);
  assert.deepEqual(csp.get('base-uri'), ["'none'"]);
  assert.deepEqual(csp.get('frame-ancestors'), ["'self'", SHELL]);
  assert.deepEqual(csp.get('style-src'), ["'self'", "'unsafe-inline'"]);
  for (const [name, sources] of csp) {
    if (name !== 'style-src') assert.ok(!sources.includes("'unsafe-inline'") && !sources.includes("'unsafe-eval'"), `${name} allows no inline code`);
    assert.ok(!sources.some((s) => s === '*' || s === 'https:' || s === 'http:' || s === 'data:' || s === 'blob:'), `${name} names no wildcard or scheme`);
  }
  // The hash is of the page as served: the host-origin meta added by the proxy changes nothing inline.
  assert.match(await res.text(), /<meta name="officetools-host-origins"/);
});

test('every inline script of a page gets its own hash, once; external scripts none', async () => {
  const res = await fetch(`${base}/commands.html`);
  const csp = directives(res.headers.get('content-security-policy'));
  assert.deepEqual(csp.get('script-src'), ["'self'", sha(FABRIC), sha(OTHER)]);

  const plain = directives((await fetch(`${base}/plain.html`)).headers.get('content-security-policy'));
  assert.deepEqual(plain.get('script-src'), ["'self'"]);
  assert.deepEqual(inlineScriptHashes('<script type="module">a()</script><SCRIPT>b()</SCRIPT >'), [sha('a()'), sha('b()')]);
});

test('bundles are not pages: no policy, cached for good', async () => {
  const res = await fetch(`${base}/taskpane.0123abcd.js`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-security-policy'), null);
  assert.match(res.headers.get('cache-control') ?? '', /immutable/);
});
