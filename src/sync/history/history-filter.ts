/**
 * Filters for the Sync History list: kind, user, result and a date range. Dates are the
 * user's calendar days (yyyy-mm-dd from a date input), taken in local time and inclusive at
 * both ends, because "from the 1st to the 3rd" means all of the 3rd.
 */
import type { HistoryKind, HistoryLine } from './history-entry';

export interface HistoryFilter {
  kind?: HistoryKind | 'other';
  /** The user's id, or their name for lines that carry no id. */
  user?: string;
  result?: 'ok' | 'failed';
  /** yyyy-mm-dd, inclusive. */
  from?: string;
  /** yyyy-mm-dd, inclusive. */
  to?: string;
}

/** The key the user filter compares: the id when the line has one, else the name. */
export const userKeyOf = (line: Pick<HistoryLine, 'userId' | 'who'>): string => line.userId || line.who;

function dayStart(day: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
}

export function filterHistory(lines: readonly HistoryLine[], filter: HistoryFilter): HistoryLine[] {
  const from = filter.from ? dayStart(filter.from) : undefined;
  const toStart = filter.to ? dayStart(filter.to) : undefined;
  // The end of the `to` day: the next day's local midnight (DST days are not 24 hours long).
  const to = toStart === undefined ? undefined : new Date(new Date(toStart).setDate(new Date(toStart).getDate() + 1)).getTime();
  return lines.filter((line) => {
    if (filter.kind && line.kind !== filter.kind) return false;
    if (filter.user && userKeyOf(line) !== filter.user) return false;
    if (filter.result && line.result !== filter.result) return false;
    if (from !== undefined || to !== undefined) {
      const at = Date.parse(line.at);
      if (Number.isNaN(at)) return false;
      if (from !== undefined && at < from) return false;
      if (to !== undefined && at >= to) return false;
    }
    return true;
  });
}

/** The users who appear in the lines, for the user filter's options, by name. */
export function historyUsers(lines: readonly HistoryLine[]): Array<{ key: string; name: string }> {
  const byKey = new Map<string, string>();
  for (const line of lines) byKey.set(userKeyOf(line), line.who || userKeyOf(line));
  return [...byKey].map(([key, name]) => ({ key, name })).sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
}
