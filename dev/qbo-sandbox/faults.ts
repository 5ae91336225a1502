/**
 * QuickBooks' error answers, in the two shapes clients meet (QBO-FACTS §4): the API's
 * `Fault` envelope (HTTP 400, string codes) and the gateway's lower-case `fault` for
 * 401/403/429. Every throw inside the API is a QboFault so the router answers in one place.
 */
import type { JsonObject } from './http-io';

export type FaultType = 'ValidationFault' | 'SystemFault' | 'AuthenticationFault' | 'AuthorizationFault';

export interface FaultError {
  Message: string;
  Detail: string;
  code: string;
  element: string;
}

export class QboFault extends Error {
  constructor(
    readonly errors: FaultError[],
    readonly faultType: FaultType = 'ValidationFault',
    readonly httpStatus = 400,
  ) {
    super(`${errors[0]?.code ?? ''} ${errors[0]?.Message ?? ''}: ${errors[0]?.Detail ?? ''}`);
    this.name = 'QboFault';
  }

  /** The `Fault` object as it appears in answers and batch items. */
  toFault(): JsonObject {
    return { Error: this.errors.map((e) => ({ ...e })), type: this.faultType };
  }
}

function fault(code: string, message: string, detail: string, element = '', type: FaultType = 'ValidationFault', status = 400): QboFault {
  return new QboFault([{ Message: message, Detail: detail, code, element }], type, status);
}

export const faults = {
  staleObject: () =>
    fault('5010', 'Stale Object Error', 'Stale Object Error : You and another user were working on this at the same time. The other user finished before you did, so your work was not saved.'),
  duplicateName: () =>
    fault('6240', 'Duplicate Name Exists Error', 'The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name.'),
  duplicateItemName: () =>
    fault('6240', 'Duplicate Name Exists Error', 'The name supplied already exists. : Another product or service is already using this name. Please use a different name.'),
  duplicateAccountName: () =>
    fault('6240', 'Duplicate Name Exists Error', 'The name supplied already exists. : Another account is already using this name. Please use a different name.'),
  businessValidation: (detail: string, element = '') =>
    fault('6000', 'A business validation error has occurred while processing your request', `Business Validation Error: ${detail}`, element),
  required: (param: string) =>
    fault('2020', 'Required param missing, need to supply the required value for the API', `Required parameter ${param} is missing in the request`, param),
  invalidReference: (element: string) => fault('2500', 'Invalid Reference Id', `Invalid Reference Id : ${element}`, element),
  inactiveReference: (element: string) =>
    fault('610', 'Object Not Found', "Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.", element),
  notFound: (entity: string, id: string) =>
    fault('610', 'Object Not Found', `Object Not Found : Something you're trying to use has been made inactive or deleted. ${entity} Id=${id} does not exist.`),
  deleted: () => fault('610', 'Object Not Found', 'Object Not Found : Another user has deleted this transaction.'),
  unsupportedProperty: (entity: string, property: string) =>
    fault('2010', 'Request has invalid or unsupported property', `Property Name:Unrecognized field "${property}" (class ${entity}), not marked as ignorable specified is unsupported or invalid`, property),
  invalidValue: (element: string, detail: string) => fault('2010', 'Request has invalid or unsupported property', `Property Name:${element} ${detail}`, element),
  stringTooLong: (element: string, max: number) =>
    fault('6000', 'A business validation error has occurred while processing your request', `Business Validation Error: ${element} is too long. The maximum length is ${max} characters.`, element),
  duplicateDocNumber: (docNumber: string, txnId: string) =>
    fault('6140', 'Duplicate Document Number Error', `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${docNumber} is assigned to TxnType=Invoice with TxnId=${txnId}`, 'DocNumber'),
  amountMismatch: (element: string) => fault('6070', 'Amount is not equal to UnitPrice * Qty', `Amount is not equal to UnitPrice * Qty. Supplied value: ${element}`, element),
  queryParser: (detail: string) => fault('4000', 'Error parsing query', `QueryParserError: ${detail}`),
  queryProperty: (property: string, entity: string) =>
    fault('4001', 'Invalid query', `QueryValidationError: property '${property}' is not queryable on ${entity}`),
  queryProcessing: (detail: string) => fault('4002', 'Error processing query', detail),
  unsupportedOperation: (detail: string) => fault('500', 'Unsupported Operation', `Operation ${detail} is not supported.`),
  systemFault: () => fault('10000', 'An application error has occurred while processing your request', 'System Failure Error: An unexpected error occurred while accessing or saving your data. Please wait a few minutes and try again.', '', 'SystemFault', 500),
};

export type GatewayStatus = 401 | 403 | 429;

const GATEWAY: Record<GatewayStatus, { message: string; code: string; type: string }> = {
  401: { message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', code: '3200', type: 'AUTHENTICATION' },
  403: { message: 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403', code: '3100', type: 'SERVICE' },
  429: { message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429', code: '3001', type: 'SERVICE' },
};

/** The API gateway's own error body (lower-case keys, numeric time). */
export function gatewayFaultBody(status: GatewayStatus, detail: string, nowMs: number): Record<string, unknown> {
  const g = GATEWAY[status];
  return {
    warnings: null,
    intuitObject: null,
    fault: { error: [{ message: g.message, detail, code: g.code, element: null }], type: g.type },
    report: null,
    queryResponse: null,
    batchItemResponse: [],
    attachableResponse: [],
    syncErrorResponse: null,
    requestId: null,
    time: nowMs,
    status: null,
    cdcresponse: [],
  };
}
