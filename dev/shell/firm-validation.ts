/**
 * Checks the JSON bodies of the firm API before anything is stored. Each field is checked
 * against a small spec, unknown fields are refused (a typo must not be silently dropped), and
 * every message names the field, what was wrong and what to send instead.
 *
 * In a PATCH, `null` or an empty string clears an optional field; the parsed changes then hold
 * the key with the value `undefined`, which the store turns into a deleted property.
 */
import type { Address, ContactInput, EmployeeInput, ExpenseCodeInput, PaymentInput, WorkCodeInput } from '../../src/sync/host/protocol';
import { InputError } from './input-error';
import { isPlainDate } from './plain-date';

type Spec =
  | { type: 'string'; max: number; pattern?: RegExp; hint?: string }
  | { type: 'boolean' }
  | { type: 'date' }
  | { type: 'cents'; min: number }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'address' };

type Specs = Record<string, Spec>;
export type Mode = 'create' | 'patch';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[0-9+().\-\s]*(?:\s*(?:x|ext\.?)\s*\d+)?$/i;

const name = (max = 100): Spec => ({ type: 'string', max });
const email: Spec = { type: 'string', max: 100, pattern: EMAIL, hint: 'an address like name@example.com' };
const phone: Spec = { type: 'string', max: 30, pattern: PHONE, hint: 'digits, spaces and ( ) + - . only, e.g. (650) 555-0142' };

const ADDRESS_SPECS: Specs = {
  line1: name(100),
  line2: name(100),
  city: name(50),
  state: { type: 'string', max: 20 },
  postalCode: { type: 'string', max: 15, pattern: /^[A-Za-z0-9 -]+$/, hint: 'a postal code like 94326 or 94326-1234' },
  country: { type: 'string', max: 2, pattern: /^[A-Z]{2}$/, hint: 'a two-letter ISO country code such as US' },
};

const CONTACT_SPECS: Specs = {
  typeId: { type: 'string', max: 64 },
  kind: { type: 'enum', values: ['business', 'individual'] },
  accountNumber: { type: 'string', max: 20 },
  companyName: name(100),
  firstName: name(100),
  middleName: name(100),
  lastName: name(100),
  suffix: name(16),
  displayName: name(500),
  email,
  phone,
  address: { type: 'address' },
  active: { type: 'boolean' },
};

const EMPLOYEE_SPECS: Specs = {
  firstName: name(100),
  middleName: name(100),
  lastName: name(100),
  suffix: name(16),
  initials: name(5),
  email,
  phone,
  hiredDate: { type: 'date' },
  active: { type: 'boolean' },
};

const CODE_SPECS: Specs = {
  number: { type: 'string', max: 20, pattern: /^[A-Za-z0-9.-]+$/, hint: 'letters, digits, dots or dashes, e.g. 110' },
  description: name(100),
  billable: { type: 'boolean' },
  rateCents: { type: 'cents', min: 0 },
  active: { type: 'boolean' },
};

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function expectObject(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError('invalid_input', `${where} must be a JSON object, got ${describe(value)}.`);
  }
  return value as Record<string, unknown>;
}

function parseValue(spec: Spec, value: unknown, where: string): unknown {
  switch (spec.type) {
    case 'string': {
      if (typeof value !== 'string') throw new InputError('invalid_input', `${where} must be a string, got ${describe(value)}.`);
      const text = value.trim();
      if (text.length > spec.max) throw new InputError('invalid_input', `${where} is ${text.length} characters long; the limit is ${spec.max}. Shorten it.`);
      if (spec.pattern && !spec.pattern.test(text)) throw new InputError('invalid_input', `${where} ${describe(value)} is not valid; send ${spec.hint ?? 'a valid value'}.`);
      return text;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw new InputError('invalid_input', `${where} must be true or false, got ${describe(value)}.`);
      return value;
    case 'date':
      if (typeof value !== 'string' || !isPlainDate(value)) throw new InputError('invalid_input', `${where} must be a date as YYYY-MM-DD, got ${describe(value)}.`);
      return value;
    case 'cents':
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < spec.min) {
        throw new InputError('invalid_input', `${where} must be a whole number of cents${spec.min === 0 ? ' (0 or more)' : ` of at least ${spec.min}`}, got ${describe(value)}; e.g. $12.50 is 1250.`);
      }
      return value;
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value)) throw new InputError('invalid_input', `${where} must be one of ${spec.values.map((v) => `"${v}"`).join(', ')}, got ${describe(value)}.`);
      return value;
    case 'address': {
      const parsed = parseFields(`${where}`, value, ADDRESS_SPECS, [], 'create');
      return Object.keys(parsed).length ? (parsed as Address) : undefined;
    }
  }
}

function parseFields(entity: string, body: unknown, specs: Specs, required: readonly string[], mode: Mode): Record<string, unknown> {
  const obj = expectObject(body, entity);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) {
    const spec = specs[key];
    if (!spec) throw new InputError('invalid_input', `${entity}.${key} is not a field of ${entity}; the fields are ${Object.keys(specs).join(', ')}.`);
    const raw = obj[key];
    if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '' && spec.type === 'string')) {
      if (mode === 'patch') out[key] = undefined;
      continue;
    }
    const value = parseValue(spec, raw, `${entity}.${key}`);
    if (value !== undefined || mode === 'patch') out[key] = value;
  }
  if (mode === 'create') {
    for (const key of required) {
      if (out[key] === undefined) throw new InputError('invalid_input', `${entity}.${key} is required.`);
    }
  } else {
    for (const key of required) {
      if (key in out && out[key] === undefined) throw new InputError('invalid_input', `${entity}.${key} cannot be cleared; send a new value instead.`);
    }
    if (Object.keys(out).length === 0) throw new InputError('invalid_input', `${entity}: the PATCH body has no fields to change.`);
  }
  return out;
}

