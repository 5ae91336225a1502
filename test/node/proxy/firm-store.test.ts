/**
 * The store itself, on both back-ends (SQLite and a real PostgreSQL server): migrations are
 * numbered, applied once (also when several processes start at the same moment) and refuse a
 * newer database; the one-to-one rule for live links is the database's own UNIQUE constraint;
 * the feed's seqs are strictly increasing per firm+realm and independent between firms; a push
 * that fails leaves no trace, not even a used seq; refresh locks exclude each other across
 * processes and die with the process that held them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { UniqueViolation, type Database } from '../../../src/proxy/store/database';
import type { FirmStore } from '../../../src/proxy/store/firm-store';
import { migrate, SchemaTooNewError } from '../../../src/proxy/store/migrate';
import { MIGRATIONS } from '../../../src/proxy/store/migrations';
import { openPostgresDatabase } from '../../../src/proxy/store/postgres-database';
import { openSqliteDatabase } from '../../../src/proxy/store/sqlite-database';
import { BACKENDS, freshDatabaseUrl, openTestStore, type BackendName } from './support/backends';

const KEY = Buffer.alloc(32, 7);

const who = { id: 'u-1', name: 'Dana' };
const link = (otId: string, qboId: string) => ({ collection: 'links' as const, id: `contact:${otId}`, baseRev: null, body: { kind: 'contact', otId, qboId } });

for (const backend of BACKENDS) {
  const withStore = async (t: { after(fn: () => Promise<void>): void }): Promise<{ store: FirmStore; dir: string; databaseUrl: string | null }> => openTestStore(backend, t, { key: KEY });
  const reopen = (dir: string, databaseUrl: string | null): Database => (databaseUrl ? openPostgresDatabase(databaseUrl) : openSqliteDatabase(path.join(dir, 'firm.db')));
  storeTests(backend, withStore, reopen);
}

function storeTests(
  backend: BackendName,
  withStore: (t: { after(fn: () => Promise<void>): void }) => Promise<{ store: FirmStore; dir: string; databaseUrl: string | null }>,
  reopen: (dir: string, databaseUrl: string | null) => Database,
): void {
test(`${backend}: migrations are applied once, recorded, and a newer database is refused`, async (t) => {
  const { store, dir, databaseUrl } = await withStore(t);
  if (backend === 'sqlite') assert.equal(statSync(path.join(dir, 'firm.db')).mode & 0o777, 0o600, 'the database is private to the proxy');
  const rows = await store.db.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version');
  assert.deepEqual(rows.map((r) => [Number(r.version), r.name]), MIGRATIONS.map((m) => [m.version, m.name]));
  assert.equal(await migrate(store.db), MIGRATIONS[MIGRATIONS.length - 1].version, 'a second run changes nothing');
  assert.equal((await store.db.query('SELECT version FROM schema_migrations')).length, MIGRATIONS.length);
  await store.db.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [999, 'from-the-future', 'x']);
  const db = reopen(dir, databaseUrl);
  try {
    await assert.rejects(migrate(db), (e: unknown) => e instanceof SchemaTooNewError && /999/.test(e.message));
  } finally {
    await db.close();
  }
});

test(`${backend}: live links are unique by the database itself; tombstones and other firms do not collide`, async (t) => {
  const { store } = await withStore(t);
  assert.equal((await store.records.push('firm-a', '1', who, [link('c-1', '5')])).ok, true);
  // Straight past the repository: the UNIQUE index refuses a second live holder.
  await assert.rejects(
    store.db.run(
      `INSERT INTO firm_records (firm_id, realm_id, collection, record_id, rev, seq, deleted, body, link_key, updated_by_id, updated_by_name, updated_at)
       VALUES ('firm-a', '1', 'links', 'contact:c-2', 1, 99, 0, '{}', 'contact:5', 'u', 'U', 'x')`,
    ),
    UniqueViolation,
  );
  assert.equal((await store.records.push('firm-b', '1', who, [link('c-2', '5')])).ok, true, 'another firm');
  assert.equal((await store.records.push('firm-a', '2', who, [link('c-2', '5')])).ok, true, 'another company of the same firm');
  const del = await store.records.push('firm-a', '1', who, [{ collection: 'links', id: 'contact:c-1', baseRev: 1, deleted: true }]);
  assert.equal(del.ok, true);
  assert.equal((await store.records.push('firm-a', '1', who, [link('c-2', '5')])).ok, true, 'free again after the tombstone');
});

test(`${backend}: seqs increase per firm+realm; a refused push uses none and writes nothing`, async (t) => {
  const { store } = await withStore(t);
  const a1 = await store.records.push('firm-a', '1', who, [link('c-1', '1'), link('c-2', '2')]);
  const b1 = await store.records.push('firm-b', '1', who, [link('c-1', '1')]);
  assert.ok(a1.ok && b1.ok);
  assert.deepEqual(a1.records.map((r) => r.seq), ['1', '2']);
  assert.deepEqual(b1.records.map((r) => r.seq), ['1'], 'each firm has its own feed');
  const refused = await store.records.push('firm-a', '1', who, [link('c-3', '3'), link('c-4', '1')]);
  assert.equal(refused.ok, false);
  if (!refused.ok) assert.deepEqual(refused.conflicts.map((c) => [c.index, c.reason, c.holder?.id]), [[1, 'unique', 'contact:c-1']]);
  const pulled = await store.records.pull('firm-a', '1', 0n, 100);
  assert.deepEqual(pulled.records.map((r) => r.id), ['contact:c-1', 'contact:c-2'], 'c-3 of the refused push is not there');
  const next = await store.records.push('firm-a', '1', who, [link('c-3', '3')]);
  assert.ok(next.ok);
  assert.equal(next.records[0].seq, '3', 'the refused push used no seq');
  // A rewrite moves the record to the end of the feed.
  const moved = await store.records.push('firm-a', '1', who, [{ collection: 'links', id: 'contact:c-1', baseRev: 1, body: { kind: 'contact', otId: 'c-1', qboId: '9' } }]);
  assert.ok(moved.ok);
  assert.deepEqual((await store.records.pull('firm-a', '1', 2n, 100)).records.map((r) => [r.id, r.seq, r.rev]), [['contact:c-3', '3', 1], ['contact:c-1', '4', 2]]);
});
}

test('postgres: replicas starting together apply each migration once', async () => {
  const url = (await freshDatabaseUrl('postgres')) as string;
  const dbs = Array.from({ length: 4 }, () => openPostgresDatabase(url));
  try {
    const versions = await Promise.all(dbs.map((db) => migrate(db)));
    assert.deepEqual(versions, dbs.map(() => MIGRATIONS[MIGRATIONS.length - 1].version));
    const rows = await dbs[0].query<{ version: number }>('SELECT version FROM schema_migrations');
    assert.equal(rows.length, MIGRATIONS.length, 'one row per migration, not one per replica');
  } finally {
    await Promise.all(dbs.map((db) => db.close()));
  }
});

test('postgres: a lock excludes other processes and dies with the process that held it', async (t) => {
  const url = (await freshDatabaseUrl('postgres')) as string;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'support', 'hold-lock.ts'), url, 'qbo-proxy:refresh:firm-x'], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => {
    child.kill('SIGKILL');
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.once('exit', () => reject(new Error('the lock holder exited early')));
  });
  const db = openPostgresDatabase(url);
  try {
    let got = false;
    const waiting = db.withLock('qbo-proxy:refresh:firm-x', async (ex) => {
      got = true;
      return (await ex.query<{ one: number }>('SELECT 1 AS one'))[0].one;
    });
    // Another name is free meanwhile.
    assert.equal(await db.withLock('qbo-proxy:refresh:firm-y', async () => 'free'), 'free');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(got, false, 'the lock is held by the other process');
    child.kill('SIGKILL');
    assert.equal(await waiting, 1, 'the lock is taken once its holder is gone');
    assert.equal(got, true);
  } finally {
    await db.close();
  }
});
