import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PendingAuthorizations, PENDING_TTL_MS } from '../../../src/proxy/pending-authorizations';
import { parseRelayPath } from '../../../src/proxy/relay';
import { injectHostOrigin, resolveInside } from '../../../src/proxy/static-files';
import { DIALOG_PROTOCOL, DIALOG_PROTOCOL_VERSION, renderCallbackPage } from '../../../src/proxy/callback-page';
import { HOST_PROTOCOL, HOST_PROTOCOL_VERSION, isHostMessage } from '../../../src/sync/host/protocol';

test('tickets and states are single-use and expire after ten minutes', () => {
  let now = 1_000_000;
  const p = new PendingAuthorizations(() => now);
  const t = p.issueTicket('session-a');
  assert.equal(p.redeemTicket(t), 'session-a');
  assert.equal(p.redeemTicket(t), null, 'a ticket works once');
  assert.equal(p.redeemTicket('made-up'), null);

  const { state, browserBinding } = p.issueState('session-b');
  assert.notEqual(state, browserBinding);
  assert.deepEqual(p.consumeState(state), { sessionKey: 'session-b', browserBinding });
  assert.equal(p.consumeState(state), null, 'a state works once');

  const late = p.issueState('session-c');
  const lateTicket = p.issueTicket('session-c');
  now += PENDING_TTL_MS;
  assert.equal(p.consumeState(late.state), null);
  assert.equal(p.redeemTicket(lateTicket), null);
});

test('an authorization code is accepted once', () => {
  const p = new PendingAuthorizations();
  assert.equal(p.firstUseOfCode('AB11code'), true);
  assert.equal(p.firstUseOfCode('AB11code'), false);
  assert.equal(p.firstUseOfCode('AB11other'), true);
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
  const html = renderCallbackPage({ status: 'connected', realmId: '1', companyName: '</script><script>alert(1)</script>', country: 'US' }, 'http://127.0.0.1:3000');
  assert.ok(!html.includes('</script><script>alert(1)'), 'the company name is escaped in the script and the text');
  const json = /var envelope = (.*);\n/.exec(html)?.[1] ?? '';
  const envelope: unknown = JSON.parse(json);
  assert.ok(isHostMessage(envelope));
  assert.deepEqual(envelope, {
    protocol: HOST_PROTOCOL,
    v: HOST_PROTOCOL_VERSION,
    kind: 'dialogMessage',
    message: { status: 'connected', realmId: '1', companyName: '</script><script>alert(1)</script>', country: 'US' },
  });
  assert.match(html, /var target = "http:\/\/127\.0\.0\.1:3000";/);
  assert.match(renderCallbackPage({ status: 'denied' }, 'x'), /"message":\{"status":"denied"\}/);
});
