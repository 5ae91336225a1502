/**
 * The stand-in's Locale setting (the user's regional format), beside its Theme switch, as
 * OfficeTools' own user setting would be: kept in the page's storage, told to add-ins at
 * `host.info`. Add-ins take it once per frame, so changing it reloads their frames (the
 * workspace keys them by locale), as OfficeTools does for its own screens.
 */
import { useCallback, useState } from 'react';

const LOCALE_KEY = 'officetools.locale';

export const DEFAULT_LOCALE = 'en-US';

/** The regional formats the stand-in offers: enough to see day-first dates, other separators and another week start. */
export const SHELL_LOCALES: ReadonlyArray<{ tag: string; label: string }> = [
  { tag: 'en-US', label: 'English (United States)' },
  { tag: 'en-GB', label: 'English (United Kingdom)' },
  { tag: 'en-CA', label: 'English (Canada)' },
  { tag: 'de-DE', label: 'Deutsch (Deutschland)' },
  { tag: 'fr-CA', label: 'Français (Canada)' },
];

function isShellLocale(value: unknown): value is string {
  return SHELL_LOCALES.some((l) => l.tag === value);
}

/** The saved locale (en-US when none or unknown) and a setter that saves it. */
export function useShellLocale(): [string, (locale: string) => void] {
  const [locale, setLocale] = useState<string>(() => {
    const saved = localStorage.getItem(LOCALE_KEY);
    return isShellLocale(saved) ? saved : DEFAULT_LOCALE;
  });
  const choose = useCallback((next: string) => {
    if (!isShellLocale(next)) return;
    localStorage.setItem(LOCALE_KEY, next);
    setLocale(next);
  }, []);
  return [locale, choose];
}

export function LocalePicker({ locale, onChange }: { locale: string; onChange(locale: string): void }) {
  return (
    <label style={{ display: 'flex', alignItems: 'center', gap: 6, color: '#d0dbe6' }}>
      Locale
      <select
        aria-label="Locale"
        value={locale}
        onChange={(e) => onChange(e.target.value)}
        style={{ height: 30, border: '1px solid #8a8886', borderRadius: 2, padding: '0 4px', font: 'inherit', color: '#323130', background: '#fff' }}
      >
        {SHELL_LOCALES.map((l) => (
          <option key={l.tag} value={l.tag}>
            {l.label}
          </option>
        ))}
      </select>
    </label>
  );
}
