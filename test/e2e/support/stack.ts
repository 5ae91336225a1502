/**
 * Starts the whole product the way `npm start` does (the same script, in a child process),
 * on free ports with a fresh temporary data folder, and stops it again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

export interface Stack {
  shellUrl: string;
  addinUrl: string;
  sandboxUrl: string;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      if (addr && typeof addr === 'object') {
        const { port } = addr;
        srv.close(() => resolve(port));
      } else reject(new Error('no port'));
    });
  });
}

export interface StackOptions {
  /** Keep this data folder (for restart tests) instead of a fresh temporary one. */
  dataDir?: string;
  fresh?: boolean;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const [shellPort, addinPort, sandboxPort] = [await freePort(), await freePort(), await freePort()];
  const ownDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'qbo-e2e-'));
  // node itself (not npx) so that SIGINT reaches start.ts and it closes every service.
  const args = ['--import', 'tsx', 'scripts/start.ts', '--no-build'];
  if (opts.fresh ?? ownDir) args.push('--fresh');
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      ...opts.env,
      SHELL_PORT: String(shellPort),
      ADDIN_PORT: String(addinPort),
      SANDBOX_PORT: String(sandboxPort),
      DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not get ready in time:\n${out}`)), opts.timeoutMs ?? 60_000);
    const check = () => {
      if (/Ready — open http/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${out}`));
    });
  });

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGINT');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    }
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
  };

  return {
    shellUrl: `http://127.0.0.1:${shellPort}`,
    addinUrl: `http://127.0.0.1:${addinPort}`,
    sandboxUrl: `http://127.0.0.1:${sandboxPort}`,
    dataDir,
    output: () => out,
    stop,
  };
}
