/**
 * The panel paints itself in the host's theme (light, dark or high contrast): the theme comes
 * with `host.info` when the panel starts and with the `themeChanged` event when the user switches
 * it in OfficeTools. The browser's own accessibility settings win over the host's choice: with
 * forced colours (Windows high contrast) or "more contrast" asked for, the panel uses its high
 * contrast theme whatever the host says.
 *
 * The theme is Fluent's global one (loadTheme), not a ThemeProvider: every Fluent component,
 * dialogs and callouts in their layers too, already follows it, and the panel's first download
 * stays without ThemeProvider's own styling engine (load budget).
 *
 * Events reach here only through the host client, which drops any message that is not from the
 * host window and a trusted origin; an unknown theme name is ignored, not guessed at.
 */
import { createTheme, loadTheme, type IPalette, type ISemanticColors, type Theme } from '@fluentui/react';
import { useEffect, useLayoutEffect, useState, type ReactNode } from 'react';
import { isHostTheme, type HostTheme } from '../../sync/host/protocol';
import type { PanelHost } from './panel-services';

const DARK_PALETTE: Partial<IPalette> = {
  themePrimary: '#479ef5',
  themeLighterAlt: '#03060a',
  themeLighter: '#0b1927',
  themeLight: '#152f4a',
  themeTertiary: '#2b5e93',
  themeSecondary: '#3f8bd8',
  themeDarkAlt: '#58a8f6',
  themeDark: '#70b5f7',
  themeDarker: '#94c8f9',
  neutralLighterAlt: '#262626',
  neutralLighter: '#2f2f2f',
  neutralLight: '#3d3d3d',
  neutralQuaternaryAlt: '#464646',
  neutralQuaternary: '#4d4d4d',
  neutralTertiaryAlt: '#6b6b6b',
  neutralTertiary: '#b3b3b3',
  neutralSecondary: '#cccccc',
  neutralSecondaryAlt: '#cccccc',
  neutralPrimaryAlt: '#e0e0e0',
  neutralPrimary: '#f3f3f3',
  neutralDark: '#f8f8f8',
  black: '#ffffff',
  white: '#1e1e1e',
};

/** Windows' "High Contrast Black": white text on black, yellow for what can be acted on. */
const HIGH_CONTRAST_PALETTE: Partial<IPalette> = {
  themePrimary: '#ffff00',
  themeLighterAlt: '#000000',
  themeLighter: '#000000',
  themeLight: '#1aebff',
  themeTertiary: '#ffff00',
  themeSecondary: '#ffff00',
  themeDarkAlt: '#ffff00',
  themeDark: '#ffff00',
  themeDarker: '#ffff00',
  neutralLighterAlt: '#000000',
  neutralLighter: '#000000',
  neutralLight: '#000000',
  neutralQuaternaryAlt: '#000000',
  neutralQuaternary: '#ffffff',
  neutralTertiaryAlt: '#ffffff',
  neutralTertiary: '#ffffff',
  neutralSecondary: '#ffffff',
  neutralSecondaryAlt: '#ffffff',
  neutralPrimaryAlt: '#ffffff',
  neutralPrimary: '#ffffff',
  neutralDark: '#ffffff',
  black: '#ffffff',
  white: '#000000',
};

