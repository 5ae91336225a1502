/**
 * Gathers both sets of books for one period and compares them (compare-books.ts). QBO is read
 * in pages only: `SELECT * FROM Invoice|Payment WHERE TxnDate >= from AND TxnDate <= to`, 1000
 * rows a page after one COUNT each — about 165 requests for 20,000 clients with 5 invoices and 3
 * payments each, never a call per document or per client. Only documents the journal names that QBO dates outside the period are read again,
 * by Id, 100 to a query. OfficeTools' side comes from the host in one call per list.
 */
import { INVOICE_MARKER_PREFIX, PAYMENT_MARKER_PREFIX, markerIds } from '../billing/document-markers';
import type { BillingJournal, InvoiceNumbering } from '../billing/billing-types';
import type { BillingHost } from '../billing/billing-ports';
import { exportedDocNumber } from '../billing/plan-invoice-export';
import { MoneyError, qboAmountToCents } from '../mappings/money';
import type { QboGateway, QboRecord } from '../qbo/gateway';
import { MAX_PAGE_SIZE, inList, quote, selectQuery } from '../qbo/query-builder';
import type { LinkStore } from '../store/link-store';
import { compareBooks } from './compare-books';
import { ReconcileError, type QboDocumentFacts, type ReconcilePeriod, type ReconcileReport } from './reconcile-types';

/** Ids per `Id IN (…)` look-up. */
const IDS_PER_QUERY = 100;

export interface ReconcileDeps {
  host: BillingHost;
  gateway: Pick<QboGateway, 'realmId' | 'query' | 'queryAll' | 'count'>;
  links: Pick<LinkStore, 'list'>;
  journal: Pick<BillingJournal, 'list'>;
  /** The firm's numbering of exported invoices (for the DocNumber fingerprint). @defaultvalue keep */
  numbering?: InvoiceNumbering;
}

export interface ReconcileProgress {
  /** QBO rows read so far (invoices and payments). */
  qboRows: number;
}

