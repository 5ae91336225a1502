/**
 * One firm's data in memory, with every change saved to its file under the data dir (the demo
 * firm keeps `<dataDir>/firm.json`, so existing data folders still open; see firm-registry.ts). All
 * business rules of the stand-in live here (unique numbers, payment application), so that the
 * REST layer only parses and answers.
 */
import path from 'node:path';
import type {
  Contact,
  ContactInput,
  Employee,
  EmployeeInput,
  ExpenseCode,
  ExpenseCodeInput,
  HostUser,
  Invoice,
  Payment,
  PaymentInput,
  WorkCode,
  WorkCodeInput,
} from '../../src/sync/host/protocol';
import { CoalescingWriter, readJsonFile } from './atomic-json-file';
import { contactDisplayName } from './contact-display-name';
import { generateContacts } from './demo-contacts';
import { DEMO_FIRM_ID, DEMO_SEED, generateDemoFirm } from './demo-firm';
import { FIRM_DATA_FORMAT, type FirmData } from './firm-data';
import { checkContactNames } from './firm-validation';
import { InputError } from './input-error';
import { formatCents } from './money';
import { createRandom } from './prng';

/** The demo firm's file in the data dir (the name it had when the shell held one firm). */
export const FIRM_FILE = 'firm.json';
/** The most contacts one seed call may add (keeps a typo from filling the disk). */
export const MAX_SEED_CONTACTS = 200_000;

type Identified = { id: string; updatedAt?: string };

/** Applies parsed changes: a key holding `undefined` removes that optional field. */
function applyChanges<T extends object>(record: T, changes: object): T {
  const next: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return next as T;
}

function now(): string {
  return new Date().toISOString();
}

function byId<T extends Identified>(items: T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

function isFirmData(value: unknown): value is FirmData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<FirmData>;
  return (
    v.format === FIRM_DATA_FORMAT &&
    typeof v.firmName === 'string' &&
    [v.contactTypes, v.contacts, v.employees, v.workCodes, v.expenseCodes, v.accounts, v.lineItems, v.invoices, v.payments, v.users].every(Array.isArray) &&
    typeof v.installs === 'object' &&
    typeof v.nextIds === 'object'
  );
}

/**
 * Users saved before roles existed get one: the firm's first user is its admin, the others are
 * staff (as the demo firm is generated today). Users of the generated firm that the saved file
 * lacks are added: the stand-in cannot edit users, so the generated list is the truth, and an
 * older data folder gets the second staff member too. Changes the data in place.
 */
function upgradeUsers(data: FirmData, generated: FirmData): void {
  data.users = data.users.map((u, i) => (u.role === 'admin' || u.role === 'staff' ? u : { ...u, role: i === 0 ? 'admin' : 'staff' }));
  const known = new Set(data.users.map((u) => u.id));
  data.users.push(...generated.users.filter((u) => !known.has(u.id)));
}

export class FirmStore {
  private data!: FirmData;
  private contacts!: Map<string, Contact>;
  private employees!: Map<string, Employee>;
  private workCodes!: Map<string, WorkCode>;
  private expenseCodes!: Map<string, ExpenseCode>;
  private invoices!: Map<string, Invoice>;
  private payments!: Map<string, Payment>;
  private readonly writer: CoalescingWriter;

  private constructor(
    /** The firm's id (`^[A-Za-z0-9_-]{1,64}$`), the identity token's `firm_id`. */
    readonly firmId: string,
    readonly file: string,
    private readonly generate: () => FirmData,
  ) {
    this.writer = new CoalescingWriter(file, () => this.snapshot());
  }

  /** The demo firm in `<dataDir>/firm.json` (tests and benchmarks that need one firm use this). */
  static open(dataDir: string, fresh = false): Promise<FirmStore> {
    return FirmStore.openFirm(DEMO_FIRM_ID, path.join(dataDir, FIRM_FILE), generateDemoFirm, fresh);
  }

