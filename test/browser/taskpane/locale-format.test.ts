import { expect } from 'chai';
import { displayLocale, formatMoney, formatNumber, formatPlainDate, formatTimestamp } from '../../../src/taskpane/shared/locale-format';
import { formatCents } from '../../../src/taskpane/billing/format-money';

describe('locale format: dates, money and numbers in one format', () => {
  it('shows a plain date in the short numeric form of the locale, the one its date fields use, without a time-zone shift', () => {
    expect(formatPlainDate('2026-03-03', 'en-US')).to.equal('03/03/2026');
    expect(formatPlainDate('2026-01-31', 'en-US')).to.equal('01/31/2026');
    expect(formatPlainDate('2026-01-31', 'en-GB')).to.equal('31/01/2026');
    expect(formatPlainDate('2026-01-31', 'de-DE')).to.equal('31.01.2026');
    // The first and last day of a year stay on their day whatever the viewer's zone.
    expect(formatPlainDate('2026-01-01', 'en-US')).to.equal('01/01/2026');
    expect(formatPlainDate('2026-12-31', 'en-US')).to.equal('12/31/2026');
  });

  it('shows anything that is not a plain date as given', () => {
    expect(formatPlainDate('', 'en-US')).to.equal('');
    expect(formatPlainDate('March 3', 'en-US')).to.equal('March 3');
  });

  it('shows integer cents exactly, with the currency of the locale and its separators', () => {
    expect(formatMoney(-123456, 'USD', 'en-US')).to.equal('-$1,234.56');
    expect(formatMoney(5, 'USD', 'en-US')).to.equal('$0.05');
    expect(formatMoney(0, 'USD', 'en-US')).to.equal('$0.00');
    // Past what a float of dollars holds to the cent.
    expect(formatMoney(900719925474099, 'USD', 'en-US')).to.equal('$9,007,199,254,740.99');
    expect(formatMoney(123456, 'EUR', 'de-DE').replace(/\s/g, ' ')).to.equal('1.234,56 €');
    expect(formatCents(45000)).to.equal(formatMoney(45000));
  });

  it('shows counts with the separators of the locale, and timestamps as date and time', () => {
    expect(formatNumber(20000, 'en-US')).to.equal('20,000');
    expect(formatNumber(20000, 'de-DE')).to.equal('20.000');
    expect(formatNumber(1.25, 'en-US')).to.equal('1.25');
    expect(formatTimestamp('2026-03-03T12:00:00.000Z', 'en-US')).to.match(/^03\/0[2-4]\/2026, \d{1,2}:\d{2}\s?[AP]M$/);
    expect(formatTimestamp('not a time', 'en-US')).to.equal('not a time');
  });

  it("takes the browser's language, and en-US when it has none or a malformed one", () => {
    expect(displayLocale({ language: 'en-GB' })).to.equal('en-GB');
    expect(displayLocale({ language: '' })).to.equal('en-US');
    expect(displayLocale({ language: 'not a locale!!' })).to.equal('en-US');
    expect(displayLocale(undefined)).to.equal('en-US');
  });
});
