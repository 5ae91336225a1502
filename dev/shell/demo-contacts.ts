/**
 * Realistic contacts for the demo firm and for `POST /__shell/seed` (benchmarks with 20,000
 * clients): businesses and individuals with account numbers, emails, phones and US addresses.
 */
import type { Contact, ContactType } from '../../src/sync/host/protocol';
import { contactDisplayName } from './contact-display-name';
import {
  BUSINESS_PREFIXES,
  BUSINESS_SUFFIXES,
  CITIES,
  FIRST_NAMES,
  LAST_NAMES,
  STREET_NAMES,
  STREET_SUFFIXES,
  TRADES,
} from './demo-names';
import type { Random } from './prng';

export interface ContactBatchOptions {
  count: number;
  /** Sequence number of the first contact; ids are `c-<seq>` and account numbers `<10000 + seq>`. */
  firstSeq: number;
  contactTypes: readonly ContactType[];
  /** Display names already taken; new names avoid them and are added. */
  usedNames: Set<string>;
  updatedAt: string;
}

/** Most of a firm's contacts are clients; the other types are sprinkled in. */
const TYPE_WEIGHTS: Record<string, number> = {
  Client: 70,
  Prospect: 8,
  Vendor: 6,
  'Referral Source': 3,
  'Former Client': 6,
  Professional: 4,
  'Employee Contact': 1,
  Other: 2,
};

function weightedTypePicker(random: Random, types: readonly ContactType[]): () => string {
  const weights = types.map((t) => TYPE_WEIGHTS[t.name] ?? 1);
  const total = weights.reduce((a, b) => a + b, 0);
  return () => {
    let roll = random.next() * total;
    for (let i = 0; i < types.length; i++) {
      roll -= weights[i];
      if (roll < 0) return types[i].id;
    }
    return types[types.length - 1].id;
  };
}

function slug(text: string): string {
  return text.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '');
}

/** Fictional 555 numbers in the city's area code. */
function phoneFor(random: Random, area: string): string {
  return `(${area}) 555-${String(random.int(100, 9999)).padStart(4, '0')}`;
}

export function randomAddress(random: Random): NonNullable<Contact['address']> {
  const place = random.pick(CITIES);
  return {
    line1: `${random.int(10, 9899)} ${random.pick(STREET_NAMES)} ${random.pick(STREET_SUFFIXES)}`,
    ...(random.chance(0.15) ? { line2: `Suite ${random.int(100, 450)}` } : {}),
    city: place.city,
    state: place.state,
    postalCode: place.postalCode,
    country: 'US',
  };
}

type Names = Pick<Contact, 'kind' | 'companyName' | 'firstName' | 'middleName' | 'lastName'>;

function randomNames(random: Random): Names {
  if (random.chance(0.55)) {
    const owner = random.chance(0.5) ? random.pick(LAST_NAMES) : random.pick(BUSINESS_PREFIXES);
    const suffix = random.pick(BUSINESS_SUFFIXES);
    return { kind: 'business', companyName: [owner, random.pick(TRADES), suffix].filter(Boolean).join(' ') };
  }
  return {
    kind: 'individual',
    firstName: random.pick(FIRST_NAMES),
    ...(random.chance(0.3) ? { middleName: String.fromCharCode(65 + random.int(0, 25)) } : {}),
    lastName: random.pick(LAST_NAMES),
  };
}

/** Builds one contact around the given names (used for the hand-made sample-company variants too). */
export function buildContact(random: Random, seq: number, typeId: string, names: Names, updatedAt: string): Contact {
  const place = random.pick(CITIES);
  const displayName = contactDisplayName(names);
  const email =
    names.kind === 'business'
      ? `${random.pick(['info', 'office', 'billing', 'accounts'])}@${slug(names.companyName ?? 'firm')}.example.com`
      : `${slug(names.firstName ?? '')}.${slug(names.lastName ?? '')}${random.chance(0.3) ? random.int(1, 99) : ''}@example.com`;
  return {
    id: `c-${seq}`,
    typeId,
    ...names,
    accountNumber: String(10000 + seq),
    displayName,
    email,
    phone: phoneFor(random, place.area),
    address: { ...randomAddress(random), city: place.city, state: place.state, postalCode: place.postalCode },
    active: true,
    updatedAt,
  };
}

// Name clashes make automatch ambiguous in ways no real firm is: retry, then do what a firm does
// to tell two records apart (a double-barrelled surname, a branch city), and only as a last
// resort add the sequence number, which is unique by construction.
function uniqueNames(random: Random, seq: number, used: Set<string>): Names {
  for (let attempt = 0; attempt < 12; attempt++) {
    const names = randomNames(random);
    if (!used.has(contactDisplayName(names))) return names;
  }
  for (let attempt = 0; attempt < 12; attempt++) {
    const base = randomNames(random);
    const names: Names =
      base.kind === 'business'
        ? { ...base, companyName: `${base.companyName} - ${random.pick(CITIES).city}` }
        : { ...base, lastName: `${base.lastName}-${random.pick(LAST_NAMES)}` };
    if (!used.has(contactDisplayName(names))) return names;
  }
  const base = randomNames(random);
  return base.kind === 'business'
    ? { ...base, companyName: `${base.companyName} #${seq}` }
    : { ...base, lastName: `${base.lastName} ${seq}` };
}

export function generateContacts(random: Random, options: ContactBatchOptions): Contact[] {
  if (options.contactTypes.length === 0) throw new Error('generateContacts: the firm has no contact types.');
  const pickType = weightedTypePicker(random, options.contactTypes);
  const out: Contact[] = [];
  for (let i = 0; i < options.count; i++) {
    const seq = options.firstSeq + i;
    const names = uniqueNames(random, seq, options.usedNames);
    const contact = buildContact(random, seq, pickType(), names, options.updatedAt);
    options.usedNames.add(contact.displayName);
    out.push(contact);
  }
  return out;
}
