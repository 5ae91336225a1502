/** Production build of the add-in and the shell through webpack's Node API (no extra process). */
import webpack from 'webpack';
import path from 'node:path';

export type BuildName = 'addin' | 'shell';

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
