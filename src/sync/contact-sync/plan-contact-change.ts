/**
 * The contact-sync planner: given the settings, the contact's link and the contact before and
 * after an OfficeTools event, decides what QBO should get. Pure: no I/O, no clock.
 *
 * - Switch off, or a contact type not chosen: nothing (a linked contact moved out of the
 *   chosen types keeps its link, it is just no longer updated).
 * - Not linked yet (new, edited, or moved into the chosen types): create-or-link; the executor
 *   looks for a customer of the same DisplayName first.
 * - Linked: a sparse update with only the fields that changed. Normally "changed" means
 *   between the previous and the new contact; for a contact that just moved into the chosen
 *   types (or an `added` event for a contact already linked) it means "differs from what was
 *   last synced", since edits made while it was out of scope were never sent.
 */
import type { Contact } from '../host/protocol';
import { MappingError } from '../mappings/mapping-types';
import type { LinkRecord, SettingsRecord } from '../store/schema';
import type { FlatFields } from './customer-fields';
import { changedFields, contactFields, sameValue } from './customer-fields';

export type ContactEvent =
  | { kind: 'added'; contact: Contact }
  | { kind: 'changed'; contact: Contact; previous: Contact };

export interface PlanInput {
  settings: Pick<SettingsRecord, 'contactSyncEnabled' | 'contactTypeIds'>;
  /** The contact's link, if it has one. */
  link?: Pick<LinkRecord, 'qboId' | 'syncedFields'>;
  event: ContactEvent;
}

export type IgnoreReason =
  /** "Update QuickBooks Online when adding/editing contact information" is off. */
  | 'switchOff'
  /** The contact's type is not among the chosen ones. */
  | 'typeNotChosen'
  /** Linked, but nothing QBO keeps changed (say, only the account number). */
  | 'noChange';

export type ContactSyncPlan =
  | { action: 'ignore'; contactId: string; reason: IgnoreReason; message: string }
  | { action: 'create'; contactId: string; fields: FlatFields; displayName: string }
  | { action: 'update'; contactId: string; qboId: string; fields: FlatFields }
  | { action: 'invalid'; contactId: string; code: string; message: string };

function name(contact: Contact): string {
  return contact.displayName || contact.companyName || [contact.firstName, contact.lastName].filter(Boolean).join(' ') || contact.id;
}

export function planContactChange(input: PlanInput): ContactSyncPlan {
  const { settings, link, event } = input;
  const contact = event.contact;
  const contactId = contact.id;
  if (!settings.contactSyncEnabled) {
    return { action: 'ignore', contactId, reason: 'switchOff', message: 'Contact updates to QuickBooks Online are switched off.' };
  }
  const chosen = new Set(settings.contactTypeIds);
  if (!chosen.has(contact.typeId)) {
    const movedOut = event.kind === 'changed' && chosen.has(event.previous.typeId) && link !== undefined;
    return {
      action: 'ignore',
      contactId,
      reason: 'typeNotChosen',
      message: movedOut
        ? `${name(contact)} moved to a contact type that is not updated in QuickBooks Online; its link stays, but its changes are no longer sent.`
        : `${name(contact)} has a contact type that is not updated in QuickBooks Online.`,
    };
  }

  let after: FlatFields;
  try {
    after = contactFields(contact).fields;
  } catch (error) {
    if (error instanceof MappingError) return { action: 'invalid', contactId, code: error.code, message: error.message };
    throw error;
  }

  if (!link) return { action: 'create', contactId, fields: after, displayName: String(after.DisplayName) };

  const movedIn = event.kind === 'changed' && !chosen.has(event.previous.typeId);
  let fields: FlatFields;
  if (event.kind === 'changed' && !movedIn) {
    let before: FlatFields;
    try {
      before = contactFields(event.previous).fields;
    } catch (error) {
      // The previous version had no usable name: everything differs from it.
      if (!(error instanceof MappingError)) throw error;
      before = {};
    }
    fields = changedFields(before, after);
  } else {
    const synced = link.syncedFields ?? {};
    fields = {};
    for (const [f, v] of Object.entries(after)) if (!(f in synced) || !sameValue(synced[f], v)) fields[f] = v;
  }
  if (Object.keys(fields).length === 0) {
    return { action: 'ignore', contactId, reason: 'noChange', message: `Nothing QuickBooks Online keeps changed for ${name(contact)}.` };
  }
  return { action: 'update', contactId, qboId: link.qboId, fields };
}
