/** Each normalisation of issue 5 point 2, one named case each: these spellings must pair. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pairOf } from './helpers';

type Named = Parameters<typeof pairOf>[1];

function pairs(kind: 'contacts' | 'employees' | 'items', a: Named, b: Named, reason?: RegExp): void {
  const p = pairOf(kind, a, b);
  assert.ok(p, `expected ${JSON.stringify(a)} and ${JSON.stringify(b)} to be paired`);
  assert.ok(p.score >= 0.8 && p.score <= 1, `score ${p.score}`);
  assert.ok(p.reasons.length > 0, 'a proposal always carries a reason');
  if (reason) assert.match(p.reasons.join(' | '), reason);
}

describe('business names', () => {
  it('case', () => pairs('contacts', 'Acme Plumbing', 'ACME PLUMBING'));
  it('accents', () => pairs('contacts', 'Café Olé Catering', 'Cafe Ole Catering'));
  it('punctuation and spacing', () => pairs('contacts', "O'Brien   Roofing, Inc.", 'OBrien Roofing Inc'));
  it("'&' and 'and'", () => pairs('contacts', 'Smith & Jones Law Firm', 'Smith and Jones Law Firm'));
  for (const [a, b] of [
    ['Ortiz Pest Control, LLC', 'Ortiz Pest Control L.L.C.'],
    ['Blue Heron Inc.', 'Blue Heron Incorporated'],
    ['Garcia Bakery Co.', 'Garcia Bakery Company'],
    ['Vector Logistics Corp.', 'Vector Logistics Corporation'],
    ['Harbor Freight Ltd.', 'Harbor Freight Limited'],
    ['Nguyen Dental P.C.', 'Nguyen Dental'],
    ['Patel Law PLLC', 'Patel Law'],
    ['Kim & Park LLP', 'Kim & Park'],
    ['Greenway Lawn Care, Limited Liability Company', 'Greenway Lawn Care LLC'],
  ]) {
    it(`legal suffix: ${a} / ${b}`, () => pairs('contacts', a, b, /ignored|same name/));
  }
  it('legal suffix dropped on one side, with the reason naming it', () => pairs('contacts', 'Ortiz Pest Control, LLC', 'Ortiz Pest Control', /'llc' is ignored/));
  it("leading 'The'", () => pairs('contacts', 'The Rustic Oak Tavern', 'Rustic Oak Tavern', /leading 'The'/));
  for (const [a, b] of [
    ['Miller & Associates', 'Miller & Assoc.'],
    ['Coastal Cleaning Services', 'Coastal Cleaning Svcs.'],
    ['Pioneer Property Management', 'Pioneer Property Mgmt.'],
    ['Russo Brothers Paving', 'Russo Bros. Paving'],
    ['Atlas International Trading', 'Atlas Intl. Trading'],
    ['Keystone Manufacturing', 'Keystone Mfg.'],
    ['Rivera Accounting Group', 'Rivera Acctg. Group'],
    ['Fire Department Auxiliary', 'Fire Dept. Auxiliary'],
    ["Saint Mary's Hospital", "St. Mary's Hospital"],
  ]) {
    it(`abbreviation: ${a} / ${b}`, () => pairs('contacts', a, b, /read as/));
  }
  it('QBO sub-customer path compared on its last part', () => pairs('contacts', 'Ortiz Pest Control', 'Ortiz Holdings:Ortiz Pest Control', /last part/));
  it('one-letter typo', () => pairs('contacts', 'Ortiz Pest Control', 'Ortiz Pest Contrl', /one-letter difference/));
  it('two-letter typo in a long word', () => pairs('contacts', 'Kowalczyk Excavating', 'Kowalcyzk Excavatin'));
  it('different spacing', () => pairs('contacts', 'Home Depot Supply', 'HomeDepot Supply', /spacing/));
  it('typo in an abbreviable word is checked against its spelling', () => pairs('contacts', 'SQ Group', 'SQ Goup'));
});

describe('people', () => {
  it('"Last, First M." versus "First M. Last"', () => pairs('contacts', 'Smith, John A.', 'John A. Smith', /same surname/));
  it('middle name versus initial', () => pairs('contacts', 'Smith, John A.', 'John Allen Smith', /matches the initial/));
  it('middle name on one side only', () => pairs('employees', 'Okafor, Chinwe', 'Chinwe Ada Okafor', /one side only/));
  it('accents in a person name', () => pairs('contacts', 'Núñez, José', 'Jose Nunez'));
  it('compound surname split differently', () => pairs('contacts', 'Garcia Lopez, María', 'Maria Garcia Lopez'));
  it('hyphenated surname', () => pairs('employees', 'Richter-Delgado, Sandra E.', 'Sandra Richter-Delgado'));
  it('surname particle', () => pairs('contacts', 'de la Cruz, Ana', 'Ana De La Cruz'));
  it('same generational suffix written two ways', () => pairs('contacts', 'Williams, Robert Jr.', 'Robert Williams, JR', /same generational suffix/));
  it('titles and post-nominal letters are ignored', () => pairs('contacts', 'Dr. Priya Shah, CPA', 'Shah, Priya'));
  it('separate name fields on one side', () =>
    assert.ok(pairOf('employees', { name: 'Tran, Minh', firstName: 'Minh', middleName: 'Van', lastName: 'Tran' }, 'Minh V. Tran')));
  it('one-letter typo in a surname', () => pairs('employees', 'Kowalski, Anna', 'Anna Kowalsky', /difference in the surname/));
  it('a person-looking name and a business-looking one agree word for word', () => pairs('contacts', 'Iyer Technologies, PLLC', 'Iyer Technologies'));
  it('first name given only as an initial needs secondary evidence', () => {
    assert.equal(pairOf('contacts', 'Smith, J.', 'John Smith'), undefined);
    pairs('contacts', { name: 'Smith, J.', email: 'js@example.com' }, { name: 'John Smith', email: 'JS@example.com' });
  });
});

describe('items', () => {
  it('separators and word order', () => pairs('items', 'Bookkeeping - Monthly', 'Monthly Bookkeeping', /different order/));
  it('parentheses and slashes as separators', () => pairs('items', 'Tax Preparation - Trust', 'Tax Preparation (Trust)'));
  it('abbreviations', () => pairs('items', 'Tax Preparation - Individual', 'Indiv. Tax Prep'));
  it('category path compared on its last part', () => pairs('items', 'Bookkeeping', 'Services:Bookkeeping'));
  it('category path that carries part of the name', () => pairs('items', 'Tax Preparation - Individual', 'Tax Preparation:Individual'));
  it('code number written in the name', () => pairs('items', { name: 'Payroll Processing', code: '310' }, '310 - Payroll Processing'));
  it('same code / SKU is stated as a reason', () =>
    pairs('items', { name: 'Mileage', code: '510' }, { name: 'Mileage', code: '510' }));
  it('plural and singular', () => pairs('items', 'Filing Fees - State', 'State Filing Fee'));
});
