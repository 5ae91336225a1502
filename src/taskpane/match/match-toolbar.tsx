/**
 * The Match tab's buttons, Hide Synchronized and the contact-type drop-down. Memoized, with
 * handlers that keep their identity, so a highlight (the tab's most frequent change) does not
 * re-render a dozen Fluent components it does not touch.
 */
import { Checkbox, DefaultButton, Dropdown, PrimaryButton, Stack, type IDropdownOption } from '@fluentui/react';
import { memo } from 'react';

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

// Apart from the check box, so that toggling Hide Synchronized re-renders the check box only.
const ActionButtons = memo(function ActionButtons({ actions, disabled, noLinks }: Pick<MatchToolbarProps, 'actions' | 'disabled' | 'noLinks'>) {
  return (
    <>
      <PrimaryButton text="Export to QBO" onClick={actions.exportSelected} disabled={disabled} />
      <PrimaryButton text="Import from QBO" onClick={actions.importSelected} disabled={disabled} />
      <DefaultButton text="Link" onClick={actions.linkSelected} disabled={disabled} />
      <DefaultButton text="Unlink" onClick={actions.unlinkSelected} disabled={disabled} />
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
