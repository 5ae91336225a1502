/**
 * start.ready.ms — from spawning `npm start` (fresh temp DATA_DIR, free ports) until it prints
 * `Ready — open http://…`, which includes building the add-in. Baseline: `npm run sandbox`
 * alone until it prints its URL. Both are then stopped with Ctrl-C and must exit cleanly.
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

  const full = await withDataDir(async (dataDir) => {
    const [shellPort, addinPort, sandboxPort] = await freePorts(3);
    return timeUntilReady({
      command: NPM,
      args: ['start', '--silent'],
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
  });

  return [
    {
      name: 'start.ready.ms',
      value: Math.round(full.readyMs),
      unit: 'ms',
      baseline: Math.round(sandbox.readyMs),
      note: `baseline: npm run sandbox alone; Ctrl-C stopped npm start in ${Math.round(full.stopMs)} ms`,
    },
  ];
}
