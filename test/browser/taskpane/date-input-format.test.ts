import { expect } from 'chai';
import { calendarNames, datePartOrder, datePattern, firstDayOfWeek, localDateToPlainDate, parsePlainDate, plainDateToLocalDate } from '../../../src/taskpane/shared/date-input-format';
import { datePickerStrings } from '../../../src/taskpane/shared/plain-date-picker';
import { formatPlainDate } from '../../../src/taskpane/shared/locale-format';

describe('date input format: dates typed and picked in the display locale', () => {
  it('reads day, month and year in the order the locale writes them', () => {
    expect(datePartOrder('en-US')).to.deep.equal(['month', 'day', 'year']);
    expect(datePartOrder('en-GB')).to.deep.equal(['day', 'month', 'year']);
    expect(datePartOrder('de-DE')).to.deep.equal(['day', 'month', 'year']);
    expect(parsePlainDate('02/03/2026', 'en-US')).to.equal('2026-02-03');
    expect(parsePlainDate('02/03/2026', 'en-GB')).to.equal('2026-03-02');
    expect(parsePlainDate('2.3.2026', 'de-DE')).to.equal('2026-03-02');
    expect(parsePlainDate(' 31.1.26 ', 'de-DE')).to.equal('2026-01-31');
  });

  it('always takes YYYY-MM-DD, and reads back what it shows', () => {
    expect(parsePlainDate('2026-12-02', 'en-US')).to.equal('2026-12-02');
    expect(parsePlainDate('2026-12-02', 'de-DE')).to.equal('2026-12-02');
    for (const locale of ['en-US', 'en-GB', 'en-CA', 'de-DE', 'fr-CA']) {
      expect(parsePlainDate(formatPlainDate('2026-01-31', locale), locale), locale).to.equal('2026-01-31');
    }
  });

  it('refuses what is not a date', () => {
    expect(parsePlainDate('', 'en-US')).to.equal(undefined);
    expect(parsePlainDate('31/02/2026', 'en-GB')).to.equal(undefined);
    expect(parsePlainDate('13/01/2026', 'en-US')).to.equal(undefined);
    expect(parsePlainDate('2026-02-30', 'en-US')).to.equal(undefined);
    expect(parsePlainDate('March 3 2026', 'en-US')).to.equal(undefined);
    expect(parsePlainDate('1/2', 'en-US')).to.equal(undefined);
  });

  it('turns plain dates into the local midnights the calendar selects, and back, on the same day', () => {
    const d = plainDateToLocalDate('2026-03-08');
    expect(d && [d.getFullYear(), d.getMonth(), d.getDate(), d.getHours()]).to.deep.equal([2026, 2, 8, 0]);
    expect(localDateToPlainDate(new Date(2026, 11, 31, 23, 59))).to.equal('2026-12-31');
    expect(plainDateToLocalDate('2026-02-29')).to.equal(undefined);
  });

  it('gives the typing hint, the names and the first day of the week of the locale', () => {
    expect(datePattern('en-US')).to.equal('mm/dd/yyyy');
    expect(datePattern('de-DE')).to.equal('dd.mm.yyyy');
    expect(calendarNames('de-DE').months[2]).to.equal('März');
    expect(calendarNames('en-US').days[0]).to.equal('Sunday');
    expect(firstDayOfWeek('en-US')).to.equal(0);
    expect(firstDayOfWeek('de-DE')).to.equal(1);
    const strings = datePickerStrings('en-GB');
    expect(strings.months[0]).to.equal('January');
    expect(strings.invalidInputErrorMessage).to.contain('dd/mm/yyyy');
  });
});
