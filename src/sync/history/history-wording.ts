/**
 * The words of a history line with its values kept as data. History is the firm's, read by
 * colleagues who may work in another locale than whoever did the action, so a line keeps its
 * counts, amounts, dates and times as values (`wording`) and each reader sees them in their own
 * locale ("20,000 contacts" in en-US, "20.000 contacts" in de-DE).
 *
 * The line's `what` and `detail` are still stored as text, in the neutral form of
 * NEUTRAL_FORMAT (ISO dates and times, counts without grouping): what lines written before
 * `wording` existed have, what the CSV export and any other reader of the proxy's history get,
 * and what is shown when a line's wording cannot be read.
 */
import { NEUTRAL_FORMAT, type LocaleFormat } from '../format/locale-format';
import type { PlainDate, Timestamp } from '../host/protocol';

/** A value in a history line's words. */
export type HistoryValue =
  /** A count and its noun: "1 contact", "20,000 contacts". */
  | { count: number; one: string; many: string }
  | { cents: number; currency?: string }
  | { date: PlainDate }
  | { instant: Timestamp };

/** Text with `{0}`, `{1}`… where its values go (a literal brace written twice). */
export interface HistoryPhrase {
  text: string;
  values: HistoryValue[];
}

export interface HistoryWording {
  what: HistoryPhrase;
  detail?: HistoryPhrase;
}

const escape = (s: string): string => s.replace(/[{}]/g, (b) => b + b);

/**
 * Builds a phrase from a template: strings (and nested phrases' text) go in as words, values as
 * places. `phrase\`Exported ${count(20, 'contact', 'contacts')} to QuickBooks Online\``.
 */
export function phrase(strings: TemplateStringsArray, ...parts: ReadonlyArray<string | number | HistoryValue | HistoryPhrase>): HistoryPhrase {
  let text = escape(strings[0]);
  const values: HistoryValue[] = [];
  parts.forEach((part, i) => {
    if (typeof part === 'string' || typeof part === 'number') text += escape(String(part));
    else if ('text' in part) {
      // A nested phrase: its places renumbered after the ones so far.
      const offset = values.length;
      text += part.text.replace(/\{\{|\}\}|\{(\d+)\}/g, (m, n: string | undefined) => (n === undefined ? m : `{${Number(n) + offset}}`));
      values.push(...part.values);
    } else {
      text += `{${values.length}}`;
      values.push(part);
    }
    text += escape(strings[i + 1]);
  });
  return { text, values };
}

/** Joins phrases with a separator, as `parts.join(', ')` joins text. */
export function joinPhrases(parts: readonly HistoryPhrase[], separator: string): HistoryPhrase {
  return parts.reduce<HistoryPhrase | undefined>((all, p) => (all ? phrase`${all}${separator}${p}` : p), undefined) ?? { text: '', values: [] };
}

export const count = (n: number, one: string, many: string): HistoryValue => ({ count: n, one, many });

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** One value in `format`, or undefined for one that is not a value this add-in writes. */
function valueText(v: unknown, format: LocaleFormat): string | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  if (isFiniteNumber(o.count) && typeof o.one === 'string' && typeof o.many === 'string') return format.count(o.count, o.one, o.many);
  if (Number.isSafeInteger(o.cents) && (o.currency === undefined || (typeof o.currency === 'string' && /^[A-Z]{3}$/.test(o.currency)))) {
    return format.money(o.cents as number, o.currency as string | undefined);
  }
  if (typeof o.date === 'string') return format.plainDate(o.date);
  if (typeof o.instant === 'string' && !Number.isNaN(Date.parse(o.instant))) return format.timestamp(o.instant);
  return undefined;
}

/** The phrase in `format`, or undefined when it does not read (a place without a value, an unknown value). */
export function renderPhrase(p: unknown, format: LocaleFormat): string | undefined {
  if (!p || typeof p !== 'object') return undefined;
  const { text, values } = p as Partial<HistoryPhrase>;
  if (typeof text !== 'string' || !Array.isArray(values)) return undefined;
  let ok = true;
  const out = text.replace(/\{\{|\}\}|\{(\d+)\}|[{}]/g, (m, n: string | undefined) => {
    if (m === '{{' || m === '}}') return m[0];
    const shown = n === undefined ? undefined : valueText(values[Number(n)], format);
    if (shown === undefined) ok = false;
    return shown ?? '';
  });
  return ok ? out : undefined;
}

/** A phrase as stored text: the values in their neutral form. */
export function neutralText(p: HistoryPhrase): string {
  return renderPhrase(p, NEUTRAL_FORMAT) ?? p.text;
}

/**
 * What a line says and its detail, in the reader's `format` where the line kept its values, and
 * as stored otherwise (older lines, lines written by others, a wording that does not read).
 */
export function historyText(line: { what: string; detail?: string; wording?: unknown }, format: LocaleFormat): { what: string; detail?: string } {
  const w = line.wording && typeof line.wording === 'object' ? (line.wording as Partial<HistoryWording>) : undefined;
  const what = (w && renderPhrase(w.what, format)) ?? line.what;
  const detail = (w?.detail !== undefined ? renderPhrase(w.detail, format) : undefined) ?? line.detail;
  return detail === undefined ? { what } : { what, detail };
}
