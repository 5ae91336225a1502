/**
 * The contact list with search, and the Add and Edit buttons that open the contact form. The
 * column widths add up to less than the records area at 1366 px (1366 − the 180 px navigation),
 * so Phone, City and Edit stay in view on a laptop screen; with an add-in's panel open beside
 * it, City, Phone and then Contact type make room; Name, Email and Edit stay.
 */
import { CommandBarButton, SearchBox } from '@fluentui/react';
import { useMemo, useState } from 'react';
import type { Contact, ContactType } from '../../../src/sync/host/protocol';
import { DataList } from './data-list';

export function matchesSearch(c: Contact, words: string[]): boolean {
  const haystack = `${c.displayName} ${c.accountNumber ?? ''} ${c.email ?? ''} ${c.phone ?? ''} ${c.address?.city ?? ''}`.toLowerCase();
  return words.every((w) => haystack.includes(w));
}

export function ContactsView(props: {
  contacts: Contact[] | undefined;
  contactTypes: ContactType[];
  error?: string;
  onAdd(): void;
  onEdit(contact: Contact): void;
}) {
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<Contact>();
  const typeName = useMemo(() => new Map(props.contactTypes.map((t) => [t.id, t.name])), [props.contactTypes]);
  const shown = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const list = props.contacts ?? [];
    return props.contacts && (words.length ? list.filter((c) => matchesSearch(c, words)) : list);
  }, [props.contacts, query]);

  return (
    <DataList
      title="Contacts"
      items={shown}
      error={props.error}
      onOpen={props.onEdit}
      toolbar={
        <>
          <SearchBox placeholder="Search contacts" ariaLabel="Search contacts" value={query} onChange={(_, v) => setQuery(v ?? '')} styles={{ root: { width: 240 } }} />
          <CommandBarButton iconProps={{ iconName: 'Add' }} text="Add" onClick={props.onAdd} styles={{ root: { height: 32 } }} />
        </>
      }
      columns={[
        {
          key: 'name',
          name: 'Name',
          width: 220,
          render: (c) => (
            <button
              type="button"
              onClick={() => setSelected(c)}
              onDoubleClick={() => props.onEdit(c)}
              style={{ all: 'unset', cursor: 'pointer', fontWeight: selected?.id === c.id ? 600 : 400 }}
            >
              {c.displayName}
            </button>
          ),
        },
        { key: 'type', name: 'Contact type', width: 110, optional: 3, render: (c) => typeName.get(c.typeId) ?? c.typeId },
        { key: 'account', name: 'Account #', width: 90, render: (c) => c.accountNumber ?? '' },
        { key: 'email', name: 'Email', width: 200, render: (c) => c.email ?? '' },
        { key: 'phone', name: 'Phone', width: 110, optional: 2, render: (c) => c.phone ?? '' },
        { key: 'city', name: 'City', width: 110, optional: 1, render: (c) => (c.address?.city ? `${c.address.city}, ${c.address.state ?? ''}` : '') },
        {
          key: 'edit',
          name: '',
          width: 60,
          render: (c) => (
            <CommandBarButton iconProps={{ iconName: 'Edit' }} text="Edit" ariaLabel={`Edit ${c.displayName}`} onClick={() => props.onEdit(c)} styles={{ root: { height: 24 } }} />
          ),
        },
      ]}
    />
  );
}