  /** Loads the firm's file, or creates the firm from `generate` when it is missing or `fresh` is set. */
  static async openFirm(firmId: string, file: string, generate: () => FirmData, fresh = false): Promise<FirmStore> {
    const store = new FirmStore(firmId, file, generate);
    const existing = fresh ? undefined : await readJsonFile(store.file);
    if (existing !== undefined && !isFirmData(existing)) {
      throw new Error(`${store.file} is not firm data of format ${FIRM_DATA_FORMAT}. Start the shell with a fresh demo firm (npm start -- --fresh) or move the file away.`);
    }
    if (existing !== undefined) upgradeUsers(existing, generate());
    store.load(existing ?? generate());
    if (existing === undefined) await store.persist();
    return store;
  }

  private load(data: FirmData): void {
    this.data = data;
    this.contacts = byId(data.contacts);
    this.employees = byId(data.employees);
    this.workCodes = byId(data.workCodes);
    this.expenseCodes = byId(data.expenseCodes);
    this.invoices = byId(data.invoices);
    this.payments = byId(data.payments);
  }

  private snapshot(): FirmData {
    return {
      ...this.data,
      contacts: [...this.contacts.values()],
      employees: [...this.employees.values()],
      workCodes: [...this.workCodes.values()],
      expenseCodes: [...this.expenseCodes.values()],
      invoices: [...this.invoices.values()],
      payments: [...this.payments.values()],
    };
  }

  /** Resolves once every change made so far is on disk. */
  persist(): Promise<void> {
    return this.writer.save();
  }

  private nextId(prefix: string, taken: Map<string, unknown>): string {
    let n = this.data.nextIds[prefix] ?? 1;
    while (taken.has(`${prefix}${n}`)) n++;
    this.data.nextIds[prefix] = n + 1;
    return `${prefix}${n}`;
  }

  private static require<T>(map: Map<string, T>, id: string, what: string): T {
    const found = map.get(id);
    if (!found) throw new InputError('not_found', `No ${what} has id "${id}". List them with GET to see the ids that exist.`);
    return found;
  }

  get firmName(): string {
    return this.data.firmName;
  }

  // --- reference lists ---------------------------------------------------------------------

  listContactTypes() {
    return this.data.contactTypes;
  }
  listAccounts() {
    return this.data.accounts;
  }
  listLineItems() {
    return this.data.lineItems;
  }
  listUsers(): HostUser[] {
    return this.data.users;
  }
  getUser(id: string): HostUser {
    const user = this.findUser(id);
    if (!user) throw new InputError('not_found', `No user of ${this.data.firmName} has id "${id}"; GET /api/firm/users lists them.`);
    return user;
  }
  findUser(id: string): HostUser | undefined {
    return this.data.users.find((u) => u.id === id);
  }

  // --- contacts ----------------------------------------------------------------------------

  listContacts(typeIds?: readonly string[]): Contact[] {
    const all = [...this.contacts.values()];
    if (!typeIds) return all;
    const wanted = new Set(typeIds);
    return all.filter((c) => wanted.has(c.typeId));
  }

  getContact(id: string): Contact {
    return FirmStore.require(this.contacts, id, 'contact');
  }

  private checkContact(candidate: Partial<ContactInput>, selfId?: string): void {
    if (candidate.typeId !== undefined && !this.data.contactTypes.some((t) => t.id === candidate.typeId)) {
      throw new InputError('invalid_input', `contact.typeId "${candidate.typeId}" is not a contact type; GET /api/firm/contactTypes lists them.`);
    }
    checkContactNames(candidate);
    if (candidate.accountNumber) {
      for (const other of this.contacts.values()) {
        if (other.id !== selfId && other.accountNumber === candidate.accountNumber) {
          throw new InputError('conflict', `Account number ${candidate.accountNumber} already belongs to ${other.displayName} (${other.id}); choose another account number.`);
        }
      }
    }
  }

  createContact(input: Partial<ContactInput>): Contact {
    this.checkContact(input);
    const id = this.nextId('c-', this.contacts);
    const contact = { ...input, id, updatedAt: now() } as Contact;
    contact.displayName = input.displayName || contactDisplayName(contact);
    this.contacts.set(id, contact);
    return contact;
  }

