/**
 * `GET /api/events`: server-sent events for the caller's firm (docs/firm-contract.md §3). The
 * stream ends when the identity token expires (the client reconnects with a fresh one), sends a
 * `: ping` comment every 15 s so idle proxies and balancers keep it open, and unsubscribes as
 * soon as the client goes away.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Identity } from '../identity/identity';
import type { FirmEvent, FirmEventBus } from './event-bus';

export const PING_INTERVAL_MS = 15_000;

export function openEventStream(req: IncomingMessage, res: ServerResponse, identity: Identity, bus: FirmEventBus, now: () => number = Date.now, pingMs = PING_INTERVAL_MS): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write(': open\n\n');
  const send = (event: FirmEvent): void => {
    const data = event.type === 'changes' ? { realmId: event.realmId, checkpoint: event.checkpoint } : {};
    res.write(`event: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const unsubscribe = bus.subscribe(identity.firmId, send);
  const ping = setInterval(() => res.write(': ping\n\n'), pingMs);
  const end = setTimeout(() => res.end(), Math.max(0, identity.expiresAt - now()));
  let cleaned = false;
  const cleanup = (): void => {
    if (cleaned) return;
    cleaned = true;
    unsubscribe();
    clearInterval(ping);
    clearTimeout(end);
  };
  res.on('close', cleanup);
  req.on('close', cleanup);
}
