/**
 * Starts a command in its own process group, times how long it takes to print a "ready" line,
 * then presses Ctrl-C the way a terminal does (SIGINT to the whole group) and waits for every
 * process in the group to be gone. A command that does not get ready, or does not stop cleanly,
 * is an error: the benchmark must not leave servers behind.
 */
import { spawn } from 'node:child_process';

export interface ReadyOptions {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Matched against each output line (stdout and stderr). */
  ready: RegExp;
  /** @defaultvalue 240000 */
  readyTimeoutMs?: number;
  /** @defaultvalue 30000 */
  stopTimeoutMs?: number;
}

export interface ReadyResult {
  readyMs: number;
  readyLine: string;
  /** From SIGINT until the last process of the group has exited. */
  stopMs: number;
}

export class ReadyError extends Error {
  constructor(message: string, readonly outputTail: string[]) {
    super(`${message}${outputTail.length ? `\n--- last output ---\n${outputTail.join('\n')}` : ''}`);
    this.name = 'ReadyError';
  }
}

const TAIL_LINES = 30;

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

async function waitForGroupExit(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!groupAlive(pgid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !groupAlive(pgid);
}

export async function timeUntilReady(opts: ReadyOptions): Promise<ReadyResult> {
  const readyTimeoutMs = opts.readyTimeoutMs ?? 240_000;
  const stopTimeoutMs = opts.stopTimeoutMs ?? 30_000;
  const started = process.hrtime.bigint();
  const child = spawn(opts.command, opts.args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pgid = child.pid;
  if (pgid === undefined) throw new ReadyError(`could not start ${opts.command} ${opts.args.join(' ')}`, []);
  const tail: string[] = [];

  const readyLine = await new Promise<string>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(
      () => finish(() => reject(new ReadyError(`${opts.command} ${opts.args.join(' ')} printed no line matching ${opts.ready} within ${readyTimeoutMs} ms`, tail))),
      readyTimeoutMs,
    );
    for (const stream of [child.stdout, child.stderr]) {
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          tail.push(line);
          if (tail.length > TAIL_LINES) tail.shift();
          if (opts.ready.test(line)) finish(() => resolve(line));
        }
      });
    }
    child.once('error', (err) => finish(() => reject(new ReadyError(`${opts.command} failed to start: ${err.message}`, tail))));
    child.once('exit', (code, signal) =>
      finish(() => reject(new ReadyError(`${opts.command} ${opts.args.join(' ')} exited (${signal ?? `code ${code}`}) before it was ready`, tail))),
    );
  }).catch(async (err: unknown) => {
    killGroup(pgid, 'SIGKILL');
    await waitForGroupExit(pgid, 5_000);
    throw err;
  });
  const readyMs = Number(process.hrtime.bigint() - started) / 1e6;

  const stopStarted = process.hrtime.bigint();
  killGroup(pgid, 'SIGINT');
  const stopped = await waitForGroupExit(pgid, stopTimeoutMs);
  if (!stopped) {
    killGroup(pgid, 'SIGKILL');
    await waitForGroupExit(pgid, 5_000);
    throw new ReadyError(`${opts.command} ${opts.args.join(' ')} did not stop within ${stopTimeoutMs} ms of Ctrl-C (SIGINT); killed it`, tail);
  }
  return { readyMs, readyLine, stopMs: Number(process.hrtime.bigint() - stopStarted) / 1e6 };
}
