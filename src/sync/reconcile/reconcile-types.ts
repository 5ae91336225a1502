/**
 * The reconciliation report (issue 14, point 8): OfficeTools' books beside QuickBooks Online's
 * for one period, per client, with every document on one side only or differing. Money is
 * integer cents, dates plain YYYY-MM-DD, ids strings. The report is plain data, so the panel,
 * the CSV export and the tests read the same thing.
 */

/** Inclusive calendar days, YYYY-MM-DD. */
export interface ReconcilePeriod {
  from: string;
  to: string;
}

export type ReconcileDocKind = 'invoice' | 'payment';

/** How an OfficeTools document was paired with a QBO one. */
export type MatchedBy =
  /** The billing journal recorded the export (or import) with the QBO Id. */
  | 'journal'
  /** The QBO document carries the `OT-INV:` / `OT-PAY:` marker of the OfficeTools one. */
  | 'marker'
  /** Same DocNumber (under the firm's numbering) and the contact's linked customer. */
  | 'docNumber'
  /** An OfficeTools payment imported from QBO names its QBO Id. */
  | 'origin';

export type DocumentStatus = 'matched' | 'differs' | 'onlyInOfficeTools' | 'onlyInQbo';

export type Difference = 'amount' | 'customer' | 'date';

/** One system's view of a document. */
export interface OtSide {
  id: string;
  /** Invoice number; for a payment its reference, when it has one. */
  number?: string;
  contactId: string;
  date: string;
  amountCents: number;
  /** Invoices only: what is still owed. */
  balanceCents?: number;
}

export interface QboSide {
  id: string;
  docNumber?: string;
  customerId: string;
  customerName?: string;
  date: string;
  amountCents: number;
  /** Invoices only. */
  balanceCents?: number;
}

export interface ReconcileDocument {
  kind: ReconcileDocKind;
  status: DocumentStatus;
  /** Empty unless `status` is 'differs'. */
  differences: Difference[];
  matchedBy?: MatchedBy;
  ot?: OtSide;
  qbo?: QboSide;
  /** The clients (OfficeTools contact ids) whose drill-down lists it: the OT contact and/or the contact linked to the QBO customer. */
  clientIds: string[];
  /** Set when a QBO amount was not whole cents and had to be rounded to be shown. */
  warning?: string;
}

export interface BookTotals {
  /** Σ invoice totals dated in the period. */
  invoicedCents: number;
  /** Σ payments dated in the period. */
  paidCents: number;
  /** Σ what is still owed on the invoices dated in the period. */
  openCents: number;
}

export interface ClientReconciliation {
  contactId: string;
  name: string;
  /** The QBO customer linked to the contact, when there is one. */
  customerId?: string;
  ot: BookTotals;
  qbo: BookTotals;
  documents: number;
  /** Documents on one side only or differing. */
  issues: number;
}

export interface ReconcileReport {
  period: ReconcilePeriod;
  /** Clients with any document in the period; those with issues first, then by name. */
  clients: ClientReconciliation[];
  documents: ReconcileDocument[];
  totals: { ot: BookTotals; qbo: BookTotals; documents: number; issues: number };
}

/** A QBO invoice or payment as the comparison needs it (read from the wire by the loader). */
export interface QboDocumentFacts extends QboSide {
  /** The OfficeTools id in the document's marker (`OT-INV:<id>` / `OT-PAY:<id>`), if any. */
  otId?: string;
  warning?: string;
}

export type ReconcileErrorCode = 'bad_period' | 'bad_qbo_answer';

export class ReconcileError extends Error {
  readonly code: ReconcileErrorCode;
  constructor(code: ReconcileErrorCode, message: string) {
    super(message);
    this.name = 'ReconcileError';
    this.code = code;
  }
}
