/**
 * Brings a database to the newest schema: creates `schema_migrations` if needed and applies
 * each missing migration in its own transaction, all under the database's `migrate` lock (a
 * PostgreSQL advisory lock), so replicas that start at the same moment apply each migration
 * once: the first one migrates, the others wait and then find nothing left to do.
 */
import type { Database } from './database';
import { MIGRATIONS } from './migrations';
import type { Migration } from './migrations/migration';

export class SchemaTooNewError extends Error {
  constructor(readonly found: number, readonly known: number) {
    super(`The proxy's database is at schema version ${found}, but this proxy knows only up to ${known}. Run the newer proxy, or restore a backup made for this version.`);
    this.name = 'SchemaTooNewError';
  }
}

export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): Promise<number> {
  return db.withLock('qbo-proxy:migrate', () => migrateLocked(db, migrations));
}

async function migrateLocked(db: Database, migrations: readonly Migration[]): Promise<number> {
  await db.run('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const rows = await db.query<{ version: number | string }>('SELECT version FROM schema_migrations ORDER BY version');
  const applied = new Set(rows.map((r) => Number(r.version)));
  const newest = migrations.length ? migrations[migrations.length - 1].version : 0;
  const highest = Math.max(0, ...applied);
  if (highest > newest) throw new SchemaTooNewError(highest, newest);
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    await db.transaction(async (tx) => {
      for (const sql of m.statements) await tx.run(sql);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
    });
  }
  return newest;
}
