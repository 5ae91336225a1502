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
 *   lost while the LISTEN connection was down. Once half of that has passed, the next call
 *   still gets the entry but starts one read in the background that renews it, so a busy
 *   firm's calls never wait for the database (a rarely used firm's call, past the ttl, does);
 * - a connection `put` after a refresh is newer than any read still under way, which is
 *   therefore not kept either.
 * At most `maxFirms` firms are watched; the least recently used is forgotten first.
 */
import type { FirmEventBus } from './firm/event-bus';
import type { Connection } from './store/connections';

interface Entry {
  connection: Connection | null;
  until: number;
  /** Bumped by each change event and put; a read started under an older generation is not kept. */
  generation: number;
  /** A background read is under way. */
  renewing: boolean;
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
    const now = this.now();
    if (entry.connection && entry.until > now) {
      if (entry.until - now <= this.ttlMs / 2 && !entry.renewing) {
        entry.renewing = true;
        // A failed read changes nothing: the entry still ends at its ttl, and the call after
        // that reads (and reports the failure) itself.
        this.read(firmId, entry, load)
          .catch(() => undefined)
          .finally(() => (entry.renewing = false));
      }
      return entry.connection;
    }
    return this.read(firmId, entry, load);
  }

  /** Remembers a connection just read or written under the firm's refresh lock. */
  put(firmId: string, connection: Connection): void {
    const entry = this.watch(firmId);
    entry.generation++;
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

  /** `load()`'s connection, kept unless the entry changed or was forgotten meanwhile; a firm no longer connected is forgotten. */
  private async read(firmId: string, entry: Entry, load: () => Promise<Connection | null>): Promise<Connection | null> {
    const generation = entry.generation;
    const connection = await load();
    if (entry.generation === generation && this.entries.get(firmId) === entry) {
      entry.connection = connection;
      entry.until = connection ? this.now() + this.ttlMs : 0;
    }
    return connection;
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
    const entry: Entry = { connection: null, until: 0, generation: 0, renewing: false, unsubscribe: () => undefined };
    entry.unsubscribe = this.bus.subscribe(firmId, (event) => {
      if (event.type !== 'connection') return;
      entry.generation++;
      entry.connection = null;
    });
    this.entries.set(firmId, entry);
    return entry;
  }
}
