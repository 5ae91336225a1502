/**
 * The PostgreSQL back-end (`DATABASE_URL=postgres://…`): a `pg` pool for statements and
 * transactions, and advisory locks for work that must run once across all replicas (migrations,
 * token refreshes). BIGINT columns come back as strings (pg's default), which the repositories
 * read with Number()/String().
 *
 * A lock is a session advisory lock taken on a pooled connection of its own: when the holder's
 * process dies, PostgreSQL ends the session and releases the lock, and nothing the holder had
 * not committed is kept.
 */
import pg from 'pg';
import { UniqueViolation, type Database, type SqlExecutor, type SqlValue } from './database';

/** PostgreSQL's unique_violation. */
const UNIQUE_VIOLATION = '23505';

function mapError(err: unknown): unknown {
  if ((err as { code?: unknown })?.code === UNIQUE_VIOLATION) return new UniqueViolation((err as Error).message);
  return err;
}

function executorOf(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    async query<T>(sql: string, params: readonly SqlValue[] = []) {
      try {
        return (await client.query(sql, params as SqlValue[])).rows as T[];
      } catch (err) {
        throw mapError(err);
      }
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      try {
        return (await client.query(sql, params as SqlValue[])).rowCount ?? 0;
      } catch (err) {
        throw mapError(err);
      }
    },
  };
}

export interface PostgresOptions {
  /** Most connections this process opens (DATABASE_POOL_MAX, default 10). */
  max?: number;
  /** Where pool errors are reported (a dropped idle connection must not crash the process). */
  onError?: (err: Error) => void;
}

export function openPostgresDatabase(url: string, options: PostgresOptions = {}): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    // A database that does not answer must fail calls (503) rather than queue them for ever.
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', (err) => options.onError?.(err));
  const direct = executorOf(pool);

  return {
    dialect: 'postgres',
    query: direct.query,
    run: direct.run,
    async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(executorOf(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw mapError(err);
      } finally {
        client.release();
      }
    },
    async withLock<T>(name: string, work: (ex: SqlExecutor) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken = false;
      try {
        // hashtextextended gives a stable 64-bit key for any name.
        await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [name]);
        try {
          return await work(executorOf(client));
        } finally {
          await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [name]).catch(() => {
            // The session is gone or unusable: drop it so the lock dies with it.
            broken = true;
          });
        }
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
