/**
 * The demo firm a fresh shell starts with: a small accounting practice with ~300 contacts, its
 * staff, work and expense codes, billing accounts, invoices and payments. Generated from a fixed
 * seed, so that every machine and every reset gives the same records (tests may name them).
 */
import type {
  AccountPurpose,
  Contact,
  ContactType,
  Employee,
  ExpenseCode,
  Invoice,
  InvoiceLine,
  InvoiceLineItem,
  LineItemKind,
  OfficeToolsAccount,
  Payment,
  WorkCode,
} from '../../src/sync/host/protocol';
import { buildContact, generateContacts } from './demo-contacts';
import { SAMPLE_COMPANY_VARIANTS, SANDBOX_COMPANY_LOOK_ALIKES } from './demo-names';
import { FIRM_DATA_FORMAT, type FirmData } from './firm-data';
import { lineAmountCents } from './money';
import { addDays } from './plain-date';
import { createRandom, type Random } from './prng';

export const DEMO_FIRM_ID = 'firm-demo';
export const DEMO_FIRM_NAME = 'Hartwell & Lee CPAs';
export const DEMO_SEED = 20261126;
/** Every demo record carries this timestamp, so that the firm is identical on every reset. */
export const DEMO_TIMESTAMP = '2026-06-01T09:00:00.000Z';
export const DEMO_CONTACT_COUNT = 300;
export const DEMO_INVOICE_COUNT = 60;
export const DEMO_PAYMENT_COUNT = 25;

export const CONTACT_TYPE_NAMES = [
  'Client',
  'Prospect',
  'Vendor',
  'Referral Source',
  'Former Client',
  'Professional',
  'Employee Contact',
  'Other',
] as const;

const STAFF: ReadonlyArray<[string, string, string, string]> = [
  // first, last, hired, phone
  ['Pat', 'Lee', '2012-03-01', '(650) 555-0142'],
  ['Sam', 'Ortiz', '2015-09-14', '(650) 555-0177'],
  ['Dana', 'Whitfield', '2009-01-05', '(650) 555-0101'],
  ['Marcus', 'Bell', '2018-06-18', '(650) 555-0123'],
  ['Priya', 'Raman', '2019-02-11', '(650) 555-0135'],
  ['Elena', 'Vasquez', '2016-10-03', '(650) 555-0150'],
  ['Tom', 'Nakamura', '2020-08-24', '(650) 555-0161'],
  ['Grace', 'Okafor', '2021-01-19', '(650) 555-0168'],
  ['Luis', 'Herrera', '2017-04-10', '(650) 555-0183'],
  ['Hannah', 'Brooks', '2022-07-05', '(650) 555-0190'],
  ['Ken', 'Yamada', '2014-11-17', '(650) 555-0194'],
  ['Olivia', 'Grant', '2023-09-05', '(650) 555-0198'],
];

const WORK_CODES: ReadonlyArray<[string, string, boolean, number]> = [
  ['100', 'Bookkeeping - Monthly', true, 8500],
  ['105', 'Bank Reconciliation', true, 7500],
  ['110', 'Payroll Processing', true, 9500],
  ['120', 'Sales Tax Returns', true, 11000],
  ['200', 'Tax Preparation - Individual', true, 17500],
  ['210', 'Tax Preparation - Business', true, 22500],
  ['220', 'Tax Planning', true, 20000],
  ['230', 'IRS Correspondence', true, 18500],
  ['300', 'Consulting', true, 25000],
  ['310', 'Financial Statements - Compilation', true, 19500],
  ['320', 'Entity Formation', true, 21000],
  ['900', 'Administrative - Non-billable', false, 0],
];

const EXPENSE_CODES: ReadonlyArray<[string, string, boolean, number]> = [
  ['500', 'Mileage', true, 70],
  ['510', 'Postage', true, 0],
  ['520', 'Copies', true, 15],
  ['530', 'Filing Fees', true, 0],
  ['540', 'Travel', true, 0],
  ['550', 'Courier', true, 0],
  ['590', 'Office Supplies - Non-billable', false, 0],
];

export const ACCOUNTS: ReadonlyArray<[AccountPurpose, string]> = [
  ['workCodeIncome', 'Fee Income - Professional Services'],
  ['expenseCodeIncome', 'Reimbursed Expense Income'],
  ['accountsReceivable', 'Accounts Receivable'],
  ['discounts', 'Discounts Given'],
  ['financeCharges', 'Finance Charge Income'],
  ['salesTaxPayable', 'Sales Tax Payable'],
  ['retainers', 'Client Retainers'],
  ['paymentDeposit', 'Payment Deposit Account'],
];

export const LINE_ITEMS: ReadonlyArray<[LineItemKind, string]> = [
  ['financeCharge', 'Finance Charge'],
  ['lateFee', 'Late Fee'],
  ['discount', 'Discount'],
  ['salesTax', 'Sales Tax'],
  ['retainerApplied', 'Retainer Applied'],
  ['adjustment', 'Write-Up/Write-Down'],
];

