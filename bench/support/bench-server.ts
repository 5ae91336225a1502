/**
 * A server of a benchmark in a child process of its own (`forkBenchServer`), so that the
 * benchmark's process only generates load: measured on 2 cores, a sandbox or a balancer
 * sharing the load generator's event loop would be counted against whatever it serves.
 * The child waits for its options on the IPC channel, answers with its URL, and stops when the
 * channel closes (the benchmark ended, however it ended).
 */
import { fork } from 'node:child_process';
import type { SandboxApp } from '../../dev/qbo-sandbox/sandbox-types';

export type BenchServerOptions =
  | { kind: 'sandbox'; dataDir: string; apps: SandboxApp[] }
  /** Round-robin per TCP connection over these ports (tcp-balancer.ts says why not per request). */
  | { kind: 'balancer'; port: number; backends: number[] };

export interface BenchServer {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export function forkBenchServer(options: BenchServerOptions): Promise<BenchServer> {
  const child = fork(__filename, [], { execArgv: ['--require', 'tsx/cjs'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    child.once('message', (m: { url?: string; port?: number; error?: string }) => {
      if (m.url && m.port) resolve({ url: m.url, port: m.port, pid: child.pid!, stop });
      else reject(new Error(`the ${options.kind} did not start: ${m.error}`));
    });
    child.once('exit', (code) => reject(new Error(`the ${options.kind} exited (code ${code}) before it was ready`)));
    child.send(options);
  });
}

async function serve(options: BenchServerOptions): Promise<{ url: string; port: number; close(): Promise<void> }> {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only in the child that runs it */
  if (options.kind === 'sandbox') {
    const { createSandbox } = require('../../dev/qbo-sandbox/server') as typeof import('../../dev/qbo-sandbox/server');
    return createSandbox({ dataDir: options.dataDir, port: 0, apps: options.apps, fresh: true, limits: false });
  }
  const { startTcpBalancer } = require('./tcp-balancer') as typeof import('./tcp-balancer');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const balancer = await startTcpBalancer(options.backends, options.port);
  return { url: balancer.url, port: options.port, close: () => balancer.close() };
}

if (require.main === module && process.send) {
  process.once('message', (options: BenchServerOptions) => {
    serve(options).then(
      (server) => {
        const stop = () => void server.close().finally(() => process.exit(0));
        process.on('SIGTERM', stop);
        process.on('disconnect', stop);
        process.send!({ url: server.url, port: server.port });
      },
      (err: unknown) => {
        process.send!({ error: (err as Error).message }, () => process.exit(1));
      },
    );
  });
}
