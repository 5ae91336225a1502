/**
 * The pure comparison behind the reconciliation report: OfficeTools' invoices and payments
 * against QBO's, paired by the journal first (it knows the QBO Id of what was exported or
 * imported), then by the documents' own fingerprints (the `OT-INV:` / `OT-PAY:` marker, the
 * QBO Id an imported payment keeps, DocNumber + linked customer), through the contact ⇄
 * customer links. No I/O: the loader gathers the inputs, so the tests can state every case.
 */
import type { Contact, Invoice, Payment } from '../host/protocol';
import type {
  BookTotals,
  ClientReconciliation,
  Difference,
  MatchedBy,
  OtSide,
  QboDocumentFacts,
  ReconcileDocKind,
  ReconcileDocument,
  ReconcilePeriod,
  ReconcileReport,
} from './reconcile-types';

export interface CompareBooksInput {
  period: ReconcilePeriod;
  realmId: string;
  contacts: readonly Pick<Contact, 'id' | 'displayName'>[];
  /** Every OfficeTools invoice and payment (the comparison keeps those of the period and those paired with QBO's of the period). */
  otInvoices: readonly Invoice[];
  otPayments: readonly Payment[];
  /** QBO invoices and payments dated in the period, plus any the journal names that are dated outside it. */
  qboInvoices: readonly QboDocumentFacts[];
  qboPayments: readonly QboDocumentFacts[];
  /** OfficeTools contact id → QBO customer Id. */
  customerByContact: ReadonlyMap<string, string>;
  /** OfficeTools invoice id → QBO invoice Id, from the journal's done exports. */
  exportedInvoices: ReadonlyMap<string, string>;
  /** OfficeTools payment id → QBO payment Id, from the journal's done exports and imports. */
  journalPayments: ReadonlyMap<string, string>;
  /** The DocNumber an OfficeTools invoice number has in QBO under the firm's numbering (undefined: QBO numbers them). */
  docNumberOf?(otNumber: string): string | undefined;
}

const inPeriod = (date: string, p: ReconcilePeriod) => date >= p.from && date <= p.to;
const emptyTotals = (): BookTotals => ({ invoicedCents: 0, paidCents: 0, openCents: 0 });

interface OtDoc {
  side: OtSide;
  /** QBO Id the journal or the document itself names. */
  journalId?: string;
  journalBy?: MatchedBy;
  docNumber?: string;
}

/** Pairs one kind of document; returns the report rows of that kind. */
function pair(
  kind: ReconcileDocKind,
  ot: readonly OtDoc[],
  qbo: readonly QboDocumentFacts[],
  input: CompareBooksInput,
  contactByCustomer: ReadonlyMap<string, string>,
): ReconcileDocument[] {
  const byId = new Map(qbo.map((q) => [q.id, q]));
  const byMarker = new Map<string, QboDocumentFacts>();
  const byNumber = new Map<string, QboDocumentFacts[]>();
  for (const q of qbo) {
    if (q.otId && !byMarker.has(q.otId)) byMarker.set(q.otId, q);
    if (q.docNumber) {
      const key = `${q.customerId}\u0000${q.docNumber.toLowerCase()}`;
      byNumber.set(key, [...(byNumber.get(key) ?? []), q]);
    }
  }
  const used = new Set<string>();
  const out: ReconcileDocument[] = [];
  const pending: OtDoc[] = [];

  const emit = (o: OtDoc | undefined, q: QboDocumentFacts | undefined, by?: MatchedBy) => {
    const otIn = o !== undefined && inPeriod(o.side.date, input.period);
    const qboIn = q !== undefined && inPeriod(q.date, input.period);
    if (!otIn && !qboIn) return;
    const differences: Difference[] = [];
    if (o && q) {
      if (o.side.amountCents !== q.amountCents) differences.push('amount');
      if (input.customerByContact.get(o.side.contactId) !== q.customerId) differences.push('customer');
      if (o.side.date !== q.date) differences.push('date');
    }
    const clientIds = new Set<string>();
    if (o) clientIds.add(o.side.contactId);
    const qboClient = q ? contactByCustomer.get(q.customerId) : undefined;
    if (qboClient) clientIds.add(qboClient);
    const doc: ReconcileDocument = {
      kind,
      status: o && q ? (differences.length ? 'differs' : 'matched') : o ? 'onlyInOfficeTools' : 'onlyInQbo',
      differences,
      clientIds: [...clientIds],
    };
    if (by) doc.matchedBy = by;
    if (o) doc.ot = o.side;
    if (q) {
      const { otId: _otId, warning, ...side } = q;
      doc.qbo = side;
      if (warning) doc.warning = warning;
    }
    out.push(doc);
  };

  // Pass 1: the journal, the document's own QBO Id, the marker — each names one document for sure.
  for (const o of ot) {
    const viaJournal = o.journalId !== undefined ? byId.get(o.journalId) : undefined;
    const viaMarker = viaJournal ? undefined : byMarker.get(o.side.id);
    const q = viaJournal ?? viaMarker;
    if (q && !used.has(q.id)) {
      used.add(q.id);
      emit(o, q, viaJournal ? o.journalBy : 'marker');
    } else pending.push(o);
  }
  // Pass 2: DocNumber + linked customer, only among QBO documents nothing else claimed and that
  // carry no other OfficeTools document's marker.
  for (const o of pending) {
    const customer = input.customerByContact.get(o.side.contactId);
    const candidates = customer && o.docNumber ? (byNumber.get(`${customer}\u0000${o.docNumber.toLowerCase()}`) ?? []) : [];
    const q = candidates.find((c) => !used.has(c.id) && (c.otId === undefined || c.otId === o.side.id));
    if (q) {
      used.add(q.id);
      emit(o, q, 'docNumber');
    } else emit(o, undefined);
  }
  // What QBO has alone: only for linked customers (the rest of QBO's books are not OfficeTools' clients).
  for (const q of qbo) if (!used.has(q.id) && contactByCustomer.has(q.customerId)) emit(undefined, q);
  return out;
}