function demoContacts(random: Random, contactTypes: ContactType[]): Contact[] {
  const clientTypeId = contactTypes[0].id;
  const used = new Set<string>();
  const variants = [...SAMPLE_COMPANY_VARIANTS, ...SANDBOX_COMPANY_LOOK_ALIKES].map(({ place, ...names }, i) => {
    const built = buildContact(random, i + 1, clientTypeId, names, DEMO_TIMESTAMP);
    const contact = place && built.address ? { ...built, address: { ...built.address, ...place, state: 'CA' } } : built;
    used.add(contact.displayName);
    return contact;
  });
  const rest = generateContacts(random, {
    count: DEMO_CONTACT_COUNT - variants.length,
    firstSeq: variants.length + 1,
    contactTypes,
    usedNames: used,
    updatedAt: DEMO_TIMESTAMP,
  });
  return [...variants, ...rest];
}

function demoInvoices(random: Random, data: Pick<FirmData, 'contacts' | 'employees' | 'workCodes' | 'expenseCodes' | 'lineItems' | 'contactTypes'>): Invoice[] {
  const clientTypeId = data.contactTypes[0].id;
  const clients = data.contacts.filter((c) => c.typeId === clientTypeId);
  const billableWork = data.workCodes.filter((w) => w.billable);
  const billableExpenses = data.expenseCodes.filter((x) => x.billable);
  const discount = data.lineItems.find((l) => l.kind === 'discount');
  const financeCharge = data.lineItems.find((l) => l.kind === 'financeCharge');
  const invoices: Invoice[] = [];
  for (let i = 0; i < DEMO_INVOICE_COUNT; i++) {
    const id = `inv-${i + 1}`;
    // The first invoices go to the sample-company look-alikes, so that an export can find them.
    const contact = i < SAMPLE_COMPANY_VARIANTS.length ? clients[i] : random.pick(clients);
    const date = addDays('2026-03-02', Math.floor((i * 200) / DEMO_INVOICE_COUNT) + random.int(0, 2));
    const lines: InvoiceLine[] = [];
    const add = (line: Omit<InvoiceLine, 'id' | 'amountCents'>) =>
      lines.push({ id: `${id}-l${lines.length + 1}`, ...line, amountCents: lineAmountCents(line.quantity, line.rateCents) });
    for (let t = random.int(1, 3); t > 0; t--) {
      const work = random.pick(billableWork);
      const employee = random.pick(data.employees);
      add({
        kind: 'time',
        workCodeId: work.id,
        employeeId: employee.id,
        serviceDate: addDays(date, -random.int(1, 25)),
        description: `${work.description} (${employee.firstName} ${employee.lastName})`,
        quantity: random.int(2, 32) / 4,
        rateCents: work.rateCents,
      });
    }
    for (let x = random.int(0, 2); x > 0; x--) {
      const expense = random.pick(billableExpenses);
      // Codes with a unit rate bill units (miles, pages); the others bill the amount spent.
      const perUnit = expense.rateCents > 0;
      add({
        kind: 'expense',
        expenseCodeId: expense.id,
        serviceDate: addDays(date, -random.int(1, 25)),
        description: expense.description,
        quantity: perUnit ? random.int(50, 1500) / 10 : 1,
        rateCents: perUnit ? expense.rateCents : random.int(450, 24000),
      });
    }
    if (discount && i % 11 === 5) {
      add({ kind: 'item', lineItemId: discount.id, description: 'Courtesy discount', quantity: 1, rateCents: -random.int(20, 60) * 100 });
    }
    if (financeCharge && i % 17 === 8) {
      add({ kind: 'item', lineItemId: financeCharge.id, description: 'Finance charge on past-due balance', quantity: 1, rateCents: random.int(500, 2500) });
    }
    const totalCents = lines.reduce((sum, l) => sum + l.amountCents, 0);
    invoices.push({
      id,
      number: String(1001 + i),
      contactId: contact.id,
      date,
      dueDate: addDays(date, 30),
      lines,
      totalCents,
      balanceCents: totalCents,
      ...(i % 7 === 0 ? { memo: 'Thank you for your business.' } : {}),
      updatedAt: DEMO_TIMESTAMP,
    });
  }
  return invoices;
}

function openPairOfOneContact(invoices: Invoice[]): [Invoice, Invoice] | undefined {
  const firstOpen = new Map<string, Invoice>();
  for (const inv of invoices) {
    if (inv.balanceCents <= 0) continue;
    const earlier = firstOpen.get(inv.contactId);
    if (earlier) return [earlier, inv];
    firstOpen.set(inv.contactId, inv);
  }
  return undefined;
}

