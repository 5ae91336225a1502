/**
 * QBO demands that a sales line's Amount equal Qty × UnitPrice rounded to the cent (code 6070
 * otherwise). OfficeTools keeps quantity (≤4 decimals), rate (cents) and amount (cents) — and
 * its amount is round(quantity × rate), which QBO agrees with in all but rare cases (a
 * negative exact half cent, rounded differently; an amount edited by hand). All arithmetic
 * here is on scaled BigInts: no floating-point product ever decides an amount.
 */
import { centsToQboAmount } from '../mappings/money';

/** QBO keeps Qty and UnitPrice to 7 decimals. */
const SCALE = 7;
const TEN = 10n;

/** A decimal number → value × 10^7 exactly, or undefined when it needs more than 7 decimals. */
export function toScaled7(value: number): bigint | undefined {
  if (!Number.isFinite(value)) return undefined;
  let text = String(value);
  if (/e/i.test(text)) text = value.toFixed(20).replace(/\.?0+$/, '');
  const negative = text.startsWith('-');
  if (negative) text = text.slice(1);
  const [whole, frac = ''] = text.split('.');
  const trimmed = frac.replace(/0+$/, '');
  if (trimmed.length > SCALE) return undefined;
  const scaled = BigInt(whole + trimmed.padEnd(SCALE, '0'));
  return negative ? -scaled : scaled;
}

function scaled7ToNumber(scaled: bigint): number {
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(SCALE + 1, '0');
  const text = `${digits.slice(0, -SCALE)}.${digits.slice(-SCALE)}`;
  const n = Number(negative ? `-${text}` : text);
  return Object.is(n, -0) ? 0 : n;
}

/** a / b rounded half away from zero (b > 0 or < 0, never 0). */
function divRound(a: bigint, b: bigint): bigint {
  const negative = a < 0n !== b < 0n;
  const aa = a < 0n ? -a : a;
  const bb = b < 0n ? -b : b;
  let q = aa / bb;
  if ((aa % bb) * 2n >= bb) q += 1n;
  return negative ? -q : q;
}

/** round(qty × rateCents) to whole cents, half away from zero, as QBO rounds. Undefined if qty has >7 decimals. */
export function lineCentsHalfAwayFromZero(quantity: number, rateCents: number): number | undefined {
  const q = toScaled7(quantity);
  if (q === undefined) return undefined;
  return Number(divRound(q * BigInt(rateCents), TEN ** BigInt(SCALE)));
}

/** round(qty × rateCents) the way JavaScript's Math.round does it (half toward +∞). */
export function lineCentsHalfUp(quantity: number, rateCents: number): number | undefined {
  const q = toScaled7(quantity);
  if (q === undefined) return undefined;
  const p = q * BigInt(rateCents);
  const d = TEN ** BigInt(SCALE);
  // floor(p / d + 1/2) = floor((2p + d) / 2d)
  const num = 2n * p + d;
  const den = 2n * d;
  let f = num / den;
  if (num % den !== 0n && num < 0n) f -= 1n;
  return Number(f);
}

/** Does `amountCents` equal round(quantity × rateCents) under either rounding of a half? */
export function amountMatchesQuantityRate(quantity: number, rateCents: number, amountCents: number): boolean {
  return (
    lineCentsHalfAwayFromZero(quantity, rateCents) === amountCents || lineCentsHalfUp(quantity, rateCents) === amountCents
  );
}

/** Qty × UnitPrice (both as QBO will read them) rounded to cents, as QBO checks it. */
export function qboLineCents(qty: number, unitPrice: number): number | undefined {
  const q = toScaled7(qty);
  const p = toScaled7(unitPrice);
  if (q === undefined || p === undefined) return undefined;
  return Number(divRound(q * p, TEN ** BigInt(2 * SCALE - 2)));
}

export interface QboQuantityPrice {
  Qty: number;
  UnitPrice: number;
  Amount: number;
  /**
   * How the pair was chosen: 'asEntered' (quantity and rate unchanged), 'unitPriceAdjusted'
   * (quantity kept, UnitPrice = amount ÷ quantity to 7 decimals), 'qtyOne' (Qty 1, UnitPrice =
   * amount) — the last two only when rounding leaves no other way to satisfy QBO.
   */
  how: 'asEntered' | 'unitPriceAdjusted' | 'qtyOne';
}

/**
 * The Qty/UnitPrice/Amount for one line, such that QBO's check holds exactly. Preference:
 * 1. the quantity and rate as entered (what the client sees on the OfficeTools invoice);
 * 2. the same quantity with UnitPrice = amount ÷ quantity (7 decimals), so hours still show;
 * 3. Qty 1 and UnitPrice = amount, which always holds.
 */
export function qboQuantityPrice(quantity: number, rateCents: number, amountCents: number): QboQuantityPrice {
  const Amount = centsToQboAmount(amountCents);
  const rate = centsToQboAmount(rateCents);
  if (qboLineCents(quantity, rate) === amountCents) return { Qty: quantity, UnitPrice: rate, Amount, how: 'asEntered' };
  const q = toScaled7(quantity);
  if (q !== undefined && q !== 0n) {
    // UnitPrice·10^7 = amountCents·10^5 ÷ quantity = amountCents·10^5·10^7 ÷ q.
    const price = divRound(BigInt(amountCents) * TEN ** 12n, q);
    const unitPrice = scaled7ToNumber(price);
    if (qboLineCents(quantity, unitPrice) === amountCents) return { Qty: quantity, UnitPrice: unitPrice, Amount, how: 'unitPriceAdjusted' };
  }
  return { Qty: 1, UnitPrice: Amount, Amount, how: 'qtyOne' };
}
