/**
 * The sandbox's own benchmarks, written by the sandbox engineer in dev/qbo-sandbox/bench.ts
 * (`benchSandbox(): Promise<Metric[]>`). Loaded by path at run time so that this group
 * type-checks and reports a clear error while that file does not exist yet.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Metric } from '../metric';

const SANDBOX_BENCH = path.resolve(__dirname, '..', '..', 'dev', 'qbo-sandbox', 'bench.ts');

export async function run(): Promise<Metric[]> {
  if (!existsSync(SANDBOX_BENCH)) {
    throw new Error(`${path.relative(process.cwd(), SANDBOX_BENCH)} does not exist yet; it should export benchSandbox(): Promise<Metric[]>`);
  }
  const mod: unknown = await import(SANDBOX_BENCH);
  const benchSandbox = (mod as { benchSandbox?: unknown }).benchSandbox;
  if (typeof benchSandbox !== 'function') throw new TypeError('dev/qbo-sandbox/bench.ts does not export a function benchSandbox()');
  // The runner checks every returned metric (names must start with "sandbox.").
  return (await benchSandbox()) as Metric[];
}
