/**
 * The icons the Match and Account Defaults tabs' Fluent controls ask for (search box, drop-down
 * chevron), as inline SVG: the add-in works offline, so Fluent's CDN icon font is not used.
 */
import { registerIcons } from '@fluentui/react';
import type { ReactElement } from 'react';

function icon(d: string): ReactElement {
  return (
    <svg viewBox="0 0 16 16" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth={1.4} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={d} />
    </svg>
  );
}

const TAB_ICONS: Record<string, ReactElement> = {
  Search: icon('M7 2.5a4.5 4.5 0 1 1 0 9 4.5 4.5 0 0 1 0-9zM10.3 10.3L14 14'),
  ChevronDown: icon('M3.5 6l4.5 4.5L12.5 6'),
};

let registered = false;

/** Registers the icons once per page; cheap to call from every tab. */
export function registerTabIcons(): void {
  if (registered) return;
  registered = true;
  registerIcons({ icons: TAB_ICONS });
}
