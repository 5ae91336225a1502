/** How OfficeTools shows a contact in lists: the company name, or "Last, First M." for a person. */
import type { Contact } from '../../src/sync/host/protocol';

type NameFields = Pick<Contact, 'kind' | 'companyName' | 'firstName' | 'middleName' | 'lastName' | 'suffix'>;

export function contactDisplayName(c: NameFields): string {
  if (c.kind === 'business') return (c.companyName ?? '').trim();
  const last = [c.lastName, c.suffix].filter(Boolean).join(' ').trim();
  const middle = c.middleName ? ` ${c.middleName.trim().charAt(0)}.` : '';
  const first = c.firstName ? `${c.firstName.trim()}${middle}` : '';
  if (last && first) return `${last}, ${first}`;
  return last || first;
}
