/**
 * start.ready.ms — from spawning `npm start -- --rebuild` (fresh temp DATA_DIR, free ports)
 * until it prints `Ready — open http://…`, which includes building the add-in and the shell.
 * Baseline: `npm run sandbox` alone until it prints its URL.
 *
 * start.warm.ms — the same again with plain `npm start` and the same data folder, right after:
 * the sources are unchanged, so the build is reused (scripts/build-stamp.ts).
 *
 * Every run is then stopped with Ctrl-C and must exit cleanly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Metric } from '../metric';
import { freePorts } from '../support/free-ports';
import { timeUntilReady } from '../support/time-until-ready';

const REPO = path.resolve(__dirname, '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

async function withDataDir<T>(fn: (dataDir: string) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-start-'));
  try {
    return await fn(dataDir);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Metric[]> {
  const sandbox = await withDataDir(async (dataDir) => {
    const [sandboxPort] = await freePorts(1);
    return timeUntilReady({
      command: NPM,
      args: ['run', '--silent', 'sandbox'],
      cwd: REPO,
      env: { ...process.env, SANDBOX_PORT: String(sandboxPort), DATA_DIR: dataDir },
      ready: /https?:\/\/\S+/,
    });
  });

  const { full, warm } = await withDataDir(async (dataDir) => {
    const [shellPort, addinPort, sandboxPort] = await freePorts(3);
    const startOnce = (extra: string[]) =>
      timeUntilReady({
        command: NPM,
        args: ['start', '--silent', ...(extra.length ? ['--', ...extra] : [])],
        cwd: REPO,
        env: {
          ...process.env,
          SHELL_PORT: String(shellPort),
          ADDIN_PORT: String(addinPort),
          SANDBOX_PORT: String(sandboxPort),
          DATA_DIR: dataDir,
        },
        ready: /Ready.*https?:\/\/\S+/,
      });
    const cold = await startOnce(['--rebuild']);
    return { full: cold, warm: await startOnce([]) };
  });

  return [
    {
      name: 'start.ready.ms',
      value: Math.round(full.readyMs),
      unit: 'ms',
      baseline: Math.round(sandbox.readyMs),
      note: `npm start -- --rebuild (builds the add-in and the shell); baseline: npm run sandbox alone; Ctrl-C stopped npm start in ${Math.round(full.stopMs)} ms`,
    },
    {
      name: 'start.warm.ms',
      value: Math.round(warm.readyMs),
      unit: 'ms',
      baseline: Math.round(full.readyMs),
      note: `second npm start right after, sources unchanged, same data folder (the build is reused); baseline: the first start with its build; Ctrl-C stopped it in ${Math.round(warm.stopMs)} ms`,
    },
  ];
}
