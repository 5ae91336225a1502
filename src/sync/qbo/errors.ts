/**
 * Typed QuickBooks Online errors. Every failure the gateway reports is a `QboFaultError` (or a
 * subclass), whatever shape it came in (the `Fault` body, the API gateway's lower-case `fault`,
 * XML, the proxy's own `{error, message}`, or no answer at all), so callers branch on `kind`
 * or `instanceof` and show `message`, which says what happened and what to do.
 */

export type QboErrorKind =
  /** 5010: the SyncToken sent is not the current one. */
  | 'staleObject'
  /** 6240: the name is taken (Customer/Vendor/Employee share one pool; Items have their own). */
  | 'duplicateName'
  /** Any other business or validation fault (2xxx, 6xxx, 4000 query errors…). */
  | 'validation'
  /** 610: unknown, inactive or deleted object. */
  | 'notFound'
  /** 401: expired or revoked token, or the proxy session is not connected. */
  | 'auth'
  /** 403: the user, app or subscription may not do this. */
  | 'forbidden'
  /** 429: QBO's rate limits. */
  | 'throttled'
  /** 5xx or no answer (network, timeout): may succeed later. */
  | 'transient'
  /** An answer the gateway cannot read. */
  | 'badResponse';

/** One entry of a Fault's Error list. */
export interface QboFaultEntry {
  code: string;
  /** QBO's short message, e.g. "Stale Object Error". */
  message: string;
  /** QBO's longer explanation. */
  detail: string;
  /** The offending field path when QBO names one. */
  element?: string;
}

export interface QboFaultInit {
  errors: QboFaultEntry[];
  /** Fault type: ValidationFault, SystemFault, AuthenticationFault, AUTHENTICATION, SERVICE… */
  faultType?: string;
  /** HTTP status; 200 for a Fault inside a batch item or a 200 answer. */
  status?: number;
  intuitTid?: string;
  /** For a batch item, its bId. */
  bId?: string;
  /** For 429: how long QBO asked us to wait. */
  retryAfterMs?: number;
}

const ADVICE: Record<QboErrorKind, string> = {
  staleObject:
    'The record was changed in QuickBooks Online since it was last read. Read it again and reapply the change.',
  duplicateName:
    'QuickBooks Online already has a record with this name. Link to the existing record, or choose a different name.',
  validation: 'QuickBooks Online rejected the data. Correct the field it names and try again.',
  notFound:
    'The record no longer exists in QuickBooks Online or was made inactive. Refresh the list and link again if needed.',
  auth: 'The connection to QuickBooks Online has expired or was revoked. Reconnect to QuickBooks Online and try again.',
  forbidden:
    'This QuickBooks Online user or subscription is not allowed to do this. Ask the company administrator, or reconnect as an administrator.',
  throttled: 'QuickBooks Online is limiting requests for this company. Wait a minute and try again.',
  transient: 'QuickBooks Online or the network failed for a moment. Try again in a few minutes.',
  badResponse:
    'QuickBooks Online (or the proxy in front of it) gave an answer that could not be read. Try again; if it keeps happening, check that the proxy is running.',
};

const HEADLINE: Record<QboErrorKind, string> = {
  staleObject: 'QuickBooks Online refused an out-of-date change',
  duplicateName: 'The name is already in use in QuickBooks Online',
  validation: 'QuickBooks Online rejected the request',
  notFound: 'QuickBooks Online could not find the record',
  auth: 'QuickBooks Online did not accept the connection',
  forbidden: 'QuickBooks Online refused access',
  throttled: 'QuickBooks Online asked us to slow down',
  transient: 'QuickBooks Online could not be reached',
  badResponse: 'QuickBooks Online sent an unexpected answer',
};

/** The user-facing advice for a kind (also used by the UI for errors it builds itself). */
export function qboErrorAdvice(kind: QboErrorKind): string {
  return ADVICE[kind];
}

function describe(kind: QboErrorKind, first: QboFaultEntry, intuitTid: string | undefined): string {
  const said = first.detail && first.detail !== first.message ? first.detail : first.message;
  const code = first.code ? ` [${first.code}]` : '';
  const element = first.element ? ` (field ${first.element})` : '';
  const tid = intuitTid ? ` (intuit_tid ${intuitTid})` : '';
  return `${HEADLINE[kind]}${said ? `: ${said}` : ''}${element}${code}. ${ADVICE[kind]}${tid}`;
}

export class QboFaultError extends Error {
  readonly kind: QboErrorKind;
  /** The first error's code, e.g. "5010" (a string, as QBO sends it). */
  readonly code: string;
  readonly qboMessage: string;
  readonly detail: string;
  readonly element?: string;
  readonly faultType?: string;
  /** Every entry of the Fault (QBO may report several). */
  readonly errors: readonly QboFaultEntry[];
  readonly status?: number;
  readonly intuitTid?: string;
  readonly bId?: string;
  /** What the user should do next. */
  readonly advice: string;

