/**
 * The store itself (SQLite back-end): migrations are numbered, applied once and refuse a newer
 * database; the one-to-one rule for live links is the database's own UNIQUE constraint; the
 * feed's seqs are strictly increasing per firm+realm and independent between firms; a push
 * that fails leaves no trace, not even a used seq.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UniqueViolation } from '../../../src/proxy/store/database';
import { openFirmStore, type FirmStore } from '../../../src/proxy/store/firm-store';
import { migrate, SchemaTooNewError } from '../../../src/proxy/store/migrate';
import { MIGRATIONS } from '../../../src/proxy/store/migrations';
import { openSqliteDatabase } from '../../../src/proxy/store/sqlite-database';

async function withStore(t: { after(fn: () => Promise<void>): void }): Promise<{ store: FirmStore; dir: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'proxy-store-'));
  const store = await openFirmStore({ dataDir: dir, key: Buffer.alloc(32, 7) });
  t.after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { store, dir };
}

const who = { id: 'u-1', name: 'Dana' };
const link = (otId: string, qboId: string) => ({ collection: 'links' as const, id: `contact:${otId}`, baseRev: null, body: { kind: 'contact', otId, qboId } });

test('migrations are applied once, recorded, and a newer database is refused', async (t) => {
  const { store, dir } = await withStore(t);
  assert.equal(statSync(path.join(dir, 'firm.db')).mode & 0o777, 0o600, 'the database is private to the proxy');
  const rows = await store.db.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version');
  assert.deepEqual(rows.map((r) => [Number(r.version), r.name]), MIGRATIONS.map((m) => [m.version, m.name]));
  assert.equal(await migrate(store.db), MIGRATIONS[MIGRATIONS.length - 1].version, 'a second run changes nothing');
  assert.equal((await store.db.query('SELECT version FROM schema_migrations')).length, MIGRATIONS.length);
  await store.db.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [999, 'from-the-future', 'x']);
  const db = openSqliteDatabase(path.join(dir, 'firm.db'));
  try {
    await assert.rejects(migrate(db), (e: unknown) => e instanceof SchemaTooNewError && /999/.test(e.message));
  } finally {
    await db.close();
  }
});

test('live links are unique by the database itself; tombstones and other firms do not collide', async (t) => {
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

test('seqs increase per firm+realm; a refused push uses none and writes nothing', async (t) => {
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
