/**
 * The OfficeTools host protocol: the one file that both sides import.
 *
 * The add-in (panel, commands runtime and host windows, each in an iframe) talks to the OfficeTools shell
 * (the parent window) over `postMessage`. The add-in sends requests and gets exactly one
 * response per request, matched by `id`; the shell pushes events. Modelled on Office.js, kept
 * small and versioned: a change that an older peer cannot read bumps HOST_PROTOCOL_VERSION.
 *
 * Conventions of the firm data carried here:
 * - ids are strings;
 * - money is integer cents (`…Cents` fields), never floating dollars;
 * - dates are plain `YYYY-MM-DD` strings with no time zone; timestamps are ISO-8601 strings.
 */

export const HOST_PROTOCOL = 'officetools-host' as const;
export const HOST_PROTOCOL_VERSION = 1 as const;

/** Integer number of cents. */
export type Cents = number;
/** A calendar date, `YYYY-MM-DD`. */
export type PlainDate = string;
/** An instant, ISO-8601 with offset, e.g. `2026-11-26T10:00:00.000Z`. */
export type Timestamp = string;

// ---------------------------------------------------------------------------------------------
// Firm data (what OfficeTools keeps)
// ---------------------------------------------------------------------------------------------

export interface ContactType {
  id: string;
  name: string;
}

export interface Address {
  line1?: string;
  line2?: string;
  city?: string;
  /** State or province code, e.g. `CA`. */
  state?: string;
  postalCode?: string;
  /** ISO-3166 alpha-2, e.g. `US`. */
  country?: string;
}

export interface Contact {
  id: string;
  typeId: string;
  /** A business files under its company name; an individual under first/last name. */
  kind: 'business' | 'individual';
  accountNumber?: string;
  companyName?: string;
  firstName?: string;
  middleName?: string;
  lastName?: string;
  /** Generational suffix such as `Jr.` or `III`. */
  suffix?: string;
  /** The name OfficeTools shows in lists: company name, or "Last, First M." for people. */
  displayName: string;
  email?: string;
  phone?: string;
  address?: Address;
  active: boolean;
  updatedAt: Timestamp;
}

/** What a caller may send to create a contact (the shell assigns id, displayName, updatedAt). */
export type ContactInput = Omit<Contact, 'id' | 'displayName' | 'updatedAt'> & { displayName?: string };

export interface Employee {
  id: string;
  firstName: string;
  middleName?: string;
  lastName: string;
  suffix?: string;
  initials?: string;
  email?: string;
  phone?: string;
  hiredDate?: PlainDate;
  active: boolean;
  updatedAt: Timestamp;
}
export type EmployeeInput = Omit<Employee, 'id' | 'updatedAt'>;

export interface WorkCode {
  id: string;
  /** The firm's code number, e.g. `110`. */
  number: string;
  description: string;
  billable: boolean;
  /** Standard hourly rate. */
  rateCents: Cents;
  active: boolean;
  updatedAt: Timestamp;
}
export type WorkCodeInput = Omit<WorkCode, 'id' | 'updatedAt'>;

export interface ExpenseCode {
  id: string;
  number: string;
  description: string;
  billable: boolean;
  /** Default unit charge; 0 when the amount is entered per expense. */
  rateCents: Cents;
  active: boolean;
  updatedAt: Timestamp;
}
export type ExpenseCodeInput = Omit<ExpenseCode, 'id' | 'updatedAt'>;

/** What an OfficeTools billing account is for; Account Defaults maps each to a QBO account. */
export type AccountPurpose =
  | 'workCodeIncome'
  | 'expenseCodeIncome'
  | 'accountsReceivable'
  | 'discounts'
  | 'financeCharges'
  | 'salesTaxPayable'
  | 'retainers'
  | 'paymentDeposit';

export interface OfficeToolsAccount {
  id: string;
  name: string;
  purpose: AccountPurpose;
}

