import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openFirmStore } from '../../../src/proxy/store/firm-store';
import { PENDING_TTL_MS } from '../../../src/proxy/store/pending-authorizations';
import { parseRelayPath } from '../../../src/proxy/relay';
import { injectHostOrigin, resolveInside } from '../../../src/proxy/static-files';
import { DIALOG_PROTOCOL, DIALOG_PROTOCOL_VERSION, renderCallbackPage } from '../../../src/proxy/callback-page';
import { HOST_PROTOCOL, HOST_PROTOCOL_VERSION, isHostMessage } from '../../../src/sync/host/protocol';

async function pendingStore(t: { after(fn: () => Promise<void>): void }, now: () => number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'proxy-pending-'));
  const store = await openFirmStore({ dataDir: dir, key: Buffer.alloc(32, 4), now });
  t.after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return store.pending;
}

const owner = { firmId: 'firm-a', userId: 'u-1', flowId: 'flow-1' };

test('tickets, states and completions are single-use and expire after ten minutes', async (t) => {
  let now = 1_000_000;
  const p = await pendingStore(t, () => now);
  const ticket = await p.issue('ticket', owner);
  assert.match(ticket, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(await p.take('state', ticket), null, 'a ticket is not a state');
  assert.deepEqual(await p.take('ticket', ticket), { ...owner, bindingHash: null, sealed: null, expiresAt: now + PENDING_TTL_MS });
  assert.equal(await p.take('ticket', ticket), null, 'a ticket works once');
  assert.equal(await p.take('ticket', 'made-up'), null);

  const state = await p.issue('state', owner, { bindingHash: 'b'.repeat(64) });
  assert.equal((await p.peek('state', state))?.bindingHash, 'b'.repeat(64));
  assert.equal((await p.take('state', state))?.firmId, 'firm-a');
  assert.equal(await p.take('state', state), null, 'a state works once');

  const late = await p.issue('state', owner);
  const completion = await p.issue('completion', owner, { sealed: 'v1.sealed' });
  now += PENDING_TTL_MS;
  assert.equal(await p.peek('completion', completion), null);
  assert.equal(await p.take('state', late), null);
  const swept = await p.sweep();
  assert.deepEqual(swept.map((e) => [e.firmId, e.sealed]), [['firm-a', 'v1.sealed']], 'expired completions come back to be revoked');
  assert.deepEqual(await p.sweep(), []);
});

test('an authorization code is accepted once', async (t) => {
  const p = await pendingStore(t, Date.now);
  assert.equal(await p.firstUseOfCode('code-1'), true);
  assert.equal(await p.firstUseOfCode('code-1'), false);
  assert.equal(await p.firstUseOfCode('code-2'), true);
});

test('relay paths: realm, path and raw query are kept; escapes are refused', () => {
  assert.deepEqual(parseRelayPath('/api/qbo/v3/company/123/query?query=select%20*%20from%20Customer&minorversion=75'), {
    realmId: '123',
    path: '/v3/company/123/query',
    query: 'query=select%20*%20from%20Customer&minorversion=75',
  });
  assert.deepEqual(parseRelayPath('/api/qbo/v3/company/123/companyinfo/123'), { realmId: '123', path: '/v3/company/123/companyinfo/123', query: '' });
  for (const bad of [
    '/api/qbo/v3/company/123/../456/customer',
    '/api/qbo/v3/company/123/%2e%2e/456/customer',
    '/api/qbo/v3/company/123%2f..%2f456/customer',
    '/api/qbo/v3/company/123//customer',
    '/api/qbo/v3/company/123/%5c..',
    '/api/qbo/v3/company/123/%E0%A4%A',
    '/api/qbo/v3/other/123',
    '/api/qbo/v2/company/123/customer',
  ]) {
    assert.equal(parseRelayPath(bad), null, bad);
  }
});

test('static paths stay inside their folder', () => {
  assert.equal(resolveInside('/srv/addin', '/taskpane.html'), '/srv/addin/taskpane.html');
  assert.equal(resolveInside('/srv/addin', '/assets/icon-32.png'), '/srv/addin/assets/icon-32.png');
  for (const bad of ['/../secret', '/%2e%2e/secret', '/assets/../../x', '/.env', '/a/.git/config', '/', '/%00x', '/..%5cx']) {
    assert.equal(resolveInside('/srv/addin', bad), null, bad);
  }
});

test('HTML pages learn the shell origin', () => {
  assert.equal(
    injectHostOrigin('<!doctype html><html><head><title>x</title></head></html>', 'http://127.0.0.1:3000'),
    '<!doctype html><html><head><meta name="officetools-host-origins" content="http://127.0.0.1:3000"><title>x</title></head></html>',
  );
  assert.match(injectHostOrigin('<head lang="en">', 'https://a"b'), /^<head lang="en"><meta name="officetools-host-origins" content="https:\/\/a&quot;b">$/);
});

test('the callback page speaks the host protocol and cannot be broken out of', () => {
  assert.equal(DIALOG_PROTOCOL, HOST_PROTOCOL);
  assert.equal(DIALOG_PROTOCOL_VERSION, HOST_PROTOCOL_VERSION);
  const html = renderCallbackPage({ status: 'authorized', completion: 'c0', flowId: 'f0', realmId: '1', companyName: '</script><script>alert(1)</script>', country: 'US' }, 'http://127.0.0.1:3000');
  assert.ok(!html.includes('</script><script>alert(1)'), 'the company name is escaped in the script and the text');
  const json = /var envelope = (.*);\n/.exec(html)?.[1] ?? '';
  const envelope: unknown = JSON.parse(json);
  assert.ok(isHostMessage(envelope));
  assert.deepEqual(envelope, {
    protocol: HOST_PROTOCOL,
    v: HOST_PROTOCOL_VERSION,
    kind: 'dialogMessage',
    message: { status: 'authorized', completion: 'c0', flowId: 'f0', realmId: '1', companyName: '</script><script>alert(1)</script>', country: 'US' },
  });
  assert.match(html, /var target = "http:\/\/127\.0\.0\.1:3000";/);
  assert.match(renderCallbackPage({ status: 'denied' }, 'x'), /"message":\{"status":"denied"\}/);
});