export interface ReconcileOptions {
  onProgress?(p: ReconcileProgress): void;
  /** Rows per QBO page, 1..1000; smaller only so tests can see the paging. @defaultvalue 1000 */
  pageSize?: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDay(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** Refuses a period that is not two calendar days in order, with what to do. */
export function checkPeriod(period: ReconcilePeriod): ReconcilePeriod {
  for (const [what, day] of [
    ['start', period.from],
    ['end', period.to],
  ] as const) {
    if (typeof day !== 'string' || !isCalendarDay(day)) {
      throw new ReconcileError('bad_period', `The period's ${what} "${String(day)}" is not a calendar day. Enter it as YYYY-MM-DD, e.g. 2026-01-31.`);
    }
  }
  if (period.from > period.to) throw new ReconcileError('bad_period', `The period starts on ${period.from}, after it ends on ${period.to}. Swap the two days.`);
  return period;
}

function refValue(ref: unknown): string | undefined {
  return typeof ref === 'object' && ref !== null && typeof (ref as { value?: unknown }).value === 'string' ? (ref as { value: string }).value : undefined;
}

function refName(ref: unknown): string | undefined {
  return typeof ref === 'object' && ref !== null && typeof (ref as { name?: unknown }).name === 'string' ? (ref as { name: string }).name : undefined;
}

/** A QBO amount in exact cents; one with a fraction of a cent (QBO should never send it) is rounded and flagged, not fatal. */
function amount(value: unknown, what: string, warnings: string[]): number {
  if (typeof value !== 'number' && typeof value !== 'string') {
    if (value === undefined) return 0;
    throw new ReconcileError('bad_qbo_answer', `QuickBooks Online sent ${what} without a readable amount. Try again; if it keeps happening, open the document in QuickBooks Online.`);
  }
  try {
    return qboAmountToCents(value);
  } catch (e) {
    if (!(e instanceof MoneyError) || e.code !== 'too_precise') {
      throw new ReconcileError('bad_qbo_answer', `QuickBooks Online sent ${what} with the amount "${String(value)}", which is not an amount. Open the document in QuickBooks Online to check it.`);
    }
    warnings.push(`QuickBooks Online holds ${String(value)} for ${what}, a fraction of a cent; it is shown rounded to the cent.`);
    return qboAmountToCents(value, 'halfAwayFromZero');
  }
}

export function qboDocumentFacts(r: QboRecord, kind: 'invoice' | 'payment'): QboDocumentFacts {
  const id = String(r.Id);
  const what = `${kind === 'invoice' ? 'invoice' : 'payment'} Id ${id}`;
  const warnings: string[] = [];
  const out: QboDocumentFacts = {
    id,
    customerId: refValue(r.CustomerRef) ?? '',
    date: typeof r.TxnDate === 'string' ? r.TxnDate : '',
    amountCents: amount(r.TotalAmt, what, warnings),
  };
  if (kind === 'invoice') out.balanceCents = amount(r.Balance, what, warnings);
  if (typeof r.DocNumber === 'string' && r.DocNumber) out.docNumber = r.DocNumber;
  else if (kind === 'payment' && typeof r.PaymentRefNum === 'string' && r.PaymentRefNum) out.docNumber = r.PaymentRefNum;
  const name = refName(r.CustomerRef);
  if (name) out.customerName = name;
  const otId = markerIds(r.PrivateNote, kind === 'invoice' ? INVOICE_MARKER_PREFIX : PAYMENT_MARKER_PREFIX)[0];
  if (otId) out.otId = otId;
  if (warnings.length) out.warning = warnings.join(' ');
  return out;
}

async function byIds(gateway: ReconcileDeps['gateway'], entity: 'Invoice' | 'Payment', ids: readonly string[]): Promise<QboRecord[]> {
  const out: QboRecord[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    out.push(...(await gateway.queryAll<QboRecord>(entity, `Id IN ${inList(ids.slice(i, i + IDS_PER_QUERY))}`)));
  }
  return out;
}

/**
 * Every row of `entity` matching `where`: one COUNT, then all pages asked at once (the gateway's
 * pacer keeps them inside QBO's limits, so the read takes as long as QBO's rate allows, not one
 * round trip after another), in Id order so the pages do not overlap. Rows added since the
 * COUNT are read on from the last page until a short page; a row seen twice is kept once.
 */
async function readAll(gateway: ReconcileDeps['gateway'], entity: 'Invoice' | 'Payment', where: string, pageSize: number, onPage: (rows: readonly unknown[]) => void): Promise<QboRecord[]> {
  const page = (k: number) =>
    gateway.query<QboRecord>(selectQuery(entity, { where, orderBy: { field: 'Id' }, startPosition: 1 + k * pageSize, maxResults: pageSize })).then((p) => {
      onPage(p.rows);
      return p.rows;
    });
  const pages = Math.ceil((await gateway.count(entity, where)) / pageSize);
  const read = await Promise.all(Array.from({ length: pages }, (_, k) => page(k)));
  for (let k = pages; read.length === 0 || read[read.length - 1].length === pageSize; k++) read.push(await page(k));
  const seen = new Set<string>();
  const out: QboRecord[] = [];
  for (const rows of read) {
    for (const r of rows) {
      const id = String(r.Id);
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(r);
    }
  }
  return out;
}

/** The reconciliation report of `period`, from OfficeTools (host, links, journal) and QBO (pages). */
export async function loadReconciliation(deps: ReconcileDeps, period: ReconcilePeriod, options: ReconcileOptions = {}): Promise<ReconcileReport> {
  checkPeriod(period);
  const where = `TxnDate >= ${quote(period.from)} AND TxnDate <= ${quote(period.to)}`;
  let qboRows = 0;
  const onPage = (rows: readonly unknown[]) => {
    qboRows += rows.length;
    options.onProgress?.({ qboRows });
  };
  const [contacts, otInvoices, otPayments, contactLinks, exported, paymentExports, paymentImports, invoiceRows, paymentRows] = await Promise.all([
    deps.host.request('contacts.list', {}),
    deps.host.request('invoices.list', {}),
    deps.host.request('payments.list', {}),
    deps.links.list('contact'),
    deps.journal.list('invoiceExport', 'done'),
    deps.journal.list('paymentExport', 'done'),
    deps.journal.list('paymentImport', 'done'),
    readAll(deps.gateway, 'Invoice', where, options.pageSize ?? MAX_PAGE_SIZE, onPage),
    readAll(deps.gateway, 'Payment', where, options.pageSize ?? MAX_PAGE_SIZE, onPage),
  ]);
  const exportedInvoices = new Map(exported.filter((e) => e.targetId).map((e) => [e.sourceId, e.targetId as string]));
  const journalPayments = new Map(paymentExports.filter((e) => e.targetId).map((e) => [e.sourceId, e.targetId as string]));
  // An import's journal entry is keyed by the QBO payment and names the OfficeTools payment it made.
  for (const e of paymentImports) if (e.targetId) journalPayments.set(e.targetId, e.sourceId);

  // Documents of the period the journal (or an import) pairs with a QBO document QBO dates
  // outside it: read those by Id, so they show as "date differs", not as missing.
  const inPeriod = (date: string) => date >= period.from && date <= period.to;
  const seenInvoices = new Set(invoiceRows.map((r) => String(r.Id)));
  const seenPayments = new Set(paymentRows.map((r) => String(r.Id)));
  const lostInvoices = otInvoices.filter((i) => inPeriod(i.date)).map((i) => exportedInvoices.get(i.id)).filter((id): id is string => !!id && !seenInvoices.has(id));
  const lostPayments = otPayments
    .filter((p) => inPeriod(p.date))
    .map((p) => journalPayments.get(p.id) ?? (p.origin.system === 'qbo' && p.origin.realmId === deps.gateway.realmId ? p.origin.qboId : undefined))
    .filter((id): id is string => !!id && !seenPayments.has(id));
  const [moreInvoices, morePayments] = await Promise.all([byIds(deps.gateway, 'Invoice', [...new Set(lostInvoices)]), byIds(deps.gateway, 'Payment', [...new Set(lostPayments)])]);

  const numbering = deps.numbering ?? { mode: 'keep' };
  return compareBooks({
    period: { ...period },
    realmId: deps.gateway.realmId,
    contacts,
    otInvoices,
    otPayments,
    qboInvoices: [...invoiceRows, ...moreInvoices].map((r) => qboDocumentFacts(r, 'invoice')),
    qboPayments: [...paymentRows, ...morePayments].map((r) => qboDocumentFacts(r, 'payment')),
    customerByContact: new Map(contactLinks.map((l) => [l.otId, l.qboId])),
    exportedInvoices,
    journalPayments,
    docNumberOf: (n) => exportedDocNumber(n, numbering),
  });
}
