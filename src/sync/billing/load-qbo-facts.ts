/**
 * What QBO holds that would make it refuse a document, read before the plan is made so the
 * plan can say so (issue 14: "collisions in the plan"). All reads are in pages — DocNumbers and
 * Ids 100 to a query, never one call per document — and only for the documents being planned.
 */
import type { Invoice, Payment } from '../host/protocol';
import { qboAmountToCents } from '../mappings/money';
import type { QboRecord } from '../qbo/gateway';
import { inList } from '../qbo/query-builder';
import type { BillingGateway } from './billing-ports';
import type {
  IdMap,
  InvoiceExportInput,
  InvoiceNumbering,
  InvoiceQboFacts,
  PaymentQboFacts,
  QboInvoiceSummary,
  QboNameSummary,
} from './billing-types';
import { INVOICE_MARKER_PREFIX, markerIds } from './document-markers';
import { exportedDocNumber } from './plan-invoice-export';

/** Values per `IN (…)` list: QBO reads long queries by POST, and 100 keeps each answer small. */
export const VALUES_PER_QUERY = 100;

type Reader = Pick<BillingGateway, 'queryAll'>;

function refValue(ref: unknown): string | undefined {
  return typeof ref === 'object' && ref !== null && typeof (ref as { value?: unknown }).value === 'string' ? (ref as { value: string }).value : undefined;
}

function cents(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? qboAmountToCents(value) : 0;
}

async function inPages(gateway: Reader, entity: string, field: string, values: Iterable<string>, includeInactive: boolean): Promise<QboRecord[]> {
  const unique = [...new Set(values)].filter((v) => v !== '');
  const out: QboRecord[] = [];
  for (let i = 0; i < unique.length; i += VALUES_PER_QUERY) {
    out.push(...(await gateway.queryAll<QboRecord>(entity, `${field} IN ${inList(unique.slice(i, i + VALUES_PER_QUERY))}`, { includeInactive })));
  }
  return out;
}

function nameSummary(r: QboRecord, nameField: 'DisplayName' | 'Name'): QboNameSummary {
  const out: QboNameSummary = { name: typeof r[nameField] === 'string' ? (r[nameField] as string) : String(r.Id), active: r.Active !== false };
  if (typeof r.AccountType === 'string') out.type = r.AccountType;
  return out;
}

async function namesById(gateway: Reader, entity: 'Customer' | 'Item' | 'Account', ids: Iterable<string>): Promise<Map<string, QboNameSummary>> {
  const rows = await inPages(gateway, entity, 'Id', ids, true);
  return new Map(rows.map((r) => [String(r.Id), nameSummary(r, entity === 'Customer' ? 'DisplayName' : 'Name')]));
}

export function invoiceSummary(r: QboRecord): QboInvoiceSummary {
  const out: QboInvoiceSummary = {
    id: String(r.Id),
    docNumber: typeof r.DocNumber === 'string' ? r.DocNumber : '',
    customerId: refValue(r.CustomerRef) ?? '',
    totalCents: cents(r.TotalAmt),
    balanceCents: cents(r.Balance),
  };
  const ot = markerIds(r.PrivateNote, INVOICE_MARKER_PREFIX)[0];
  if (ot) out.otInvoiceId = ot;
  return out;
}

/** Preferences.SalesFormsPrefs.CustomTxnNumbers; when it cannot be read, on (the safer guess: QBO would not number). */
export async function readCustomTxnNumbers(gateway: Reader): Promise<boolean> {
  const [prefs] = await gateway.queryAll<QboRecord>('Preferences');
  const sales = prefs?.SalesFormsPrefs;
  if (typeof sales === 'object' && sales !== null && typeof (sales as { CustomTxnNumbers?: unknown }).CustomTxnNumbers === 'boolean') {
    return (sales as { CustomTxnNumbers: boolean }).CustomTxnNumbers;
  }
  return true;
}

/** The QBO Items the lines of these invoices would be billed under. */
function itemIdsOf(invoices: readonly Invoice[], input: Pick<InvoiceExportInput, 'links' | 'lineItemDefaults'>): Set<string> {
  const ids = new Set<string>();
  for (const invoice of invoices) {
    for (const line of Array.isArray(invoice.lines) ? invoice.lines : []) {
      const id =
        line.kind === 'time'
          ? input.links.workCode.get(line.workCodeId ?? '')
          : line.kind === 'expense'
            ? input.links.expenseCode.get(line.expenseCodeId ?? '')
            : input.lineItemDefaults[line.lineItemId ?? ''];
      if (id) ids.add(id);
    }
  }
  return ids;
}

export async function loadInvoiceQboFacts(
  gateway: Reader,
  invoices: readonly Invoice[],
  input: Pick<InvoiceExportInput, 'links' | 'lineItemDefaults' | 'done'>,
  numbering: InvoiceNumbering | undefined,
): Promise<InvoiceQboFacts> {
  const open = invoices.filter((i) => !input.done.has(i.id));
  const numbers = open.map((i) => exportedDocNumber(typeof i.number === 'string' ? i.number : '', numbering)).filter((n): n is string => !!n && n.length <= 21);
  const customerIds = open.map((i) => input.links.contact.get(i.contactId)).filter((id): id is string => !!id);
  const [customTxnNumbers, holders, customers, items] = await Promise.all([
    readCustomTxnNumbers(gateway),
    inPages(gateway, 'Invoice', 'DocNumber', numbers, false),
    namesById(gateway, 'Customer', customerIds),
    namesById(gateway, 'Item', itemIdsOf(open, input)),
  ]);
  const invoicesByDocNumber = new Map<string, QboInvoiceSummary[]>();
  for (const r of holders) {
    const summary = invoiceSummary(r);
    if (!summary.docNumber) continue;
    const key = summary.docNumber.toLowerCase();
    invoicesByDocNumber.set(key, [...(invoicesByDocNumber.get(key) ?? []), summary]);
  }
  return { invoicesByDocNumber, customers, items, customTxnNumbers };
}

export async function loadPaymentQboFacts(
  gateway: Reader,
  payments: readonly Payment[],
  links: { contact: IdMap },
  qboInvoiceIdByOtInvoiceId: IdMap,
  depositAccountId: string,
): Promise<PaymentQboFacts> {
  const customerIds = payments.map((p) => links.contact.get(p.contactId)).filter((id): id is string => !!id);
  const invoiceIds = payments.flatMap((p) => (Array.isArray(p.applications) ? p.applications : []).map((a) => qboInvoiceIdByOtInvoiceId.get(a.invoiceId))).filter((id): id is string => !!id);
  const [customers, invoiceRows, accounts, undeposited] = await Promise.all([
    namesById(gateway, 'Customer', customerIds),
    inPages(gateway, 'Invoice', 'Id', invoiceIds, false),
    depositAccountId ? namesById(gateway, 'Account', [depositAccountId]) : Promise.resolve(new Map<string, QboNameSummary>()),
    depositAccountId ? Promise.resolve([{}]) : gateway.queryAll<QboRecord>('Account', "AccountSubType = 'UndepositedFunds'"),
  ]);
  const facts: PaymentQboFacts = {
    customers,
    invoices: new Map(invoiceRows.map((r) => [String(r.Id), invoiceSummary(r)])),
    hasUndepositedFunds: undeposited.length > 0,
  };
  const deposit = depositAccountId ? accounts.get(depositAccountId) : undefined;
  if (deposit) facts.depositAccount = deposit;
  return facts;
}
