/**
 * Cents ⇄ QBO amounts without floating-point drift.
 *
 * OfficeTools keeps money as integer cents. QBO sends and takes JSON numbers (`150.0`,
 * UnitPrice up to 5 decimals). Every conversion here goes through decimal text, never through
 * `x * 100` on a double: 0.29 * 100 is 28.999999999999996, and 0.1 + 0.2 is not 0.3.
 *
 * cents → QBO: `n / 100` is a correctly rounded division, so the double sent is the one nearest
 * to the exact decimal, and JSON prints it back as that decimal while it has at most 15
 * significant digits. That bounds the amounts we send (`MAX_QBO_CENTS`), far above any
 * invoice QBO itself accepts.
 */

export type MoneyErrorCode = 'not_integer_cents' | 'out_of_range' | 'not_a_number' | 'too_precise';

export class MoneyError extends Error {
  readonly code: MoneyErrorCode;
  constructor(code: MoneyErrorCode, message: string) {
    super(message);
    this.name = 'MoneyError';
    this.code = code;
  }
}

/** The largest magnitude sent to QBO as a number: 15 significant digits (9,999,999,999,999.99). */
export const MAX_QBO_CENTS = 999_999_999_999_999;

/** How to treat digits below a cent when reading a QBO amount. */
export type CentsRounding =
  /** Refuse anything that is not a whole number of cents (amounts, totals, balances). */
  | 'exact'
  /** Round half away from zero (unit prices, which QBO keeps to 5 decimals). */
  | 'halfAwayFromZero';

function checkCents(cents: number, max: number): void {
  if (typeof cents !== 'number' || !Number.isInteger(cents)) {
    throw new MoneyError('not_integer_cents', `Money must be a whole number of cents; got ${String(cents)}.`);
  }
  if (Math.abs(cents) > max) {
    throw new MoneyError('out_of_range', `The amount ${cents} cents is too large to convert exactly.`);
  }
}

/** 12345 → "123.45", -5 → "-0.05", 0 → "0.00". */
export function centsToDecimalString(cents: number): string {
  checkCents(cents, Number.MAX_SAFE_INTEGER);
  const negative = cents < 0;
  const digits = String(Math.abs(cents)).padStart(3, '0');
  const text = `${digits.slice(0, -2)}.${digits.slice(-2)}`;
  return negative ? `-${text}` : text;
}

/** 12345 → 123.45 (the JSON number QBO expects). */
export function centsToQboAmount(cents: number): number {
  checkCents(cents, MAX_QBO_CENTS);
  const amount = Number(centsToDecimalString(cents));
  return Object.is(amount, -0) ? 0 : amount;
}

interface Decimal {
  negative: boolean;
  /** All significant digits, no point. */
  digits: string;
  /** Number of digits after the decimal point (may be negative for 1e21-style values). */
  scale: number;
}

const DECIMAL = /^([+-])?(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;

function parseDecimal(value: number | string): Decimal {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new MoneyError('not_a_number', `${value} is not an amount.`);
  }
  // String(number) is the shortest text that reads back as the same double: 0.3 → "0.3".
  const text = typeof value === 'number' ? String(value) : value.trim();
  const m = DECIMAL.exec(text);
  if (!m) throw new MoneyError('not_a_number', `"${text}" is not an amount.`);
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? m[4] ?? '';
  const exponent = m[5] ? Number(m[5]) : 0;
  return { negative: m[1] === '-', digits: `${intPart}${fracPart}`, scale: fracPart.length - exponent };
}

/**
 * A QBO amount (number or decimal text) → integer cents. With 'exact' (the default), an amount
 * with a fraction of a cent is refused rather than silently changed.
 */
export function qboAmountToCents(value: number | string, rounding: CentsRounding = 'exact'): number {
  const { negative, digits, scale } = parseDecimal(value);
  let whole: string;
  let rest: string;
  if (scale <= 2) {
    whole = digits + '0'.repeat(2 - scale);
    rest = '';
  } else {
    const cut = digits.length - (scale - 2);
    whole = cut > 0 ? digits.slice(0, cut) : '';
    rest = cut > 0 ? digits.slice(cut) : '0'.repeat(-cut) + digits;
  }
  let cents = BigInt(whole === '' ? '0' : whole);
  if (/[1-9]/.test(rest)) {
    if (rounding === 'exact') {
      throw new MoneyError(
        'too_precise',
        `The amount ${String(value)} has a fraction of a cent; amounts must be whole cents.`,
      );
    }
    if (rest[0] >= '5') cents += 1n;
  }
  if (cents > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new MoneyError('out_of_range', `The amount ${String(value)} is too large to keep exactly in cents.`);
  }
  const n = Number(cents);
  return negative && n !== 0 ? -n : n;
}
