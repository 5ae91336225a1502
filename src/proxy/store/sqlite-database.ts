/**
 * The embedded back-end: one better-sqlite3 connection on `<DATA_DIR>/proxy/firm.db` in WAL
 * mode. better-sqlite3 is synchronous; the async interface is kept by serialising every
 * statement and transaction through one queue, so a transaction that awaits (e.g. between its
 * reads and writes) never interleaves with another caller's statements on the shared connection.
 */
import BetterSqlite3 from 'better-sqlite3';
import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { UniqueViolation, type Database, type SqlExecutor, type SqlValue } from './database';

/** `$1` → `@p1`: better-sqlite3 binds named parameters from an object, so a number may repeat. */
function translate(sql: string): string {
  return sql.replace(/\$(\d+)/g, '@p$1');
}

function bind(params: readonly SqlValue[]): Record<string, SqlValue> {
  const named: Record<string, SqlValue> = {};
  params.forEach((v, i) => (named[`p${i + 1}`] = v));
  return named;
}

function mapError(err: unknown): unknown {
  const code = (err as { code?: unknown })?.code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return new UniqueViolation((err as Error).message);
  return err;
}

export function openSqliteDatabase(file: string): Database {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new BetterSqlite3(file);
  // The firm's data is readable by the proxy's user only (SQLite gives -wal/-shm the same mode).
  chmodSync(file, 0o600);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepare = (sql: string): BetterSqlite3.Statement => {
    let st = statements.get(sql);
    if (!st) {
      st = db.prepare(translate(sql));
      statements.set(sql, st);
    }
    return st;
  };
  const direct: SqlExecutor = {
    query: async <T>(sql: string, params: readonly SqlValue[] = []) => {
      try {
        const st = prepare(sql);
        return (st.reader ? st.all(bind(params)) : (st.run(bind(params)), [])) as T[];
      } catch (err) {
        throw mapError(err);
      }
    },
    run: async (sql: string, params: readonly SqlValue[] = []) => {
      try {
        return prepare(sql).run(bind(params)).changes;
      } catch (err) {
        throw mapError(err);
      }
    },
  };

  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  let closed = false;
  const locks = new Map<string, Promise<unknown>>();

  return {
    dialect: 'sqlite',
    withLock: <T>(name: string, work: (ex: SqlExecutor) => Promise<T>): Promise<T> => {
      const before = locks.get(name) ?? Promise.resolve();
      const ex: SqlExecutor = { query: (sql, params) => exclusive(() => direct.query(sql, params)), run: (sql, params) => exclusive(() => direct.run(sql, params)) };
      const mine = before.then(() => work(ex));
      const tail = mine.catch(() => undefined);
      locks.set(name, tail);
      void tail.then(() => {
        if (locks.get(name) === tail) locks.delete(name);
      });
      return mine;
    },
    query: (sql, params) => exclusive(() => direct.query(sql, params)),
    run: (sql, params) => exclusive(() => direct.run(sql, params)),
    transaction: <T>(work: (tx: SqlExecutor) => Promise<T>) =>
      exclusive(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(direct);
          db.exec('COMMIT');
          return result;
        } catch (err) {
          db.exec('ROLLBACK');
          throw err;
        }
      }),
    close: () =>
      exclusive(async () => {
        if (closed) return;
        closed = true;
        db.close();
      }),
  };
}
