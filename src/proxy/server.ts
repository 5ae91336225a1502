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
  const server = createServer();
  // Bounded waits, so a stalled client cannot hold a socket forever; the relay itself may take
  // up to QBO's 120 s.
  server.requestTimeout = 180_000;
  server.headersTimeout = 30_000;
  const port = await listen(server, config.port, config.host);
  let effective: ProxyConfig = config;
  if (config.port === 0) {
    const publicUrl = `http://${config.host}:${port}`;
    // A defaulted audience follows the public URL it was derived from.
    const identityAudience = config.identityAudience === config.publicUrl ? publicUrl : config.identityAudience;
    effective = { ...config, port, publicUrl, identityAudience };
  }
  let app: ProxyApp;
  try {
    app = await createProxyApp(effective, options);
  } catch (err) {
    server.close();
    throw err;
  }
  server.on('request', (req, res) => app.handle(req, res));
  return {
    url: effective.publicUrl,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }).finally(() => app.close()),
  };
}
