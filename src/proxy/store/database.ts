/**
 * The proxy's store as a small async SQL interface, so that the embedded SQLite back-end
 * (sqlite-database.ts) and the PostgreSQL back-end (postgres-database.ts) run the same schema
 * and the same statements.
 *
 * Rules for the SQL written against it (it must run on both):
 * - parameters are numbered `$1`, `$2`… (PostgreSQL's form; the SQLite back-end translates them);
 * - upserts are `INSERT … ON CONFLICT (…) DO UPDATE`, reads after writes use `RETURNING`;
 * - types are TEXT, INTEGER and BIGINT only (booleans as 0/1, timestamps as ISO text or epoch
 *   ms in BIGINT, JSON as TEXT); no back-end specific functions;
 * - BIGINT columns may come back as numbers (SQLite) or strings (PostgreSQL): read them with
 *   Number()/String().
 */
export type SqlValue = string | number | null;

export interface SqlExecutor {
  /** Runs a statement and returns its rows (statements with RETURNING included). */
  query<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a statement without rows; resolves with the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface Database extends SqlExecutor {
  /** Which back-end this is (for the few things that differ, e.g. notifications). */
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
   * Statements inside must go through `tx`, never through the Database itself.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Runs `work` while holding the exclusive lock `name`, across every process on this database
   * (PostgreSQL: a session advisory lock on a connection of its own, released when `work` ends
   * or when the process dies; SQLite: in process, since one process owns the file). Statements
   * inside go through `ex` (not a transaction: each commits at once), so that the holder needs
   * no second connection while others wait on theirs.
   */
  withLock<T>(name: string, work: (ex: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A statement broke a UNIQUE or PRIMARY KEY constraint (another writer got there first). */
export class UniqueViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UniqueViolation';
  }
}
