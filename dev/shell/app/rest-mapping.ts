/**
 * Which REST call of the shell server answers each firm-data method of the host protocol.
 * Parameters are checked here, so that a malformed request gets `invalid_params` rather than a
 * confusing answer from the server.
 */
import type { HostMethod } from '../../../src/sync/host/protocol';
import type { HttpMethod } from './api-client';

export interface RestCall {
  method: HttpMethod;
  path: string;
  body?: unknown;
}

/** A request whose params do not fit its method. */
export class InvalidParamsError extends Error {}

type Params = Record<string, unknown>;

function id(p: Params, method: string): string {
  if (typeof p.id !== 'string' || p.id === '') throw new InvalidParamsError(`${method} needs params.id, a non-empty string.`);
  return encodeURIComponent(p.id);
}

function object(p: Params, key: string, method: string): Params {
  const value = p[key];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidParamsError(`${method} needs params.${key}, an object.`);
  return value as Params;
}

function optionalId(p: Params, key: string, method: string): string {
  const value = p[key];
  if (value === undefined) return '';
  if (typeof value !== 'string' || value === '') throw new InvalidParamsError(`${method}: params.${key} must be a non-empty string when given.`);
  return `?${key}=${encodeURIComponent(value)}`;
}

function crud(method: string, segment: string): Partial<Record<HostMethod, (p: Params) => RestCall>> {
  const base = `/api/firm/${segment}`;
  return {
    [`${method}.list`]: () => ({ method: 'GET', path: base }),
    [`${method}.get`]: (p: Params) => ({ method: 'GET', path: `${base}/${id(p, `${method}.get`)}` }),
    [`${method}.create`]: (p: Params) => ({ method: 'POST', path: base, body: object(p, 'input', `${method}.create`) }),
    [`${method}.update`]: (p: Params) => ({ method: 'PATCH', path: `${base}/${id(p, `${method}.update`)}`, body: object(p, 'changes', `${method}.update`) }),
  } as Partial<Record<HostMethod, (p: Params) => RestCall>>;
}

export const REST_METHODS: Partial<Record<HostMethod, (p: Params) => RestCall>> = {
  'contactTypes.list': () => ({ method: 'GET', path: '/api/firm/contactTypes' }),
  ...crud('contacts', 'contacts'),
  'contacts.list': (p) => {
    if (p.typeIds === undefined) return { method: 'GET', path: '/api/firm/contacts' };
    if (!Array.isArray(p.typeIds) || !p.typeIds.every((t) => typeof t === 'string' && t !== '' && !t.includes(','))) {
      throw new InvalidParamsError('contacts.list: params.typeIds must be a list of contact type ids.');
    }
    return { method: 'GET', path: `/api/firm/contacts?typeIds=${encodeURIComponent(p.typeIds.join(','))}` };
  },
  ...crud('employees', 'employees'),
  ...crud('workCodes', 'workCodes'),
  ...crud('expenseCodes', 'expenseCodes'),
  'accounts.list': () => ({ method: 'GET', path: '/api/firm/accounts' }),
  'lineItems.list': () => ({ method: 'GET', path: '/api/firm/lineItems' }),
  'invoices.list': (p) => ({ method: 'GET', path: `/api/firm/invoices${optionalId(p, 'contactId', 'invoices.list')}` }),
  'invoices.get': (p) => ({ method: 'GET', path: `/api/firm/invoices/${id(p, 'invoices.get')}` }),
  'payments.list': (p) => ({ method: 'GET', path: `/api/firm/payments${optionalId(p, 'contactId', 'payments.list')}` }),
  'payments.get': (p) => ({ method: 'GET', path: `/api/firm/payments/${id(p, 'payments.get')}` }),
  'payments.create': (p) => ({ method: 'POST', path: '/api/firm/payments', body: object(p, 'input', 'payments.create') }),
};
