/**
 * The OfficeTools host as the billing engine sees it (BillingHost), answered by the shell's
 * real FirmStore in this process. Each answer is a structured copy, as postMessage would
 * make, and the shell's input errors come back as the host protocol's errors, so the
 * engine meets the same refusals (a second import of a QBO payment) as in the shell.
 */
import type { FirmStore } from '../../dev/shell/firm-store';
import { InputError } from '../../dev/shell/input-error';
import type { BillingHost } from '../../src/sync/billing/billing-ports';
import { HostRequestError } from '../../src/sync/host/host-request-error';
import type { HostMethod, HostParams, HostResult, PaymentInput } from '../../src/sync/host/protocol';

export interface CountingHost extends BillingHost {
  /** Host calls by method, for the notes. */
  readonly calls: Map<string, number>;
}

export function firmHost(store: FirmStore): CountingHost {
  const calls = new Map<string, number>();
  function answer(method: HostMethod, params: Record<string, unknown>): unknown {
    switch (method) {
      case 'invoices.list':
        return store.listInvoices(params.contactId as string | undefined);
      case 'contacts.list':
        return store.listContacts();
      case 'payments.list':
        return store.listPayments(params.contactId as string | undefined);
      case 'payments.create':
        return store.createPayment(params.input as PaymentInput);
      default:
        throw new HostRequestError('unknown_method', method, `The bench host does not answer ${method}; the billing engine should not need it.`);
    }
  }
  return {
    calls,
    async request<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>> {
      calls.set(method, (calls.get(method) ?? 0) + 1);
      try {
        return structuredClone(answer(method, params as Record<string, unknown>)) as HostResult<M>;
      } catch (e) {
        if (e instanceof InputError) throw new HostRequestError(e.status === 404 ? 'not_found' : 'invalid_params', method, e.message);
        throw e;
      }
    },
  };
}
