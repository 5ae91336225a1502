/**
 * The contract of the Time & Billing jobs (Export Invoices, Import Payments, Export Payments):
 * what the pure planners return and what the executors report. The panel's views and the
 * one-off command build on these types only; src/sync/billing implements them.
 *
 * Money is integer cents, dates plain `YYYY-MM-DD`, ids strings.
 */
import type { LocaleFormat } from '../format/locale-format';
import type { Cents, Invoice, Payment, PanelView, PlainDate } from '../host/protocol';

/** Why a document cannot go, with a one-click fix where there is one. */
export type BlockCode =
  | 'contact_not_linked'
  | 'work_code_not_linked'
  | 'expense_code_not_linked'
  | 'line_item_no_default'
  | 'no_lines'
  | 'amounts_do_not_add_up'
  | 'invoice_not_exported'
  | 'customer_not_linked'
  | 'already_done'
  | 'from_other_side'
  /** QBO already has an invoice with this DocNumber (QBO would refuse it: 6140). */
  | 'duplicate_doc_number'
  /** The linked QBO customer is inactive, or no longer exists (QBO would refuse it: 610). */
  | 'customer_inactive'
  /** A QBO item a line is billed under is inactive, or no longer exists. */
  | 'item_inactive'
  /** The account the document would post to is missing or inactive in QBO. */
  | 'account_missing'
  /** A QBO invoice the payment is applied to is gone, or owes less than is applied to it. */
  | 'invoice_balance'
  | 'invalid';

/** How exported invoices are numbered in QBO (the firm setting `invoiceNumbers`). */
export interface InvoiceNumbering {
  /** 'keep': OfficeTools' number; 'prefix': `prefix` + OfficeTools' number; 'qbo': QBO numbers them. */
  mode: 'keep' | 'prefix' | 'qbo';
  prefix?: string;
}

/** A fix the billing service applies itself (BillingService.applyFix); the plan is made again after it. */
export type BlockAction =
  | { kind: 'linkExistingInvoice'; label: string; invoiceId: string; qboInvoiceId: string }
  | { kind: 'setInvoiceNumbering'; label: string; numbering: InvoiceNumbering };

export interface BlockReason {
  code: BlockCode;
  /** A sentence a bookkeeper understands: what is wrong and what to do. */
  message: string;
  /** Opens the panel where the user can fix it (e.g. the Contact Match tab at that contact). */
  fix?: { label: string; view: PanelView; focusId?: string };
  /** Fixes applied in place (link the existing QBO invoice, change the numbering setting). */
  actions?: BlockAction[];
}

export interface PlannedDocument<TPayload> {
  /** OfficeTools id for exports, QBO Id for imports. */
  sourceId: string;
  /** What the user sees in the list: invoice number, or payment date + customer. */
  label: string;
  amountCents: Cents;
  /** The QBO body (exports) or the OfficeTools PaymentInput (imports) that would be written. */
  payload: TPayload;
  /** Identifies the document on the other side, e.g. `OT-INV:<id>` in PrivateNote. */
  fingerprint: string;
  /** What the document does beyond its label, e.g. how a payment is applied (describe-applications.ts). */
  detail?: string;
}

export interface BlockedDocument {
  sourceId: string;
  label: string;
  reasons: BlockReason[];
}

export interface BillingPlan<TPayload> {
  ready: PlannedDocument<TPayload>[];
  blocked: BlockedDocument[];
}

export type BillingJobKind = 'invoiceExport' | 'paymentExport' | 'paymentImport';

export interface BillingProgress {
  kind: BillingJobKind;
  done: number;
  total: number;
  failed: number;
}

export interface DocumentOutcome {
  sourceId: string;
  label: string;
  /** Created now, found already there (fingerprint) and linked, or failed. */
  result: 'created' | 'linkedExisting' | 'failed';
  /** The id on the other side when known. */
  targetId?: string;
  error?: { code: string; message: string };
  /** The planned document's detail (e.g. how a payment is applied), for the confirmation. */
  detail?: string;
}

export interface BillingReport {
  kind: BillingJobKind;
  outcomes: DocumentOutcome[];
  /** True when Cancel stopped the run between batches; the rest stay planned and can resume. */
  cancelled: boolean;
  /** Requests sent to QBO for the writes (for the benchmarks). */
  writeRequests: number;
}

/** A QBO payment as the Import Payments list shows it. */
export interface QboPaymentRow {
  qboId: string;
  date: PlainDate;
  customerQboId: string;
  customerName: string;
  amountCents: Cents;
  reference?: string;
  /** QBO invoice ids it pays, with their DocNumbers and the OfficeTools invoice numbers when known. */
  invoices: Array<{ qboId: string; docNumber?: string; otInvoiceNumber?: string; amountCents: Cents }>;
  /** True when it was exported from OfficeTools (never offered for import). */
  fromOfficeTools: boolean;
}

