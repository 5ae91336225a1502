/**
 * `npm run bench [-- GROUP…]`: runs the benchmark groups (every bench/groups/<group>.ts, or
 * only those named), one after the other so they do not compete for the CPU, prints a table
 * and writes bench/results/latest.json as `{"metrics":[…]}`. A failing group prints its error
 * and the others still run; the exit code is then 1 (BENCH_STACK=1 adds its stack trace).
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkMetrics, type Metric } from './metric';
import { formatTable } from './table';

const GROUPS_DIR = path.join(__dirname, 'groups');
const RESULTS_FILE = path.join(__dirname, 'results', 'latest.json');

function availableGroups(): string[] {
  return readdirSync(GROUPS_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

async function runGroup(group: string): Promise<Metric[]> {
  const mod: unknown = await import(path.join(GROUPS_DIR, `${group}.ts`));
  const run = (mod as { run?: unknown }).run ?? (mod as { default?: { run?: unknown } }).default?.run;
  if (typeof run !== 'function') throw new TypeError(`bench/groups/${group}.ts does not export run(): Promise<Metric[]>`);
  return checkMetrics(group, await run());
}

async function main(): Promise<number> {
  const available = availableGroups();
  const asked = process.argv.slice(2);
  const unknown = asked.filter((g) => !available.includes(g));
  if (unknown.length) {
    console.error(`Unknown benchmark group(s): ${unknown.join(', ')}. Groups: ${available.join(', ')}.`);
    return 2;
  }
  const chosen = asked.length ? asked : available;
  const metrics: Metric[] = [];
  const failed: string[] = [];
  for (const group of chosen) {
    const started = Date.now();
    console.log(`=== ${group} ===`);
    try {
      const got = await runGroup(group);
      metrics.push(...got);
      console.log(`=== ${group}: ${got.length} metric${got.length === 1 ? '' : 's'} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
    } catch (err) {
      failed.push(group);
      console.error(`=== ${group}: FAILED in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
      // Group errors are written to be read as they are; the stack only helps when debugging the harness.
      console.error(err instanceof Error ? (process.env.BENCH_STACK ? (err.stack ?? err.message) : err.message) : String(err));
    }
  }
  console.log(`\n${formatTable(metrics)}\n`);
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify({ metrics }, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), RESULTS_FILE)} (${metrics.length} metrics)`);
  if (failed.length) {
    console.error(`failed group(s): ${failed.join(', ')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
