/**
 * The stand-in's Theme switch (light, dark, high contrast), as OfficeTools' own setting would
 * be: kept in the page's storage, told to add-ins at `host.info` and, when it changes, with the
 * `themeChanged` event. A native select, so it is a plain labelled combobox to every tool.
 */
import { useCallback, useState } from 'react';
import { HOST_THEMES, isHostTheme, type HostTheme } from '../../../src/sync/host/protocol';

const THEME_KEY = 'officetools.theme';

export const THEME_LABELS: Record<HostTheme, string> = { light: 'Light', dark: 'Dark', highContrast: 'High contrast' };

/** The saved theme (light when none or unreadable) and a setter that saves it. */
export function useShellTheme(): [HostTheme, (theme: HostTheme) => void] {
  const [theme, setTheme] = useState<HostTheme>(() => {
    const saved = localStorage.getItem(THEME_KEY);
    return isHostTheme(saved) ? saved : 'light';
  });
  const choose = useCallback((next: HostTheme) => {
    localStorage.setItem(THEME_KEY, next);
    setTheme(next);
  }, []);
  return [theme, choose];
}

export function ThemePicker({ theme, onChange }: { theme: HostTheme; onChange(theme: HostTheme): void }) {
  return (
    <label style={{ display: 'flex', alignItems: 'center', gap: 6, color: '#d0dbe6' }}>
      Theme
      <select
        aria-label="Theme"
        value={theme}
        onChange={(e) => isHostTheme(e.target.value) && onChange(e.target.value)}
        style={{ height: 30, border: '1px solid #8a8886', borderRadius: 2, padding: '0 4px', font: 'inherit', color: '#323130', background: '#fff' }}
      >
        {HOST_THEMES.map((t) => (
          <option key={t} value={t}>
            {THEME_LABELS[t]}
          </option>
        ))}
      </select>
    </label>
  );
}
