import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadStartConfig, StartConfigError } from '../../../scripts/start-config';

test('defaults need no configuration', () => {
  const c = loadStartConfig({}, []);
  assert.equal(c.host, '127.0.0.1');
  assert.deepEqual([c.shellPort, c.addinPort, c.sandboxPort], [3000, 3001, 3002]);
  assert.equal(c.dataDir, path.resolve('.data'));
  assert.equal(c.fresh, false);
  assert.equal(c.build, true);
  assert.equal(c.rebuild, false);
  assert.equal(c.useLocalSandbox, true);
});

test('flags and variables are read', () => {
  const c = loadStartConfig({ SHELL_PORT: '4000', ADDIN_PORT: '4001', SANDBOX_PORT: '4002', DATA_DIR: '/tmp/x' }, ['--fresh', '--no-build']);
  assert.deepEqual([c.shellPort, c.addinPort, c.sandboxPort], [4000, 4001, 4002]);
  assert.equal(c.dataDir, '/tmp/x');
  assert.equal(c.fresh, true);
  assert.equal(c.build, false);
});

for (const [name, value] of [
  ['SHELL_PORT', 'abc'],
  ['ADDIN_PORT', '70000'],
  ['SANDBOX_PORT', '0'],
  ['SHELL_PORT', '30.5'],
] as const) {
  test(`a bad ${name}=${value} names the variable`, () => {
    assert.throws(() => loadStartConfig({ [name]: value }, []), (err: Error) => err instanceof StartConfigError && err.message.startsWith(name) && err.message.includes(value));
  });
}

test('equal ports are refused', () => {
  assert.throws(() => loadStartConfig({ SHELL_PORT: '3001' }, []), /must differ/);
});

test('an unknown INTUIT_TARGET is refused', () => {
  assert.throws(() => loadStartConfig({ INTUIT_TARGET: 'prod' }, []), /INTUIT_TARGET/);
});

test('an unknown option is refused', () => {
  assert.throws(() => loadStartConfig({}, ['--frsh']), /unknown option --frsh/);
});

test('--rebuild asks for a build even when the sources are unchanged', () => {
  const c = loadStartConfig({}, ['--rebuild']);
  assert.equal(c.rebuild, true);
  assert.equal(c.build, true);
});
