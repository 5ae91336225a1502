/** The Add Contact / Edit Contact form. Sends only what changed when editing. */
import { ChoiceGroup, DefaultButton, Dialog, DialogFooter, DialogType, Dropdown, MessageBar, MessageBarType, PrimaryButton, Stack, TextField } from '@fluentui/react';
import { useState } from 'react';
import type { Contact, ContactInput, ContactType } from '../../../src/sync/host/protocol';

type Fields = {
  kind: 'business' | 'individual';
  typeId: string;
  companyName: string;
  firstName: string;
  middleName: string;
  lastName: string;
  accountNumber: string;
  email: string;
  phone: string;
  line1: string;
  city: string;
  state: string;
  postalCode: string;
};

function fieldsOf(c: Contact | undefined, defaultTypeId: string): Fields {
  return {
    kind: c?.kind ?? 'business',
    typeId: c?.typeId ?? defaultTypeId,
    companyName: c?.companyName ?? '',
    firstName: c?.firstName ?? '',
    middleName: c?.middleName ?? '',
    lastName: c?.lastName ?? '',
    accountNumber: c?.accountNumber ?? '',
    email: c?.email ?? '',
    phone: c?.phone ?? '',
    line1: c?.address?.line1 ?? '',
    city: c?.address?.city ?? '',
    state: c?.address?.state ?? '',
    postalCode: c?.address?.postalCode ?? '',
  };
}

/** The body to send: a full input for a new contact, only the changed fields for an edit. */
export function contactBody(fields: Fields, original: Contact | undefined): Partial<ContactInput> {
  const address = fields.line1 || fields.city || fields.state || fields.postalCode
    ? { line1: fields.line1, city: fields.city, state: fields.state, postalCode: fields.postalCode, country: original?.address?.country ?? 'US' }
    : null;
  const full: Record<string, unknown> = {
    kind: fields.kind,
    typeId: fields.typeId,
    companyName: fields.kind === 'business' ? fields.companyName : '',
    firstName: fields.kind === 'individual' ? fields.firstName : '',
    middleName: fields.kind === 'individual' ? fields.middleName : '',
    lastName: fields.kind === 'individual' ? fields.lastName : '',
    accountNumber: fields.accountNumber,
    email: fields.email,
    phone: fields.phone,
    address,
  };
  if (!original) {
    return Object.fromEntries(Object.entries(full).filter(([, v]) => v !== '' && v !== null)) as Partial<ContactInput>;
  }
  const before = fieldsOf(original, original.typeId);
  const changes: Record<string, unknown> = {};
  for (const key of ['kind', 'typeId', 'companyName', 'firstName', 'middleName', 'lastName', 'accountNumber', 'email', 'phone'] as const) {
    if (full[key] !== before[key]) changes[key] = full[key] === '' ? null : full[key];
  }
  if (['line1', 'city', 'state', 'postalCode'].some((k) => fields[k as keyof Fields] !== before[k as keyof Fields])) changes.address = address;
  return changes as Partial<ContactInput>;
}

export interface ContactFormProps {
  contact?: Contact;
  contactTypes: ContactType[];
  onSave(body: Partial<ContactInput>): Promise<void>;
  onCancel(): void;
}

export function ContactForm({ contact, contactTypes, onSave, onCancel }: ContactFormProps) {
  const [fields, setFields] = useState<Fields>(() => fieldsOf(contact, contactTypes[0]?.id ?? ''));
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const set = (key: keyof Fields) => (_: unknown, value?: string) => setFields((f) => ({ ...f, [key]: value ?? '' }));
  const title = contact ? `Edit Contact: ${contact.displayName}` : 'Add Contact';

  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      const body = contactBody(fields, contact);
      if (contact && Object.keys(body).length === 0) onCancel();
      else await onSave(body);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog hidden={false} onDismiss={onCancel} dialogContentProps={{ type: DialogType.normal, title }} minWidth={520}>
      <form
        aria-label={title}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack tokens={{ childrenGap: 8 }}>
          {error && (
            <MessageBar messageBarType={MessageBarType.error} role="alert">
              {error}
            </MessageBar>
          )}
          <ChoiceGroup
            label="Files as"
            selectedKey={fields.kind}
            options={[
              { key: 'business', text: 'Business' },
              { key: 'individual', text: 'Individual' },
            ]}
            onChange={(_, o) => o && setFields((f) => ({ ...f, kind: o.key as Fields['kind'] }))}
            styles={{ flexContainer: { display: 'flex', gap: 16 } }}
          />
          <Dropdown
            label="Contact type"
            selectedKey={fields.typeId}
            options={contactTypes.map((t) => ({ key: t.id, text: t.name }))}
            onChange={(_, o) => o && setFields((f) => ({ ...f, typeId: String(o.key) }))}
          />
          {fields.kind === 'business' ? (
            <TextField label="Company name" required value={fields.companyName} onChange={set('companyName')} />
          ) : (
            <Stack horizontal tokens={{ childrenGap: 8 }}>
              <TextField label="First name" value={fields.firstName} onChange={set('firstName')} />
              <TextField label="Middle name" value={fields.middleName} onChange={set('middleName')} styles={{ root: { width: 110 } }} />
              <TextField label="Last name" value={fields.lastName} onChange={set('lastName')} />
            </Stack>
          )}
          <Stack horizontal tokens={{ childrenGap: 8 }}>
            <TextField label="Account number" value={fields.accountNumber} onChange={set('accountNumber')} />
            <TextField label="Phone" value={fields.phone} onChange={set('phone')} />
          </Stack>
          <TextField label="Email" type="email" value={fields.email} onChange={set('email')} />
          <TextField label="Address" value={fields.line1} onChange={set('line1')} />
          <Stack horizontal tokens={{ childrenGap: 8 }}>
            <TextField label="City" value={fields.city} onChange={set('city')} />
            <TextField label="State" value={fields.state} onChange={set('state')} styles={{ root: { width: 70 } }} />
            <TextField label="ZIP code" value={fields.postalCode} onChange={set('postalCode')} styles={{ root: { width: 110 } }} />
          </Stack>
        </Stack>
        <DialogFooter>
          <PrimaryButton type="submit" text="Save" disabled={saving} />
          <DefaultButton text="Cancel" onClick={onCancel} />
        </DialogFooter>
      </form>
    </Dialog>
  );
}
