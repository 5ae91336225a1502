/**
 * Runs scripts/start.ts (`npm start` without npm) in its own process group, on free ports with
 * a temporary data folder and without building, and gives the tests its services' process
 * ids (read from /proc) so that they can flood, freeze or kill one service.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const REPO = path.resolve(__dirname, '../../../..');

export type ServiceName = 'sandbox' | 'proxy' | 'shell';

export interface StartedStack {
  parent: ChildProcess;
  ports: Record<ServiceName, number>;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** The pid of each service's process, found among the parent's children. */
  servicePids(): Partial<Record<ServiceName, number>>;
  /** Resolves when the output matches `pattern` (or rejects after `timeoutMs`). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Ctrl-C the way a terminal sends it (SIGINT to the whole group); resolves with the exit code. */
  interrupt(): Promise<number | null>;
  /** Kills whatever is left of the group and removes the data folder. */
  cleanUp(): void;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Children of `pid` whose command line names start-service.ts, keyed by service. */
function serviceChildren(pid: number): Partial<Record<ServiceName, number>> {
  const out: Partial<Record<ServiceName, number>> = {};
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the parenthesised command: state, ppid, …
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== pid) continue;
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      const i = cmd.findIndex((a) => a.endsWith('start-service.ts'));
      const name = i >= 0 ? cmd[i + 1] : undefined;
      if (name === 'sandbox' || name === 'proxy' || name === 'shell') out[name] = Number(entry);
    } catch {
      // the process went away while we looked
    }
  }
  return out;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie (exited, not yet reaped) counts as gone.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

export async function startStack(env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): Promise<StartedStack> {
  const ports = { shell: await freePort(), proxy: await freePort(), sandbox: await freePort() };
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'qbo-start-test-'));
  const parent = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--no-build', '--fresh'], {
    cwd: REPO,
    env: { ...process.env, ...env, SHELL_PORT: String(ports.shell), ADDIN_PORT: String(ports.proxy), SANDBOX_PORT: String(ports.sandbox), DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  const waiters = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const w of waiters) w();
  };
  parent.stdout?.on('data', onData);
  parent.stderr?.on('data', onData);
  const pgid = parent.pid!;

  const waitForOutput = (pattern: RegExp, ms = timeoutMs) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(out)) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no output matching ${pattern} within ${ms} ms:\n${out}`));
      }, ms);
      waiters.add(check);
      check();
    });

  const stack: StartedStack = {
    parent,
    ports,
    output: () => out,
    servicePids: () => serviceChildren(pgid),
    waitForOutput,
    interrupt: () =>
      new Promise((resolve) => {
        if (parent.exitCode !== null) return resolve(parent.exitCode);
        parent.once('exit', (code) => resolve(code));
        process.kill(-pgid, 'SIGINT');
      }),
    cleanUp: () => {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // the group is gone already
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await waitForOutput(/Ready — open http/);
  } catch (err) {
    stack.cleanUp();
    throw err;
  }
  return stack;
}
