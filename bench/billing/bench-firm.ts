/**
 * The firm the billing benchmark works on: the shell's demo firm (dev/shell) plus thousands of
 * invoices of the kind a CPA firm sends — time lines at the work code's hourly rate in quarter
 * hours, per-unit or per-receipt expenses, now and then a discount or a finance charge — every
 * amount exact integer cents. The shell's FirmStore has no invoice writer (invoices are
 * OfficeTools' own), so the bench writes firm.json in a temp folder and opens the real
 * FirmStore on it, the same way the shell does after a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeJsonAtomically } from '../../dev/shell/atomic-json-file';
import { generateDemoFirm } from '../../dev/shell/demo-firm';
import { FIRM_FILE, FirmStore } from '../../dev/shell/firm-store';
import type { Contact, Invoice, InvoiceLine } from '../../src/sync/host/protocol';

/** A small deterministic generator, so every run bills the same invoices. */
function prng(seed: number): { int(lo: number, hi: number): number; pick<T>(list: readonly T[]): T } {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

/**
 * round(quantity × rate) in exact integer arithmetic, half away from zero: the quantity is
 * given in hundredths so no binary fraction enters the cents.
 */
function lineCents(quantityHundredths: number, rateCents: number): number {
  const product = quantityHundredths * rateCents;
  const sign = product < 0 ? -1 : 1;
  return sign * Math.floor((Math.abs(product) + 50) / 100);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface BenchFirm {
  store: FirmStore;
  /** The client contacts the generated invoices are billed to (all to be linked). */
  billedContacts: Contact[];
  /** Invoice sets by name, in number order. */
  sets: Record<string, Invoice[]>;
  close(): Promise<void>;
}

export interface InvoiceSet {
  name: string;
  count: number;
  /** First invoice number (numbers are the firm's own, numeric). */
  firstNumber: number;
}

/** Opens a FirmStore on the demo firm plus the generated invoice sets, in a fresh temp folder. */
export async function openBenchFirm(options: { contacts: number; sets: InvoiceSet[]; seed: number }): Promise<BenchFirm> {
  const data = generateDemoFirm();
  const random = prng(options.seed);
  const clientTypeId = data.contactTypes[0].id;
  const billedContacts = data.contacts.filter((c) => c.typeId === clientTypeId && c.active).slice(0, options.contacts);
  if (billedContacts.length < options.contacts) throw new Error(`The demo firm has only ${billedContacts.length} active clients; the bench needs ${options.contacts}.`);
  const work = data.workCodes.filter((w) => w.billable && w.rateCents > 0);
  const expenses = data.expenseCodes.filter((x) => x.billable);
  const discount = data.lineItems.find((l) => l.kind === 'discount');
  const financeCharge = data.lineItems.find((l) => l.kind === 'financeCharge');
  if (!discount || !financeCharge) throw new Error('The demo firm lost its Discount or Finance Charge line item; the bench firm needs both.');

  const sets: Record<string, Invoice[]> = {};
  let seq = data.invoices.length;
  for (const set of options.sets) {
    const invoices: Invoice[] = [];
    for (let i = 0; i < set.count; i++) {
      const id = `inv-${++seq}`;
      const contact = billedContacts[i % billedContacts.length];
      const date = addDays('2026-01-05', Math.floor((i * 280) / set.count));
      const lines: InvoiceLine[] = [];
      const add = (line: Omit<InvoiceLine, 'id' | 'amountCents' | 'quantity'>, quantityHundredths: number) =>
        lines.push({ id: `${id}-l${lines.length + 1}`, ...line, quantity: quantityHundredths / 100, amountCents: lineCents(quantityHundredths, line.rateCents) });
      for (let t = random.int(1, 4); t > 0; t--) {
        const code = random.pick(work);
        const employee = random.pick(data.employees);
        // Time is kept in quarter hours.
        add(
          { kind: 'time', workCodeId: code.id, employeeId: employee.id, serviceDate: addDays(date, -random.int(1, 25)), description: `${code.description} (${employee.firstName} ${employee.lastName})`, rateCents: code.rateCents },
          random.int(1, 48) * 25,
        );
      }
      for (let x = random.int(0, 2); x > 0; x--) {
        const code = random.pick(expenses);
        const perUnit = code.rateCents > 0;
        add(
          { kind: 'expense', expenseCodeId: code.id, serviceDate: addDays(date, -random.int(1, 25)), description: code.description, rateCents: perUnit ? code.rateCents : random.int(450, 24_000) },
          perUnit ? random.int(5, 150) * 10 : 100,
        );
      }
      if (i % 11 === 5) add({ kind: 'item', lineItemId: discount.id, description: 'Courtesy discount', rateCents: -random.int(5, 20) * 100 }, 100);
      if (i % 17 === 8) add({ kind: 'item', lineItemId: financeCharge.id, description: 'Finance charge on past-due balance', rateCents: random.int(500, 2_500) }, 100);
      const totalCents = lines.reduce((sum, l) => sum + l.amountCents, 0);
      invoices.push({
        id,
        number: String(set.firstNumber + i),
        contactId: contact.id,
        date,
        dueDate: addDays(date, 30),
        lines,
        totalCents,
        balanceCents: totalCents,
        updatedAt: '2026-11-01T09:00:00.000Z',
      });
    }
    sets[set.name] = invoices;
    data.invoices.push(...invoices);
  }
  data.nextIds['inv-'] = seq + 1;

  const dir = mkdtempSync(path.join(tmpdir(), 'bench-billing-firm-'));
  await writeJsonAtomically(path.join(dir, FIRM_FILE), data);
  const store = await FirmStore.open(dir);
  if (store.listInvoices().length !== data.invoices.length) throw new Error(`FirmStore loaded ${store.listInvoices().length} invoices from the bench firm, not ${data.invoices.length}.`);
  return {
    store,
    billedContacts,
    sets,
    async close() {
      await store.persist();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
