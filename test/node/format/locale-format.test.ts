/**
 * The engine's formatting core (src/sync/format): dates, money and counts in en-US, en-GB and
 * de-DE, exact to the cent; and history lines that keep their values, shown to each reader in
 * their own locale while the stored text stays neutral.
 */
// A zone west of UTC, so a plain date that slipped through a local midnight would show the day before.
process.env.TZ = 'America/Los_Angeles';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatClockTime, formatMoney, formatNumber, formatPlainDate, localeFormat, NEUTRAL_FORMAT } from '../../../src/sync/format/locale-format';
import { displayFormat, displayLocale, setDisplayLocale } from '../../../src/sync/format/display-locale';
import { automatchAcceptedHistory, entityExportHistory, interruptedRunHistory, linkMadeHistory } from '../../../src/sync/history/history-builders';
import { createHistoryRecorder } from '../../../src/sync/history/history-recorder';
import type { HistoryEntry } from '../../../src/sync/history/history-entry';
import { historyText, phrase, renderPhrase } from '../../../src/sync/history/history-wording';

/** Intl puts a narrow no-break space in some locales' money and times; compare with plain spaces. */
const plain = (s: string | undefined): string | undefined => s?.replace(/[\u00a0\u202f]/g, ' ');

const CONTACTS = { ot: 'contact', otPlural: 'contacts', qbo: 'customer', qboPlural: 'customers' };

describe('locale format core', () => {
  it('shows plain dates in each locale, never shifted by the time zone, and a date that is no calendar day as given', () => {
    assert.equal(formatPlainDate('2026-01-31', 'en-US'), '01/31/2026');
    assert.equal(formatPlainDate('2026-01-31', 'en-GB'), '31/01/2026');
    assert.equal(formatPlainDate('2026-01-31', 'de-DE'), '31.01.2026');
    assert.equal(formatPlainDate('2026-01-01', 'en-US'), '01/01/2026');
    assert.equal(formatPlainDate('2026-12-31', 'de-DE'), '31.12.2026');
    assert.equal(formatPlainDate('2026-13-45', 'en-US'), '2026-13-45');
    assert.equal(formatPlainDate('2026-02-30', 'de-DE'), '2026-02-30');
    assert.equal(formatPlainDate('March 3', 'en-GB'), 'March 3');
  });

  it('shows integer cents exactly, with each locale’s separators and currency sign', () => {
    assert.equal(formatMoney(-123456, 'USD', 'en-US'), '-$1,234.56');
    assert.equal(formatMoney(5, 'USD', 'en-US'), '$0.05');
    assert.equal(formatMoney(-5, 'USD', 'en-US'), '-$0.05');
    assert.equal(formatMoney(123456, 'USD', 'en-GB'), 'US$1,234.56');
    assert.equal(plain(formatMoney(123456, 'USD', 'de-DE')), '1.234,56 $');
    assert.equal(plain(formatMoney(123456, 'EUR', 'de-DE')), '1.234,56 €');
    // Past what a float of dollars holds to the cent: 2^53 - 1 cents.
    assert.equal(formatMoney(9007199254740991, 'USD', 'en-US'), '$90,071,992,547,409.91');
    assert.equal(plain(formatMoney(9007199254740991, 'USD', 'de-DE')), '90.071.992.547.409,91 $');
    assert.equal(formatMoney(10, 'USD', 'en-US'), '$0.10', 'one digit of cents is padded, never read as a float');
  });

  it('shows counts and quantities with each locale’s grouping and decimal sign; a quantity keeps every digit', () => {
    assert.equal(formatNumber(20000, 'en-US'), '20,000');
    assert.equal(formatNumber(20000, 'en-GB'), '20,000');
    assert.equal(formatNumber(20000, 'de-DE'), '20.000');
    const de = localeFormat('de-DE');
    assert.equal(de.count(1, 'contact', 'contacts'), '1 contact');
    assert.equal(de.count(20000, 'contact', 'contacts'), '20.000 contacts');
    assert.equal(de.quantity(1.5), '1,5');
    assert.equal(localeFormat('en-US').quantity(0.123456), '0.123456');
    assert.equal(localeFormat('en-US').quantity(1e-7), '0.0000001');
  });

  it('shows clock times in each locale, in the viewer’s zone', () => {
    const at = '2026-03-03T22:05:09Z'; // 14:05:09 in Los Angeles
    assert.equal(plain(formatClockTime(at, 'en-US')), '2:05 PM');
    assert.equal(plain(formatClockTime(at, 'en-US', true)), '2:05:09 PM');
    assert.equal(formatClockTime(at, 'en-GB'), '14:05');
    assert.equal(formatClockTime(Date.parse(at), 'de-DE'), '14:05');
    assert.equal(plain(localeFormat('de-DE').timestamp(at)), '03.03.2026, 14:05');
    assert.equal(formatClockTime('not a time', 'de-DE'), '');
  });

  it('an unknown locale falls back to en-US; the neutral form reads in any locale', () => {
    assert.equal(localeFormat('not a locale!!').locale, 'en-US');
    assert.equal(NEUTRAL_FORMAT.money(-123456), 'USD -1234.56');
    assert.equal(NEUTRAL_FORMAT.count(20000, 'contact', 'contacts'), '20000 contacts');
    assert.equal(NEUTRAL_FORMAT.timestamp('2026-03-03T22:05:09.123Z'), '2026-03-03T22:05Z');
    assert.equal(NEUTRAL_FORMAT.plainDate('2026-03-03'), '2026-03-03');
  });

  it('the frame’s display locale is the host’s once told, else en-US where there is no browser language', () => {
    try {
      assert.equal(setDisplayLocale('de-DE'), 'de-DE');
      assert.equal(displayFormat().number(20000), '20.000');
      assert.equal(setDisplayLocale('bogus!!'), displayLocale());
      assert.equal(displayLocale({ language: 'en-GB' }), 'en-GB');
      assert.equal(displayLocale(undefined), 'en-US');
    } finally {
      setDisplayLocale(undefined);
    }
  });
});

