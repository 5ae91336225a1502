/**
 * One call per view that gathers what its planner needs — from the host, the link store,
 * the settings, the journal and (for payments) QBO — so the panel and the one-off command
 * never assemble planner inputs themselves. Each returns the full input; the caller narrows
 * `invoices` / `rows` / `payments` to what the user checked before planning.
 */
import type { Contact, Invoice, Payment } from '../host/protocol';
import type { QboRecord } from '../qbo/gateway';
import type { LinkStore } from '../store/link-store';
import type { LinkKind, SettingsRecord } from '../store/schema';
import type { BillingGateway, BillingHost } from './billing-ports';
import type {
  BillingJournal,
  InvoiceExportInput,
  PaymentExportInput,
  PaymentImportInput,
  PlannedDocument,
  QboInvoicePayload,
  QboPaymentListRow,
} from './billing-types';
import { invoiceMarker } from './document-markers';
import { findExportedInvoices } from './execute-invoice-export';
import { listQboPayments } from './list-qbo-payments';

export type BillingLinks = Pick<LinkStore, 'list'>;
export type BillingSettings = Pick<SettingsRecord, 'lineItemDefaults' | 'depositAccountId'> & Partial<Pick<SettingsRecord, 'invoiceNumbers'>>;

async function linkMap(links: BillingLinks, kind: LinkKind): Promise<Map<string, string>> {
  return new Map((await links.list(kind)).map((l) => [l.otId, l.qboId]));
}

/** OfficeTools invoice id ⇄ QBO invoice Id for every invoice the journal knows as exported. */
async function exportedInvoices(journal: BillingJournal): Promise<Map<string, string>> {
  const done = await journal.list('invoiceExport', 'done');
  return new Map(done.filter((d) => d.targetId).map((d) => [d.sourceId, d.targetId as string]));
}

export interface InvoiceExportContext {
  invoices: Invoice[];
  contacts: Map<string, Contact>;
  /** The planner input for every invoice; narrow `invoices` to the checked ones. */
  input: InvoiceExportInput;
}

export async function loadInvoiceExportContext(deps: {
  host: BillingHost;
  links: BillingLinks;
  settings: BillingSettings;
  journal: BillingJournal;
}): Promise<InvoiceExportContext> {
  const [invoices, contactList, contact, workCode, expenseCode, done] = await Promise.all([
    deps.host.request('invoices.list', {}),
    deps.host.request('contacts.list', {}),
    linkMap(deps.links, 'contact'),
    linkMap(deps.links, 'workCode'),
    linkMap(deps.links, 'expenseCode'),
    deps.journal.doneIds('invoiceExport'),
  ]);
  const contacts = new Map(contactList.map((c) => [c.id, c]));
  return {
    invoices,
    contacts,
    input: {
      invoices,
      contactsById: contacts,
      links: { contact, workCode, expenseCode },
      lineItemDefaults: { ...deps.settings.lineItemDefaults },
      done,
      numbering: deps.settings.invoiceNumbers ?? { mode: 'keep' },
    },
  };
}

export interface PaymentImportContext {
  rows: QboPaymentListRow[];
  input: PaymentImportInput;
}

