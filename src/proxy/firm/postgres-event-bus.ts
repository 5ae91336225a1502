/**
 * Change notifications across replicas with PostgreSQL's LISTEN/NOTIFY: `publish` sends a NOTIFY
 * on one channel, and every replica (this one included) LISTENs on its own connection and hands
 * each notification to its local subscribers. Delivery to local streams happens only through
 * the database, so every stream sees an event once, whichever replica published it.
 *
 * If the listening connection drops, it is opened again after a second; events sent meanwhile
 * are not replayed, but they only tell panels to pull, and the pull's checkpoint catches up on
 * the next event or the panel's next open.
 */
import pg from 'pg';
import { createInProcessEventBus, type FirmEvent, type FirmEventBus } from './event-bus';

export const CHANNEL = 'qbo_proxy_firm_events';
const RECONNECT_MS = 1000;

export interface PostgresEventBus extends FirmEventBus {
  /** Resolves once this replica is listening (so nothing published after it is missed). */
  ready: Promise<void>;
  close(): Promise<void>;
}

interface Wire {
  f: string;
  e: FirmEvent;
}

export function createPostgresEventBus(url: string, log: (line: string) => void): PostgresEventBus {
  const local = createInProcessEventBus();
  let closed = false;
  let listener: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  // Publishing borrows pooled connections; two are plenty for NOTIFY.
  const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 10_000 });
  pool.on('error', (err) => log(`event bus publish connection error: ${err.message}`));

  const listen = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: url });
    const again = (): void => {
      if (closed || listener !== client) return;
      listener = null;
      retry = setTimeout(() => void listen().catch(() => undefined), RECONNECT_MS);
    };
    client.on('error', (err) => {
      log(`event bus listener error: ${err.message}; listening again in ${RECONNECT_MS} ms`);
      again();
    });
    client.on('end', again);
    client.on('notification', (n) => {
      if (n.channel !== CHANNEL || !n.payload) return;
      try {
        const wire = JSON.parse(n.payload) as Wire;
        local.publish(wire.f, wire.e);
      } catch {
        // Not ours: ignore.
      }
    });
    listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      log(`event bus could not listen: ${(err as Error).message}; trying again in ${RECONNECT_MS} ms`);
      again();
      throw err;
    }
  };

  return {
    ready: listen(),
    publish(firmId, event) {
      const payload = JSON.stringify({ f: firmId, e: event } satisfies Wire);
      pool.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]).catch((err: Error) => log(`event bus publish failed: ${err.message}`));
    },
    subscribe: (firmId, fn) => local.subscribe(firmId, fn),
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const client = listener;
      listener = null;
      await client?.end().catch(() => undefined);
      await pool.end();
    },
  };
}
