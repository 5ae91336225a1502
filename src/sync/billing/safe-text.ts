/**
 * Text and dates from OfficeTools made safe for QBO, the same way everywhere (documented in
 * README.md here): control characters other than tab and newline are dropped, and text is cut
 * to QBO's length limit on a whole character — never through the middle of an emoji, which would
 * leave half a surrogate pair that QBO cannot store.
 */

/** Drops C0/C1 control characters except tab, newline and carriage return. */
export function withoutControlChars(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '');
}

/** At most `max` UTF-16 units, cut before a character rather than through it. */
export function cutToLength(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  // A high surrogate at the cut would be left without its partner.
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/** Control characters dropped, then cut to `max`. */
export function qboText(text: string, max: number): string {
  return cutToLength(withoutControlChars(text), max);
}

/** Earliest and latest years accepted for document dates: outside them a date is a typing error. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2099;

/**
 * Why a `YYYY-MM-DD` date cannot go to QBO, or undefined when it can: it must be a real
 * calendar day between 1900 and 2099.
 */
export function dateProblem(date: unknown): string | undefined {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return 'is not a date (YYYY-MM-DD)';
  const [y, m, d] = date.split('-').map(Number);
  const real = new Date(Date.UTC(y, m - 1, d));
  if (real.getUTCFullYear() !== y || real.getUTCMonth() !== m - 1 || real.getUTCDate() !== d) return 'is not a day of the calendar';
  if (y < FIRST_YEAR || y > LAST_YEAR) return `is outside ${FIRST_YEAR}–${LAST_YEAR}, so it is almost certainly mistyped`;
  return undefined;
}

/** A name for messages: one line, no control characters, at most 60 characters. */
export function shownName(name: string): string {
  const one = withoutControlChars(name.replace(/[\t\r\n]+/g, ' ')).trim();
  return one.length > 60 ? `${cutToLength(one, 59)}…` : one;
}
