/**
 * One way to show dates, money and numbers everywhere in the add-in (issue 12: lists showed
 * 2026-03-03 while the date filters read mm/dd/yyyy). Everything goes through Intl with one
 * locale: the one OfficeTools says its user works in (host.info `locale`, told once per frame,
 * see host-locale.tsx), not the browser's, which may differ from the user's OfficeTools setting.
 * The date pickers read and write dates in the same locale (date-input-format.ts). Money stays
 * integer cents until shown, and is handed to Intl as an exact decimal string, never as a float.
 */
import type { Cents, PlainDate, Timestamp } from '../../sync/host/protocol';

/** A tag Intl can format with (its canonical form), or undefined for an unknown or malformed one. */
export function supportedLocale(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag])[0];
  } catch {
    return undefined; // a malformed tag
  }
}

/** The host's locale for this frame, once host.info told it. */
let hostLocale: string | undefined;

/**
 * Makes `tag` (OfficeTools' locale for its user) the one everything is shown in; an unknown or
 * malformed tag, or none, leaves the browser's. Returns the locale now in use.
 */
export function setHostLocale(tag: string | undefined): string {
  hostLocale = supportedLocale(tag);
  return displayLocale();
}

/**
 * The locale everything is shown in: the host's when it told one, else the browser's first
 * language (an older OfficeTools that does not send it), `en-US` when neither is usable.
 */
export function displayLocale(nav: Pick<Navigator, 'language'> | undefined = globalThis.navigator): string {
  return hostLocale ?? supportedLocale(nav?.language) ?? 'en-US';
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
 * date field shows: 03/03/2026 in en-US, 03/03/2026 in en-GB (day first), 2026-03-03 in en-CA.
 * Anything that is not a plain date is shown as given.
 */
export function formatPlainDate(date: PlainDate, locale = displayLocale()): string {
  const m = PLAIN_DATE.exec(date);
  if (!m) return date;
  const at = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(at)) return date;
  // UTC both ways, so the day never shifts with the viewer's time zone.
  return formatter(`d:${locale}`, () => new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' })).format(at);
}

/** An instant as date and time in the locale (e.g. "03/03/2026, 2:05 PM"); unreadable input shown as given. */
export function formatTimestamp(at: Timestamp, locale = displayLocale()): string {
  const t = Date.parse(at);
  if (Number.isNaN(t)) return at;
  return formatter(`t:${locale}`, () => new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: 'numeric', minute: '2-digit' })).format(t);
}

/** Integer cents as money in the locale, e.g. -123456 → "-$1,234.56" (en-US, USD); exact, no floating point. */
export function formatMoney(cents: Cents, currency = 'USD', locale = displayLocale()): string {
  const whole = Math.trunc(cents);
  const abs = Math.abs(whole);
  // An exact decimal string: Intl formats it digit for digit.
  const exact = `${whole < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  const f = formatter(`m:${locale}:${currency}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  return f.format(exact as unknown as number);
}

/**
 * An instant in the locale with the parts asked for (e.g. `{ month: 'short', day: 'numeric' }`
 * → "Mar 3" in en-US, "3 Mar" in en-GB), in the viewer's time zone; undefined when unreadable.
 */
export function formatInstant(at: Date | number | string, parts: Intl.DateTimeFormatOptions, locale = displayLocale()): string | undefined {
  const t = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(t)) return undefined;
  return formatter(`i:${locale}:${JSON.stringify(parts)}`, () => new Intl.DateTimeFormat(locale, parts)).format(t);
}

/** A count or quantity in the locale, e.g. 20000 → "20,000". */
export function formatNumber(n: number, locale = displayLocale()): string {
  return formatter(`n:${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 4 })).format(n);
}
