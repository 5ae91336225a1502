/**
 * QuickBooks stamps MetaData and answers with US-Pacific wall time and offset
 * ("2015-07-23T11:04:15-07:00"), and "today" for an omitted TxnDate is the Pacific date.
 */
const formatter = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface PacificParts {
  date: string;
  time: string;
  offsetMinutes: number;
}

function pacificParts(ms: number): PacificParts {
  const parts: Record<string, string> = {};
  for (const p of formatter.formatToParts(new Date(ms))) parts[p.type] = p.value;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const time = `${parts.hour}:${parts.minute}:${parts.second}`;
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const offsetMinutes = Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
  return { date, time, offsetMinutes };
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** MetaData style: seconds, Pacific offset. */
export function pacificTimestamp(ms: number): string {
  const p = pacificParts(ms);
  return `${p.date}T${p.time}${offsetText(p.offsetMinutes)}`;
}

/** The "time" field of answers: milliseconds, Pacific offset. */
export function pacificTimestampMs(ms: number): string {
  const p = pacificParts(ms);
  return `${p.date}T${p.time}.${String(((ms % 1000) + 1000) % 1000).padStart(3, '0')}${offsetText(p.offsetMinutes)}`;
}

export function pacificDate(ms: number): string {
  return pacificParts(ms).date;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Parses the date-times clients send (changedSince, MetaData filters). A value without a
 * zone is read as Pacific time, as QuickBooks does. Returns undefined when malformed.
 */
export function parseQboDateTime(text: string): number | undefined {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(wall)) return undefined;
  if (zone === 'Z') return wall;
  if (zone) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
    return wall - sign * minutes * 60000;
  }
  // Zone-less: find the Pacific offset at that instant (try the standard and daylight offsets).
  for (const guess of [-420, -480]) {
    const candidate = wall - guess * 60000;
    if (pacificParts(candidate).offsetMinutes === guess) return candidate;
  }
  return wall + 480 * 60000;
}

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in YYYY-MM-DD form. */
export function isPlainDate(text: string): boolean {
  const m = PLAIN_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