export async function loadPaymentImportContext(deps: {
  host: BillingHost;
  gateway: BillingGateway;
  links: BillingLinks;
  journal: BillingJournal;
  /** Only QBO payments dated on or after this day (YYYY-MM-DD). */
  since?: string;
}): Promise<PaymentImportContext> {
  const realmId = deps.gateway.realmId;
  const exportedPayments = await deps.journal.list('paymentExport', 'done');
  const [rows, otInvoices, otPayments, contact, invoiceLinks, done] = await Promise.all([
    listQboPayments(deps.gateway, deps.since, { exportedPaymentQboIds: new Set(exportedPayments.map((d) => d.targetId ?? '')) }),
    deps.host.request('invoices.list', {}),
    deps.host.request('payments.list', {}),
    linkMap(deps.links, 'contact'),
    exportedInvoices(deps.journal),
    deps.journal.doneIds('paymentImport'),
  ]);
  // Payments another computer imported are in OfficeTools already, though not in this journal.
  for (const p of otPayments) if (p.origin.system === 'qbo' && p.origin.realmId === realmId) done.add(p.origin.qboId);
  const otInvoiceIdByQboInvoiceId = new Map([...invoiceLinks].map(([ot, qbo]) => [qbo, ot]));
  // The OfficeTools number of each paid invoice, so lists name invoices as the reader knows them.
  const otNumber = new Map(otInvoices.map((i) => [i.id, i.number]));
  for (const row of rows) {
    for (const inv of row.invoices) {
      const otId = otInvoiceIdByQboInvoiceId.get(inv.qboId) ?? inv.otInvoiceId;
      const number = otId ? otNumber.get(otId) : undefined;
      if (number) inv.otInvoiceNumber = number;
    }
  }
  return { rows, input: { realmId, rows, links: { contact }, otInvoiceIdByQboInvoiceId, otInvoices, done } };
}

export interface PaymentExportContext {
  payments: Payment[];
  contacts: Map<string, Contact>;
  invoiceNumbers: Map<string, string>;
  input: PaymentExportInput;
}

export async function loadPaymentExportContext(deps: {
  host: BillingHost;
  gateway: BillingGateway;
  links: BillingLinks;
  settings: BillingSettings;
  journal: BillingJournal;
}): Promise<PaymentExportContext> {
  const [payments, invoices, contactList, contact, exported, done, methods] = await Promise.all([
    deps.host.request('payments.list', {}),
    deps.host.request('invoices.list', {}),
    deps.host.request('contacts.list', {}),
    linkMap(deps.links, 'contact'),
    exportedInvoices(deps.journal),
    deps.journal.doneIds('paymentExport'),
    deps.gateway.queryAll<QboRecord>('PaymentMethod'),
  ]);
  const contacts = new Map(contactList.map((c) => [c.id, c]));
  const invoicesById = new Map(invoices.map((i) => [i.id, i]));

  // Invoices exported from another computer are not in this journal: find them in QBO by
  // fingerprint (DocNumber, customer, OT-INV marker) and remember them, so their payments can go.
  const missing = new Set<string>();
  for (const p of payments) {
    if (p.origin.system !== 'officetools' || done.has(p.id)) continue;
    for (const a of p.applications) if (!exported.has(a.invoiceId)) missing.add(a.invoiceId);
  }
  const probes: PlannedDocument<QboInvoicePayload>[] = [];
  for (const id of missing) {
    const inv = invoicesById.get(id);
    const customer = inv ? contact.get(inv.contactId) : undefined;
    if (!inv || !customer) continue;
    probes.push({
      sourceId: inv.id,
      label: inv.number,
      amountCents: inv.totalCents,
      fingerprint: invoiceMarker(inv.id),
      payload: { CustomerRef: { value: customer }, DocNumber: inv.number, TxnDate: inv.date, Line: [], PrivateNote: invoiceMarker(inv.id) },
    });
  }
  if (probes.length > 0) {
    const found = await findExportedInvoices(deps.gateway, probes);
    await deps.journal.record(
      'invoiceExport',
      [...found].map(([sourceId, row]) => ({ sourceId, state: 'done' as const, targetId: String(row.Id), how: 'linkedExisting' as const })),
    );
    for (const [sourceId, row] of found) exported.set(sourceId, String(row.Id));
  }

  const paymentMethodIdByName = new Map(methods.map((m) => [String(m.Name), String(m.Id)]));
  const invoiceNumbers = new Map(invoices.map((i) => [i.id, i.number]));
  return {
    payments,
    contacts,
    invoiceNumbers,
    input: {
      payments,
      links: { contact },
      qboInvoiceIdByOtInvoiceId: exported,
      paymentMethodIdByName,
      depositAccountId: deps.settings.depositAccountId,
      done,
      invoiceNumbers,
      contactsById: contacts,
    },
  };
}
