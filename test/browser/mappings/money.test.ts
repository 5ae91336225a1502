import { expect } from 'chai';
import { MAX_QBO_CENTS, MoneyError, centsToDecimalString, centsToQboAmount, qboAmountToCents } from '../../../src/sync/mappings/money';

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return e instanceof MoneyError ? e.code : `other:${String(e)}`;
  }
}

describe('money: cents ⇄ QBO amounts', () => {
  it('formats cents as exact decimal text', () => {
    expect(centsToDecimalString(0)).to.equal('0.00');
    expect(centsToDecimalString(5)).to.equal('0.05');
    expect(centsToDecimalString(-5)).to.equal('-0.05');
    expect(centsToDecimalString(100)).to.equal('1.00');
    expect(centsToDecimalString(12345)).to.equal('123.45');
    expect(centsToDecimalString(-123456789)).to.equal('-1234567.89');
    expect(centsToDecimalString(Number.MAX_SAFE_INTEGER)).to.equal('90071992547409.91');
  });

  it('sends the double nearest the decimal, which JSON prints as that decimal', () => {
    expect(centsToQboAmount(30)).to.equal(0.3);
    expect(JSON.stringify({ Amount: centsToQboAmount(30) })).to.equal('{"Amount":0.3}');
    expect(centsToQboAmount(29)).to.equal(0.29);
    expect(centsToQboAmount(-1999)).to.equal(-19.99);
    expect(centsToQboAmount(0)).to.equal(0);
    expect(Object.is(centsToQboAmount(-0), 0)).to.equal(true);
    expect(centsToQboAmount(15000)).to.equal(150);
    expect(String(centsToQboAmount(MAX_QBO_CENTS))).to.equal('9999999999999.99');
  });

  it('round-trips every cent value in a wide sweep without drift', () => {
    for (let c = -100_000; c <= 100_000; c++) {
      if (qboAmountToCents(centsToQboAmount(c)) !== c) throw new Error(`drift at ${c}`);
    }
    // Large amounts, including the awkward ones near each power of ten.
    for (let p = 3; p <= 15; p++) {
      for (const base of [10 ** p - 1, 10 ** p - 7, 10 ** (p - 1) + 1, 123456789012345 % 10 ** p]) {
        for (const c of [base, -base]) {
          if (Math.abs(c) > MAX_QBO_CENTS) continue;
          expect(qboAmountToCents(centsToQboAmount(c))).to.equal(c);
          expect(qboAmountToCents(centsToDecimalString(c))).to.equal(c);
        }
      }
    }
  });

  it('reads QBO amounts where naive x * 100 drifts', () => {
    expect(0.29 * 100).to.not.equal(29); // the trap this module exists for
    expect(qboAmountToCents(0.29)).to.equal(29);
    expect(qboAmountToCents(1.15)).to.equal(115);
    expect(qboAmountToCents(4.35)).to.equal(435);
    expect(qboAmountToCents(1005.1)).to.equal(100510);
    expect(qboAmountToCents(-0.07)).to.equal(-7);
    expect(qboAmountToCents(150.0)).to.equal(15000);
    expect(qboAmountToCents('150.00')).to.equal(15000);
    expect(qboAmountToCents('-0.50')).to.equal(-50);
    expect(qboAmountToCents('.5')).to.equal(50);
    expect(qboAmountToCents('1e3')).to.equal(100000);
    expect(codeOf(() => qboAmountToCents(1e21))).to.equal('out_of_range');
  });

  it('refuses a fraction of a cent unless asked to round, then rounds half away from zero', () => {
    expect(codeOf(() => qboAmountToCents(0.1 + 0.2))).to.equal('too_precise');
    expect(qboAmountToCents(0.1 + 0.2, 'halfAwayFromZero')).to.equal(30);
    expect(codeOf(() => qboAmountToCents(33.33333))).to.equal('too_precise');
    expect(qboAmountToCents(33.33333, 'halfAwayFromZero')).to.equal(3333);
    expect(qboAmountToCents(10.005, 'halfAwayFromZero')).to.equal(1001);
    expect(qboAmountToCents(10.00499, 'halfAwayFromZero')).to.equal(1000);
    expect(qboAmountToCents(-10.005, 'halfAwayFromZero')).to.equal(-1001);
    expect(qboAmountToCents(-0.004, 'halfAwayFromZero')).to.equal(0);
    expect(Object.is(qboAmountToCents(-0.004, 'halfAwayFromZero'), 0)).to.equal(true);
    expect(qboAmountToCents(1e-7, 'halfAwayFromZero')).to.equal(0);
    expect(codeOf(() => qboAmountToCents(1e-7))).to.equal('too_precise');
    expect(qboAmountToCents('2.50000')).to.equal(250); // trailing zeros are not precision
  });

  it('refuses what is not an amount or not whole cents', () => {
    expect(codeOf(() => centsToQboAmount(1.5))).to.equal('not_integer_cents');
    expect(codeOf(() => centsToDecimalString(Number.NaN))).to.equal('not_integer_cents');
    expect(codeOf(() => centsToQboAmount(MAX_QBO_CENTS + 1))).to.equal('out_of_range');
    expect(codeOf(() => qboAmountToCents(Number.POSITIVE_INFINITY))).to.equal('not_a_number');
    expect(codeOf(() => qboAmountToCents('12,50'))).to.equal('not_a_number');
    expect(codeOf(() => qboAmountToCents(''))).to.equal('not_a_number');
    expect(codeOf(() => qboAmountToCents('1e30'))).to.equal('out_of_range');
  });
});
