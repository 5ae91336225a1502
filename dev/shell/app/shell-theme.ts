/**
 * The stand-in's own screens in its Theme (light, dark, high contrast), as OfficeTools paints
 * itself: the same Fluent themes the add-in uses for those names (so the two match side by
 * side), made Fluent's global theme for the shell's components, and a few CSS custom properties
 * for the shell's plain elements (page, surfaces, dividers). The header and window title bars
 * keep OfficeTools' own blue in every theme.
 */
import { loadTheme } from '@fluentui/react';
import type { HostTheme } from '../../../src/sync/host/protocol';
import { panelTheme } from '../../../src/taskpane/shared/panel-theme';

/** Colours for inline styles: they follow the theme without re-rendering (custom properties). */
export const SHELL_COLORS = {
  page: 'var(--shell-page)',
  surface: 'var(--shell-surface)',
  subtle: 'var(--shell-subtle)',
  divider: 'var(--shell-divider)',
  strongDivider: 'var(--shell-strong-divider)',
  text: 'var(--shell-text)',
  error: 'var(--shell-error)',
  link: 'var(--shell-link)',
} as const;

let applied: HostTheme | undefined;

/** Paints the shell page in `name`; Fluent's components re-render with it. */
export function applyShellTheme(name: HostTheme, doc: Document = document): void {
  const theme = panelTheme(name);
  if (applied !== name) loadTheme(theme);
  applied = name;
  const { palette: p, semanticColors: c } = theme;
  const highContrast = name === 'highContrast';
  const vars: Record<string, string> = {
    '--shell-page': highContrast ? c.bodyBackground : p.neutralLighterAlt,
    '--shell-surface': c.bodyBackground,
    '--shell-subtle': highContrast ? c.bodyBackground : p.neutralLighter,
    '--shell-divider': c.bodyDivider,
    '--shell-strong-divider': highContrast ? c.bodyDivider : p.neutralTertiaryAlt,
    '--shell-text': c.bodyText,
    '--shell-error': c.errorText,
    '--shell-link': c.link,
  };
  const root = doc.documentElement;
  for (const [k, v] of Object.entries(vars)) root.style.setProperty(k, v);
  doc.body.style.backgroundColor = c.bodyBackground;
  doc.body.style.color = c.bodyText;
  doc.body.dataset.theme = name;
}