  updateContact(id: string, changes: Partial<ContactInput>): { contact: Contact; previous: Contact } {
    const previous = this.getContact(id);
    const merged = applyChanges(previous, changes);
    this.checkContact(merged, id);
    // A name change renames the contact unless the caller chose the display name itself.
    if (!('displayName' in changes) || !changes.displayName) merged.displayName = contactDisplayName(merged);
    merged.updatedAt = now();
    this.contacts.set(id, merged);
    return { contact: merged, previous };
  }

  /** Adds `count` generated contacts (benchmarks); deterministic for a given firm state. */
  seedContacts(count: number): { added: number; total: number } {
    if (!Number.isSafeInteger(count) || count < 1 || count > MAX_SEED_CONTACTS) {
      throw new InputError('invalid_input', `contacts must be a whole number from 1 to ${MAX_SEED_CONTACTS}, got ${JSON.stringify(count)}.`);
    }
    const firstSeq = this.data.nextIds['c-'] ?? this.contacts.size + 1;
    const usedNames = new Set<string>();
    const usedAccounts = new Set<string>();
    for (const c of this.contacts.values()) {
      usedNames.add(c.displayName);
      if (c.accountNumber) usedAccounts.add(c.accountNumber);
    }
    const created = generateContacts(createRandom(DEMO_SEED + firstSeq), {
      count,
      firstSeq,
      contactTypes: this.data.contactTypes,
      usedNames,
      updatedAt: now(),
    });
    let seq = firstSeq;
    for (const contact of created) {
      // Ids and account numbers follow the sequence; skip any a user has taken by hand.
      while (this.contacts.has(`c-${seq}`) || usedAccounts.has(String(10000 + seq))) seq++;
      contact.id = `c-${seq}`;
      contact.accountNumber = String(10000 + seq);
      this.contacts.set(contact.id, contact);
      seq++;
    }
    this.data.nextIds['c-'] = seq;
    return { added: created.length, total: this.contacts.size };
  }

  // --- employees, work codes, expense codes ------------------------------------------------

  listEmployees(): Employee[] {
    return [...this.employees.values()];
  }
  getEmployee(id: string): Employee {
    return FirmStore.require(this.employees, id, 'employee');
  }
  createEmployee(input: Partial<EmployeeInput>): Employee {
    const employee = { ...input, id: this.nextId('e-', this.employees), updatedAt: now() } as Employee;
    this.employees.set(employee.id, employee);
    return employee;
  }
  updateEmployee(id: string, changes: Partial<EmployeeInput>): Employee {
    const next = { ...applyChanges(this.getEmployee(id), changes), updatedAt: now() };
    this.employees.set(id, next);
    return next;
  }

  private codeMaps(kind: 'workCode' | 'expenseCode'): { map: Map<string, WorkCode | ExpenseCode>; prefix: string; label: string } {
    return kind === 'workCode'
      ? { map: this.workCodes, prefix: 'wc-', label: 'work code' }
      : { map: this.expenseCodes, prefix: 'xc-', label: 'expense code' };
  }

  listCodes(kind: 'workCode' | 'expenseCode'): Array<WorkCode | ExpenseCode> {
    return [...this.codeMaps(kind).map.values()];
  }
  getCode(kind: 'workCode' | 'expenseCode', id: string): WorkCode | ExpenseCode {
    const { map, label } = this.codeMaps(kind);
    return FirmStore.require(map, id, label);
  }
  private checkCodeNumber(kind: 'workCode' | 'expenseCode', num: string | undefined, selfId?: string): void {
    const { map, label } = this.codeMaps(kind);
    for (const other of map.values()) {
      if (other.id !== selfId && other.number === num) {
        throw new InputError('conflict', `${label} number ${num} is already used by "${other.description}" (${other.id}); choose another number.`);
      }
    }
  }
  createCode(kind: 'workCode' | 'expenseCode', input: Partial<WorkCodeInput | ExpenseCodeInput>): WorkCode | ExpenseCode {
    const { map, prefix } = this.codeMaps(kind);
    this.checkCodeNumber(kind, input.number);
    const code = { ...input, id: this.nextId(prefix, map), updatedAt: now() } as WorkCode;
    map.set(code.id, code);
    return code;
  }
  updateCode(kind: 'workCode' | 'expenseCode', id: string, changes: Partial<WorkCodeInput | ExpenseCodeInput>): WorkCode | ExpenseCode {
    const { map } = this.codeMaps(kind);
    const next = { ...applyChanges(this.getCode(kind, id), changes), updatedAt: now() };
    if (changes.number !== undefined) this.checkCodeNumber(kind, next.number, id);
    map.set(id, next);
    return next;
  }

