/**
 * One way to show dates, money and numbers everywhere in the panel (issue 12: lists showed
 * 2026-03-03 while the date filters read mm/dd/yyyy): the engine's formatting
 * (src/sync/format/locale-format.ts, shared with the messages the engine words) bound to the
 * frame's display locale, the one OfficeTools says its user works in (host.info `locale`, told
 * once per frame, see host-locale.tsx), not the browser's, which may differ from the user's
 * OfficeTools setting. The date pickers read and write dates in the same locale
 * (date-input-format.ts). Money stays integer cents until shown, handed to Intl exactly.
 */
import type { Cents, PlainDate, Timestamp } from '../../sync/host/protocol';
import { displayLocale, setDisplayLocale } from '../../sync/format/display-locale';
import * as core from '../../sync/format/locale-format';

export { supportedLocale } from '../../sync/format/locale-format';
export { displayFormat, displayLocale } from '../../sync/format/display-locale';

/**
 * Makes `tag` (OfficeTools' locale for its user) the one everything is shown in; an unknown or
 * malformed tag, or none, leaves the browser's. Returns the locale now in use.
 */
export function setHostLocale(tag: string | undefined): string {
  return setDisplayLocale(tag);
}

/** A calendar date in the locale's short numeric form, the one a date field shows (03/03/2026 in en-US). */
export function formatPlainDate(date: PlainDate, locale = displayLocale()): string {
  return core.formatPlainDate(date, locale);
}

/** An instant as date and time in the locale (e.g. "03/03/2026, 2:05 PM"); unreadable input shown as given. */
export function formatTimestamp(at: Timestamp, locale = displayLocale()): string {
  return core.formatTimestamp(at, locale);
}

/** Integer cents as money in the locale, e.g. -123456 → "-$1,234.56" (en-US, USD); exact, no floating point. */
export function formatMoney(cents: Cents, currency = core.DEFAULT_CURRENCY, locale = displayLocale()): string {
  return core.formatMoney(cents, currency, locale);
}

/**
 * An instant in the locale with the parts asked for (e.g. `{ month: 'short', day: 'numeric' }`
 * → "Mar 3" in en-US, "3 Mar" in en-GB), in the viewer's time zone; undefined when unreadable.
 */
export function formatInstant(at: Date | number | string, parts: Intl.DateTimeFormatOptions, locale = displayLocale()): string | undefined {
  return core.formatInstant(at, parts, locale);
}

/** A count or quantity in the locale, e.g. 20000 → "20,000". */
export function formatNumber(n: number, locale = displayLocale()): string {
  return core.formatNumber(n, locale);
}