/** Invoice line items that are not time or expense; Account Defaults maps each to a QBO item. */
export type LineItemKind = 'financeCharge' | 'lateFee' | 'discount' | 'salesTax' | 'retainerApplied' | 'adjustment';

export interface InvoiceLineItem {
  id: string;
  name: string;
  kind: LineItemKind;
}

export interface InvoiceLine {
  id: string;
  kind: 'time' | 'expense' | 'item';
  workCodeId?: string;
  expenseCodeId?: string;
  lineItemId?: string;
  employeeId?: string;
  serviceDate?: PlainDate;
  description: string;
  /** Hours for time, units for expenses; at most 4 decimals. */
  quantity: number;
  rateCents: Cents;
  /** Always round(quantity × rateCents); negative for discounts and retainers applied. */
  amountCents: Cents;
}

export interface Invoice {
  id: string;
  /** The firm's invoice number, unique in the firm. */
  number: string;
  contactId: string;
  date: PlainDate;
  dueDate?: PlainDate;
  lines: InvoiceLine[];
  totalCents: Cents;
  /** What is still owed after the payments applied in OfficeTools. */
  balanceCents: Cents;
  memo?: string;
  updatedAt: Timestamp;
}

export interface PaymentApplication {
  invoiceId: string;
  amountCents: Cents;
}

export interface Payment {
  id: string;
  contactId: string;
  date: PlainDate;
  amountCents: Cents;
  /** e.g. `Check`, `Credit Card`, `ACH`, `Cash`. */
  method?: string;
  /** Check number or other reference. */
  reference?: string;
  applications: PaymentApplication[];
  /** amountCents − Σ applications. */
  unappliedCents: Cents;
  memo?: string;
  /** Where the payment was first entered: in OfficeTools, or imported from QuickBooks Online. */
  origin: { system: 'officetools' } | { system: 'qbo'; realmId: string; qboId: string };
  updatedAt: Timestamp;
}
export type PaymentInput = Omit<Payment, 'id' | 'unappliedCents' | 'updatedAt'>;

/** What a user may do in the firm; the identity token carries it as the `role` claim. */
export type HostUserRole = 'admin' | 'staff';

export interface HostUser {
  id: string;
  name: string;
  email: string;
  role: HostUserRole;
}

// ---------------------------------------------------------------------------------------------
// Panel views (where a menu command opens the panel)
// ---------------------------------------------------------------------------------------------

export const PANEL_VIEWS = [
  'integrations',
  'accountDefaults',
  'contactMatch',
  'employeeMatch',
  'workCodeMatch',
  'expenseCodeMatch',
  'exportInvoices',
  'importPayments',
  'exportPayments',
  'reconcile',
  'history',
] as const;
export type PanelView = (typeof PANEL_VIEWS)[number];

export function isPanelView(value: unknown): value is PanelView {
  return typeof value === 'string' && (PANEL_VIEWS as readonly string[]).includes(value);
}

/** The longest title and summary a host window carries (longer ones are refused). */
export const HOST_WINDOW_TEXT_MAX = 200;

// ---------------------------------------------------------------------------------------------
// The host's theme (the add-in paints itself to match)
// ---------------------------------------------------------------------------------------------

export const HOST_THEMES = ['light', 'dark', 'highContrast'] as const;
export type HostTheme = (typeof HOST_THEMES)[number];

