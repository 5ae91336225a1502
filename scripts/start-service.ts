/**
 * One service of `npm start` in its own process: forked by scripts/start.ts, it waits for its
 * options on the IPC channel, starts the QuickBooks sandbox, the proxy or the shell, and answers
 * `ready` with its URL (or `failed` with a message). Separate processes keep a flood on one
 * server (sockets, memory, a busy event loop) from stopping the others.
 *
 * It stops cleanly on SIGINT/SIGTERM, and also when the channel to `npm start` closes: a parent
 * killed without warning (SIGKILL) then leaves no orphan server behind.
 */
import path from 'node:path';
import { ConfigError, loadProxyConfig } from '../src/proxy/config';
import { isStartMessage, type ServiceMessage, type ServiceName, type ServiceOptions } from './service-messages';

interface Started {
  url: string;
  close(): Promise<void>;
}

// Each process loads only its own server's code, and starts loading it as soon as it is forked
// (npm start forks while it still checks the build), which keeps a warm start quick.
// Plain require: the process runs under tsx's CommonJS hook only, where import() of a .ts file fails.
/* eslint-disable @typescript-eslint/no-require-imports */
const modules = {
  sandbox: async () => require('../dev/qbo-sandbox/server') as typeof import('../dev/qbo-sandbox/server'),
  proxy: async () => require('../src/proxy/server') as typeof import('../src/proxy/server'),
  shell: async () => require('../dev/shell/server') as typeof import('../dev/shell/server'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

function isServiceName(v: string | undefined): v is ServiceName {
  return v === 'sandbox' || v === 'proxy' || v === 'shell';
}

async function startService(options: ServiceOptions): Promise<Started> {
  switch (options.service) {
    case 'sandbox': {
      const { createSandbox } = await modules.sandbox();
      return createSandbox({ dataDir: options.dataDir, host: options.host, port: options.port, apps: [options.app], fresh: options.fresh });
    }
    case 'proxy': {
      const { createProxy } = await modules.proxy();
      return createProxy(loadProxyConfig(options.env));
    }
    case 'shell': {
      const { createShell } = await modules.shell();
      return createShell({
        dataDir: options.dataDir,
        host: options.host,
        port: options.port,
        catalog: [{ id: 'qbo-sync', manifestUrl: options.manifestUrl }],
        fresh: options.fresh,
        identityIssuer: options.identityIssuer,
      });
    }
  }
}

function send(message: ServiceMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

function failure(err: unknown): ServiceMessage {
  const e = err as NodeJS.ErrnoException & { port?: number };
  if (e instanceof ConfigError) return { kind: 'failed', message: e.message };
  if (e.code === 'EADDRINUSE') return { kind: 'failed', message: e.message, code: e.code, port: e.port };
  // Errors of ours carry a message written for the reader; anything else keeps its stack.
  return { kind: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(err), code: e.code };
}

function main(): void {
  if (!process.send) {
    console.error(`${path.relative(process.cwd(), __filename)} is started by \`npm start\` (scripts/start.ts), not on its own.`);
    process.exit(1);
  }
  const name = process.argv[2];
  if (isServiceName(name)) void modules[name]().catch(() => undefined); // a load error resurfaces at start
  let started: Started | null = null;
  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    void send({ kind: 'stopping', signal: reason })
      .then(() => started?.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          console.error(`The server did not stop cleanly: ${(err as Error).message}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('disconnect', () => stop('disconnect'));

  process.once('message', (message: unknown) => {
    if (!isStartMessage(message)) {
      console.error('start-service: the first message was not a start message.');
      process.exit(1);
    }
    startService(message.options).then(
      async (s) => {
        started = s;
        await send({ kind: 'ready', url: s.url });
      },
      async (err: unknown) => {
        await send(failure(err));
        process.exit(1);
      },
    );
  });
}

main();