  // --- invoices and payments ---------------------------------------------------------------

  listInvoices(contactId?: string): Invoice[] {
    const all = [...this.invoices.values()];
    return contactId === undefined ? all : all.filter((i) => i.contactId === contactId);
  }
  getInvoice(id: string): Invoice {
    return FirmStore.require(this.invoices, id, 'invoice');
  }

  listPayments(contactId?: string): Payment[] {
    const all = [...this.payments.values()];
    return contactId === undefined ? all : all.filter((p) => p.contactId === contactId);
  }
  getPayment(id: string): Payment {
    return FirmStore.require(this.payments, id, 'payment');
  }

  /** Records a payment and lowers the balance of each invoice it pays; refuses over-application. */
  createPayment(input: PaymentInput): Payment {
    const contact = this.contacts.get(input.contactId);
    if (!contact) throw new InputError('invalid_input', `payment.contactId "${input.contactId}" is not a contact; GET /api/firm/contacts lists them.`);
    if (input.origin.system === 'qbo') {
      const { realmId, qboId } = input.origin;
      const existing = [...this.payments.values()].find((p) => p.origin.system === 'qbo' && p.origin.realmId === realmId && p.origin.qboId === qboId);
      if (existing) throw new InputError('conflict', `QuickBooks Online payment ${qboId} of company ${realmId} was already recorded as ${existing.id}; it is not recorded twice.`);
    }
    let applied = 0;
    for (const a of input.applications) {
      const invoice = this.invoices.get(a.invoiceId);
      if (!invoice) throw new InputError('invalid_input', `payment.applications: invoice "${a.invoiceId}" does not exist; GET /api/firm/invoices lists them.`);
      if (invoice.contactId !== input.contactId) {
        throw new InputError('invalid_input', `payment.applications: invoice ${invoice.number} belongs to another contact (${invoice.contactId}), not ${contact.displayName} (${contact.id}).`);
      }
      if (a.amountCents > invoice.balanceCents) {
        throw new InputError('over_application', `Applying ${formatCents(a.amountCents)} to invoice ${invoice.number} would over-apply it: its balance is ${formatCents(invoice.balanceCents)}. Apply at most the balance and leave the rest unapplied.`);
      }
      applied += a.amountCents;
    }
    if (applied > input.amountCents) {
      throw new InputError('over_application', `The applications add up to ${formatCents(applied)}, more than the payment of ${formatCents(input.amountCents)}. Lower the applied amounts or raise the payment amount.`);
    }
    const stamp = now();
    for (const a of input.applications) {
      const invoice = this.getInvoice(a.invoiceId);
      this.invoices.set(invoice.id, { ...invoice, balanceCents: invoice.balanceCents - a.amountCents, updatedAt: stamp });
    }
    const payment: Payment = {
      ...input,
      applications: input.applications.map((a) => ({ ...a })),
      id: this.nextId('pay-', this.payments),
      unappliedCents: input.amountCents - applied,
      updatedAt: stamp,
    };
    this.payments.set(payment.id, payment);
    return payment;
  }

  // --- add-in installs, per user -----------------------------------------------------------

  installedAddins(userId: string): string[] {
    this.getUser(userId);
    return [...(this.data.installs[userId] ?? [])];
  }
  install(userId: string, addinId: string): void {
    const list = this.installedAddins(userId);
    if (!list.includes(addinId)) this.data.installs[userId] = [...list, addinId];
  }
  /** Returns whether it was installed. */
  uninstall(userId: string, addinId: string): boolean {
    const list = this.installedAddins(userId);
    this.data.installs[userId] = list.filter((id) => id !== addinId);
    return list.includes(addinId);
  }

  /** Back to the firm's generated records (test-only route). */
  reset(): void {
    this.load(this.generate());
  }
}
