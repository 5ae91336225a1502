/**
 * QuickBooks sends money as JSON doubles ("10.5 format"). The sandbox converts every amount
 * to integer cents exactly (from the number's shortest decimal text) before adding or
 * comparing, so sums never drift.
 */

/** Scaled integer for a decimal number: value × 10^scale, or undefined if it needs more digits. */
export function toScaled(value: number, scale: number): bigint | undefined {
  if (!Number.isFinite(value)) return undefined;
  let text = String(value);
  if (/e/i.test(text)) text = value.toFixed(20).replace(/0+$/, '');
  const negative = text.startsWith('-');
  if (negative) text = text.slice(1);
  const [whole, frac = ''] = text.split('.');
  const trimmed = frac.replace(/0+$/, '');
  if (trimmed.length > scale) return undefined;
  const scaled = BigInt(whole + trimmed.padEnd(scale, '0'));
  return negative ? -scaled : scaled;
}

/** Cents for an amount with at most two decimals; undefined for finer amounts. */
export function toCents(value: number): number | undefined {
  const scaled = toScaled(value, 2);
  return scaled === undefined ? undefined : Number(scaled);
}

export function fromCents(cents: number): number {
  return cents / 100;
}

/** Qty × UnitPrice rounded half away from zero to cents, exactly. */
export function productCents(qty: number, unitPrice: number): number | undefined {
  const q = toScaled(qty, 7);
  const p = toScaled(unitPrice, 7);
  if (q === undefined || p === undefined) return undefined;
  const raw = q * p; // scale 14
  const divisor = 10n ** 12n;
  const negative = raw < 0n;
  const abs = negative ? -raw : raw;
  let cents = abs / divisor;
  if ((abs % divisor) * 2n >= divisor) cents += 1n;
  return Number(negative ? -cents : cents);
}
