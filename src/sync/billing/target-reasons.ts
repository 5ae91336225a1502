/**
 * Reasons shared by the export planners when the QBO record a document points at cannot take
 * it: the linked customer is inactive or gone (QBO would answer 610 at send time).
 */
import type { BlockReason, QboNameSummary } from './billing-types';
import { shownName } from './safe-text';

export function customerReasons(
  contactName: string | undefined,
  contactId: string,
  customerId: string,
  facts: { customers: ReadonlyMap<string, QboNameSummary> } | undefined,
): BlockReason[] {
  if (!facts) return [];
  const customer = facts.customers.get(customerId);
  const who = (contactName && shownName(contactName)) || 'The contact';
  const fix = { label: 'Open Contact Match', view: 'contactMatch' as const, focusId: contactId };
  if (!customer) {
    return [{ code: 'customer_inactive', message: `${who} is linked to a QuickBooks Online customer that no longer exists (deleted or merged there). Link the contact again on the Contact Match tab.`, fix }];
  }
  if (!customer.active) {
    return [{ code: 'customer_inactive', message: `${who} is linked to the QuickBooks Online customer "${shownName(customer.name)}", which is inactive there. Make it active in QuickBooks Online, or link the contact to another customer on the Contact Match tab.`, fix }];
  }
  return [];
}
