/**
 * The add-in's date field: Fluent's DatePicker (one control family with the rest of the
 * screens, issue 12), typed into or picked from its calendar, in the display locale both ways
 * (date-input-format.ts). It takes and gives plain dates (`YYYY-MM-DD`); an empty field gives
 * undefined. Imported only by views loaded on demand (Sync History, the Time & Billing windows,
 * Reconcile), so the calendar's code stays out of the panel's first download.
 */
import { DatePicker, defaultDatePickerStrings, registerIcons, type IDatePickerStrings, type IStyleFunctionOrObject, type IDatePickerStyleProps, type IDatePickerStyles } from '@fluentui/react';
import { useCallback, useMemo, type ReactElement } from 'react';
import type { PlainDate } from '../../sync/host/protocol';
import { calendarNames, datePattern, firstDayOfWeek, localDateToPlainDate, parsePlainDate, plainDateToLocalDate } from './date-input-format';
import { displayLocale, formatPlainDate } from './locale-format';

function icon(d: string): ReactElement {
  return (
    <svg viewBox="0 0 16 16" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth={1.4} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={d} />
    </svg>
  );
}

let iconsRegistered = false;

/** The calendar button and the calendar's month arrows, inline (the add-in works offline, no icon font). */
function registerDatePickerIcons(): void {
  if (iconsRegistered) return;
  iconsRegistered = true;
  registerIcons({
    icons: {
      Calendar: icon('M2.5 3.5h11v10h-11zM2.5 6.5h11M5.5 2v3M10.5 2v3'),
      Up: icon('M3.5 10l4.5-4.5 4.5 4.5'),
      Down: icon('M3.5 6l4.5 4.5L12.5 6'),
    },
  });
}

/** The picker's words, with month and day names and the typing hint in the locale. */
export function datePickerStrings(locale: string): IDatePickerStrings {
  const pattern = datePattern(locale);
  return {
    ...defaultDatePickerStrings,
    ...calendarNames(locale),
    goToToday: 'Go to today',
    invalidInputErrorMessage: `Type the date as ${pattern}.`,
    isResetStatusMessage: `"{0}" is not a date (type it as ${pattern}); the date stays "{1}".`,
    isOutOfBoundsErrorMessage: 'This date is outside the dates allowed here.',
  };
}

export interface PlainDatePickerProps {
  label: string;
  /** The date shown; empty or undefined for none. */
  value: PlainDate | undefined;
  onChange(value: PlainDate | undefined): void;
  styles?: IStyleFunctionOrObject<IDatePickerStyleProps, IDatePickerStyles>;
}

/** Fluent keeps a controlled value only when it gets one from the start; null is "no date" to it. */
const NO_DATE = null as unknown as Date;

export function PlainDatePicker({ label, value, onChange, styles }: PlainDatePickerProps) {
  registerDatePickerIcons();
  const locale = displayLocale();
  const strings = useMemo(() => datePickerStrings(locale), [locale]);
  const pattern = useMemo(() => datePattern(locale), [locale]);
  const weekStart = useMemo(() => firstDayOfWeek(locale), [locale]);
  // Stable identities: the picker re-formats its text whenever the value or formatDate changes,
  // which would undo what the user is typing on any re-render of the parent.
  const date = useMemo(() => (value ? (plainDateToLocalDate(value) ?? NO_DATE) : NO_DATE), [value]);
  const formatDate = useCallback((d?: Date) => (d ? formatPlainDate(localDateToPlainDate(d), locale) : ''), [locale]);
  const parse = useCallback((text: string) => {
    const plain = parsePlainDate(text, locale);
    return plain ? (plainDateToLocalDate(plain) ?? null) : null;
  }, [locale]);
  return (
    <DatePicker
      label={label}
      value={date}
      allowTextInput
      formatDate={formatDate}
      parseDateFromString={parse}
      onSelectDate={(d) => onChange(d ? localDateToPlainDate(d) : undefined)}
      strings={strings}
      firstDayOfWeek={weekStart}
      placeholder={pattern}
      styles={styles}
      textField={{ autoComplete: 'off' }}
    />
  );
}
