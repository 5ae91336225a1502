import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { open, seal } from '../../../src/proxy/token-cipher';
import { loadOrCreateTokenKey, TokenKeyError } from '../../../src/proxy/token-key';
import { SessionStore, sessionKeyOf } from '../../../src/proxy/session-store';

const key = Buffer.alloc(32, 1);

test('seal and open round-trip; wrong key, wrong session or tampering give null', () => {
  const sealed = seal(key, 'refresh-token-123', 'session-a');
  assert.ok(!sealed.includes('refresh-token-123'));
  assert.equal(open(key, sealed, 'session-a'), 'refresh-token-123');
  assert.equal(open(Buffer.alloc(32, 2), sealed, 'session-a'), null);
  assert.equal(open(key, sealed, 'session-b'), null);
  const raw = Buffer.from(sealed.slice(3), 'base64url');
  raw[raw.length - 1] ^= 1;
  assert.equal(open(key, `v1.${raw.toString('base64url')}`, 'session-a'), null);
  assert.equal(open(key, 'garbage', 'session-a'), null);
  assert.notEqual(seal(key, 'x', 'a'), seal(key, 'x', 'a'), 'a fresh IV every time');
});

test('the token key is generated once with mode 0600 and reused', (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'proxy-key-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const first = loadOrCreateTokenKey(path.join(dir, 'proxy'), null);
  assert.equal(first.length, 32);
  const file = path.join(dir, 'proxy', 'token-key');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(loadOrCreateTokenKey(path.join(dir, 'proxy'), null), first);
  const configured = Buffer.alloc(32, 9);
  assert.equal(loadOrCreateTokenKey(path.join(dir, 'proxy'), configured), configured);
  writeFileSync(file, 'not a key');
  assert.throws(() => loadOrCreateTokenKey(path.join(dir, 'proxy'), null), TokenKeyError);
});

test('the session store keeps no token, session id or realm in clear on disk and survives a restart', (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'proxy-store-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const store = new SessionStore(dir, key);
  const { sessionId, sessionKey } = store.create(new Date('2026-01-02T03:04:05Z'));
  assert.equal(sessionKeyOf(sessionId), sessionKey);
  store.setConnection(sessionKey, {
    connectionId: 'c1',
    realmId: '9130350000000001',
    companyName: 'Acme Books',
    country: 'US',
    connectedAt: '2026-01-02T03:04:05.000Z',
    tokens: { accessToken: 'AT-secret-value', refreshToken: 'RT-secret-value', accessTokenExpiresAt: 1, refreshTokenExpiresAt: 2 },
  });
  const files = readdirSync(path.join(dir, 'sessions'));
  assert.deepEqual(files, [`${sessionKey}.json`]);
  const onDisk = readFileSync(path.join(dir, 'sessions', files[0]), 'utf8');
  for (const secret of ['AT-secret-value', 'RT-secret-value', sessionId, '9130350000000001', 'Acme']) {
    assert.ok(!onDisk.includes(secret), `${secret} must not be stored in clear`);
  }
  assert.equal(statSync(path.join(dir, 'sessions', files[0])).mode & 0o777, 0o600);

  const reopened = new SessionStore(dir, key);
  assert.equal(reopened.get(sessionKey)?.connection?.tokens.refreshToken, 'RT-secret-value');
  assert.equal(reopened.get(sessionKey)?.createdAt, '2026-01-02T03:04:05.000Z');

  let unreadable = 0;
  const otherKey = new SessionStore(dir, Buffer.alloc(32, 3), () => unreadable++);
  assert.equal(otherKey.get(sessionKey), null);
  assert.equal(unreadable, 1);

  reopened.setConnection(sessionKey, null);
  assert.equal(new SessionStore(dir, key).get(sessionKey)?.connection, null);
});

test('malformed session ids are not sessions', () => {
  assert.equal(sessionKeyOf(''), null);
  assert.equal(sessionKeyOf('../../etc/passwd'), null);
  assert.equal(sessionKeyOf('a'.repeat(44)), null);
  assert.match(sessionKeyOf('a'.repeat(43)) ?? '', /^[0-9a-f]{64}$/);
});