export type { Invoice, Payment };

// ---------------------------------------------------------------------------------------------
// Added by the engine (src/sync/billing): payloads, planner inputs and the journal port.
// ---------------------------------------------------------------------------------------------

/** A QBO reference as the engine writes it (`name` is left out: QBO only reads `value`). */
export interface QboRefPayload {
  value: string;
}

/** One OfficeTools invoice line as a QBO sales line; Qty × UnitPrice rounds to Amount exactly. */
export interface QboInvoiceLinePayload {
  DetailType: 'SalesItemLineDetail';
  /** Dollars with at most 2 decimals (from integer cents). */
  Amount: number;
  Description?: string;
  SalesItemLineDetail: {
    ItemRef: QboRefPayload;
    Qty: number;
    /** Dollars, at most 7 decimals. */
    UnitPrice: number;
    ServiceDate?: PlainDate;
  };
}

/** The body of the QBO Invoice create for one OfficeTools invoice. */
export interface QboInvoicePayload {
  CustomerRef: QboRefPayload;
  /** Left out when QBO numbers exported invoices (the 'qbo' numbering). */
  DocNumber?: string;
  TxnDate: PlainDate;
  DueDate?: PlainDate;
  Line: QboInvoiceLinePayload[];
  /** Starts with the fingerprint marker `OT-INV:<invoiceId>`. */
  PrivateNote: string;
}

export interface QboPaymentLinePayload {
  Amount: number;
  LinkedTxn: [{ TxnId: string; TxnType: 'Invoice' }];
}

/** The body of the QBO Payment create for one OfficeTools payment. */
export interface QboPaymentPayload {
  CustomerRef: QboRefPayload;
  TotalAmt: number;
  TxnDate: PlainDate;
  /** One line per OfficeTools application; what is not applied stays unapplied in QBO. */
  Line: QboPaymentLinePayload[];
  PaymentRefNum?: string;
  PaymentMethodRef?: QboRefPayload;
  /** Left out when Account Defaults has no deposit account: QBO then uses Undeposited Funds. */
  DepositToAccountRef?: QboRefPayload;
  /** Starts with the fingerprint marker `OT-PAY:<paymentId>`. */
  PrivateNote: string;
}

/** OfficeTools id → QBO Id, one map per link kind the billing jobs read. */
export type IdMap = ReadonlyMap<string, string>;

export interface InvoiceExportInput {
  /** How amounts and dates in its reasons and labels read (the user's locale). @defaultvalue displayFormat() */
  format?: LocaleFormat;
  invoices: Invoice[];
  contactsById: ReadonlyMap<string, { displayName: string }>;
  links: { contact: IdMap; workCode: IdMap; expenseCode: IdMap };
  /** OfficeTools invoice line item id → QBO Item Id (Account Defaults). */
  lineItemDefaults: Readonly<Record<string, string>>;
  /** Invoice ids already exported. */
  done: ReadonlySet<string>;
  /** The firm's numbering of exported invoices. @defaultvalue { mode: 'keep' } */
  numbering?: InvoiceNumbering;
  /** What QBO holds that would make it refuse an invoice; without it those checks are left to QBO. */
  qbo?: InvoiceQboFacts;
}

/** A QBO invoice as the collision checks see it. */
export interface QboInvoiceSummary {
  id: string;
  docNumber: string;
  customerId: string;
  totalCents: Cents;
  balanceCents: Cents;
  /** The OfficeTools invoice whose marker (`OT-INV:`) it carries, if any. */
  otInvoiceId?: string;
}

/** A QBO name-list record (customer, item, account) as the collision checks see it. */
export interface QboNameSummary {
  name: string;
  active: boolean;
  /** Accounts only: AccountType. */
  type?: string;
}

export interface InvoiceQboFacts {
  /** QBO invoices holding the DocNumbers the plan would send, by lower-cased DocNumber. */
  invoicesByDocNumber: ReadonlyMap<string, readonly QboInvoiceSummary[]>;
  /** The linked customers the plan uses, by QBO Id (inactive ones included; a missing Id is gone). */
  customers: ReadonlyMap<string, QboNameSummary>;
  /** The items the plan bills under, by QBO Id (inactive ones included; a missing Id is gone). */
  items: ReadonlyMap<string, QboNameSummary>;
  /** Preferences.SalesFormsPrefs.CustomTxnNumbers: off means QBO numbers invoices itself. */
  customTxnNumbers: boolean;
}

