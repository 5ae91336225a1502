/**
 * Dates, money and counts in a locale (issue 12: one locale-aware format throughout), for every
 * part of the add-in: the panel shows its own values with it, and the engine words its plans,
 * confirmations and refusals with it, so a reason in a plan reads like the list beside it. It
 * lives here rather than in src/taskpane because src/sync imports neither the panel nor React.
 *
 * Every function takes the locale explicitly; which locale a frame shows is display-locale.ts.
 * Money stays integer cents until shown and is handed to Intl as an exact decimal string, never
 * as a float, so amounts past 2^53 / 100 dollars still read to the cent.
 */
import type { Cents, PlainDate, Timestamp } from '../host/protocol';

/** A tag Intl can format with (its canonical form), or undefined for an unknown or malformed one. */
export function supportedLocale(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag])[0];
  } catch {
    return undefined; // a malformed tag
  }
}

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar date (`YYYY-MM-DD`, no time zone) in the locale's short numeric form, the one a
 * date field shows: 03/03/2026 in en-US, 03/03/2026 in en-GB (day first), 03.03.2026 in de-DE.
 * Anything that is not a plain date is shown as given.
 */
export function formatPlainDate(date: PlainDate, locale: string): string {
  const m = PLAIN_DATE.exec(date);
  if (!m) return date;
  const at = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Date.UTC rolls 2026-13-45 over into 2027; a date that is no day of the calendar is shown as given.
  const back = new Date(at);
  if (Number.isNaN(at) || back.getUTCMonth() !== Number(m[2]) - 1 || back.getUTCDate() !== Number(m[3])) return date;
  // UTC both ways, so the day never shifts with the viewer's time zone.
  return formatter(`d:${locale}`, () => new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' })).format(at);
}

function instantMs(at: Date | number | string): number {
  return at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
}

/**
 * An instant in the locale with the parts asked for (e.g. `{ month: 'short', day: 'numeric' }`
 * → "Mar 3" in en-US, "3 Mar" in en-GB), in the viewer's time zone unless `parts` names one;
 * undefined when unreadable.
 */
export function formatInstant(at: Date | number | string, parts: Intl.DateTimeFormatOptions, locale: string): string | undefined {
  const t = instantMs(at);
  if (!Number.isFinite(t)) return undefined;
  return formatter(`i:${locale}:${JSON.stringify(parts)}`, () => new Intl.DateTimeFormat(locale, parts)).format(t);
}

/** An instant as date and time in the locale (e.g. "03/03/2026, 2:05 PM"); unreadable input shown as given. */
export function formatTimestamp(at: Timestamp, locale: string): string {
  return formatInstant(at, { year: 'numeric', month: '2-digit', day: '2-digit', hour: 'numeric', minute: '2-digit' }, locale) ?? at;
}

/**
 * The time of day of an instant, as a message says "until 2:05 PM" (en-US) or "bis 14:05"
 * (de-DE); with seconds when a wait is that short. Unreadable input gives an empty string.
 */
export function formatClockTime(at: Date | number | string, locale: string, seconds = false): string {
  return formatInstant(at, seconds ? { hour: 'numeric', minute: '2-digit', second: '2-digit' } : { hour: 'numeric', minute: '2-digit' }, locale) ?? '';
}

/** Integer cents as exact decimal text ("-1234.56"): what Intl is handed, and the neutral form. */
export function centsDecimal(cents: Cents): string {
  const whole = Math.trunc(cents);
  const abs = Math.abs(whole);
  return `${whole < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Integer cents as money in the locale, e.g. -123456 → "-$1,234.56" (en-US, USD), "-1.234,56 $" (de-DE); exact. */
export function formatMoney(cents: Cents, currency: string, locale: string): string {
  const f = formatter(`m:${locale}:${currency}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  // An exact decimal string: Intl (NumberFormat v3) formats it digit for digit.
  return f.format(centsDecimal(cents) as unknown as number);
}

/** A count or quantity in the locale, e.g. 20000 → "20,000" (en-US), "20.000" (de-DE). */
export function formatNumber(n: number, locale: string): string {
  return formatter(`n:${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 4 })).format(n);
}

/**
 * A quantity as entered (hours, units) in the locale, every digit JavaScript holds kept: 1.5 →
 * "1,5" in de-DE, 0.125 → "0.125" in en-US. formatNumber rounds to 4 places, fine for counts.
 */
export function formatQuantity(n: number, locale: string): string {
  if (!Number.isFinite(n)) return String(n);
  const f = formatter(`q:${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 20 }));
  // Its shortest decimal text, so Intl neither rounds it nor shows a binary fraction's tail.
  return f.format(String(n) as unknown as number);
}

/**
 * The formatting of one locale, handed to what words messages (the billing plans, the export
 * runners, the history lines when shown) so they need not know where the locale came from.
 */
export interface LocaleFormat {
  readonly locale: string;
  /** Money of the company's currency (USD: the add-in supports US companies only). */
  money(cents: Cents, currency?: string): string;
  number(n: number): string;
  quantity(n: number): string;
  /** "1 contact", "20,000 contacts": a count and its noun, the noun chosen by the count. */
  count(n: number, one: string, many: string): string;
  plainDate(date: PlainDate): string;
  timestamp(at: Timestamp): string;
  clockTime(at: Date | number | string, seconds?: boolean): string;
}

/** The company's currency when none is named: QBO Sync connects US companies only (company-support.ts). */
export const DEFAULT_CURRENCY = 'USD';

const bound = new Map<string, LocaleFormat>();

/** The formatting of `locale` (an unsupported tag falls back to en-US, as Intl would do silently). */
export function localeFormat(locale: string): LocaleFormat {
  const tag = supportedLocale(locale) ?? 'en-US';
  let f = bound.get(tag);
  if (!f) {
    f = {
      locale: tag,
      money: (cents, currency = DEFAULT_CURRENCY) => formatMoney(cents, currency, tag),
      number: (n) => formatNumber(n, tag),
      quantity: (n) => formatQuantity(n, tag),
      count: (n, one, many) => `${formatNumber(n, tag)} ${n === 1 ? one : many}`,
      plainDate: (date) => formatPlainDate(date, tag),
      timestamp: (at) => formatTimestamp(at, tag),
      clockTime: (at, seconds) => formatClockTime(at, tag, seconds),
    };
    bound.set(tag, f);
  }
  return f;
}

/**
 * The form of values in text stored for everyone (history lines, read by colleagues who may work
 * in another locale): ISO dates and instants, counts without grouping, money as "USD 1234.56".
 * Readable in any locale, and what the panel shows for a line that carries no values of its own.
 */
export const NEUTRAL_FORMAT: LocaleFormat = {
  locale: 'und',
  money: (cents, currency = DEFAULT_CURRENCY) => `${currency} ${centsDecimal(cents)}`,
  number: (n) => String(n),
  quantity: (n) => String(n),
  count: (n, one, many) => `${n} ${n === 1 ? one : many}`,
  plainDate: (date) => date,
  timestamp: (at) => {
    const t = Date.parse(at);
    return Number.isNaN(t) ? at : `${new Date(t).toISOString().slice(0, 16)}Z`;
  },
  clockTime: (at, seconds) => {
    const t = instantMs(at);
    return Number.isFinite(t) ? `${new Date(t).toISOString().slice(11, seconds ? 19 : 16)} UTC` : '';
  },
};
