/** A numbered schema change; applied once, in order, recorded in `schema_migrations`. */
export interface Migration {
  version: number;
  name: string;
  /** Statements run in one transaction, each valid on SQLite and PostgreSQL. */
  statements: string[];
}
