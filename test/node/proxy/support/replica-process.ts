/**
 * One proxy replica as a child process (`src/proxy/main.ts` under tsx), so that a test can kill
 * it outright (SIGKILL: no cleanup, locks and sessions die with it) and start it again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const MAIN = path.resolve(import.meta.dirname, '../../../../src/proxy/main.ts');

export interface Replica {
  port: number;
  /** Largest resident memory seen by `sample()`, in MB. */
  peakRssMb: number;
  start(): Promise<void>;
  kill(): Promise<void>;
  stop(): Promise<void>;
  /** Reads the child's resident memory now (Linux /proc). */
  sample(): Promise<number>;
  /** The process id of the running child (undefined when stopped). */
  pid(): number | undefined;
  output: string[];
}

export function replica(port: number, env: NodeJS.ProcessEnv): Replica {
  let child: ChildProcess | null = null;
  const output: string[] = [];
  const self: Replica = {
    port,
    peakRssMb: 0,
    output,
    async start() {
      const c = spawn(process.execPath, ['--import', 'tsx', MAIN], { env: { ...process.env, ...env, ADDIN_PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
      child = c;
      await new Promise<void>((resolve, reject) => {
        const onData = (d: Buffer): void => {
          output.push(d.toString());
          if (d.toString().includes('listening at')) resolve();
        };
        c.stdout?.on('data', onData);
        c.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
        c.once('exit', (code) => reject(new Error(`replica on ${port} exited (${code}) before listening: ${output.join('').slice(-2000)}`)));
      });
    },
    async kill() {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        c.once('exit', () => resolve());
        c.kill('SIGKILL');
      });
    },
    async stop() {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => c.kill('SIGKILL'), 5000);
        c.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        c.kill('SIGTERM');
      });
    },
    pid: () => child?.pid,
    async sample() {
      const pid = child?.pid;
      if (!pid) return 0;
      const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const mb = kb / 1024;
      self.peakRssMb = Math.max(self.peakRssMb, mb);
      return mb;
    },
  };
  return self;
}
