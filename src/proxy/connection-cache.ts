/**
 * The relay's memory of each firm's connection (decrypted tokens included), so that a busy
 * firm's calls do not each cost a database round trip and a decryption. Correct across
 * replicas because:
 * - every change of a connection (connect, reconnect, disconnect, lapse) is published as a
 *   `connection` event, which reaches every replica (LISTEN/NOTIFY on PostgreSQL) and drops the
 *   entry; a read that was under way when the event arrived is not kept (generation check), and
 *   the firm is watched before its first read, so no event can slip between read and watch;
 * - a refresh on another replica does not need an event: the old access token stays valid until
 *   it expires, a token QBO rejects is re-read from the database (TokenRefresher.afterRejected),
 *   and a refresh re-reads under the firm's lock before using any refresh token;
 * - an entry lives at most `ttlMs` (default 10 s), which bounds staleness if notifications were
 *   lost while the LISTEN connection was down.
 * At most `maxFirms` firms are watched; the least recently used is forgotten first.
 */
import type { FirmEventBus } from './firm/event-bus';
import type { Connection } from './store/connections';

interface Entry {
  connection: Connection | null;
  until: number;
  /** Bumped by each change event; a read started under an older generation is not kept. */
  generation: number;
  unsubscribe: () => void;
}

export interface ConnectionCacheOptions {
  now?: () => number;
  /** @defaultvalue 10000 */
  ttlMs?: number;
  /** @defaultvalue 10000 */
  maxFirms?: number;
}

export class ConnectionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly ttlMs: number;
  private readonly maxFirms: number;

  constructor(
    private readonly bus: FirmEventBus,
    options: ConnectionCacheOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.ttlMs = options.ttlMs ?? 10_000;
    this.maxFirms = options.maxFirms ?? 10_000;
  }

  /** The cached connection, or `load()`'s (kept unless the connection changed meanwhile). */
  async get(firmId: string, load: () => Promise<Connection | null>): Promise<Connection | null> {
    const entry = this.watch(firmId);
    if (entry.connection && entry.until > this.now()) return entry.connection;
    const generation = entry.generation;
    const connection = await load();
    if (connection && entry.generation === generation && this.entries.get(firmId) === entry) {
      entry.connection = connection;
      entry.until = this.now() + this.ttlMs;
    }
    return connection;
  }

  /** Remembers a connection just read or written under the firm's refresh lock. */
  put(firmId: string, connection: Connection): void {
    const entry = this.watch(firmId);
    entry.connection = connection;
    entry.until = this.now() + this.ttlMs;
  }

  get size(): number {
    return this.entries.size;
  }

  close(): void {
    for (const e of this.entries.values()) e.unsubscribe();
    this.entries.clear();
  }

  private watch(firmId: string): Entry {
    const found = this.entries.get(firmId);
    if (found) {
      // Re-inserted, so the map's order is least recently used first.
      this.entries.delete(firmId);
      this.entries.set(firmId, found);
      return found;
    }
    if (this.entries.size >= this.maxFirms) {
      const [oldestId, oldest] = this.entries.entries().next().value as [string, Entry];
      oldest.unsubscribe();
      this.entries.delete(oldestId);
    }
    const entry: Entry = { connection: null, until: 0, generation: 0, unsubscribe: () => undefined };
    entry.unsubscribe = this.bus.subscribe(firmId, (event) => {
      if (event.type !== 'connection') return;
      entry.generation++;
      entry.connection = null;
    });
    this.entries.set(firmId, entry);
    return entry;
  }
}
