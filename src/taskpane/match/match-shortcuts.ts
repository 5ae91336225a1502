/**
 * The Match tab's keyboard shortcuts for its main buttons, shown in their tooltips and told to
 * screen readers (aria-keyshortcuts). Alt with a letter, matched on the physical key (`code`),
 * so that they also work where Alt (Option on a Mac) with a letter types a character.
 *
 * Export is Alt+X, not Alt+E: Chrome and Edge on Windows and Linux open their own menu on Alt+E
 * (and Alt+F). Alt+L, Alt+U, Alt+I and Alt+X are taken neither by those browsers nor by Firefox,
 * nor by the OfficeTools shell (whose keys do not reach into the panel's frame anyway).
 */
export type MatchShortcutAction = 'exportSelected' | 'importSelected' | 'linkSelected' | 'unlinkSelected';

export interface MatchShortcut {
  action: MatchShortcutAction;
  /** KeyboardEvent.code of the letter. */
  code: string;
  /** As written for people and for aria-keyshortcuts. */
  keys: string;
}

export const MATCH_SHORTCUTS: Record<MatchShortcutAction, MatchShortcut> = {
  exportSelected: { action: 'exportSelected', code: 'KeyX', keys: 'Alt+X' },
  importSelected: { action: 'importSelected', code: 'KeyI', keys: 'Alt+I' },
  linkSelected: { action: 'linkSelected', code: 'KeyL', keys: 'Alt+L' },
  unlinkSelected: { action: 'unlinkSelected', code: 'KeyU', keys: 'Alt+U' },
};

/** The shortcut a key press is, if any: Alt and the letter, no other modifier. */
export function matchShortcutOf(e: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'>): MatchShortcutAction | undefined {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return undefined;
  return Object.values(MATCH_SHORTCUTS).find((s) => s.code === e.code)?.action;
}
