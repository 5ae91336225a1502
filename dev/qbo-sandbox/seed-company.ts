/**
 * Fills a company with many realistic records for tests and benchmarks
 * (POST /__sandbox/seed), through the same rules as the API.
 */
import type { JsonObject } from './http-io';
import { pacificDate } from './pacific-time';
import { CompanyBuilder } from './store/company-builder';
import type { CompanyState } from './store/company-state';
import { randomSource, seedCustomers, seedPerson, seedWord } from './seed-names';

export interface SeedRequest {
  customers?: number;
  employees?: number;
  vendors?: number;
  items?: number;
  invoices?: number;
  payments?: number;
  /** Same seed ⇒ same names. @defaultvalue 1 */
  seed?: number;
}

export const SEED_MAX = { customers: 100000, employees: 5000, vendors: 20000, items: 5000, invoices: 50000, payments: 50000 } as const;

export type SeedCounts = Record<keyof typeof SEED_MAX, number>;

export function seedCompany(state: CompanyState, request: SeedRequest, now: number): SeedCounts {
  const b = new CompanyBuilder(state, now);
  const rnd = randomSource((request.seed ?? 1) * 7919 + 17);
  const counts: SeedCounts = { customers: 0, employees: 0, vendors: 0, items: 0, invoices: 0, payments: 0 };
  const taken = (lower: string) => state.namePool.has(lower);

  const names = seedCustomers(request.seed ?? 1, taken);
  for (let i = 0; i < (request.customers ?? 0); i++) {
    const s = names.next().value!;
    const input: JsonObject = {
      DisplayName: s.displayName,
      PrimaryEmailAddr: { Address: s.email },
      PrimaryPhone: { FreeFormNumber: s.phone },
      BillAddr: s.address,
    };
    if (s.companyName) input.CompanyName = s.companyName;
    if (s.person) {
      input.GivenName = s.person.given;
      input.FamilyName = s.person.family;
      if (s.person.middle) input.MiddleName = s.person.middle;
    }
    b.create('Customer', input);
    counts.customers++;
  }
  for (let i = 0; i < (request.employees ?? 0); i++) {
    let p = seedPerson(rnd);
    let display = `${p.given} ${p.family}`;
    for (let n = 2; taken(display.toLowerCase()); n++) {
      p = seedPerson(rnd);
      display = n > 20 ? `${p.given} ${p.family} ${n}` : `${p.given} ${p.family}`;
    }
    b.create('Employee', { GivenName: p.given, FamilyName: p.family, DisplayName: display, BillableTime: rnd() < 0.7, HiredDate: pacificDate(now - Math.floor(rnd() * 3000) * 86400000) });
    counts.employees++;
  }
  for (let i = 0; i < (request.vendors ?? 0); i++) {
    let name = `${seedWord(rnd, 'place')} ${seedWord(rnd, 'trade')} Supply`;
    for (let n = 2; taken(name.toLowerCase()); n++) name = `${seedWord(rnd, 'place')} ${seedWord(rnd, 'trade')} Supply${n > 10 ? ` ${n}` : ''}`;
    b.create('Vendor', { DisplayName: name, CompanyName: name });
    counts.vendors++;
  }
  const income = [...state.tables.Account.values()].find((a) => a.AccountType === 'Income' && a.Active !== false);
  if ((request.items ?? 0) > 0 && !income) throw new Error('Seeding items needs an active Income account in the company; seed a demo company or create one first.');
  for (let i = 0; i < (request.items ?? 0); i++) {
    let name = `${seedWord(rnd, 'trade')} Services`;
    for (let n = 2; state.itemNames.has(name.toLowerCase()); n++) name = `${seedWord(rnd, 'trade')} Services ${n}`;
    b.create('Item', { Name: name, Type: 'Service', UnitPrice: 40 + Math.floor(rnd() * 40) * 5, IncomeAccountRef: { value: String(income!.Id) } });
    counts.items++;
  }
  const customers = [...state.tables.Customer.values()].filter((c) => c.Active !== false);
  const services = [...state.tables.Item.values()].filter((i) => i.Active !== false && i.Type === 'Service');
  const usesTaxIds = state.tables.TaxCode.has('NON');
  const taxCode = usesTaxIds ? 'NON' : [...state.tables.TaxCode.keys()][0];
  if (((request.invoices ?? 0) > 0 || (request.payments ?? 0) > 0) && (customers.length === 0 || services.length === 0)) {
    throw new Error('Seeding invoices or payments needs customers and service items; seed those first.');
  }
  const open: JsonObject[] = [];
  for (let i = 0; i < (request.invoices ?? 0); i++) {
    const customer = customers[Math.floor(rnd() * customers.length)];
    const lines: JsonObject[] = [];
    for (let l = 0, n = 1 + Math.floor(rnd() * 3); l < n; l++) {
      const item = services[Math.floor(rnd() * services.length)];
      const qty = 1 + Math.floor(rnd() * 8);
      const price = Number(item.UnitPrice) || 100;
      lines.push({ Amount: Math.round(qty * price * 100) / 100, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: String(item.Id) }, Qty: qty, UnitPrice: price, ...(taxCode ? { TaxCodeRef: { value: taxCode } } : {}) } });
    }
    const daysAgo = Math.floor(rnd() * 25);
    b.at(now - daysAgo * 86400000);
    open.push(b.create('Invoice', { CustomerRef: { value: String(customer.Id) }, TxnDate: pacificDate(now - daysAgo * 86400000), DocNumber: `S-${state.nextId.Invoice}`, Line: lines }));
    counts.invoices++;
  }
  b.at(now);
  for (let i = 0; i < (request.payments ?? 0); i++) {
    const invoice = open.length ? open.splice(Math.floor(rnd() * open.length), 1)[0] : undefined;
    if (invoice) {
      const balance = Number(state.tables.Invoice.get(String(invoice.Id))?.Balance ?? 0);
      const amount = rnd() < 0.8 ? balance : Math.round(balance * 50) / 100;
      b.create('Payment', { CustomerRef: invoice.CustomerRef as JsonObject, TotalAmt: amount, Line: [{ Amount: amount, LinkedTxn: [{ TxnId: String(invoice.Id), TxnType: 'Invoice' }] }] });
    } else {
      const customer = customers[Math.floor(rnd() * customers.length)];
      b.create('Payment', { CustomerRef: { value: String(customer.Id) }, TotalAmt: 100 + Math.floor(rnd() * 900) });
    }
    counts.payments++;
  }
  return counts;
}
