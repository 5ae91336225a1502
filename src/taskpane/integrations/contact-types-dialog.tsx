/**
 * "Select Contact Types to Sync to QuickBooks": available types on the left, the chosen ones on
 * the right, moved with Add, Select All, Remove and Clear; Close keeps the choice. Native
 * multi-select list boxes give highlighting, Ctrl/Shift multi-select and keyboard use for free.
 */
import { DefaultButton, Dialog, DialogFooter, DialogType, Label, PrimaryButton, Stack } from '@fluentui/react';
import { useState, type CSSProperties } from 'react';
import type { ContactType } from '../../sync/host/protocol';

export interface ContactTypesDialogProps {
  types: readonly ContactType[];
  selectedIds: readonly string[];
  /** Called with the chosen ids, in OfficeTools' order, when the user closes the window. */
  onClose(selectedIds: string[]): void;
}

const listStyle: CSSProperties = { width: '100%', minHeight: '12em', font: 'inherit', padding: 2, boxSizing: 'border-box' };

function picked(select: HTMLSelectElement): string[] {
  return Array.from(select.selectedOptions, (o) => o.value);
}

export function ContactTypesDialog({ types, selectedIds, onClose }: ContactTypesDialogProps) {
  const known = new Set(types.map((t) => t.id));
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(selectedIds.filter((id) => known.has(id))));
  const [leftHighlight, setLeftHighlight] = useState<string[]>([]);
  const [rightHighlight, setRightHighlight] = useState<string[]>([]);

  const available = types.filter((t) => !chosen.has(t.id));
  const selected = types.filter((t) => chosen.has(t.id));
  const inOrder = (ids: Set<string>) => types.filter((t) => ids.has(t.id)).map((t) => t.id);

  const add = (ids: readonly string[]) => {
    setChosen((c) => new Set([...c, ...ids]));
    setLeftHighlight([]);
  };
  const remove = (ids: readonly string[]) => {
    setChosen((c) => new Set([...c].filter((id) => !ids.includes(id))));
    setRightHighlight([]);
  };
  const close = () => onClose(inOrder(chosen));

  return (
    <Dialog
      hidden={false}
      onDismiss={close}
      minWidth="min(560px, 94vw)"
      maxWidth="94vw"
      dialogContentProps={{
        type: DialogType.normal,
        // The window's own Close button keeps the choice; a second "Close" (the corner X) would be ambiguous.
        showCloseButton: false,
        title: 'Select Contact Types to Sync to QuickBooks',
        subText: 'Move the contact types whose contacts should be updated in QuickBooks Online from the left box to the right box.',
      }}
      modalProps={{ isBlocking: true }}
    >
      <Stack horizontal wrap tokens={{ childrenGap: 12 }} verticalAlign="center">
        <Stack.Item grow styles={{ root: { flexBasis: 160 } }}>
          <Label htmlFor="qbo-types-available">Available contact types</Label>
          <select
            id="qbo-types-available"
            multiple
            style={listStyle}
            value={leftHighlight}
            onChange={(e) => setLeftHighlight(picked(e.currentTarget))}
            onDoubleClick={(e) => add(picked(e.currentTarget))}
          >
            {available.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </Stack.Item>
        <Stack tokens={{ childrenGap: 6 }}>
          <DefaultButton text="Add" onClick={() => add(leftHighlight)} disabled={leftHighlight.length === 0} />
          <DefaultButton text="Select All" onClick={() => add(available.map((t) => t.id))} disabled={available.length === 0} />
          <DefaultButton text="Remove" onClick={() => remove(rightHighlight)} disabled={rightHighlight.length === 0} />
          <DefaultButton text="Clear" onClick={() => remove(selected.map((t) => t.id))} disabled={selected.length === 0} />
        </Stack>
        <Stack.Item grow styles={{ root: { flexBasis: 160 } }}>
          <Label htmlFor="qbo-types-selected">Contact types to sync</Label>
          <select
            id="qbo-types-selected"
            multiple
            style={listStyle}
            value={rightHighlight}
            onChange={(e) => setRightHighlight(picked(e.currentTarget))}
            onDoubleClick={(e) => remove(picked(e.currentTarget))}
          >
            {selected.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </Stack.Item>
      </Stack>
      <DialogFooter>
        <PrimaryButton text="Close" onClick={close} />
      </DialogFooter>
    </Dialog>
  );
}
