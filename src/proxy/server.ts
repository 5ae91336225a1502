/**
 * Starts the proxy: builds the request handler (app.ts) and listens on ADDIN_HOST:ADDIN_PORT.
 * Port 0 (programmatic use, e.g. tests) listens on a free port and derives the public URL
 * from it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxyApp, type ProxyApp, type ProxyAppOptions } from './app';
import type { ProxyConfig } from './config';

export interface ProxyServer {
  /** The add-in's public URL (ADDIN_PUBLIC_URL), no trailing slash. */
  url: string;
  port: number;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (err.code === 'EADDRINUSE') {
        const e = new Error(`ADDIN_PORT ${port} is already in use on ${host}. Stop the other program or set ADDIN_PORT to a free port.`) as NodeJS.ErrnoException & { port?: number };
        e.code = 'EADDRINUSE';
        e.port = port;
        reject(e);
      } else reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

export async function createProxy(config: ProxyConfig, options: ProxyAppOptions = {}): Promise<ProxyServer> {
  const limits = config.limits;
  // Bounded waits, so a stalled or half-open client cannot hold a socket for ever: headers and
  // the whole request must arrive in time, a silent socket is closed (longer than QBO's 120 s
  // so a slow relayed answer is not cut; event streams ping every 15 s), and past the cap new
  // sockets are refused at once instead of starving the ones being served.
  const server = createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: 5000,
    // How often those two are checked (Node's default is every 30 s).
    connectionsCheckingInterval: Math.min(5000, Math.ceil(limits.headersTimeoutMs / 2)),
  });
  server.maxConnections = limits.maxConnections;
  server.setTimeout(limits.idleTimeoutMs, (socket) => socket.destroy());
  let app: ProxyApp | null = null;
  server.on('request', (req, res) => {
    if (app) return app.handle(req, res);
    res.writeHead(503, { 'Content-Type': 'application/json; charset=utf-8', 'Retry-After': '1', 'X-Content-Type-Options': 'nosniff' });
    res.end(JSON.stringify({ error: 'starting', message: 'The proxy is starting; try again in a second.' }));
  });
  let port: number;
  let effective: ProxyConfig = config;
  if (config.port !== 0) {
    // Ready before listening: a replica that accepted requests while it migrates or connects
    // to the database would leave them hanging (a balancer sends traffic as soon as it connects).
    app = await createProxyApp(config, options);
    try {
      port = await listen(server, config.port, config.host);
    } catch (err) {
      await app.close();
      throw err;
    }
  } else {
    // Port 0 (tests): the public URL comes from the port, so listen first.
    port = await listen(server, 0, config.host);
    const publicUrl = `http://${config.host}:${port}`;
    // A defaulted audience follows the public URL it was derived from.
    const identityAudience = config.identityAudience === config.publicUrl ? publicUrl : config.identityAudience;
    effective = { ...config, port, publicUrl, identityAudience };
    try {
      app = await createProxyApp(effective, options);
    } catch (err) {
      server.close();
      throw err;
    }
  }
  const started: ProxyApp = app;
  return {
    url: effective.publicUrl,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }).finally(() => started.close()),
  };
}