function otInvoiceDocs(input: CompareBooksInput): OtDoc[] {
  return input.otInvoices.map((i) => {
    const journalId = input.exportedInvoices.get(i.id);
    const doc: OtDoc = {
      side: { id: i.id, number: i.number, contactId: i.contactId, date: i.date, amountCents: i.totalCents, balanceCents: i.balanceCents },
    };
    if (journalId) {
      doc.journalId = journalId;
      doc.journalBy = 'journal';
    }
    const number = input.docNumberOf ? input.docNumberOf(i.number) : i.number;
    if (number) doc.docNumber = number;
    return doc;
  });
}

function otPaymentDocs(input: CompareBooksInput): OtDoc[] {
  return input.otPayments.map((p) => {
    const side: OtSide = { id: p.id, contactId: p.contactId, date: p.date, amountCents: p.amountCents };
    if (p.reference) side.number = p.reference;
    const doc: OtDoc = { side };
    const journalId = input.journalPayments.get(p.id);
    if (journalId) {
      doc.journalId = journalId;
      doc.journalBy = 'journal';
    } else if (p.origin.system === 'qbo' && p.origin.realmId === input.realmId) {
      doc.journalId = p.origin.qboId;
      doc.journalBy = 'origin';
    }
    return doc;
  });
}

function addTotals(t: BookTotals, kind: ReconcileDocKind, amountCents: number, balanceCents: number | undefined): void {
  if (kind === 'invoice') {
    t.invoicedCents += amountCents;
    t.openCents += balanceCents ?? 0;
  } else t.paidCents += amountCents;
}

export function compareBooks(input: CompareBooksInput): ReconcileReport {
  const contactByCustomer = new Map<string, string>();
  for (const [contact, customer] of input.customerByContact) contactByCustomer.set(customer, contact);
  const documents = [
    ...pair('invoice', otInvoiceDocs(input), input.qboInvoices, input, contactByCustomer),
    ...pair('payment', otPaymentDocs(input), input.qboPayments, input, contactByCustomer),
  ];

  const names = new Map(input.contacts.map((c) => [c.id, c.displayName]));
  const clients = new Map<string, ClientReconciliation>();
  const client = (contactId: string): ClientReconciliation => {
    let c = clients.get(contactId);
    if (!c) {
      c = { contactId, name: names.get(contactId) ?? `Contact ${contactId}`, ot: emptyTotals(), qbo: emptyTotals(), documents: 0, issues: 0 };
      const customerId = input.customerByContact.get(contactId);
      if (customerId) c.customerId = customerId;
      clients.set(contactId, c);
    }
    return c;
  };
  const totals = { ot: emptyTotals(), qbo: emptyTotals(), documents: documents.length, issues: 0 };
  for (const d of documents) {
    const issue = d.status !== 'matched';
    if (issue) totals.issues++;
    for (const id of d.clientIds) {
      const c = client(id);
      c.documents++;
      if (issue) c.issues++;
    }
    // Each side counts in the period's totals only when dated in the period, for the client it belongs to in its own books.
    if (d.ot && inPeriod(d.ot.date, input.period)) {
      addTotals(client(d.ot.contactId).ot, d.kind, d.ot.amountCents, d.ot.balanceCents);
      addTotals(totals.ot, d.kind, d.ot.amountCents, d.ot.balanceCents);
    }
    if (d.qbo && inPeriod(d.qbo.date, input.period)) {
      const owner = contactByCustomer.get(d.qbo.customerId);
      // QBO's side of a client is what QBO holds under the client's linked customer; the totals are the clients' sums.
      if (owner) {
        addTotals(client(owner).qbo, d.kind, d.qbo.amountCents, d.qbo.balanceCents);
        addTotals(totals.qbo, d.kind, d.qbo.amountCents, d.qbo.balanceCents);
      }
    }
  }
  const list = [...clients.values()].sort((a, b) => Number(b.issues > 0) - Number(a.issues > 0) || a.name.localeCompare(b.name) || a.contactId.localeCompare(b.contactId));
  return { period: { ...input.period }, clients: list, documents, totals };
}

/** The drill-down of one client: its documents, invoices first, by date. */
export function clientDocuments(report: ReconcileReport, contactId: string): ReconcileDocument[] {
  const dateOf = (d: ReconcileDocument) => d.ot?.date ?? d.qbo?.date ?? '';
  return report.documents
    .filter((d) => d.clientIds.includes(contactId))
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'invoice' ? -1 : 1) || dateOf(a).localeCompare(dateOf(b)));
}