const HIGH_CONTRAST_COLORS: Partial<ISemanticColors> = {
  bodyBackground: '#000000',
  bodyText: '#ffffff',
  bodySubtext: '#ffffff',
  bodyDivider: '#ffffff',
  inputBorder: '#ffffff',
  inputBorderHovered: '#ffff00',
  inputBackground: '#000000',
  inputText: '#ffffff',
  disabledText: '#3ff23f',
  disabledBodyText: '#3ff23f',
  disabledSubtext: '#3ff23f',
  disabledBorder: '#3ff23f',
  disabledBackground: '#000000',
  // Disabled buttons in Windows' green, so they never read as ones that can be pressed.
  buttonTextDisabled: '#3ff23f',
  buttonBackgroundDisabled: '#000000',
  buttonBorderDisabled: '#3ff23f',
  primaryButtonTextDisabled: '#3ff23f',
  primaryButtonBackgroundDisabled: '#000000',
  buttonBackground: '#000000',
  buttonText: '#ffffff',
  buttonBorder: '#ffffff',
  primaryButtonBackground: '#ffff00',
  primaryButtonText: '#000000',
  primaryButtonBackgroundHovered: '#1aebff',
  primaryButtonTextHovered: '#000000',
  listItemBackgroundChecked: '#1aebff',
  listItemBackgroundHovered: '#1f1f1f',
  link: '#ffff00',
  linkHovered: '#1aebff',
  errorText: '#ff6b6b',
};

const themes: Partial<Record<HostTheme, Theme>> = {};

/** The Fluent theme for a host theme (made once each). */
export function panelTheme(theme: HostTheme): Theme {
  let made = themes[theme];
  if (!made) {
    if (theme === 'dark') made = createTheme({ palette: DARK_PALETTE, isInverted: true });
    else if (theme === 'highContrast') made = createTheme({ palette: HIGH_CONTRAST_PALETTE, semanticColors: HIGH_CONTRAST_COLORS, isInverted: true });
    else made = createTheme({});
    themes[theme] = made;
  }
  return made;
}

/** The browser's forced colours or "more contrast" setting, which outranks the host's theme. */
const CONTRAST_QUERY = '(forced-colors: active), (prefers-contrast: more)';

function useAskedForContrast(): boolean {
  const [asked, setAsked] = useState(() => typeof matchMedia === 'function' && matchMedia(CONTRAST_QUERY).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return undefined;
    const query = matchMedia(CONTRAST_QUERY);
    const onChange = () => setAsked(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return asked;
}

/** The host's theme: light until host.info answers, then what the host says and each change it sends. */
export function useHostTheme(host: PanelHost | null): HostTheme {
  const [theme, setTheme] = useState<HostTheme>('light');
  useEffect(() => {
    if (!host) return undefined;
    let live = true;
    // An event that comes while host.info is on its way is newer than its answer.
    let changed = false;
    const off = host.on('themeChanged', (data) => {
      if (!isHostTheme(data?.theme)) return;
      changed = true;
      setTheme(data.theme);
    });
    host.request('host.info', {}).then(
      (info) => {
        if (live && !changed && isHostTheme(info.theme)) setTheme(info.theme);
      },
      // No answer leaves the light theme; whatever needs host.info says why itself.
      () => undefined,
    );
    return () => {
      live = false;
      off();
    };
  }, [host]);
  return theme;
}

/** What the panel paints with: high contrast when the browser asks for it, else the host's theme. */
export function useEffectiveTheme(host: PanelHost | null): HostTheme {
  const hostTheme = useHostTheme(host);
  return useAskedForContrast() ? 'highContrast' : hostTheme;
}

/** The theme the page is painted with now (Fluent's global theme starts light). */
let applied: HostTheme = 'light';

/** Makes `name` Fluent's theme (components re-render with it) and paints the page body with it. */
export function applyPanelTheme(name: HostTheme): void {
  const theme = panelTheme(name);
  if (applied !== name) loadTheme(theme);
  applied = name;
  const body = document.body;
  body.style.backgroundColor = theme.semanticColors.bodyBackground;
  body.style.color = theme.semanticColors.bodyText;
  body.dataset.theme = name;
}

/** Paints the page, and everything Fluent draws, in the effective theme; renders its children as they are. */
export function PanelThemeProvider({ host, children }: { host: PanelHost | null; children: ReactNode }) {
  const theme = useEffectiveTheme(host);
  // Before paint, so a theme change never shows a frame of mixed colours.
  useLayoutEffect(() => applyPanelTheme(theme), [theme]);
  useLayoutEffect(() => () => applyPanelTheme('light'), []);
  return <>{children}</>;
}
