/**
 * Production build of the add-in and the shell through webpack's Node API (no extra process),
 * and `buildIfChanged`, which skips it when the inputs hash like the last build's (see
 * build-stamp.ts).
 */
import webpack from 'webpack';
import path from 'node:path';
import { clearStamp, decideReuse, hashBuildInputs, writeStamp } from './build-stamp';

export type BuildName = 'addin' | 'shell';

const REPO = path.resolve(__dirname, '..');
export const DIST_DIR = path.join(REPO, 'dist');

export function buildAll(names: BuildName[] = ['addin', 'shell']): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = require(path.resolve(__dirname, '../webpack.config.js')) as (
    env: unknown,
    argv: { mode: string },
  ) => webpack.Configuration[];
  const configs = factory(undefined, { mode: 'production' }).filter((c) => names.includes(c.name as BuildName));
  return new Promise((resolve, reject) => {
    webpack(configs, (err, stats) => {
      if (err) return reject(err);
      if (!stats || stats.hasErrors()) {
        return reject(new Error(`Build failed:\n${stats?.toString({ all: false, errors: true, colors: false })}`));
      }
      resolve();
    });
  });
}

export interface BuildOutcome {
  built: boolean;
  /** Why it was built (or 'unchanged' when reused). */
  reason: string;
}

/**
 * Builds `names` into dist/ unless dist/ already holds a build of the same inputs. `force`
 * always builds. The stamp is removed first and written only after a successful build, so a
 * failed or interrupted build is rebuilt next time.
 */
export async function buildIfChanged(names: BuildName[] = ['addin', 'shell'], opts: { force?: boolean } = {}): Promise<BuildOutcome> {
  const inputsHash = hashBuildInputs(REPO);
  const decision = opts.force ? { reuse: false as const, reason: 'asked to rebuild' } : decideReuse(DIST_DIR, inputsHash, names);
  if (decision.reuse) return { built: false, reason: 'unchanged' };
  clearStamp(DIST_DIR);
  await buildAll(names);
  writeStamp(DIST_DIR, { inputsHash, builds: [...names], builtAt: new Date().toISOString() });
  return { built: true, reason: decision.reason };
}
