/**
 * Production builds for the size benchmark, run in-process with the repo's own webpack.config.js
 * so that the numbers describe what `npm run build` ships. Output goes to a temp folder, never
 * to dist/, which `npm start` may be serving.
 */
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import webpack, { type Configuration, type Stats } from 'webpack';

export const REPO = path.resolve(__dirname, '..', '..');

type ConfigFactory = (env: Record<string, unknown>, argv: { mode: 'production' }) => Configuration[];

/** The named configuration of webpack.config.js in production mode (e.g. `addin`). */
export async function productionConfig(name: string): Promise<Configuration> {
  const mod: unknown = await import(path.join(REPO, 'webpack.config.js'));
  const exported = (mod as { default?: unknown }).default ?? mod;
  if (typeof exported !== 'function') throw new TypeError('webpack.config.js no longer exports a function (env, argv) => configs');
  const configs = (exported as ConfigFactory)({}, { mode: 'production' });
  const config = configs.find((c) => c.name === name);
  if (!config) throw new Error(`webpack.config.js has no configuration named "${name}" (have: ${configs.map((c) => c.name).join(', ')})`);
  return config;
}

export function build(config: Configuration): Promise<Stats> {
  return new Promise((resolve, reject) => {
    const compiler = webpack(config);
    compiler.run((err, stats) => {
      compiler.close((closeErr) => {
        if (err ?? closeErr) return reject(err ?? closeErr);
        if (!stats) return reject(new Error('webpack returned no stats'));
        if (stats.hasErrors()) return reject(new Error(`webpack build "${config.name}" failed:\n${stats.toString({ all: false, errors: true })}`));
        resolve(stats);
      });
    });
  });
}

export interface EntrySize {
  files: string[];
  rawBytes: number;
  gzipBytes: number;
}

/** The JavaScript an entry's page loads (the entry and its split chunks), raw and gzipped (zlib default level, like a typical server). */
export function entryJsSize(stats: Stats, entry: string): EntrySize {
  const json = stats.toJson({ all: false, entrypoints: true, outputPath: true });
  const point = json.entrypoints?.[entry];
  if (!point?.assets) throw new Error(`the build has no entry point "${entry}"`);
  const outDir = json.outputPath ?? '';
  const files = point.assets.map((a) => a.name).filter((n) => n.endsWith('.js'));
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const f of files) {
    const bytes = readFileSync(path.join(outDir, f));
    rawBytes += bytes.length;
    gzipBytes += gzipSync(bytes).length;
  }
  return { files, rawBytes, gzipBytes };
}
