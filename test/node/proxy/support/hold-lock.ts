/**
 * Child process for the lock tests: takes the named lock through the real PostgreSQL back-end,
 * prints `locked`, and holds it until it is killed.  Usage: hold-lock.ts <databaseUrl> <name>
 */
import { openPostgresDatabase } from '../../../../src/proxy/store/postgres-database';

const [url, name] = process.argv.slice(2);
const db = openPostgresDatabase(url);
void db.withLock(name, async () => {
  process.stdout.write('locked\n');
  await new Promise(() => undefined);
});