/** Contact create or patch body; the whole contact is checked again after merging (see checkContactNames). */
export function parseContactInput(body: unknown, mode: Mode): Partial<ContactInput> {
  const parsed = parseFields('contact', body, CONTACT_SPECS, ['typeId', 'kind'], mode);
  if (mode === 'create' && parsed.active === undefined) parsed.active = true;
  return parsed as Partial<ContactInput>;
}

/** A business needs a company name; an individual a first or last name. */
export function checkContactNames(c: Partial<ContactInput>): void {
  if (c.kind === 'business' && !c.companyName) {
    throw new InputError('invalid_input', 'contact.companyName is required for a business contact (kind "business"); send the company name, or kind "individual" with firstName/lastName.');
  }
  if (c.kind === 'individual' && !c.firstName && !c.lastName) {
    throw new InputError('invalid_input', 'contact.firstName or contact.lastName is required for an individual contact (kind "individual").');
  }
}

export function parseEmployeeInput(body: unknown, mode: Mode): Partial<EmployeeInput> {
  const parsed = parseFields('employee', body, EMPLOYEE_SPECS, ['firstName', 'lastName'], mode);
  if (mode === 'create' && parsed.active === undefined) parsed.active = true;
  return parsed as Partial<EmployeeInput>;
}

export function parseCodeInput(entity: 'workCode' | 'expenseCode', body: unknown, mode: Mode): Partial<WorkCodeInput | ExpenseCodeInput> {
  const parsed = parseFields(entity, body, CODE_SPECS, ['number', 'description', 'rateCents'], mode);
  if (mode === 'create') {
    if (parsed.billable === undefined) parsed.billable = true;
    if (parsed.active === undefined) parsed.active = true;
  }
  return parsed as Partial<WorkCodeInput>;
}

/** A payment to record; its applications are checked against the invoices by the store. */
export function parsePaymentInput(body: unknown): PaymentInput {
  const obj = expectObject(body, 'payment');
  const allowed = ['contactId', 'date', 'amountCents', 'method', 'reference', 'applications', 'memo', 'origin'];
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) throw new InputError('invalid_input', `payment.${key} is not a field of payment; the fields are ${allowed.join(', ')}.`);
  }
  const str = (key: string, max: number, required: boolean): string | undefined => {
    const v = obj[key];
    if (v === undefined || v === null || v === '') {
      if (required) throw new InputError('invalid_input', `payment.${key} is required.`);
      return undefined;
    }
    return parseValue({ type: 'string', max }, v, `payment.${key}`) as string;
  };
  const contactId = str('contactId', 64, true) as string;
  if (obj.date === undefined) throw new InputError('invalid_input', 'payment.date is required (YYYY-MM-DD).');
  const date = parseValue({ type: 'date' }, obj.date, 'payment.date') as string;
  if (obj.amountCents === undefined) throw new InputError('invalid_input', 'payment.amountCents is required.');
  const amountCents = parseValue({ type: 'cents', min: 1 }, obj.amountCents, 'payment.amountCents') as number;
  if (!Array.isArray(obj.applications)) {
    throw new InputError('invalid_input', `payment.applications must be a list of {invoiceId, amountCents} (it may be empty), got ${describe(obj.applications)}.`);
  }
  const seen = new Set<string>();
  const applications = obj.applications.map((raw, i) => {
    const a = expectObject(raw, `payment.applications[${i}]`);
    const extra = Object.keys(a).filter((k) => k !== 'invoiceId' && k !== 'amountCents');
    if (extra.length) throw new InputError('invalid_input', `payment.applications[${i}] has unknown field(s) ${extra.join(', ')}; send only invoiceId and amountCents.`);
    const invoiceId = parseValue({ type: 'string', max: 64 }, a.invoiceId, `payment.applications[${i}].invoiceId`) as string;
    if (seen.has(invoiceId)) throw new InputError('invalid_input', `payment.applications lists invoice ${invoiceId} twice; combine the amounts into one application.`);
    seen.add(invoiceId);
    const cents = parseValue({ type: 'cents', min: 1 }, a.amountCents, `payment.applications[${i}].amountCents`) as number;
    return { invoiceId, amountCents: cents };
  });
  let origin: PaymentInput['origin'] = { system: 'officetools' };
  if (obj.origin !== undefined) {
    const o = expectObject(obj.origin, 'payment.origin');
    if (o.system === 'officetools' && Object.keys(o).length === 1) origin = { system: 'officetools' };
    else if (o.system === 'qbo' && typeof o.realmId === 'string' && /^\d+$/.test(o.realmId) && typeof o.qboId === 'string' && /^\d+$/.test(o.qboId) && Object.keys(o).length === 3) {
      origin = { system: 'qbo', realmId: o.realmId, qboId: o.qboId };
    } else {
      throw new InputError('invalid_input', `payment.origin must be {"system":"officetools"} or {"system":"qbo","realmId":"<digits>","qboId":"<digits>"}, got ${describe(obj.origin)}.`);
    }
  }
  const method = str('method', 31, false);
  const reference = str('reference', 21, false);
  const memo = str('memo', 4000, false);
  return {
    contactId,
    date,
    amountCents,
    ...(method ? { method } : {}),
    ...(reference ? { reference } : {}),
    applications,
    ...(memo ? { memo } : {}),
    origin,
  };
}
