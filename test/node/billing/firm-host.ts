/**
 * The OfficeTools host for Node tests: the shell's real FirmStore (dev/shell) behind the
 * billing jobs' host port, with the shell bridge's error mapping (4xx → invalid_params,
 * 404 → not_found), so a second import of a QBO payment meets the shell's real 409.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FirmStore } from '../../../dev/shell/firm-store';
import { InputError } from '../../../dev/shell/input-error';
import type { BillingHost } from '../../../src/sync/billing/billing-ports';
import { HostRequestError } from '../../../src/sync/host/host-request-error';
import type { HostMethod, HostParams, HostResult } from '../../../src/sync/host/protocol';

export interface FirmHost extends BillingHost {
  store: FirmStore;
  calls: string[];
  close(): Promise<void>;
}

export async function openFirmHost(): Promise<FirmHost> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'billing-firm-'));
  const store = await FirmStore.open(dir, true);
  const calls: string[] = [];
  function answer(method: HostMethod, params: Record<string, unknown>): unknown {
    switch (method) {
      case 'invoices.list':
        return store.listInvoices(params.contactId as string | undefined);
      case 'contacts.list':
        return store.listContacts();
      case 'payments.list':
        return store.listPayments(params.contactId as string | undefined);
      case 'payments.create':
        return store.createPayment((params as HostParams<'payments.create'>).input);
      default:
        throw new HostRequestError('unknown_method', method, `The test host does not answer ${method}.`);
    }
  }
  const host: FirmHost = {
    store,
    calls,
    async request<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>> {
      calls.push(method);
      try {
        // A structured copy, as postMessage would make.
        return structuredClone(answer(method, params as Record<string, unknown>)) as HostResult<M>;
      } catch (e) {
        if (e instanceof InputError) throw new HostRequestError(e.status === 404 ? 'not_found' : 'invalid_params', method, e.message);
        throw e;
      }
    },
    async close() {
      await store.persist();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return host;
}