export function isHostTheme(value: unknown): value is HostTheme {
  return typeof value === 'string' && (HOST_THEMES as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------
// Methods: add-in → host requests
// ---------------------------------------------------------------------------------------------

type Crud<T, TInput> = {
  list: { params: Record<string, never>; result: T[] };
  get: { params: { id: string }; result: T };
  create: { params: { input: TInput }; result: T };
  /** A partial update: only the fields given change. */
  update: { params: { id: string; changes: Partial<TInput> }; result: T };
};

export interface HostMethods {
  'host.info': {
    params: Record<string, never>;
    result: {
      protocolVersion: number;
      hostName: 'OfficeTools';
      hostVersion: string;
      /** The signed-in user's firm (`^[A-Za-z0-9_-]{1,64}$`); the identity token's `firm_id`. */
      firmId: string;
      firmName: string;
      user: HostUser;
      /**
       * The theme OfficeTools shows now; later changes come as the `themeChanged` event. Added
       * field, so the protocol version stays 1: an older host leaves it out (read it as light).
       */
      theme?: HostTheme;
      /**
       * The user's locale in OfficeTools (BCP 47, e.g. `en-US`, `en-GB`, `de-DE`): add-ins show
       * dates, amounts and counts in it. Fixed for a frame's life: OfficeTools reloads its add-in
       * frames when the user changes it. Added field, so the protocol version stays 1: an older
       * host leaves it out (the add-in then uses the browser's language).
       */
      locale?: string;
    };
  };

  /**
   * A short-lived identity token (compact JWS, ES256) for the signed-in user, with the calling
   * add-in's origin as audience; see docs/firm-contract.md §1. The host may answer from a cache
   * while the token is fresh; `forceRefresh` always gets a newly signed one (the add-in asks for
   * that after its proxy refused a token). Added fields only, so the protocol version stays 1:
   * an older host answers `unknown_method`.
   */
  'auth.getIdentityToken': { params: { forceRefresh?: boolean }; result: { token: string; expiresAt: Timestamp } };

  'contactTypes.list': { params: Record<string, never>; result: ContactType[] };
  'contacts.list': { params: { typeIds?: string[] }; result: Contact[] };
  'contacts.get': Crud<Contact, ContactInput>['get'];
  'contacts.create': Crud<Contact, ContactInput>['create'];
  'contacts.update': Crud<Contact, ContactInput>['update'];

  'employees.list': Crud<Employee, EmployeeInput>['list'];
  'employees.get': Crud<Employee, EmployeeInput>['get'];
  'employees.create': Crud<Employee, EmployeeInput>['create'];
  'employees.update': Crud<Employee, EmployeeInput>['update'];

  'workCodes.list': Crud<WorkCode, WorkCodeInput>['list'];
  'workCodes.get': Crud<WorkCode, WorkCodeInput>['get'];
  'workCodes.create': Crud<WorkCode, WorkCodeInput>['create'];
  'workCodes.update': Crud<WorkCode, WorkCodeInput>['update'];

  'expenseCodes.list': Crud<ExpenseCode, ExpenseCodeInput>['list'];
  'expenseCodes.get': Crud<ExpenseCode, ExpenseCodeInput>['get'];
  'expenseCodes.create': Crud<ExpenseCode, ExpenseCodeInput>['create'];
  'expenseCodes.update': Crud<ExpenseCode, ExpenseCodeInput>['update'];

  'accounts.list': { params: Record<string, never>; result: OfficeToolsAccount[] };
  'lineItems.list': { params: Record<string, never>; result: InvoiceLineItem[] };

  'invoices.list': { params: { contactId?: string }; result: Invoice[] };
  'invoices.get': { params: { id: string }; result: Invoice };

  'payments.list': { params: { contactId?: string }; result: Payment[] };
  'payments.get': { params: { id: string }; result: Payment };
  /** Records a payment in OfficeTools and applies it to the given invoices (lowering their balance). */
  'payments.create': { params: { input: PaymentInput }; result: Payment };

  /** Shows the add-in's panel at a view (opening it if closed). */
  'ui.showPanel': { params: { view: PanelView; focusId?: string }; result: { shown: true } };
  /**
   * Opens a dialog window (a real top-level window) at a URL of the add-in's own origin.
   * The page in it may send `{protocol, kind:'dialogMessage', message}` to its opener; the host
   * relays it to the add-in as the `dialogMessage` event.
   */
  'ui.openDialog': { params: { url: string; width?: number; height?: number }; result: { dialogId: string } };
  'ui.closeDialog': { params: { dialogId: string }; result: { closed: boolean } };
  /** A notification in the shell (used by the commands runtime, which has no UI of its own). */
  'ui.notify': {
    params: { level: 'info' | 'success' | 'warning' | 'error'; title: string; message: string };
    result: { shown: true };
  };
  /**
   * Opens a window of the add-in INSIDE the host (docs/decisions/0008-host-windows.md): a modal
   * window that the host draws over its workspace, with a title bar and a close button, holding
   * a frame of `url` (a page of the add-in's own origin). The page in it gets its own host
   * connection, with this same protocol and the same origin-and-source checks as the panel. The
   * host clamps the size to its workspace and answers the size it used. One window per add-in
   * at a time (the window is modal): a second request while one is open answers `not_allowed`.
   * When the window closes, the frame that opened it gets `windowClosed`.
   */
  'ui.openWindow': {
    params: { url: string; title: string; width: number; height: number };
    result: { windowId: string; width: number; height: number };
  };
  /**
   * Closes a host window. From the window's own page, `windowId` may be left out (it closes
   * itself) and `summary` is a one-line outcome ("2 invoices exported") that the opener's
   * `windowClosed` event carries, for the panel's status line.
   */
  'ui.closeWindow': { params: { windowId?: string; summary?: string }; result: { closed: boolean } };
  /**
   * Deprecated by ui.openWindow (docs/decisions/0008-host-windows.md); kept for older add-ins.
   * Asks the host to widen the docked panel while a window with side-by-side lists (the
   * Integration window's Match tabs) is open, and to restore it afterwards. A host that cannot
   * answers `unknown_method`; the add-in then keeps working at the width it has.
   */
  'ui.setPanelWidth': { params: { mode: 'wide' | 'normal' }; result: { width: number } };
  /** The commands runtime reports that an `executeFunction` call has finished (Office's event.completed()). */
  'command.completed': { params: { callId: string; error?: string }; result: { ok: true } };
}

export type HostMethod = keyof HostMethods;
export type HostParams<M extends HostMethod> = HostMethods[M]['params'];
export type HostResult<M extends HostMethod> = HostMethods[M]['result'];

// ---------------------------------------------------------------------------------------------
// Events: host → add-in
// ---------------------------------------------------------------------------------------------

export interface HostEvents {
  contactAdded: { contact: Contact };
  contactChanged: { contact: Contact; previous: Contact };
  /** The panel is already open and a command asks for another view. */
  panelView: { view: PanelView; focusId?: string };
  dialogMessage: { dialogId: string; message: unknown };
  dialogClosed: { dialogId: string };
  /** To the frame that opened a host window: it closed (its page closed it, or the user did). */
  windowClosed: { windowId: string; summary?: string };
  /**
   * To a host window's own page: the user clicked the window's close button (or pressed Escape
   * in the host). The page decides (it may ask about unsaved changes) and calls ui.closeWindow.
   */
  windowCloseRequested: { windowId: string };
  /** The user switched OfficeTools' theme; the add-in repaints to match (see HostTheme). */
  themeChanged: { theme: HostTheme };
  /** A manifest command of action ExecuteFunction was clicked; answer with `command.completed`. */
  executeFunction: { callId: string; functionName: string; context: { invoiceId?: string; contactId?: string } };
}
export type HostEventName = keyof HostEvents;

// ---------------------------------------------------------------------------------------------
// Wire messages
// ---------------------------------------------------------------------------------------------

interface Envelope {
  protocol: typeof HOST_PROTOCOL;
  v: typeof HOST_PROTOCOL_VERSION;
}

export interface RequestMessage<M extends HostMethod = HostMethod> extends Envelope {
  kind: 'request';
  id: string;
  method: M;
  params: HostParams<M>;
  /**
   * 'json': the add-in also reads an answer sent as JSON text (`resultJson`). A host that has the
   * answer as text already (a REST body) passes it on as it is: a 20,000-contact list crosses the
   * frame boundary as one string, which the add-in parses in a fraction of the time the browser
   * takes to rebuild 20,000 cloned objects (docs/decisions/0009-bulk-answers-as-json-text.md).
   * Optional and additive, so the protocol version stays 1: an older host ignores it and answers
   * `result`, which the add-in reads as before.
   */
  answerAs?: 'json';
}

/** Error codes a host may answer with. */
export type HostErrorCode =
  | 'not_found'
  | 'invalid_params'
  | 'unknown_method'
  | 'not_allowed'
  | 'timeout'
  | 'version_mismatch'
  | 'host_error';

export interface HostError {
  code: HostErrorCode;
  message: string;
}

export type ResponseMessage<M extends HostMethod = HostMethod> = Envelope & { kind: 'response'; id: string } & (
    | { ok: true; result: HostResult<M>; resultJson?: undefined }
    /** The same result as JSON text, only to a request that said `answerAs: 'json'`. */
    | { ok: true; resultJson: string; result?: undefined }
    | { ok: false; error: HostError }
  );

export interface EventMessage<E extends HostEventName = HostEventName> extends Envelope {
  kind: 'event';
  event: E;
  data: HostEvents[E];
}

/** Sent by a page inside a dialog window to its opener (the host). */
export interface DialogMessage extends Envelope {
  kind: 'dialogMessage';
  message: unknown;
}

export type HostMessage = RequestMessage | ResponseMessage | EventMessage | DialogMessage;

/** How long the add-in waits for a response before failing with `timeout`. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/** True when `data` is a message of this protocol and version (anything else is ignored, never trusted). */
export function isHostMessage(data: unknown): data is HostMessage {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Partial<HostMessage>;
  if (m.protocol !== HOST_PROTOCOL || m.v !== HOST_PROTOCOL_VERSION) return false;
  switch (m.kind) {
    case 'request':
      return typeof (m as RequestMessage).id === 'string' && typeof (m as RequestMessage).method === 'string';
    case 'response':
      return typeof (m as ResponseMessage).id === 'string' && typeof (m as ResponseMessage).ok === 'boolean';
    case 'event':
      return typeof (m as EventMessage).event === 'string';
    case 'dialogMessage':
      return true;
    default:
      return false;
  }
}

export function makeRequest<M extends HostMethod>(id: string, method: M, params: HostParams<M>, answerAs?: 'json'): RequestMessage<M> {
  const request: RequestMessage<M> = { protocol: HOST_PROTOCOL, v: HOST_PROTOCOL_VERSION, kind: 'request', id, method, params };
  if (answerAs) request.answerAs = answerAs;
  return request;
}

export function makeResponse<M extends HostMethod>(id: string, result: HostResult<M>): ResponseMessage<M> {
  return { protocol: HOST_PROTOCOL, v: HOST_PROTOCOL_VERSION, kind: 'response', id, ok: true, result };
}

/** An answer already held as JSON text (a REST body), passed on unparsed to a request that accepts it. */
export function makeJsonTextResponse(id: string, resultJson: string): ResponseMessage {
  return { protocol: HOST_PROTOCOL, v: HOST_PROTOCOL_VERSION, kind: 'response', id, ok: true, resultJson };
}

export function makeErrorResponse(id: string, error: HostError): ResponseMessage {
  return { protocol: HOST_PROTOCOL, v: HOST_PROTOCOL_VERSION, kind: 'response', id, ok: false, error };
}

export function makeEvent<E extends HostEventName>(event: E, data: HostEvents[E]): EventMessage<E> {
  return { protocol: HOST_PROTOCOL, v: HOST_PROTOCOL_VERSION, kind: 'event', event, data };
}
