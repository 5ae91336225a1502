import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { open, seal } from '../../../src/proxy/token-cipher';
import { loadOrCreateTokenKey, TokenKeyError } from '../../../src/proxy/token-key';
import { createConnectionsRepository } from '../../../src/proxy/store/connections';
import { openFirmStore } from '../../../src/proxy/store/firm-store';

const key = Buffer.alloc(32, 1);

test('seal and open round-trip; wrong key, wrong firm or tampering give null', () => {
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

test('the firm store keeps no token in clear, binds tokens to their firm and survives a reopen', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'proxy-store-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const store = await openFirmStore({ dataDir: dir, key });
  await store.connections.put('firm-a', {
    connectionId: 'c1',
    realmId: '9130350000000001',
    companyName: 'Acme Books',
    country: 'US',
    connectedAt: '2026-01-02T03:04:05.000Z',
    connectedBy: { id: 'u-1', name: 'Dana' },
    tokens: { accessToken: 'AT-secret-value', refreshToken: 'RT-secret-value', accessTokenExpiresAt: 1, refreshTokenExpiresAt: 2 },
  });
  // A sealed blob copied onto another firm's row does not open there.
  await store.db.run("INSERT INTO firm_connections SELECT 'firm-b', connection_id, realm_id, company_name, country, connected_at, connected_by_id, connected_by_name, intuit_email, sealed_tokens, access_expires_at, refresh_expires_at FROM firm_connections WHERE firm_id = $1", ['firm-a']);
  let unreadable: string[] = [];
  assert.equal(await createConnectionsRepository(store.db, key, (f) => unreadable.push(f)).get('firm-b'), null);
  assert.deepEqual(unreadable, ['firm-b']);
  await store.close();
  for (const file of readdirSync(dir).filter((f) => f.startsWith('firm.db'))) {
    const bytes = readFileSync(path.join(dir, file));
    for (const secret of ['AT-secret-value', 'RT-secret-value']) assert.ok(!bytes.includes(Buffer.from(secret)), `${secret} must not be stored in clear (${file})`);
  }
  const reopened = await openFirmStore({ dataDir: dir, key });
  assert.equal((await reopened.connections.get('firm-a'))?.tokens.refreshToken, 'RT-secret-value');
  unreadable = [];
  assert.equal(await createConnectionsRepository(reopened.db, Buffer.alloc(32, 3), (f) => unreadable.push(f)).get('firm-a'), null, 'another key opens nothing');
  assert.deepEqual(unreadable, ['firm-a']);
  assert.equal(await reopened.connections.remove('firm-a', 'other-connection'), false, 'only the current connection is removed');
  assert.equal(await reopened.connections.remove('firm-a', 'c1'), true);
  assert.equal(await reopened.connections.get('firm-a'), null);
  await reopened.close();
});
