/** Issue 5 point 3: what makes two names different. Each rule: never paired, with the rule named. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildProfile } from '../../../src/sync/match/profile';
import { comparePair, isVeto } from '../../../src/sync/match/compare';
import type { MatchEntity, MatchKind } from '../../../src/sync/match/types';
import { pairOf, run } from './helpers';

type Named = Partial<MatchEntity> & { name: string };

function vetoOf(kind: MatchKind, a: Named, b: Named): string {
  const c = comparePair(buildProfile({ id: 'a', ...a }, 0, kind), buildProfile({ id: 'b', ...b }, 0, kind), { kind, weight: () => 1 });
  assert.ok(isVeto(c), `expected a veto for ${a.name} / ${b.name}, got ${JSON.stringify(c)}`);
  return c.veto;
}

function neverPaired(kind: MatchKind, a: string | Named, b: string | Named, rule: RegExp): void {
  const A = typeof a === 'string' ? { name: a } : a;
  const B = typeof b === 'string' ? { name: b } : b;
  assert.equal(pairOf(kind, A, B), undefined, `${A.name} / ${B.name} must not be paired`);
  assert.match(vetoOf(kind, A, B), rule);
}

describe('generational suffix', () => {
  it('John Smith / John Smith Jr.', () => neverPaired('contacts', 'Smith, John', 'John Smith Jr.', /generational suffix/));
  it('Jr. / Sr.', () => neverPaired('employees', 'Smith, John Jr.', 'John Smith Sr.', /different generational suffixes/));
  it('II / III', () => neverPaired('contacts', 'Robert Lee Williams II', 'Robert Lee Williams III', /generational/));
  it('even with the same email', () =>
    neverPaired('contacts', { name: 'Smith, John', email: 'smith@x.com' }, { name: 'John Smith Jr.', email: 'smith@x.com' }, /generational/));
});

describe('middle names', () => {
  it('conflicting middle initials', () => neverPaired('contacts', 'Smith, John A.', 'John B. Smith', /middle initials differ/));
  it('conflicting middle names', () => neverPaired('employees', 'Nguyen, Linh Thanh', 'Linh Quang Nguyen', /middle names differ/));
  it('a middle initial against a middle name with another letter', () => neverPaired('contacts', 'Smith, John A.', 'John Robert Smith', /middle initials differ/));
});

describe('first names', () => {
  it('a different first name with the same surname', () => neverPaired('contacts', 'Lopez, Maria', 'Ana Lopez', /different first name/));
  it('two real names one letter apart are two people', () => neverPaired('employees', 'Smith, Jon', 'John Smith', /different first name/));
  it('Maria / Mario', () => neverPaired('contacts', 'Rossi, Maria', 'Mario Rossi', /different first name/));
});

describe('businesses', () => {
  it('different city tags', () => neverPaired('contacts', 'Acme Plumbing - Dallas', 'Acme Plumbing - Austin', /another city or branch \(Dallas vs Austin\)/));
  it('different tags in parentheses', () => neverPaired('contacts', 'Ortiz Pest Control (Denver)', 'Ortiz Pest Control (Boulder)', /another city or branch/));
  it('a tag against another city field', () =>
    neverPaired('contacts', { name: 'Acme Plumbing (Dallas)' }, { name: 'Acme Plumbing', city: 'Austin' }, /another city or branch/));
  it('different city fields', () =>
    neverPaired('contacts', { name: 'Acme Plumbing', city: 'Dallas' }, { name: 'Acme Plumbing', city: 'Austin' }, /another city or branch/));
  it('a word after a dash that is part of the name is no tag', () => neverPaired('contacts', 'Hernandez Law', 'Hernandez - Lopez Law', /extra distinguishing word/));
  it('an extra distinguishing word', () => neverPaired('contacts', 'Ortiz Pest Control', 'Ortiz Pest Control Imports', /extra distinguishing word 'imports'/));
  it('a store number', () => neverPaired('contacts', 'Sunrise Market #12', 'Sunrise Market #13', /different words/));
  it('a sub-customer is not its parent', () => neverPaired('contacts', 'Acme Corp', 'Acme Corp:Acme Corp Warehouse', /extra distinguishing word/));
  it('two known words one letter apart', () => neverPaired('contacts', 'Ortiz Pest Control', 'Ortiz Post Control', /different words/));
});

describe('items', () => {
  it('sibling service codes', () => neverPaired('items', 'Tax Preparation - Individual', 'Tax Preparation - Business', /different words/));
  it('a service and one of its variants', () => neverPaired('items', 'Tax Preparation', 'Tax Preparation - Individual', /extra distinguishing word/));
  it('weekly / biweekly', () => neverPaired('items', 'Payroll Processing - Weekly', 'Payroll Processing - Biweekly', /different words/));
  it('annual / manual', () => neverPaired('items', 'Annual Review', 'Manual Review', /different words/));
  it('different code numbers weigh against a pair', () =>
    assert.equal(pairOf('items', { name: 'Consulting', code: '410' }, { name: 'Consulting', code: '420' }), undefined));
});

describe('the right partner is still found beside its look-alikes', () => {
  it('John Smith pairs with John Smith, not with John Smith Jr.', () => {
    const r = run('contacts', ['Smith, John', 'Smith, John Jr.'], ['John Smith Jr', 'John Smith', 'Johnny Smith']);
    assert.deepEqual(r.named.sort(), [['Smith, John', 'John Smith'], ['Smith, John Jr.', 'John Smith Jr']].sort());
  });
  it('siblings pair with their own sibling', () => {
    const r = run('items', ['Tax Preparation - Individual', 'Tax Preparation - Business'], ['Business Tax Prep', 'Individual Tax Prep']);
    assert.deepEqual(r.named.sort(), [['Tax Preparation - Business', 'Business Tax Prep'], ['Tax Preparation - Individual', 'Individual Tax Prep']].sort());
  });
});
