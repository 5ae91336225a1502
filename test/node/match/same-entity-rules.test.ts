/** Issue 13: what a bookkeeper links at once, and what Automatch leaves to a person. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { automatch } from '../../../src/sync/match/automatch';
import type { MatchEntity, MatchKind } from '../../../src/sync/match/types';
import { pairOf, run } from './helpers';

type Named = Partial<MatchEntity> & { name: string };

function paired(kind: MatchKind, a: string | Named, b: string | Named): void {
  const p = pairOf(kind, a, b);
  assert.ok(p, `${JSON.stringify(a)} / ${JSON.stringify(b)} must be paired`);
}

function undecided(kind: MatchKind, left: Named[], right: Named[]): Array<[string, string, string]> {
  const L = left.map((e, i) => ({ id: `L${i}`, ...e }));
  const R = right.map((e, i) => ({ id: `R${i}`, ...e }));
  const res = automatch({ kind, left: L, right: R });
  const name = (id: string) => [...L, ...R].find((e) => e.id === id)?.name ?? id;
  return res.undecided.map((u) => [name(u.leftId), name(u.rightId), u.reason]);
}

describe('code numbers written into code names', () => {
  it('"530 Filing Fees" (code 530) / "Filing Fees" without a code', () => paired('items', { name: '530 Filing Fees', code: '530' }, 'Filing Fees'));
  it('the number behind the name, without brackets', () => paired('items', { name: 'Filing Fees 530', code: '530' }, 'Filing Fees'));
  it('no code field at all, the number in front', () => paired('items', '530 Filing Fees', 'Filing Fees'));
  it('the QBO item carries the number, the firm only the code field', () => paired('items', { name: 'Filing Fees', code: '530' }, '530 Filing Fees'));
  it('a number inside the name still tells codes apart', () =>
    assert.equal(pairOf('items', 'Westgate 1099 Preparation', 'Westgate 1098 Preparation'), undefined));
  it('sibling codes stay apart with the number in front', () =>
    assert.equal(pairOf('items', { name: '201 Tax Preparation - Individual', code: '201' }, 'Tax Preparation - Business'), undefined));
});

describe('place and branch tags', () => {
  it('a tag in parentheses on one side only', () => paired('contacts', 'Ortiz Pest Control (Denver)', 'Ortiz Pest Control'));
  it('a tag after a dash on one side only', () => paired('contacts', 'Blue Mesa Dental', 'Blue Mesa Dental - Tucson'));
  it('a tag behind the legal form', () => paired('contacts', 'Blue Mesa Dental, LLC - Tucson', 'Blue Mesa Dental LLC'));
  it('the tag written as a plain word on the other side', () => paired('contacts', 'Wood Welding - Tulsa', 'Wood Welding Tulsa'));
  it('the same place with its state', () => paired('contacts', 'Blue Mesa Dental (Tucson, AZ)', 'Blue Mesa Dental - Tucson'));
  it('the tag agreeing with the other side\'s city', () => paired('contacts', 'Ortiz Pest Control (Denver)', { name: 'Ortiz Pest Control', city: 'Denver' }));
  it('one untagged name against two branches needs a decision', () => {
    const held = undecided('contacts', [{ name: 'Ortiz Pest Control' }], [{ name: 'Ortiz Pest Control (Denver)' }, { name: 'Ortiz Pest Control (Boulder)' }]);
    assert.equal(held.length, 2);
    for (const [, , reason] of held) assert.equal(reason, 'two candidates equally alike');
  });
  it('the right branch is found beside another one', () => {
    const r = run('contacts', ['Ortiz Pest Control (Denver)'], ['Ortiz Pest Control (Boulder)', 'Ortiz Pest Control']);
    assert.deepEqual(r.named, [['Ortiz Pest Control (Denver)', 'Ortiz Pest Control']]);
  });
});

describe('middle names and initials in every form', () => {
  for (const left of ['Lopez, Maria T.', 'Lopez, Maria Teresa', 'Lopez, Maria T', 'Lopez, Maria']) {
    for (const right of ['Maria T. Lopez', 'Maria Teresa Lopez', 'Maria T Lopez', 'Maria Lopez']) {
      it(`${left} / ${right}`, () => paired('employees', left, right));
    }
  }
  it('two middle names that differ need a decision', () =>
    assert.deepEqual(undecided('contacts', [{ name: 'Lopez, Maria T.' }], [{ name: 'Maria J. Lopez' }]), [['Lopez, Maria T.', 'Maria J. Lopez', 'middle initials differ (T. vs J.)']]));
});

describe('typos, legal forms, suffixes', () => {
  it('two typos in a long name', () => paired('employees', 'Doyle, Charles Omar', 'Chaeles Omar Doyyle'));
  it('legal forms of different families', () => paired('contacts', 'Quispe Roofing, LLC', 'Quispe Roofing Inc.'));
  it('a generational suffix on one side only needs a decision', () =>
    assert.deepEqual(undecided('employees', [{ name: 'Yamada, Ken' }], [{ name: 'Ken Yamada Jr.' }]), [['Yamada, Ken', 'Ken Yamada Jr.', 'generational suffix on one side only (Jr)']]));
});
