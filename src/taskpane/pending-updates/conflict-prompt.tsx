/**
 * "Which value to keep": one choice per field that changed in both OfficeTools and QuickBooks
 * Online since the last sync. Nothing is preselected, so no value is overwritten by a click
 * on Confirm alone.
 */
import { ChoiceGroup, DefaultButton, Dialog, DialogFooter, DialogType, MessageBar, MessageBarType, PrimaryButton, Spinner, Stack } from '@fluentui/react';
import { useState } from 'react';
import type { ConflictChoice } from '../../sync/contact-sync/contact-outbox';
import type { FieldValue } from '../../sync/contact-sync/customer-fields';
import type { ConflictField } from './pending-updates-service';

export interface ConflictPromptProps {
  contactName: string;
  /** Undefined while QuickBooks' values are being read. */
  fields: ConflictField[] | undefined;
  error?: string;
  busy?: boolean;
  onConfirm(choices: Record<string, ConflictChoice>): void;
  onCancel(): void;
}

export function showValue(value: FieldValue): string {
  if (value === null || value === '') return '(empty)';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

export function ConflictPrompt({ contactName, fields, error, busy, onConfirm, onCancel }: ConflictPromptProps) {
  const [choices, setChoices] = useState<Record<string, ConflictChoice>>({});
  const complete = fields !== undefined && fields.every((f) => choices[f.field] !== undefined);
  return (
    <Dialog
      hidden={false}
      onDismiss={onCancel}
      dialogContentProps={{
        type: DialogType.normal,
        title: `Which value to keep for ${contactName}?`,
        subText: 'These fields changed in OfficeTools and in QuickBooks Online since the last sync. Choose the value to keep for each.',
      }}
      modalProps={{ isBlocking: true }}
      minWidth={420}
    >
      <Stack tokens={{ childrenGap: 12 }}>
        {error && (
          <MessageBar messageBarType={MessageBarType.error} isMultiline>
            {error}
          </MessageBar>
        )}
        {fields === undefined && !error && <Spinner label="Reading QuickBooks Online…" />}
        {fields?.map((f) => (
          <ChoiceGroup
            key={f.field}
            label={f.label}
            selectedKey={choices[f.field] ?? null}
            options={[
              { key: 'officetools', text: `OfficeTools: ${showValue(f.officetools)}` },
              { key: 'quickbooks', text: `QuickBooks Online: ${showValue(f.quickbooks)}` },
            ]}
            onChange={(_e, option) => {
              if (option) setChoices((c) => ({ ...c, [f.field]: option.key as ConflictChoice }));
            }}
          />
        ))}
      </Stack>
      <DialogFooter>
        <PrimaryButton text="Keep these values" disabled={!complete || busy} onClick={() => onConfirm(choices)} />
        <DefaultButton text="Decide later" onClick={onCancel} />
      </DialogFooter>
    </Dialog>
  );
}
