/**
 * A small round-robin HTTP balancer for the multi-replica tests: no sticky sessions, the Host
 * header passed through unchanged, and a replica that refuses the connection (down, being
 * restarted) skipped for the next one, as real balancers do. Streams (server-sent events) are
 * piped through as they come.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Balancer {
  url: string;
  port: number;
  /** Requests sent to each backend port. */
  served: Map<number, number>;
  close(): Promise<void>;
}

export async function startBalancer(backends: () => readonly number[], port = 0): Promise<Balancer> {
  let next = 0;
  const served = new Map<number, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const ports = backends();
      const first = next++;
      const attempt = (tries: number): void => {
        if (tries >= ports.length) {
          res.writeHead(502, { 'Content-Type': 'text/plain' });
          res.end('no replica answered');
          return;
        }
        const target = ports[(first + tries) % ports.length];
        const upstream = request({ host: '127.0.0.1', port: target, method: req.method, path: req.url, headers: req.headers }, (answer) => {
          served.set(target, (served.get(target) ?? 0) + 1);
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on('error', () => res.destroy());
        });
        upstream.on('error', (err: NodeJS.ErrnoException) => {
          // Refused: nothing reached the replica, so another may take the request.
          if (err.code === 'ECONNREFUSED' && !res.headersSent) return attempt(tries + 1);
          if (!res.headersSent) {
            res.writeHead(502, { 'Content-Type': 'text/plain' });
            res.end(`replica failed: ${err.code ?? err.message}`);
          } else res.destroy();
        });
        res.on('close', () => upstream.destroy());
        upstream.end(body);
      };
      attempt(0);
    });
  });
  const actual = await new Promise<number>((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