export interface PaymentQboFacts {
  customers: ReadonlyMap<string, QboNameSummary>;
  /** The QBO invoices the payments are applied to, by QBO Id (a missing Id is gone). */
  invoices: ReadonlyMap<string, QboInvoiceSummary>;
  /** The deposit account of Account Defaults, when one is set (a missing Id is gone). */
  depositAccount?: QboNameSummary;
  /** Whether QBO has an Undeposited Funds account (where payments go without a deposit account). */
  hasUndepositedFunds: boolean;
}

export interface PaymentImportInput {
  /** How amounts and dates in its reasons and labels read (the user's locale). @defaultvalue displayFormat() */
  format?: LocaleFormat;
  /** The QBO company the rows come from (recorded in each payment's origin). */
  realmId: string;
  rows: QboPaymentRow[];
  links: { contact: IdMap };
  otInvoiceIdByQboInvoiceId: IdMap;
  otInvoices: Invoice[];
  /** QBO payment ids already imported. */
  done: ReadonlySet<string>;
}

export interface PaymentExportInput {
  /** How amounts and dates in its reasons and labels read (the user's locale). @defaultvalue displayFormat() */
  format?: LocaleFormat;
  payments: Payment[];
  links: { contact: IdMap };
  qboInvoiceIdByOtInvoiceId: IdMap;
  /** QBO PaymentMethod Id by name (matched without regard to case). */
  paymentMethodIdByName: IdMap;
  /** QBO Account Id; '' = Undeposited Funds. */
  depositAccountId: string;
  /** Payment ids already exported. */
  done: ReadonlySet<string>;
  /** Optional: OfficeTools invoice numbers by id, so reasons name invoices as the user knows them. */
  invoiceNumbers?: ReadonlyMap<string, string>;
  /** Optional: contact names by id, for labels. */
  contactsById?: ReadonlyMap<string, { displayName: string }>;
  /** What QBO holds that would make it refuse a payment; without it those checks are left to QBO. */
  qbo?: PaymentQboFacts;
}

/** A row of `listQboPayments`: a QboPaymentRow plus what the import planner can use. */
export interface QboPaymentListRow extends QboPaymentRow {
  paymentMethodName?: string;
  privateNote?: string;
  invoices: Array<{ qboId: string; docNumber?: string; otInvoiceNumber?: string; amountCents: Cents; otInvoiceId?: string }>;
}

export type JournalState = 'planned' | 'sent' | 'done' | 'failed';

/** One document as the journal keeps it (the `documents` store, per company). */
export interface JournalEntry {
  kind: BillingJobKind;
  sourceId: string;
  targetId?: string;
  requestId: string;
  state: JournalState;
  error?: { code: string; message: string };
  updatedAt: string;
}

/** A change the executors record for one document; several go in one write. */
export type JournalChange =
  | { sourceId: string; state: 'planned'; requestId: string }
  /**
   * `requestId`, when given, replaces the stored one: the in-flight bookkeeping of
   * in-flight.ts (the same QBO requestid with the batch it went in and when).
   */
  | { sourceId: string; state: 'sent'; requestId?: string }
  | { sourceId: string; state: 'done'; targetId: string; how: 'created' | 'linkedExisting' }
  | { sourceId: string; state: 'failed'; error: { code: string; message: string; /** QBO's id of the refusal, for Sync History (not kept on the document). */ intuitTid?: string } };

/**
 * The executors' memory, written BEFORE each send so that a run cut off anywhere resumes
 * without duplicates. `createBillingJournal` implements it over IndexedDB.
 */
export interface BillingJournal {
  readonly realmId: string;
  get(kind: BillingJobKind, sourceId: string): Promise<JournalEntry | undefined>;
  list(kind: BillingJobKind, state?: JournalState): Promise<JournalEntry[]>;
  markPlanned(kind: BillingJobKind, sourceId: string, requestId: string): Promise<void>;
  markSent(kind: BillingJobKind, sourceId: string): Promise<void>;
  markDone(kind: BillingJobKind, sourceId: string, targetId: string, how?: 'created' | 'linkedExisting'): Promise<void>;
  markFailed(kind: BillingJobKind, sourceId: string, error: { code: string; message: string }): Promise<void>;
  /** Several changes in one write (one IndexedDB transaction), each with its audit record. */
  record(kind: BillingJobKind, changes: readonly JournalChange[]): Promise<void>;
  doneIds(kind: BillingJobKind): Promise<Set<string>>;
}

/** What an executor returns: the agreed report, plus why the run stopped early when it did. */
export interface BillingRunReport extends BillingReport {
  /**
   * Set when a failure of a whole call (connection lost after retries, expired connection,
   * QBO throttling that outlasted the retries) stopped the run. The documents not finished
   * keep their journal state and requestid; run the export again to resume.
   */
  stoppedBy?: { code: string; message: string };
}