describe('history lines keep their values and are shown in the reader’s locale', () => {
  const created = Array.from({ length: 19999 }, (_, i) => ({ otId: `c${i}`, name: `Client ${i}`, qboId: String(1000 + i) }));
  const failed = [{ id: 'c-x', name: 'Broken', code: 'qbo_fault', qboCode: '6240' }];

  it('a bulk export: stored text neutral, shown as 20,000 to an en-US reader and 20.000 to a de-DE one', async () => {
    const stored: HistoryEntry[] = [];
    const recorder = createHistoryRecorder({ sink: { append: async (e) => void stored.push(e as HistoryEntry) }, user: { id: 'u1', name: 'Amy' }, now: () => new Date('2026-03-03T22:05:00Z') });
    await recorder.record(entityExportHistory(CONTACTS, created, failed));
    // Through JSON, as the proxy keeps it and colleagues read it back.
    const line = JSON.parse(JSON.stringify(stored[0])) as HistoryEntry;
    assert.equal(line.what, 'Exported 20000 contacts to QuickBooks Online: 19999 created, 1 failed (6240)');
    assert.equal(historyText(line, localeFormat('en-US')).what, 'Exported 20,000 contacts to QuickBooks Online: 19,999 created, 1 failed (6240)');
    assert.equal(historyText(line, localeFormat('de-DE')).what, 'Exported 20.000 contacts to QuickBooks Online: 19.999 created, 1 failed (6240)');
    assert.deepEqual(line.counts, { ok: 19999, failed: 1 });
  });

  it('an interrupted run: the time it started is shown in the reader’s locale and zone', () => {
    const draft = interruptedRunHistory('export', CONTACTS, {
      runs: [{ by: 'Amy', at: '2026-03-03T22:05:00.000Z' }],
      linked: created.slice(0, 1200),
      alreadyLinked: [],
      notCreated: [],
      waiting: [],
      failed: [],
    });
    assert.equal(draft.what, 'Finished an interrupted export of 1200 contacts: 1200 linked now');
    assert.match(draft.detail ?? '', /^Started by Amy at 2026-03-03T22:05Z; a reload/);
    const de = historyText(draft, localeFormat('de-DE'));
    assert.equal(de.what, 'Finished an interrupted export of 1.200 contacts: 1.200 linked now');
    assert.match(plain(de.detail) ?? '', /^Started by Amy at 03\.03\.2026, 14:05; a reload/);
    assert.match(plain(historyText(draft, localeFormat('en-US')).detail) ?? '', /^Started by Amy at 03\/03\/2026, 2:05 PM; a reload/);
  });

  it('words that hold braces stay words; a detail without values and lines without wording show as stored', () => {
    const draft = linkMadeHistory(CONTACTS, [{ otId: 'c1', qboId: '58', name: 'Acme {0} }{ Ltd' }]);
    assert.equal(draft.what, 'Linked contact "Acme {0} }{ Ltd" and QuickBooks Online customer 58');
    assert.equal(historyText(draft, localeFormat('de-DE')).what, draft.what);
    const auto = automatchAcceptedHistory(CONTACTS, created.slice(0, 2500).map((c) => ({ otId: c.otId, qboId: c.qboId })), 1500);
    assert.deepEqual(historyText(auto, localeFormat('de-DE')), { what: 'Automatch: linked 2.500 contacts', detail: '1.500 proposals were left out because a side was linked meanwhile.' });
    const old = { what: 'Exported 20,000 contacts to QuickBooks Online: 20,000 created', detail: 'from before' };
    assert.deepEqual(historyText(old, localeFormat('de-DE')), old);
    // A wording that does not read (a place without a value, a value of an unknown kind) leaves the stored text.
    assert.equal(historyText({ what: 'stored', wording: { what: { text: 'Linked {1}', values: [{ count: 1, one: 'a', many: 'b' }] } } }, localeFormat('de-DE')).what, 'stored');
    assert.equal(historyText({ what: 'stored', wording: { what: { text: 'Linked {0}', values: [{ script: 'x' }] } } }, localeFormat('de-DE')).what, 'stored');
    assert.equal(renderPhrase(phrase`Paid ${{ cents: 123456 }} on ${{ date: '2026-03-03' }}`, localeFormat('de-DE'))?.replace(/\u00a0/g, ' '), 'Paid 1.234,56 $ on 03.03.2026');
  });
});
