/**
 * The shell stand-in's own screens follow its Theme switch: its plain elements through the
 * custom properties applyShellTheme sets, its Fluent components through Fluent's global theme,
 * with the same colours the add-in paints with for that theme.
 */
import { DefaultButton } from '@fluentui/react';
import { expect } from 'chai';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { applyShellTheme, SHELL_COLORS } from '../../../dev/shell/app/shell-theme';
import { panelTheme } from '../../../src/taskpane/shared/panel-theme';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function hexToRgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

describe('shell theme: the stand-in paints its own screens in its Theme', () => {
  afterEach(() => applyShellTheme('light'));

  it('surfaces, dividers and Fluent controls take the dark and high-contrast colours, and light again', async () => {
    const container = document.createElement('div');
    document.body.appendChild(container);
    const root = createRoot(container);
    await act(async () =>
      root.render(
        <main style={{ background: SHELL_COLORS.surface, borderRight: `1px solid ${SHELL_COLORS.divider}` }}>
          <DefaultButton text="New Contact" />
        </main>,
      ),
    );
    const main = container.querySelector('main') as HTMLElement;
    const button = container.querySelector('button') as HTMLElement;
    try {
      for (const name of ['dark', 'highContrast', 'light'] as const) {
        await act(async () => applyShellTheme(name));
        const theme = panelTheme(name);
        expect(getComputedStyle(main).backgroundColor, name).to.equal(hexToRgb(theme.semanticColors.bodyBackground));
        expect(getComputedStyle(main).borderRightColor, name).to.equal(hexToRgb(theme.semanticColors.bodyDivider));
        expect(getComputedStyle(document.body).color, name).to.equal(hexToRgb(theme.semanticColors.bodyText));
        expect(getComputedStyle(button).backgroundColor, name).to.equal(hexToRgb(theme.semanticColors.buttonBackground));
        expect(document.body.dataset.theme).to.equal(name);
      }
      expect(getComputedStyle(main).backgroundColor).to.equal('rgb(255, 255, 255)');
    } finally {
      await act(async () => root.unmount());
      container.remove();
    }
  });
});
