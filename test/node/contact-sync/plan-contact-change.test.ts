/** The contact-sync planner, rule by rule (issue 7). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Contact } from '../../../src/sync/host/protocol';
import { planContactChange, type PlanInput } from '../../../src/sync/contact-sync/plan-contact-change';
import { contactFields } from '../../../src/sync/contact-sync/customer-fields';

const CLIENT = 'type-client';
const PROSPECT = 'type-prospect';

function contact(over: Partial<Contact> = {}): Contact {
  return {
    id: 'c1',
    typeId: CLIENT,
    kind: 'individual',
    firstName: 'Ann',
    lastName: 'Lee',
    displayName: 'Lee, Ann',
    email: 'ann@lee.example',
    phone: '555-0100',
    address: { line1: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' },
    active: true,
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

const on = { contactSyncEnabled: true, contactTypeIds: [CLIENT] };
const off = { contactSyncEnabled: false, contactTypeIds: [CLIENT] };
const linked = (synced?: Contact) => ({ qboId: '58', syncedFields: synced ? contactFields(synced).fields : undefined });

interface Row {
  name: string;
  input: PlanInput;
  action: string;
  reason?: string;
  fields?: Record<string, unknown>;
}

const rows: Row[] = [
  { name: 'switch off: a new contact sends nothing', input: { settings: off, event: { kind: 'added', contact: contact() } }, action: 'ignore', reason: 'switchOff' },
  {
    name: 'switch off: an edit of a linked contact sends nothing',
    input: { settings: off, link: linked(contact()), event: { kind: 'changed', contact: contact({ email: 'new@lee.example' }), previous: contact() } },
    action: 'ignore',
    reason: 'switchOff',
  },
  {
    name: 'type not chosen: a new contact sends nothing',
    input: { settings: on, event: { kind: 'added', contact: contact({ typeId: PROSPECT }) } },
    action: 'ignore',
    reason: 'typeNotChosen',
  },
  {
    name: 'no types chosen at all: nothing is sent',
    input: { settings: { contactSyncEnabled: true, contactTypeIds: [] }, event: { kind: 'added', contact: contact() } },
    action: 'ignore',
    reason: 'typeNotChosen',
  },
  {
    name: 'moved out of the chosen types: no longer updated (the edit is not sent)',
    input: {
      settings: on,
      link: linked(contact()),
      event: { kind: 'changed', contact: contact({ typeId: PROSPECT, email: 'x@lee.example' }), previous: contact() },
    },
    action: 'ignore',
    reason: 'typeNotChosen',
  },
  { name: 'new contact of a chosen type: create (or link)', input: { settings: on, event: { kind: 'added', contact: contact() } }, action: 'create' },
  {
    name: 'edited but never linked: create (or link)',
    input: { settings: on, event: { kind: 'changed', contact: contact({ phone: '555-0199' }), previous: contact() } },
    action: 'create',
  },
  {
    name: 'moved into the chosen types, not linked: create (or link)',
    input: { settings: on, event: { kind: 'changed', contact: contact(), previous: contact({ typeId: PROSPECT }) } },
    action: 'create',
  },
  {
    name: 'linked, one field edited: a sparse update with only that field',
    input: { settings: on, link: linked(contact()), event: { kind: 'changed', contact: contact({ email: 'ann@new.example' }), previous: contact() } },
    action: 'update',
    fields: { 'PrimaryEmailAddr.Address': 'ann@new.example' },
  },
  {
    name: 'linked, city edited: only the city (the executor sends the address whole)',
    input: {
      settings: on,
      link: linked(contact()),
      event: { kind: 'changed', contact: contact({ address: { ...contact().address, city: 'Shelbyville' } }), previous: contact() },
    },
    action: 'update',
    fields: { 'BillAddr.City': 'Shelbyville' },
  },
  {
    name: 'linked, email removed: the email is cleared',
    input: { settings: on, link: linked(contact()), event: { kind: 'changed', contact: contact({ email: undefined }), previous: contact() } },
    action: 'update',
    fields: { 'PrimaryEmailAddr.Address': '' },
  },
  {
    name: 'linked, name edited: DisplayName and FamilyName change',
    input: { settings: on, link: linked(contact()), event: { kind: 'changed', contact: contact({ lastName: 'Park' }), previous: contact() } },
    action: 'update',
    fields: { DisplayName: 'Ann Park', FamilyName: 'Park' },
  },
  {
    name: 'linked, made inactive: Active false',
    input: { settings: on, link: linked(contact()), event: { kind: 'changed', contact: contact({ active: false }), previous: contact() } },
    action: 'update',
    fields: { Active: false },
  },
  {
    name: 'linked, only the account number changed: nothing QBO keeps',
    input: { settings: on, link: linked(contact()), event: { kind: 'changed', contact: contact({ accountNumber: 'A-9' }), previous: contact() } },
    action: 'ignore',
    reason: 'noChange',
  },
  {
    name: 'moved back into the chosen types while linked: what differs from the last sync',
    input: {
      settings: on,
      link: linked(contact()),
      event: { kind: 'changed', contact: contact({ phone: '555-0142' }), previous: contact({ typeId: PROSPECT, phone: '555-0142' }) },
    },
    action: 'update',
    fields: { 'PrimaryPhone.FreeFormNumber': '555-0142' },
  },
  {
    name: 'moved in while linked, nothing differs from the last sync: nothing',
    input: { settings: on, link: linked(contact()), event: { kind: 'changed', contact: contact(), previous: contact({ typeId: PROSPECT }) } },
    action: 'ignore',
    reason: 'noChange',
  },
  {
    name: 'a contact with no name at all: invalid, with the reason',
    input: { settings: on, event: { kind: 'added', contact: contact({ firstName: undefined, lastName: undefined }) } },
    action: 'invalid',
  },
];

describe('planContactChange', () => {
  for (const row of rows) {
    it(row.name, () => {
      const plan = planContactChange(row.input);
      assert.equal(plan.action, row.action, JSON.stringify(plan));
      if (row.reason) assert.equal(plan.action === 'ignore' && plan.reason, row.reason);
      if (row.fields) assert.deepEqual(plan.action === 'update' && plan.fields, row.fields);
    });
  }

  it('a create carries the whole contact as customer fields, DisplayName "First Last"', () => {
    const plan = planContactChange({ settings: on, event: { kind: 'added', contact: contact() } });
    assert.ok(plan.action === 'create');
    assert.equal(plan.displayName, 'Ann Lee');
    assert.equal(plan.fields['PrimaryEmailAddr.Address'], 'ann@lee.example');
    assert.equal(plan.fields['BillAddr.City'], 'Springfield');
    assert.equal(plan.fields.Active, true);
  });

  it('an update names the linked customer', () => {
    const plan = planContactChange({
      settings: on,
      link: linked(contact()),
      event: { kind: 'changed', contact: contact({ phone: '1' }), previous: contact() },
    });
    assert.ok(plan.action === 'update');
    assert.equal(plan.qboId, '58');
  });

  it('the moved-out message says the link stays', () => {
    const plan = planContactChange({
      settings: on,
      link: linked(contact()),
      event: { kind: 'changed', contact: contact({ typeId: PROSPECT }), previous: contact() },
    });
    assert.ok(plan.action === 'ignore');
    assert.match(plan.message, /link stays/);
  });
});
