import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { jsonDepth, MAX_JSON_DEPTH } from '../../../dev/shell/http-json';
import { startShell, type Harness } from './harness';

type ErrorBody = { error: string; message: string };

let h: Harness;
beforeEach(async () => {
  h = await startShell();
});
afterEach(async () => {
  await h.dispose();
});

/** A request with a chosen Host header (fetch does not let a caller set Host). */
function withHost(host: string, method: string, urlPath: string, body?: string): Promise<{ status: number; body: ErrorBody }> {
  return new Promise((resolve, reject) => {
    const req = request(`${h.shell.url}${urlPath}`, { method, headers: { Host: host, 'Content-Type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as ErrorBody }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the shell page cannot be framed by other sites', () => {
  test('the page and the not-built page forbid framing by other origins', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'shell-frame-'));
    try {
      writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>WorkSpace</title>');
      await h.restart({ staticDir: dir });
      for (const url of ['/', '/index.html']) {
        const res = await fetch(h.shell.url + url);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-security-policy'), "frame-ancestors 'self'");
        assert.equal(res.headers.get('x-frame-options'), 'SAMEORIGIN');
      }
      rmSync(path.join(dir, 'index.html'));
      const missing = await fetch(h.shell.url + '/');
      assert.equal(missing.status, 503);
      assert.equal(missing.headers.get('x-frame-options'), 'SAMEORIGIN');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the API checks Host as well as Origin', () => {
  test('a request addressed to another host name (DNS rebinding) gets 421, even with a matching Origin', async () => {
    const port = h.shell.port;
    const rebound = await withHost(`evil.example:${port}`, 'GET', '/api/firm/contacts');
    assert.equal(rebound.status, 421);
    assert.equal(rebound.body.error, 'wrong_host');
    assert.match(rebound.body.message, /not to "evil\.example:\d+"/);
    const write = await withHost(`evil.example:${port}`, 'POST', '/api/firm/contacts', JSON.stringify({ typeId: 'ct-1', kind: 'business', companyName: 'Rebound' }));
    assert.equal(write.status, 421);
    assert.equal((await withHost(`127.0.0.1:${port + 1}`, 'GET', '/api/firm')).status, 421, 'the port counts too');
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      assert.equal((await withHost(host, 'GET', '/api/firm')).status, 200, host);
    }
    await h.restart({ allowedHostNames: ['shell.test'] });
    assert.equal((await withHost(`shell.test:${h.shell.port}`, 'GET', '/api/firm')).status, 200);
    assert.equal((await withHost(`evil.example:${h.shell.port}`, 'GET', '/api/firm')).status, 421);
  });
});

describe('deeply nested JSON', () => {
  test('a body nested far too deep is a 400, and the shell keeps answering', async () => {
    const deepArray = '['.repeat(200_000) + ']'.repeat(200_000);
    const deepObject = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    for (const [route, body] of [
      ['/api/firm/contacts', deepArray],
      ['/api/firm/contacts', deepObject],
      ['/api/firm/payments', `{"contactId":"c-1","applications":${deepArray}}`],
      ['/__shell/seed', deepObject],
    ] as const) {
      const r = await h.call<ErrorBody>('POST', route, body);
      assert.equal(r.status, 400, route);
      assert.equal(r.body.error, 'invalid_input');
      assert.match(r.body.message, /more than 64 levels deep/);
    }
    assert.equal((await h.call('GET', '/api/firm')).status, 200);
  });

  test('jsonDepth counts nesting, not brackets inside strings', () => {
    assert.equal(jsonDepth('{"a":[1,{"b":2}]}'), 3);
    assert.equal(jsonDepth('"[[[[{{{{"'), 0);
    assert.equal(jsonDepth('{"a":"\\"[[[["}'), 1);
    assert.equal(jsonDepth('1'), 0);
    assert.equal(jsonDepth('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH)), MAX_JSON_DEPTH);
  });
});
