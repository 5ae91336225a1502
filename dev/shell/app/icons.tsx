/**
 * The few icons the shell's Fluent components use, as inline SVG. Fluent's initializeIcons()
 * would fetch icon fonts from a CDN, which does not work offline.
 */
import { registerIcons } from '@fluentui/react';

const svg = (d: string) => (
  <svg viewBox="0 0 16 16" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    <path d={d} />
  </svg>
);

let registered = false;

export function registerShellIcons(): void {
  if (registered) return;
  registered = true;
  registerIcons({
    icons: {
      ChevronDown: svg('M4 6l4 4 4-4'),
      ChevronRight: svg('M6 4l4 4-4 4'),
      ChevronRightMed: svg('M6 4l4 4-4 4'),
      ChevronDownMed: svg('M4 6l4 4 4-4'),
      Cancel: svg('M4 4l8 8M12 4l-8 8'),
      Clear: svg('M4 4l8 8M12 4l-8 8'),
      Search: svg('M7 12a5 5 0 1 0 0-10 5 5 0 0 0 0 10zM11 11l3 3'),
      Add: svg('M8 3v10M3 8h10'),
      Edit: svg('M3 13l1-3 7-7 2 2-7 7-3 1z'),
      More: svg('M3 8h.01M8 8h.01M13 8h.01'),
      CheckMark: svg('M3 8l3 3 7-7'),
      Completed: svg('M3 8l3 3 7-7'),
      Info: svg('M8 7v5M8 4h.01'),
      Error: svg('M8 4v5M8 12h.01'),
      ErrorBadge: svg('M8 4v5M8 12h.01'),
      Warning: svg('M8 2l6 12H2L8 2zM8 6v4M8 12h.01'),
      Blocked2: svg('M3 3l10 10'),
      Contact: svg('M8 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM2 15c0-3 3-5 6-5s6 2 6 5'),
      People: svg('M6 7a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM1 14c0-2.5 2-4 5-4s5 1.5 5 4M11 7a2 2 0 1 0 0-4M12 10c2 .3 3 1.6 3 4'),
      Clock: svg('M8 15A7 7 0 1 0 8 1a7 7 0 0 0 0 14zM8 4v4l3 2'),
      Money: svg('M1 4h14v8H1zM8 10a2 2 0 1 0 0-4 2 2 0 0 0 0 4z'),
      Document: svg('M4 1h6l3 3v11H4zM10 1v3h3'),
      Puzzle: svg('M3 3h4v2a1 1 0 0 0 2 0V3h4v4h-2a1 1 0 0 0 0 2h2v4H3z'),
    },
  });
}
