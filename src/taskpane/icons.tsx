/**
 * The few icons the panel's Fluent components ask for, as inline SVG: Fluent's icon font would
 * come from a CDN, and the add-in must work offline. Names are the ones Fluent UI v8 uses
 * internally (checkbox tick, close buttons, message bar icons).
 */
import { registerIcons } from '@fluentui/react';
import type { ReactElement } from 'react';

function icon(children: ReactElement | ReactElement[]): ReactElement {
  return (
    <svg viewBox="0 0 16 16" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth={1.4} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

const cross = <path d="M4 4l8 8M12 4l-8 8" />;
const circle = <circle key="o" cx="8" cy="8" r="6.3" />;

export const PANEL_ICONS: Record<string, ReactElement> = {
  CheckMark: icon(<path d="M3 8.5l3.2 3.2L13 4.8" />),
  Cancel: icon(cross),
  Clear: icon(cross),
  Info: icon([circle, <path key="i" d="M8 7.2v4M8 4.8v.1" />]),
  ErrorBadge: icon([circle, <path key="x" d="M5.8 5.8l4.4 4.4M10.2 5.8l-4.4 4.4" />]),
  Blocked2: icon([circle, <path key="s" d="M3.6 12.4l8.8-8.8" />]),
  Warning: icon([<path key="t" d="M8 2l6.3 11.5H1.7z" />, <path key="e" d="M8 6.5v3.2M8 11.6v.1" />]),
  Completed: icon([circle, <path key="c" d="M5 8.3l2 2 4-4.3" />]),
  DoubleChevronDown: icon(<path d="M4 4l4 3.5L12 4M4 8.5L8 12l4-3.5" />),
  DoubleChevronUp: icon(<path d="M4 12l4-3.5 4 3.5M4 7.5L8 4l4 3.5" />),
};

let registered = false;

export function registerPanelIcons(): void {
  if (registered) return;
  registered = true;
  registerIcons({ icons: PANEL_ICONS });
}
