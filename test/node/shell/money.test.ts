import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCents, isValidQuantity, lineAmountCents } from '../../../dev/shell/money';

test('lineAmountCents rounds half away from zero in exact integer arithmetic', () => {
  // 1.005 × 100 is 100.49999… in floating point; the exact product is 100.5, which rounds up.
  assert.equal(lineAmountCents(1.005, 100), 101);
  assert.equal(lineAmountCents(1.15, 70), 81);
  assert.equal(lineAmountCents(0.3333, 10000), 3333);
  assert.equal(lineAmountCents(6.25, 22500), 140625);
  assert.equal(lineAmountCents(1, -5500), -5500);
  assert.equal(lineAmountCents(0.5, -3), -2);
  assert.equal(lineAmountCents(0, 12345), 0);
});

test('lineAmountCents refuses quantities with more than 4 decimals and fractional rates', () => {
  assert.equal(isValidQuantity(1.23456), false);
  assert.equal(isValidQuantity(42.7), true);
  assert.throws(() => lineAmountCents(1.23456, 100), /more than 4 decimals/);
  assert.throws(() => lineAmountCents(1, 10.5), /not an integer number of cents/);
});

test('formatCents shows dollars with two decimals', () => {
  assert.equal(formatCents(123456), '$1,234.56');
  assert.equal(formatCents(-5), '-$0.05');
  assert.equal(formatCents(0), '$0.00');
});
