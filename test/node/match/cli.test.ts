/** The evaluation command end to end, spawned as the outside checkers will run it. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { automatch } from '../../../src/sync/match/automatch';
import { generateItems } from '../../fixtures/automatch/generate';

const root = path.resolve(__dirname, '../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'automatch-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function cli(args: string[], viaNpm = false) {
  const r = viaNpm
    ? spawnSync('npm', ['run', '-s', 'automatch', '--', ...args], { cwd: root, encoding: 'utf8' })
    : spawnSync(process.execPath, ['--import', 'tsx', 'src/sync/match/cli.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run -s automatch -- --in FILE', () => {
  it('prints exactly {"pairs":[[leftId,rightId,score],…],"undecided":[…]} and nothing else', () => {
    const file = write('contacts.json', {
      kind: 'contacts',
      left: [{ id: 'c1', name: 'Ortiz Pest Control, LLC', email: 'info@ortiz.com', favouriteColour: 'blue' }, { id: 'c2', name: 'Smith, John A.' }, { id: 'c3', name: 'Lopez, Maria' }],
      right: [{ id: '58', name: 'Ortiz Pest Control' }, { id: '59', name: 'John Allen Smith', phone: null }, { id: '60', name: 'Ana Lopez' }],
    });
    const r = cli(['--in', file], true);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { pairs: Array<[string, string, number]>; undecided: unknown[] };
    assert.deepEqual(Object.keys(out), ['pairs', 'undecided']);
    assert.deepEqual(out.undecided, []);
    assert.deepEqual(out.pairs.map(([l, rr]) => [l, rr]), [['c1', '58'], ['c2', '59']]);
    for (const [, , score] of out.pairs) assert.ok(score > 0.8 && score <= 1);
    assert.equal(r.stdout.trim().split('\n').length, 1);
  });
  it('gives the same pairs as calling automatch directly', () => {
    const set = generateItems({ seed: 5, pairs: 60, unmatched: 10, hardNegatives: 8 });
    const file = write('items.json', { kind: set.input.kind, left: set.input.left, right: set.input.right });
    const r = cli(['--in', file]);
    assert.equal(r.status, 0, r.stderr);
    const expected = automatch(set.input).proposals.map((p) => [p.leftId, p.rightId, p.score]);
    assert.deepEqual((JSON.parse(r.stdout) as { pairs: unknown }).pairs, expected);
  });
  it('accepts numeric ids and prints them back as numbers', () => {
    const file = write('numeric.json', { kind: 'employees', left: [{ id: 7, name: 'Okafor, Chinwe' }], right: [{ id: 70, name: 'Chinwe Okafor' }] });
    const r = cli(['--in', file]);
    assert.equal(r.stdout.trim(), '{"pairs":[[7,70,1]],"undecided":[]}');
  });
  it('pairs the issue examples and lists held-back pairs apart, with their reason', () => {
    const items = write('codes.json', { kind: 'items', left: [{ id: '1', name: '530 Filing Fees', code: '530' }], right: [{ id: '9', name: 'Filing Fees' }] });
    assert.deepEqual((JSON.parse(cli(['--in', items]).stdout) as { pairs: unknown[] }).pairs, [['1', '9', 1]]);
    const file = write('held.json', {
      kind: 'contacts',
      left: [{ id: '1', name: 'Ortiz Pest Control (Denver)' }, { id: '2', name: 'Lopez, Maria T.' }, { id: '3', name: 'Blue Mesa Dental - Tucson' }, { id: '4', name: 'Ward, Ellen' }],
      right: [{ id: '8', name: 'Ortiz Pest Control' }, { id: '9', name: 'Maria J. Lopez' }, { id: '10', name: 'Blue Mesa Dental - Boulder' }, { id: '11', name: 'Ellen T. Ward' }, { id: '12', name: 'Ellen R. Ward' }],
    });
    const out = JSON.parse(cli(['--in', file]).stdout) as { pairs: Array<[string, string, number]>; undecided: Array<[string, string, number, string]> };
    assert.deepEqual(out.pairs.map(([l, r]) => [l, r]), [['1', '8']]);
    const held = new Map(out.undecided.map(([l, r, , reason]) => [`${l}-${r}`, reason]));
    assert.match(held.get('2-9') ?? '', /middle initials differ/);
    assert.match(held.get('3-10') ?? '', /another city or branch \(Tucson vs Boulder\)/);
    assert.match(held.get('4-11') ?? '', /two candidates/);
    assert.match(held.get('4-12') ?? '', /two candidates/);
  });
  it('fails with exit 1 and a message on stderr, nothing on stdout', () => {
    for (const [args, message] of [
      [['--in', path.join(dir, 'missing.json')], /cannot read/],
      [['--in', write('bad.json', '{not json')], /not valid JSON/],
      [['--in', write('kind.json', { kind: 'vendors', left: [], right: [] })], /kind must be one of/],
      [['--in', write('noid.json', { kind: 'items', left: [{ name: 'x' }], right: [] })], /left\[0\] has no "id"/],
      [[], /usage/],
    ] as const) {
      const r = cli([...args]);
      assert.equal(r.status, 1);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
    }
  });
});
