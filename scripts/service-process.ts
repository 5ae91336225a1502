/**
 * `npm start`'s side of one service process (scripts/start-service.ts): forks it, sends its
 * options, waits for its URL, stops it (SIGTERM, then SIGKILL after a grace period), and tells
 * the owner when it stops by itself: `onStopSignal` when it received a stop signal of its own
 * (Ctrl-C in a terminal reaches every process of the group), `onCrash` when it exited any
 * other way (an exit code other than 0, or killed).
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { isServiceMessage, type ServiceName, type ServiceOptions, type StartMessage } from './service-messages';

const REPO = path.resolve(__dirname, '..');
const ENTRY = path.join(__dirname, 'start-service.ts');

export class ServiceStartError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly port?: number,
  ) {
    super(message);
    this.name = 'ServiceStartError';
  }
}

export interface ServiceEvents {
  onStopSignal(name: ServiceName, signal: string): void;
  onCrash(name: ServiceName, how: string): void;
}

export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}

export class ServiceProcess {
  private child: ChildProcess | null = null;
  private stopRequested = false;

  constructor(
    readonly name: ServiceName,
    private readonly events: ServiceEvents,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /**
   * Forks the process ahead of `start`, so it loads its code while npm start is still busy
   * (checking the build). Optional: `start` forks when nothing is waiting.
   */
  prepare(): void {
    if (this.child || this.stopRequested) return;
    // tsx's CommonJS hook only (the code is CommonJS; its ESM hook costs a loader thread at each
    // start). cwd is the repository, so `tsx/cjs` resolves whatever folder npm start ran from.
    const child = fork(ENTRY, [this.name], { cwd: REPO, execArgv: ['--require', 'tsx/cjs'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child = child;
    child.on('exit', () => {
      if (this.child === child) this.child = null;
    });
  }

  /** Starts the service (forking it unless `prepare` did) and resolves with its URL once it listens. */
  start(options: ServiceOptions, timeoutMs = 60_000): Promise<string> {
    this.stopRequested = false;
    this.prepare();
    const child = this.child;
    if (!child) return Promise.reject(new ServiceStartError(`the ${this.name} process could not be started.`));
    let ready = false;
    child.on('message', (m: unknown) => {
      if (isServiceMessage(m) && m.kind === 'stopping' && !this.stopRequested) {
        this.stopRequested = true;
        this.events.onStopSignal(this.name, m.signal);
      }
    });
    child.on('exit', (code, signal) => {
      if (ready && !this.stopRequested) this.events.onCrash(this.name, describeExit(code, signal));
    });
    const message: StartMessage = { kind: 'start', options };
    child.send(message);
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new ServiceStartError(`the ${this.name} did not start within ${timeoutMs / 1000} s.`));
      }, timeoutMs);
      child.on('message', (m: unknown) => {
        if (!isServiceMessage(m)) return;
        if (m.kind === 'ready') {
          clearTimeout(timer);
          ready = true;
          resolve(m.url);
        } else if (m.kind === 'failed') {
          clearTimeout(timer);
          reject(new ServiceStartError(m.message, m.code, m.port));
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        if (!ready) reject(new ServiceStartError(`the ${this.name} stopped before it was ready (${describeExit(code, signal)}).`));
      });
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(new ServiceStartError(`the ${this.name} process could not be started: ${err.message}`));
      });
    });
  }

  /** Asks the process to stop and waits until it has exited; `graceMs` later it is killed. */
  async stop(graceMs = 10_000): Promise<'stopped' | 'killed'> {
    this.stopRequested = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return 'stopped';
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, graceMs);
    await exited;
    clearTimeout(timer);
    return killed ? 'killed' : 'stopped';
  }
}
