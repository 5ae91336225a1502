/**
 * The second firm of the stand-in: a small tax practice with two users and a handful of records.
 * It exists so that firm scoping can be tried and tested (a user of this firm must never see the
 * demo firm's data, nor its QuickBooks connection). Generated from a fixed seed, like the demo
 * firm, so every reset gives the same records.
 */
import type { ContactType, Employee, ExpenseCode, Invoice, InvoiceLine, InvoiceLineItem, OfficeToolsAccount, WorkCode } from '../../src/sync/host/protocol';
import { buildContact } from './demo-contacts';
import { ACCOUNTS, CONTACT_TYPE_NAMES, DEMO_TIMESTAMP, LINE_ITEMS } from './demo-firm';
import { FIRM_DATA_FORMAT, type FirmData } from './firm-data';
import { lineAmountCents } from './money';
import { addDays } from './plain-date';
import { createRandom } from './prng';

export const ORTIZ_FIRM_ID = 'firm-ortiz';
export const ORTIZ_FIRM_NAME = 'Ortiz Tax Group';
const ORTIZ_SEED = 20261202;

type Names = Parameters<typeof buildContact>[3];

const CONTACT_NAMES: Names[] = [
  { kind: 'business', companyName: 'Mesa Verde Landscaping' },
  { kind: 'business', companyName: 'Blue Heron Bakery' },
  { kind: 'individual', firstName: 'Rosa', lastName: 'Delgado' },
  { kind: 'individual', firstName: 'Miguel', lastName: 'Fuentes' },
  { kind: 'business', companyName: 'Cascade Auto Repair' },
  { kind: 'individual', firstName: 'Ana', middleName: 'L', lastName: 'Castillo' },
];

const STAFF: ReadonlyArray<[string, string, string]> = [
  ['Carmen', 'Ortiz', '2011-05-02'],
  ['Jordan', 'Reyes', '2020-01-13'],
  ['Lily', 'Chen', '2023-03-06'],
];

const WORK_CODES: ReadonlyArray<[string, string, boolean, number]> = [
  ['10', 'Individual Return', true, 15000],
  ['20', 'Business Return', true, 21000],
  ['30', 'Quarterly Estimates', true, 9000],
  ['90', 'Firm Admin - Non-billable', false, 0],
];

const EXPENSE_CODES: ReadonlyArray<[string, string, boolean, number]> = [
  ['50', 'E-file Fee', true, 2500],
  ['60', 'Postage', true, 0],
];

export function generateOrtizFirm(): FirmData {
  const random = createRandom(ORTIZ_SEED);
  const contactTypes: ContactType[] = CONTACT_TYPE_NAMES.map((name, i) => ({ id: `ct-${i + 1}`, name }));
  const contacts = CONTACT_NAMES.map((names, i) => buildContact(random, i + 1, contactTypes[0].id, names, DEMO_TIMESTAMP));
  const employees: Employee[] = STAFF.map(([firstName, lastName, hiredDate], i) => ({
    id: `e-${i + 1}`,
    firstName,
    lastName,
    initials: `${firstName[0]}${lastName[0]}`,
    email: `${firstName.toLowerCase()}@ortiztax.test`,
    hiredDate,
    active: true,
    updatedAt: DEMO_TIMESTAMP,
  }));
  const code = ([number, description, billable, rateCents]: readonly [string, string, boolean, number], prefix: string): WorkCode & ExpenseCode => ({
    id: `${prefix}${number}`,
    number,
    description,
    billable,
    rateCents,
    active: true,
    updatedAt: DEMO_TIMESTAMP,
  });
  const workCodes: WorkCode[] = WORK_CODES.map((c) => code(c, 'wc-'));
  const expenseCodes: ExpenseCode[] = EXPENSE_CODES.map((c) => code(c, 'xc-'));
  const accounts: OfficeToolsAccount[] = ACCOUNTS.map(([purpose, name], i) => ({ id: `acct-${i + 1}`, name, purpose }));
  const lineItems: InvoiceLineItem[] = LINE_ITEMS.map(([kind, name], i) => ({ id: `li-${i + 1}`, name, kind }));

  const invoice = (n: number, contactId: string, date: string, lines: Array<Omit<InvoiceLine, 'id' | 'amountCents'>>): Invoice => {
    const id = `inv-${n}`;
    const priced = lines.map((l, i) => ({ id: `${id}-l${i + 1}`, ...l, amountCents: lineAmountCents(l.quantity, l.rateCents) }));
    const totalCents = priced.reduce((sum, l) => sum + l.amountCents, 0);
    return { id, number: String(5000 + n), contactId, date, dueDate: addDays(date, 30), lines: priced, totalCents, balanceCents: totalCents, updatedAt: DEMO_TIMESTAMP };
  };
  const invoices: Invoice[] = [
    invoice(1, contacts[0].id, '2026-04-06', [
      { kind: 'time', workCodeId: 'wc-20', employeeId: 'e-1', serviceDate: '2026-04-01', description: 'Business Return (Carmen Ortiz)', quantity: 6.5, rateCents: 21000 },
      { kind: 'expense', expenseCodeId: 'xc-50', serviceDate: '2026-04-02', description: 'E-file Fee', quantity: 1, rateCents: 2500 },
    ]),
    invoice(2, contacts[2].id, '2026-04-13', [
      { kind: 'time', workCodeId: 'wc-10', employeeId: 'e-2', serviceDate: '2026-04-10', description: 'Individual Return (Jordan Reyes)', quantity: 3, rateCents: 15000 },
    ]),
  ];

  return {
    format: FIRM_DATA_FORMAT,
    firmName: ORTIZ_FIRM_NAME,
    contactTypes,
    contacts,
    employees,
    workCodes,
    expenseCodes,
    accounts,
    lineItems,
    invoices,
    payments: [],
    users: [
      { id: 'u-carmen', name: 'Carmen Ortiz', email: 'carmen@ortiztax.test', role: 'admin' },
      { id: 'u-jordan', name: 'Jordan Reyes', email: 'jordan@ortiztax.test', role: 'staff' },
    ],
    installs: {},
    nextIds: {
      'ct-': contactTypes.length + 1,
      'c-': contacts.length + 1,
      'e-': employees.length + 1,
      'wc-': 1,
      'xc-': 1,
      'inv-': invoices.length + 1,
      'pay-': 1,
    },
  };
}
