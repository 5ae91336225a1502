/** Opening replicas (each its own IndexedDB database) against a MemoryFirm, and cleaning up. */
import { deleteDB } from 'idb';
import { openFirmData, type FirmData } from '../../../../src/sync/replication/open-firm-data';
import type { FirmRemote } from '../../../../src/sync/replication/firm-remote';
import type { MemoryFirm, MemoryRemote } from './memory-firm';

export const REALM = '9130350';
let counter = 0;
const opened: Array<{ data?: FirmData; name: string }> = [];

export function freshDbName(label: string): string {
  const name = `replica-${label}-${Date.now()}-${counter++}`;
  opened.push({ name });
  return name;
}

export interface Replica {
  data: FirmData;
  remote: MemoryRemote;
  dbName: string;
}

export async function openReplica(firm: MemoryFirm, user: { id: string; name: string }, options: { dbName?: string; pageSize?: number; remote?: MemoryRemote | FirmRemote } = {}): Promise<Replica> {
  const dbName = options.dbName ?? freshDbName(user.id);
  const remote = (options.remote ?? firm.remoteFor(user)) as MemoryRemote;
  const data = await openFirmData({ realmId: REALM, user, remote, dbName, pageSize: options.pageSize });
  opened.push({ data, name: dbName });
  return { data, remote, dbName };
}

export async function cleanUp(): Promise<void> {
  const all = opened.splice(0);
  for (const o of all) o.data?.close();
  // Every name once, after all connections are closed.
  const names = new Set(all.map((o) => o.name));
  await Promise.all([...names].map((n) => deleteDB(n)));
}

/** Resolves when the replica's status satisfies `test` (polls: events may come in any order). */
export async function until(what: string, test: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!(await test())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the promise to reject');
}

export const SAM = { id: 'u-sam', name: 'Sam Ortiz' };
export const DANA = { id: 'u-dana', name: 'Dana Whitfield' };

/** The replica's links, as sorted [id, qboId] pairs, for comparing with the firm (RxDB's ensureEqualState). */
export async function replicaLinks(replica: Replica): Promise<string[]> {
  const kinds = ['contact', 'employee', 'workCode', 'expenseCode'] as const;
  const lists = await Promise.all(kinds.map((k) => replica.data.links.list(k)));
  return lists
    .flat()
    .map((l) => `${l.kind}:${l.otId}=${l.qboId}`)
    .sort();
}

export function firmLinks(firm: MemoryFirm): string[] {
  return firm
    .live(REALM, 'links')
    .map((r) => `${r.id}=${String(r.body?.qboId)}`)
    .sort();
}
