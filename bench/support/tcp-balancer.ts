/**
 * The proxy benchmark's balancer: round-robin per TCP connection, bytes piped both ways, no
 * HTTP parsing (what an L4 balancer such as a cloud network load balancer or HAProxy in
 * `mode tcp` does). The multi-replica tests keep their HTTP round-robin per request
 * (test/node/proxy/support/balancer.ts), which shows that no replica relies on sticky
 * sessions; in a benchmark that balancer parses and re-sends every request in JavaScript,
 * costing about as much CPU as a replica, which a production balancer would not charge to the
 * proxy. With keep-alive clients each connection stays on its replica, and the connections are
 * spread evenly, so the load is too. A replica that refuses the connection is skipped.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpBalancer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startTcpBalancer(backends: readonly number[], port = 0): Promise<TcpBalancer> {
  let next = 0;
  const open = new Set<Socket>();
  const server: Server = createServer({ noDelay: true }, (client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    const first = next++;
    const attempt = (tries: number): void => {
      if (tries >= backends.length) {
        client.destroy();
        return;
      }
      const upstream = connect({ host: '127.0.0.1', port: backends[(first + tries) % backends.length], noDelay: true });
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        if (client.destroyed) {
          upstream.destroy();
          return;
        }
        open.add(upstream);
        upstream.on('close', () => {
          open.delete(upstream);
          client.destroy();
        });
        client.on('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
      upstream.on('error', (err: NodeJS.ErrnoException) => {
        if (!connected && err.code === 'ECONNREFUSED') return attempt(tries + 1);
        client.destroy();
      });
    };
    attempt(0);
  });
  const actual = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
