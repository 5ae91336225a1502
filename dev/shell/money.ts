/**
 * Exact invoice-line arithmetic. Quantities carry at most 4 decimals, so they are scaled to
 * integer ten-thousandths first: 1.15 × 10000 in floating point is not an integer, and
 * multiplying floats would make round(quantity × rate) differ by a cent now and then.
 */

/** The largest number of decimals a quantity may carry (hours or units). */
export const QUANTITY_DECIMALS = 4;
const SCALE = 10 ** QUANTITY_DECIMALS;

/** True when `quantity` is finite and has no more than 4 decimals. */
export function isValidQuantity(quantity: number): boolean {
  if (!Number.isFinite(quantity)) return false;
  const scaled = quantity * SCALE;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6 && Math.abs(scaled) <= Number.MAX_SAFE_INTEGER / 1e7;
}

/** round(quantity × rateCents), half away from zero, computed in integers. */
export function lineAmountCents(quantity: number, rateCents: number): number {
  if (!isValidQuantity(quantity)) throw new RangeError(`Quantity ${quantity} has more than ${QUANTITY_DECIMALS} decimals or is out of range.`);
  if (!Number.isSafeInteger(rateCents)) throw new RangeError(`Rate ${rateCents} is not an integer number of cents.`);
  const product = Math.round(quantity * SCALE) * rateCents;
  if (!Number.isSafeInteger(product)) throw new RangeError(`Quantity ${quantity} × rate ${rateCents} is too large to compute exactly.`);
  const magnitude = Math.floor((Math.abs(product) + SCALE / 2) / SCALE);
  return product < 0 ? -magnitude : magnitude;
}

/** Formats cents as a US dollar amount, e.g. 123456 → "$1,234.56" (for display only). */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}$${dollars}.${String(abs % 100).padStart(2, '0')}`;
}
