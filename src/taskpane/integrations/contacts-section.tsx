/**
 * The Contacts settings of the connected company: the contact-update switch, the contact types
 * it covers (browse button → "Select Contact Types to Sync to QuickBooks") and the Defaults
 * button that opens the QuickBooks Online Integration window.
 */
import { Checkbox, DefaultButton, Stack, Text, TextField } from '@fluentui/react';
import { useState } from 'react';
import type { ContactType } from '../../sync/host/protocol';
import type { SettingsRecord } from '../../sync/store/schema';
// Fetched when first opened (load budget).
import { ContactTypesDialog } from '../lazy-views';
import { summariseContactTypes } from './contact-types-summary';

export interface ContactsSectionProps {
  settings: SettingsRecord;
  /** Undefined while OfficeTools is still sending the list. */
  contactTypes: ContactType[] | undefined;
  onChange(patch: Pick<Partial<SettingsRecord>, 'contactSyncEnabled' | 'contactTypeIds'>): void;
  onDefaults(): void;
}

export function ContactsSection({ settings, contactTypes, onChange, onDefaults }: ContactsSectionProps) {
  const [choosing, setChoosing] = useState(false);
  const summary = contactTypes ? summariseContactTypes(settings.contactTypeIds, contactTypes) : '';
  return (
    <Stack tokens={{ childrenGap: 10 }}>
      <Text as="h3" variant="mediumPlus" styles={{ root: { margin: '8px 0 0', fontWeight: 600 } }}>
        Contacts
      </Text>
      <Checkbox
        label="Update QuickBooks Online when adding/editing contact information"
        checked={settings.contactSyncEnabled}
        onChange={(_e, checked) => onChange({ contactSyncEnabled: !!checked })}
      />
      <Stack horizontal verticalAlign="end" tokens={{ childrenGap: 4 }}>
        <Stack.Item grow>
          <TextField label="Select Contact Type(s) to update" readOnly value={summary} placeholder={contactTypes ? '' : 'Loading contact types…'} />
        </Stack.Item>
        <DefaultButton
          text="…"
          ariaLabel="Browse contact types"
          title="Browse contact types"
          styles={{ root: { minWidth: 40, padding: '0 8px' } }}
          disabled={!contactTypes}
          onClick={() => setChoosing(true)}
        />
      </Stack>
      <Stack horizontal>
        <DefaultButton text="Defaults" onClick={onDefaults} />
      </Stack>
      {choosing && contactTypes && (
        <ContactTypesDialog
          types={contactTypes}
          selectedIds={settings.contactTypeIds}
          onClose={(ids) => {
            setChoosing(false);
            onChange({ contactTypeIds: ids });
          }}
        />
      )}
    </Stack>
  );
}
