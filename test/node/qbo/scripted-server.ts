/**
 * A local HTTP server that answers each request with the next scripted reply, and records what
 * it received. It stands in for QBO only where a test needs an exact answer the sandbox cannot
 * be told to give (a reset socket, a reordered batch); everything else runs against the sandbox.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Reply =
  | { status: number; body?: string | object; headers?: Record<string, string> }
  | { destroy: true }
  | ((req: Received) => { status: number; body?: string | object; headers?: Record<string, string> });

export interface ScriptedServer {
  origin: string;
  received: Received[];
  reply(...replies: Reply[]): void;
  close(): Promise<void>;
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  const queue: Reply[] = [];
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const rec: Received = {
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(rec);
      const next = queue.shift();
      if (!next) {
        res.writeHead(599, { 'content-type': 'text/plain' });
        res.end(`no scripted reply for ${rec.method} ${rec.path}`);
        return;
      }
      if ('destroy' in next) {
        req.socket.destroy();
        return;
      }
      const r = typeof next === 'function' ? next(rec) : next;
      const body = typeof r.body === 'string' ? r.body : r.body === undefined ? '' : JSON.stringify(r.body);
      const type = typeof r.body === 'string' && r.body.startsWith('<') ? 'application/xml' : 'application/json';
      res.writeHead(r.status, { 'content-type': type, intuit_tid: `tid-${received.length}`, ...r.headers });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    reply: (...replies) => queue.push(...replies),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
