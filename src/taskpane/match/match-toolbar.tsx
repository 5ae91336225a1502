/**
 * The Match tab's buttons, Hide Synchronized and the contact-type drop-down. Export, Import,
 * Link and Unlink name their keyboard shortcuts (match-shortcuts.ts) in their tooltips. Memoized, with
 * handlers that keep their identity, so a highlight (the tab's most frequent change) does not
 * re-render a dozen Fluent components it does not touch.
 */
import { Checkbox, DefaultButton, Dropdown, PrimaryButton, Stack, TooltipHost, type IDropdownOption } from '@fluentui/react';
import { memo } from 'react';
import { MATCH_SHORTCUTS, type MatchShortcutAction } from './match-shortcuts';

export interface MatchToolbarActions {
  exportSelected(): void;
  importSelected(): void;
  linkSelected(): void;
  unlinkSelected(): void;
  askClearAll(): void;
  startAutomatch(): void;
  setHideSynced(hide: boolean): void;
  setImportTypeId(id: string): void;
}

export interface MatchToolbarProps {
  actions: MatchToolbarActions;
  disabled: boolean;
  /** Clear all links has nothing to clear. */
  noLinks: boolean;
  hideSynced: boolean;
  /** Shown for contacts only: the OfficeTools contact type imported customers get. */
  importTypes?: readonly IDropdownOption[];
  importTypeId: string;
}

export const MatchToolbar = memo(function MatchToolbar({ actions, disabled, noLinks, hideSynced, importTypes, importTypeId }: MatchToolbarProps) {
  return (
    <Stack horizontal wrap tokens={{ childrenGap: 8 }} verticalAlign="end">
      <ActionButtons actions={actions} disabled={disabled} noLinks={noLinks} />
      <Checkbox label="Hide Synchronized" checked={hideSynced} onChange={(_e, v) => actions.setHideSynced(Boolean(v))} styles={CHECKBOX_STYLES} />
      {importTypes && <ImportTypePicker actions={actions} disabled={disabled} importTypes={importTypes} importTypeId={importTypeId} />}
    </Stack>
  );
});

const CHECKBOX_STYLES = { root: { alignSelf: 'center' } };
const DROPDOWN_STYLES = { root: { minWidth: 160 } };

/** A tooltip naming the button's shortcut, which a screen reader also hears (aria-keyshortcuts). */
function withShortcut(action: MatchShortcutAction, label: string) {
  const { keys } = MATCH_SHORTCUTS[action];
  return { tooltip: `${label} (${keys})`, 'aria-keyshortcuts': keys };
}

const SHORTCUT_BUTTONS: Array<{ action: MatchShortcutAction; text: string; primary: boolean }> = [
  { action: 'exportSelected', text: 'Export to QBO', primary: true },
  { action: 'importSelected', text: 'Import from QBO', primary: true },
  { action: 'linkSelected', text: 'Link', primary: false },
  { action: 'unlinkSelected', text: 'Unlink', primary: false },
];

// Apart from the check box, so that toggling Hide Synchronized re-renders the check box only.
const ActionButtons = memo(function ActionButtons({ actions, disabled, noLinks }: Pick<MatchToolbarProps, 'actions' | 'disabled' | 'noLinks'>) {
  return (
    <>
      {SHORTCUT_BUTTONS.map(({ action, text, primary }) => {
        const { tooltip, ...aria } = withShortcut(action, text);
        const Button = primary ? PrimaryButton : DefaultButton;
        return (
          <TooltipHost key={action} content={tooltip}>
            <Button text={text} onClick={actions[action]} disabled={disabled} {...aria} />
          </TooltipHost>
        );
      })}
      <DefaultButton text="Clear all links" onClick={actions.askClearAll} disabled={disabled || noLinks} />
      <DefaultButton text="Automatch" onClick={actions.startAutomatch} disabled={disabled} />
    </>
  );
});

const ImportTypePicker = memo(function ImportTypePicker({
  actions,
  disabled,
  importTypes,
  importTypeId,
}: Pick<MatchToolbarProps, 'actions' | 'disabled' | 'importTypeId'> & { importTypes: readonly IDropdownOption[] }) {
  return (
    <Dropdown
      label="Imported customers become"
      options={importTypes as IDropdownOption[]}
      selectedKey={importTypeId || null}
      onChange={(_e, o) => o && actions.setImportTypeId(String(o.key))}
      styles={DROPDOWN_STYLES}
      disabled={disabled}
    />
  );
});