/**
 * Payments on the oldest invoices: most pay in full, every fifth pays part, one covers two
 * invoices of the same client, and one overpays, leaving an unapplied remainder.
 */
function demoPayments(random: Random, invoices: Invoice[]): Payment[] {
  const payments: Payment[] = [];
  const methods = ['Check', 'Check', 'ACH', 'Credit Card', 'Cash'] as const;
  let next = 0;
  while (payments.length < DEMO_PAYMENT_COUNT && next < invoices.length) {
    const n = payments.length;
    // The seventh payment settles two open invoices of one client at once.
    const pair = n === 6 ? openPairOfOneContact(invoices) : undefined;
    const invoice = pair ? pair[0] : invoices[next++];
    if (invoice.balanceCents <= 0) continue;
    const applications = [];
    if (pair) {
      for (const inv of pair) applications.push({ invoiceId: inv.id, amountCents: inv.balanceCents });
    } else if (n % 5 === 3) {
      applications.push({ invoiceId: invoice.id, amountCents: Math.round(invoice.balanceCents / 2) });
    } else {
      applications.push({ invoiceId: invoice.id, amountCents: invoice.balanceCents });
    }
    const applied = applications.reduce((sum, a) => sum + a.amountCents, 0);
    const unappliedCents = n === 10 ? 5000 : 0;
    for (const a of applications) {
      const target = invoices.find((inv) => inv.id === a.invoiceId);
      if (target) target.balanceCents -= a.amountCents;
    }
    const method = methods[n % methods.length];
    payments.push({
      id: `pay-${n + 1}`,
      contactId: invoice.contactId,
      date: addDays(invoice.date, random.int(8, 40)),
      amountCents: applied + unappliedCents,
      method,
      ...(method === 'Check' ? { reference: String(random.int(1001, 9999)) } : method === 'ACH' ? { reference: `ACH-${random.int(100000, 999999)}` } : {}),
      applications,
      unappliedCents,
      ...(unappliedCents > 0 ? { memo: 'Overpayment; apply to next invoice.' } : {}),
      origin: { system: 'officetools' },
      updatedAt: DEMO_TIMESTAMP,
    });
  }
  return payments;
}

export function generateDemoFirm(): FirmData {
  const random = createRandom(DEMO_SEED);
  const contactTypes: ContactType[] = CONTACT_TYPE_NAMES.map((name, i) => ({ id: `ct-${i + 1}`, name }));
  const employees: Employee[] = STAFF.map(([firstName, lastName, hiredDate, phone], i) => ({
    id: `e-${i + 1}`,
    firstName,
    lastName,
    initials: `${firstName[0]}${lastName[0]}`,
    email: `${firstName.toLowerCase()}.${lastName.toLowerCase()}@firm.test`,
    phone,
    hiredDate,
    active: true,
    updatedAt: DEMO_TIMESTAMP,
  }));
  const workCodes: WorkCode[] = WORK_CODES.map(([number, description, billable, rateCents]) => ({
    id: `wc-${number}`,
    number,
    description,
    billable,
    rateCents,
    active: true,
    updatedAt: DEMO_TIMESTAMP,
  }));
  const expenseCodes: ExpenseCode[] = EXPENSE_CODES.map(([number, description, billable, rateCents]) => ({
    id: `xc-${number}`,
    number,
    description,
    billable,
    rateCents,
    active: true,
    updatedAt: DEMO_TIMESTAMP,
  }));
  const accounts: OfficeToolsAccount[] = ACCOUNTS.map(([purpose, name], i) => ({ id: `acct-${i + 1}`, name, purpose }));
  const lineItems: InvoiceLineItem[] = LINE_ITEMS.map(([kind, name], i) => ({ id: `li-${i + 1}`, name, kind }));
  const contacts = demoContacts(random, contactTypes);
  const invoices = demoInvoices(random, { contacts, employees, workCodes, expenseCodes, lineItems, contactTypes });
  const payments = demoPayments(random, invoices);
  return {
    format: FIRM_DATA_FORMAT,
    firmName: DEMO_FIRM_NAME,
    contactTypes,
    contacts,
    employees,
    workCodes,
    expenseCodes,
    accounts,
    lineItems,
    invoices,
    payments,
    users: [
      { id: 'u-pat', name: 'Pat Lee', email: 'pat@firm.test', role: 'admin' },
      { id: 'u-sam', name: 'Sam Ortiz', email: 'sam@firm.test', role: 'staff' },
      // A second staff member, so two people of one firm can be signed in from two browser profiles.
      { id: 'u-dana', name: 'Dana Whitfield', email: 'dana@firm.test', role: 'staff' },
    ],
    installs: {},
    nextIds: {
      'ct-': contactTypes.length + 1,
      'c-': contacts.length + 1,
      'e-': employees.length + 1,
      'wc-': 1,
      'xc-': 1,
      'inv-': invoices.length + 1,
      'pay-': payments.length + 1,
    },
  };
}
