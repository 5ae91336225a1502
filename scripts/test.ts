/**
 * `npm test`: every check in order — type-check, lint, manifest validation, Node tests
 * (proxy, sandbox, engine), browser tests (karma, headless Chromium) and the end-to-end run
 * (playwright-core). `npm test -- node` (or browser, e2e, …) runs only the named stages.
 * Stops at the first failing stage so that its output is the last thing on screen.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { findChromium } from '../test/support/chromium';
import { buildAll } from './build';

const root = path.resolve(__dirname, '..');

function findTests(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: string[];
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const name of entries.sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (pattern.test(name)) out.push(path.relative(root, full));
    }
  };
  walk(path.join(root, dir));
  return out;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  return r.status === 0;
}

const nodeTestArgs = (files: string[]) => ['--import', 'tsx', '--test', '--test-reporter=spec', ...files];

const stages: Record<string, () => Promise<boolean> | boolean> = {
  typecheck: () => run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']),
  lint: () => run('npx', ['eslint', '.', '--max-warnings=0']),
  validate: () => run('npx', ['tsx', 'scripts/validate-manifest.ts', 'manifest.xml']),
  node: () => {
    const files = findTests('test/node', /\.test\.ts$/);
    if (files.length === 0) {
      console.error('No Node tests found under test/node.');
      return false;
    }
    return run(process.execPath, ['--test-concurrency=1', ...nodeTestArgs(files)]);
  },
  build: async () => {
    try {
      await buildAll();
      return true;
    } catch (err) {
      console.error((err as Error).message);
      return false;
    }
  },
  browser: async () => {
    const chrome = await findChromium();
    return run('npx', ['karma', 'start', 'karma.conf.js', '--single-run'], { ...process.env, CHROME_BIN: chrome });
  },
  e2e: async () => {
    const files = findTests('test/e2e', /\.test\.ts$/);
    if (files.length === 0) {
      console.error('No end-to-end tests found under test/e2e.');
      return false;
    }
    const chrome = await findChromium();
    return run(process.execPath, ['--test-concurrency=1', ...nodeTestArgs(files)], { ...process.env, CHROME_BIN: chrome });
  },
};

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((s) => !(s in stages));
  if (unknown.length) {
    console.error(`Unknown test stage(s): ${unknown.join(', ')}. Stages: ${Object.keys(stages).join(', ')}.`);
    process.exit(2);
  }
  const chosen = asked.length ? asked : Object.keys(stages);
  let passed = 0;
  for (const name of chosen) {
    const started = Date.now();
    console.log(`\n=== ${name} ===`);
    const ok = await stages[name]();
    console.log(`=== ${name}: ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
    if (!ok) {
      console.log(`\nstages: ${passed} passed, 1 failed`);
      process.exit(1);
    }
    passed++;
  }
  console.log(`\nstages: ${passed} passed, 0 failed`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
