import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { clearStamp, decideReuse, hashBuildInputs, INPUT_FILES, readStamp, writeStamp } from '../../../scripts/build-stamp';

let repo: string;
let dist: string;

function put(rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
  writeFileSync(path.join(repo, rel), text);
}

/** A finished build of both outputs, stamped with the current inputs. */
function stampedBuild(): string {
  put('dist/addin/taskpane.html', '<html></html>');
  put('dist/addin/commands.html', '<html></html>');
  put('dist/shell/index.html', '<html></html>');
  const hash = hashBuildInputs(repo);
  writeStamp(dist, { inputsHash: hash, builds: ['addin', 'shell'], builtAt: new Date().toISOString() });
  return hash;
}

beforeEach(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'build-stamp-'));
  dist = path.join(repo, 'dist');
  put('src/sync/a.ts', 'export const a = 1;\n');
  put('src/taskpane/index.tsx', 'export {};\n');
  put('dev/shell/app/index.tsx', 'export {};\n');
  put('webpack.config.js', 'module.exports = () => [];\n');
  put('package-lock.json', '{"lockfileVersion":3}\n');
  put('tsconfig.json', '{}\n');
});

afterEach(() => rmSync(repo, { recursive: true, force: true }));

test('no earlier build: build', () => {
  const d = decideReuse(dist, hashBuildInputs(repo), ['addin', 'shell']);
  assert.deepEqual(d, { reuse: false, reason: 'no earlier build' });
});

test('unchanged inputs and outputs in place: reuse', () => {
  stampedBuild();
  assert.deepEqual(decideReuse(dist, hashBuildInputs(repo), ['addin', 'shell']), { reuse: true });
  assert.deepEqual(decideReuse(dist, hashBuildInputs(repo), ['shell']), { reuse: true });
});

for (const [what, change] of [
  ['a changed source', () => put('src/sync/a.ts', 'export const a = 2;\n')],
  ['a new source', () => put('src/sync/b.ts', 'export const b = 1;\n')],
  ['a renamed source', () => renameSync(path.join(repo, 'src/sync/a.ts'), path.join(repo, 'src/sync/c.ts'))],
  ['a changed shell source', () => put('dev/shell/app/index.tsx', 'export const x = 1;\n')],
  ['a changed webpack config', () => put('webpack.config.js', 'module.exports = () => [{}];\n')],
  ['a changed lockfile', () => put('package-lock.json', '{"lockfileVersion":3,"packages":{}}\n')],
] as const) {
  test(`${what}: build`, () => {
    const before = stampedBuild();
    change();
    const now = hashBuildInputs(repo);
    assert.notEqual(now, before);
    assert.deepEqual(decideReuse(dist, now, ['addin', 'shell']), { reuse: false, reason: 'sources, configuration or lockfile changed' });
  });
}

test('the lockfile and the webpack config are inputs', () => {
  assert.ok(INPUT_FILES.includes('package-lock.json'));
  assert.ok(INPUT_FILES.includes('webpack.config.js'));
});

test('a build output removed since: build', () => {
  stampedBuild();
  rmSync(path.join(dist, 'shell'), { recursive: true });
  assert.deepEqual(decideReuse(dist, hashBuildInputs(repo), ['addin', 'shell']), { reuse: false, reason: 'dist/shell/index.html is missing' });
  assert.deepEqual(decideReuse(dist, hashBuildInputs(repo), ['addin']), { reuse: true });
});

test('a stamp for fewer builds does not vouch for the others', () => {
  put('dist/addin/taskpane.html', '');
  put('dist/addin/commands.html', '');
  writeStamp(dist, { inputsHash: hashBuildInputs(repo), builds: ['addin'], builtAt: '' });
  assert.deepEqual(decideReuse(dist, hashBuildInputs(repo), ['addin', 'shell']), { reuse: false, reason: 'the last build did not include shell' });
});

test('a cleared or corrupt stamp means build (an interrupted build is never reused)', () => {
  stampedBuild();
  clearStamp(dist);
  assert.equal(readStamp(dist), undefined);
  assert.equal(decideReuse(dist, hashBuildInputs(repo), ['addin']).reuse, false);
  writeFileSync(path.join(dist, '.build-stamp.json'), '{not json');
  assert.equal(decideReuse(dist, hashBuildInputs(repo), ['addin']).reuse, false);
});

test('the hash does not depend on the order files were written', () => {
  const first = hashBuildInputs(repo);
  const other = mkdtempSync(path.join(tmpdir(), 'build-stamp-'));
  try {
    // Same files, written in reverse order.
    for (const [rel, text] of [
      ['tsconfig.json', '{}\n'],
      ['package-lock.json', '{"lockfileVersion":3}\n'],
      ['webpack.config.js', 'module.exports = () => [];\n'],
      ['dev/shell/app/index.tsx', 'export {};\n'],
      ['src/taskpane/index.tsx', 'export {};\n'],
      ['src/sync/a.ts', 'export const a = 1;\n'],
    ]) {
      mkdirSync(path.dirname(path.join(other, rel)), { recursive: true });
      writeFileSync(path.join(other, rel), text);
    }
    assert.equal(hashBuildInputs(other), first);
  } finally {
    rmSync(other, { recursive: true, force: true });
  }
});
