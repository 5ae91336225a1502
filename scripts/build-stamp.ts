/**
 * Whether `npm start` may reuse the last build: a SHA-256 over every input of the production
 * build (the sources webpack bundles, its config, the TypeScript config, the page template and
 * the lockfile, which pins the loaders and the libraries bundled) is written next to dist/
 * after a successful build. The next start hashes the inputs again; the same hash and outputs
 * still in place mean the build would produce the same files, so it is skipped.
 *
 * Hashing ~300 files takes tens of milliseconds; a production build takes 30-40 s here.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

/** Folders whose every file may end up in a bundle (the shell bundles dev/shell/app and src/sync/host). */
export const INPUT_DIRS = ['src', 'dev/shell', 'assets'];
/** Single files that change what a build produces. */
export const INPUT_FILES = ['webpack.config.js', 'tsconfig.json', 'package.json', 'package-lock.json', 'scripts/page-template.html'];
/** The files each build's output must still hold for a reuse to be safe. */
export const BUILD_OUTPUTS: Record<string, string[]> = { addin: ['addin/taskpane.html', 'addin/commands.html'], shell: ['shell/index.html'] };

export const STAMP_FILE = '.build-stamp.json';

export interface BuildStamp {
  /** Hex SHA-256 over the inputs' relative paths and contents. */
  inputsHash: string;
  /** The builds this stamp vouches for. */
  builds: string[];
  builtAt: string;
}

function listFiles(root: string, rel: string, out: string[]): void {
  const dir = path.join(root, rel);
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const child = path.posix.join(rel, entry.name);
    if (entry.isDirectory()) listFiles(root, child, out);
    else if (entry.isFile()) out.push(child);
  }
}

/** The hash of the build inputs under `root` (the repository). Order-independent of the file system. */
export function hashBuildInputs(root: string, dirs: readonly string[] = INPUT_DIRS, files: readonly string[] = INPUT_FILES): string {
  const all: string[] = [];
  for (const d of dirs) listFiles(root, d, all);
  for (const f of files) if (existsSync(path.join(root, f)) && statSync(path.join(root, f)).isFile()) all.push(f);
  all.sort();
  const hash = createHash('sha256');
  for (const rel of all) {
    // The path and a length prefix keep a renamed or split file from hashing like the original.
    const bytes = readFileSync(path.join(root, rel));
    hash.update(`${rel}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

export function readStamp(distDir: string): BuildStamp | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path.join(distDir, STAMP_FILE), 'utf8')) as Partial<BuildStamp>;
    if (typeof parsed.inputsHash !== 'string' || !Array.isArray(parsed.builds)) return undefined;
    return { inputsHash: parsed.inputsHash, builds: parsed.builds.map(String), builtAt: String(parsed.builtAt ?? '') };
  } catch {
    // No stamp or an unreadable one: the safe answer is "build".
    return undefined;
  }
}

export function writeStamp(distDir: string, stamp: BuildStamp): void {
  mkdirSync(distDir, { recursive: true });
  writeFileSync(path.join(distDir, STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
}

/** Removes the stamp before a build, so an interrupted build is never taken for a finished one. */
export function clearStamp(distDir: string): void {
  rmSync(path.join(distDir, STAMP_FILE), { force: true });
}

export type ReuseDecision = { reuse: true } | { reuse: false; reason: string };

/** Whether the builds `names` in `distDir` were made from inputs hashing to `inputsHash`. */
export function decideReuse(distDir: string, inputsHash: string, names: readonly string[]): ReuseDecision {
  const stamp = readStamp(distDir);
  if (!stamp) return { reuse: false, reason: 'no earlier build' };
  if (stamp.inputsHash !== inputsHash) return { reuse: false, reason: 'sources, configuration or lockfile changed' };
  const missingBuild = names.find((n) => !stamp.builds.includes(n));
  if (missingBuild) return { reuse: false, reason: `the last build did not include ${missingBuild}` };
  for (const n of names) {
    const missing = (BUILD_OUTPUTS[n] ?? []).find((f) => !existsSync(path.join(distDir, f)));
    if (missing) return { reuse: false, reason: `dist/${missing} is missing` };
  }
  return { reuse: true };
}
