/**
 * Dates typed or picked in the add-in's date fields, in the same locale they are shown in
 * (locale-format.ts): the order of day, month and year a user types, the names the calendar
 * shows and the day its weeks start on all come from Intl for that locale. The fields hand
 * plain dates (`YYYY-MM-DD`) in and out; the Date objects Fluent's calendar works with are local
 * midnights, made and read by calendar parts only, so no time zone can move a day.
 */
import type { PlainDate } from '../../sync/host/protocol';
import { displayLocale } from './locale-format';

type DatePart = 'day' | 'month' | 'year';

const SAMPLE = Date.UTC(2026, 10, 22); // day 22, month 11: no part can be taken for another

function shortDateParts(locale: string): Intl.DateTimeFormatPart[] {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).formatToParts(SAMPLE);
}

/** The order of day, month and year in the locale's short numeric date (en-US: month, day, year). */
export function datePartOrder(locale = displayLocale()): DatePart[] {
  const order = shortDateParts(locale)
    .map((p) => p.type)
    .filter((t): t is DatePart => t === 'day' || t === 'month' || t === 'year');
  return order.length === 3 ? order : ['month', 'day', 'year'];
}

/** How a date is typed in the locale, as a hint: "mm/dd/yyyy" (en-US), "dd.mm.yyyy" (de-DE). */
export function datePattern(locale = displayLocale()): string {
  const letters: Record<string, string> = { day: 'dd', month: 'mm', year: 'yyyy' };
  return shortDateParts(locale)
    .map((p) => letters[p.type] ?? (p.type === 'literal' ? p.value : ''))
    .join('');
}

function plainDateOf(year: number, month: number, day: number): PlainDate | undefined {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return undefined;
  const at = new Date(Date.UTC(year, month - 1, day));
  // 31/02 rolls over into March: not a date.
  if (at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A date as a user types it, in the locale's order of day, month and year (any separators; a
 * two-digit year is in this century), or as `YYYY-MM-DD`; undefined when it is not a date.
 */
export function parsePlainDate(text: string, locale = displayLocale()): PlainDate | undefined {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  if (iso) return plainDateOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const numbers = trimmed.split(/[^0-9]+/).filter(Boolean);
  if (numbers.length !== 3 || /[^0-9\s./,-]/.test(trimmed)) return undefined;
  const parts: Partial<Record<DatePart, number>> = {};
  datePartOrder(locale).forEach((part, i) => {
    const digits = numbers[i];
    parts[part] = part === 'year' && digits.length <= 2 ? 2000 + Number(digits) : Number(digits);
  });
  return plainDateOf(parts.year ?? 0, parts.month ?? 0, parts.day ?? 0);
}

/** The local midnight of a plain date, as Fluent's calendar selects days; undefined when not a date. */
export function plainDateToLocalDate(date: PlainDate): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m || !plainDateOf(Number(m[1]), Number(m[2]), Number(m[3]))) return undefined;
  const local = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  local.setFullYear(Number(m[1])); // years before 100 are not 19xx
  return local;
}

/** The calendar day of a Date from the calendar (its local parts). */
export function localDateToPlainDate(date: Date): PlainDate {
  return `${String(date.getFullYear()).padStart(4, '0')}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** Month and weekday names in the locale, for the calendar (weekdays from Sunday). */
export function calendarNames(locale = displayLocale()): { months: string[]; shortMonths: string[]; days: string[]; shortDays: string[] } {
  const name = (options: Intl.DateTimeFormatOptions, at: number) => new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(at);
  const monthAt = (m: number) => Date.UTC(2026, m, 15);
  const dayAt = (d: number) => Date.UTC(2026, 1, 1 + d); // 1 February 2026 is a Sunday
  const twelve = Array.from({ length: 12 }, (_, m) => m);
  const seven = Array.from({ length: 7 }, (_, d) => d);
  return {
    months: twelve.map((m) => name({ month: 'long' }, monthAt(m))),
    shortMonths: twelve.map((m) => name({ month: 'short' }, monthAt(m))),
    days: seven.map((d) => name({ weekday: 'long' }, dayAt(d))),
    shortDays: seven.map((d) => name({ weekday: 'narrow' }, dayAt(d))),
  };
}

interface WeekInfo {
  firstDay: number;
}

/** The day weeks start on in the locale, 0 = Sunday … 6 = Saturday (Sunday when the browser cannot tell). */
export function firstDayOfWeek(locale = displayLocale()): number {
  try {
    const l = new Intl.Locale(locale) as Intl.Locale & { getWeekInfo?: () => WeekInfo; weekInfo?: WeekInfo };
    const info = l.getWeekInfo?.() ?? l.weekInfo;
    return info ? info.firstDay % 7 : 0;
  } catch {
    return 0;
  }
}
