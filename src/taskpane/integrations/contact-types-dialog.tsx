/**
 * "Select Contact Types to Sync to QuickBooks": two boxes side by side, Available contact types
 * and Contact types to sync, each a list of Fluent check boxes; the checked ones move with Add
 * and Remove, all of them with Select All and Clear; Close keeps the choice. The boxes stay side
 * by side at any width (they share it), so the words "from Available contact types to Contact
 * types to sync" always match what is on screen (issue 12).
 */
import { Checkbox, DefaultButton, Dialog, DialogFooter, DialogType, PrimaryButton, Stack, Text } from '@fluentui/react';
import { useId, useState } from 'react';
import type { ContactType } from '../../sync/host/protocol';

export interface ContactTypesDialogProps {
  types: readonly ContactType[];
  selectedIds: readonly string[];
  /** Called with the chosen ids, in OfficeTools' order, when the user closes the window. */
  onClose(selectedIds: string[]): void;
}

export const CONTACT_TYPES_HELP = 'Check contact types under Available contact types and click Add to move them to Contact types to sync; contacts of those types are updated in QuickBooks Online.';

/** One box: a labelled group of check boxes that scrolls inside itself. */
function TypeBox(props: { label: string; types: readonly ContactType[]; checked: readonly string[]; onToggle(id: string, on: boolean): void; empty: string }) {
  const labelId = useId();
  return (
    <Stack.Item grow styles={{ root: { flexBasis: 0, minWidth: 0 } }}>
      <Text id={labelId} block variant="medium" styles={{ root: { fontWeight: 600, marginBottom: 4 } }}>
        {props.label}
      </Text>
      <div role="group" aria-labelledby={labelId} style={{ border: '1px solid #8a8886', height: '12em', overflowY: 'auto', padding: 6, boxSizing: 'border-box' }}>
        {props.types.length === 0 ? (
          <Text variant="small" styles={{ root: { color: '#605e5c' } }}>
            {props.empty}
          </Text>
        ) : (
          <Stack tokens={{ childrenGap: 6 }}>
            {props.types.map((t) => (
              <Checkbox key={t.id} label={t.name} checked={props.checked.includes(t.id)} onChange={(_e, on) => props.onToggle(t.id, Boolean(on))} />
            ))}
          </Stack>
        )}
      </div>
    </Stack.Item>
  );
}

export function ContactTypesDialog({ types, selectedIds, onClose }: ContactTypesDialogProps) {
  const known = new Set(types.map((t) => t.id));
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(selectedIds.filter((id) => known.has(id))));
  const [leftHighlight, setLeftHighlight] = useState<string[]>([]);
  const [rightHighlight, setRightHighlight] = useState<string[]>([]);

  const available = types.filter((t) => !chosen.has(t.id));
  const selected = types.filter((t) => chosen.has(t.id));
  const inOrder = (ids: Set<string>) => types.filter((t) => ids.has(t.id)).map((t) => t.id);
  const toggle = (set: (f: (ids: string[]) => string[]) => void) => (id: string, on: boolean) => set((ids) => (on ? [...ids.filter((x) => x !== id), id] : ids.filter((x) => x !== id)));

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
        subText: CONTACT_TYPES_HELP,
      }}
      modalProps={{ isBlocking: true }}
    >
      <Stack horizontal tokens={{ childrenGap: 12 }} verticalAlign="center">
        <TypeBox label="Available contact types" types={available} checked={leftHighlight} onToggle={toggle(setLeftHighlight)} empty="All contact types are chosen." />
        <Stack tokens={{ childrenGap: 6 }} styles={{ root: { flex: 'none' } }}>
          <DefaultButton text="Add" onClick={() => add(leftHighlight)} disabled={leftHighlight.length === 0} />
          <DefaultButton text="Select All" onClick={() => add(available.map((t) => t.id))} disabled={available.length === 0} />
          <DefaultButton text="Remove" onClick={() => remove(rightHighlight)} disabled={rightHighlight.length === 0} />
          <DefaultButton text="Clear" onClick={() => remove(selected.map((t) => t.id))} disabled={selected.length === 0} />
        </Stack>
        <TypeBox label="Contact types to sync" types={selected} checked={rightHighlight} onToggle={toggle(setRightHighlight)} empty="None yet: check types under Available contact types and click Add." />
      </Stack>
      <DialogFooter>
        <PrimaryButton text="Close" onClick={close} />
      </DialogFooter>
    </Dialog>
  );
}
