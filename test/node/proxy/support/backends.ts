/**
 * The store's two back-ends for parameterised tests: the embedded SQLite file and a real
 * PostgreSQL server (test/support/postgres.ts), one throwaway server per test file, one fresh
 * database per store opened.
 */
import { after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openFirmStore, type FirmStore, type FirmStoreOptions } from '../../../../src/proxy/store/firm-store';
import { startTestPostgres, type TestPostgres } from '../../../support/postgres';

export type BackendName = 'sqlite' | 'postgres';
export const BACKENDS: readonly BackendName[] = ['sqlite', 'postgres'];

let server: Promise<TestPostgres> | null = null;

// Registered at import (file level): registered inside a test, it would run after that test.
after(async () => {
  if (server) await (await server).stop();
});

/** The file's PostgreSQL server, started on first use and stopped after the file's tests. */
export function sharedPostgres(): Promise<TestPostgres> {
  server ??= startTestPostgres();
  return server;
}

/** A fresh database URL for `backend` (null for SQLite). */
export async function freshDatabaseUrl(backend: BackendName): Promise<string | null> {
  return backend === 'postgres' ? (await sharedPostgres()).createDatabase() : null;
}

/** Opens a fresh store on `backend`, closed and deleted after the test. */
export async function openTestStore(
  backend: BackendName,
  t: { after(fn: () => Promise<void> | void): void },
  options: Omit<FirmStoreOptions, 'dataDir' | 'databaseUrl'> & { databaseUrl?: string | null },
): Promise<{ store: FirmStore; dir: string; databaseUrl: string | null }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `proxy-store-${backend}-`));
  const databaseUrl = options.databaseUrl !== undefined ? options.databaseUrl : await freshDatabaseUrl(backend);
  const store = await openFirmStore({ ...options, dataDir: dir, databaseUrl });
  t.after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { store, dir, databaseUrl };
}