  constructor(kind: QboErrorKind, init: QboFaultInit) {
    const first = init.errors[0] ?? { code: '', message: '', detail: '' };
    super(describe(kind, first, init.intuitTid));
    this.name = 'QboFaultError';
    this.kind = kind;
    this.code = first.code;
    this.qboMessage = first.message;
    this.detail = first.detail;
    this.element = first.element;
    this.faultType = init.faultType;
    this.errors = init.errors;
    this.status = init.status;
    this.intuitTid = init.intuitTid;
    this.bId = init.bId;
    this.advice = ADVICE[kind];
  }
}

export class QboStaleObjectError extends QboFaultError {
  constructor(init: QboFaultInit) {
    super('staleObject', init);
    this.name = 'QboStaleObjectError';
  }
}

export class QboDuplicateNameError extends QboFaultError {
  constructor(init: QboFaultInit) {
    super('duplicateName', init);
    this.name = 'QboDuplicateNameError';
  }
}

export class QboValidationError extends QboFaultError {
  constructor(init: QboFaultInit) {
    super('validation', init);
    this.name = 'QboValidationError';
  }
}

export class QboNotFoundError extends QboFaultError {
  constructor(init: QboFaultInit) {
    super('notFound', init);
    this.name = 'QboNotFoundError';
  }
}

export class QboAuthError extends QboFaultError {
  constructor(init: QboFaultInit) {
    super('auth', init);
    this.name = 'QboAuthError';
  }
}

export class QboForbiddenError extends QboFaultError {
  constructor(init: QboFaultInit) {
    super('forbidden', init);
    this.name = 'QboForbiddenError';
  }
}

export class QboThrottledError extends QboFaultError {
  /** How long QBO asked to wait (Retry-After), when it said. */
  readonly retryAfterMs?: number;
  constructor(init: QboFaultInit) {
    super('throttled', init);
    this.name = 'QboThrottledError';
    this.retryAfterMs = init.retryAfterMs;
  }
}

export class QboTransientError extends QboFaultError {
  constructor(init: QboFaultInit) {
    super('transient', init);
    this.name = 'QboTransientError';
  }
}

export class QboBadResponseError extends QboFaultError {
  constructor(init: QboFaultInit) {
    super('badResponse', init);
    this.name = 'QboBadResponseError';
  }
}

/** A caller used the gateway wrongly (e.g. more than 30 batch items): a bug, not a QBO answer. */
export class QboUsageError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'QboUsageError';
    this.code = code;
  }
}

const AUTH_CODES = new Set(['100', '3200', '003200', 'not_connected', 'reconnect_required', 'unknown_session']);
const FORBIDDEN_CODES = new Set(['120', '3100', '003100', 'realm_mismatch']);
const THROTTLE_CODES = new Set(['3001', '003001']);

/** Decides the kind from the HTTP status, the first code and the fault type. */
export function classifyFault(status: number | undefined, code: string, faultType?: string): QboErrorKind {
  if (code === '5010') return 'staleObject';
  if (code === '6240') return 'duplicateName';
  if (code === '610') return 'notFound';
  const type = (faultType ?? '').toLowerCase();
  if (status === 401 || AUTH_CODES.has(code) || type === 'authenticationfault' || type === 'authentication') return 'auth';
  if (status === 403 || FORBIDDEN_CODES.has(code) || type === 'authorizationfault') return 'forbidden';
  if (status === 429 || THROTTLE_CODES.has(code)) return 'throttled';
  if ((status !== undefined && status >= 500) || code === '10000') return 'transient';
  if (status === undefined || (status >= 400 && status < 500) || status === 200 || type === 'validationfault') {
    return 'validation';
  }
  return 'badResponse';
}

/** Builds the right subclass for a parsed fault. */
export function createQboError(init: QboFaultInit): QboFaultError {
  const first = init.errors[0];
  const kind = classifyFault(init.status, first?.code ?? '', init.faultType);
  return createQboErrorOfKind(kind, init);
}

export function createQboErrorOfKind(kind: QboErrorKind, init: QboFaultInit): QboFaultError {
  switch (kind) {
    case 'staleObject':
      return new QboStaleObjectError(init);
    case 'duplicateName':
      return new QboDuplicateNameError(init);
    case 'validation':
      return new QboValidationError(init);
    case 'notFound':
      return new QboNotFoundError(init);
    case 'auth':
      return new QboAuthError(init);
    case 'forbidden':
      return new QboForbiddenError(init);
    case 'throttled':
      return new QboThrottledError(init);
    case 'transient':
      return new QboTransientError(init);
    case 'badResponse':
      return new QboBadResponseError(init);
  }
}

export function isQboFaultError(value: unknown): value is QboFaultError {
  return value instanceof QboFaultError;
}
