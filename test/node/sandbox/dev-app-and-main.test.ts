/** The dev app file (no secret in the repo) and `npm run sandbox` configuration checks. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadOrCreateDevApp, DevAppFileError } from '../../../dev/qbo-sandbox/dev-app';

const root = path.resolve(__dirname, '../../..');

describe('loadOrCreateDevApp', () => {
  it('creates OT-dev-… with a 40-character secret in a 0600 file, then reuses it and adds redirect URIs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-devapp-'));
    try {
      const a = loadOrCreateDevApp(dir, 'http://127.0.0.1:3001/auth/callback');
      assert.match(a.clientId, /^OT-dev-[A-Za-z0-9]+$/);
      assert.match(a.clientSecret, /^[A-Za-z0-9]{40}$/);
      const file = path.join(dir, 'dev-app.json');
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      const b = loadOrCreateDevApp(dir, 'http://127.0.0.1:4001/auth/callback');
      assert.equal(b.clientSecret, a.clientSecret);
      assert.deepEqual(b.redirectUris, ['http://127.0.0.1:3001/auth/callback', 'http://127.0.0.1:4001/auth/callback']);
      assert.notEqual(loadOrCreateDevApp(fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-devapp-')), 'http://x/cb').clientSecret, a.clientSecret);
      fs.writeFileSync(file, '{not json');
      assert.throws(() => loadOrCreateDevApp(dir, 'http://x/cb'), DevAppFileError);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run sandbox', () => {
  it('stops with a message naming the variable when a port is bad', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'dev/qbo-sandbox/main.ts'], { cwd: root, env: { ...process.env, SANDBOX_PORT: 'not-a-port' }, encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /SANDBOX_PORT must be a port number/);
  });
});
