/**
 * Fakes for the Time & Billing views: a scripted billing service (plans and runs decided by the
 * test, with runs that can be held open to watch the progress bar and click Cancel) and a host
 * that records ui.showPanel / ui.notify.
 */
import type { BillingRunReport, BlockAction, DocumentOutcome, QboPaymentRow } from '../../../src/sync/billing/billing-types';
import { HostRequestError } from '../../../src/sync/host/host-request-error';
import type { Contact, HostEventName, HostEvents, HostMethod, HostParams, HostResult, Invoice, Payment } from '../../../src/sync/host/protocol';
import type { AnyPlan, BillingService, InvoiceListing, PaymentListing, QboPaymentListing, RunControl } from '../../../src/taskpane/billing/billing-service';
import type { PanelHost } from '../../../src/taskpane/shared/panel-services';

export function contact(id: string, name: string): Contact {
  return { id, typeId: 't1', kind: 'business', companyName: name, displayName: name, active: true, updatedAt: '2026-01-01T00:00:00Z' };
}

export function invoice(id: string, number: string, contactId: string, date: string, totalCents: number): Invoice {
  return {
    id,
    number,
    contactId,
    date,
    lines: [{ id: `${id}-l1`, kind: 'time', workCodeId: 'w1', description: 'Tax preparation', quantity: 1, rateCents: totalCents, amountCents: totalCents }],
    totalCents,
    balanceCents: totalCents,
    updatedAt: '2026-01-01T00:00:00Z',
  };
}

export function otPayment(id: string, contactId: string, date: string, amountCents: number, invoiceId: string, origin: Payment['origin'] = { system: 'officetools' }): Payment {
  return { id, contactId, date, amountCents, method: 'Check', reference: `CHK-${id}`, applications: [{ invoiceId, amountCents }], unappliedCents: 0, origin, updatedAt: '2026-01-01T00:00:00Z' };
}

export function qboPayment(qboId: string, customerName: string, date: string, amountCents: number, fromOfficeTools = false): QboPaymentRow {
  return { qboId, date, customerQboId: `c-${customerName}`, customerName, amountCents, reference: `REF-${qboId}`, invoices: [{ qboId: `i-${qboId}`, docNumber: `D${qboId}`, amountCents }], fromOfficeTools };
}

/** A run the test finishes by hand (to see progress and click Cancel in between). */
export interface HeldRun {
  plan: AnyPlan;
  control: RunControl;
  finish(report: Omit<BillingRunReport, 'kind' | 'writeRequests'>): void;
  fail(error: unknown): void;
}

type Planner = (ids: readonly string[]) => AnyPlan;

export function readyDoc(sourceId: string, label: string, amountCents: number) {
  return { sourceId, label, amountCents, payload: { sourceId }, fingerprint: `OT:${sourceId}` };
}

export function outcome(sourceId: string, label: string, result: DocumentOutcome['result'], message?: string): DocumentOutcome {
  return result === 'failed' ? { sourceId, label, result, error: { code: 'ValidationFault', message: message ?? 'refused' } } : { sourceId, label, result, targetId: `q-${sourceId}` };
}

export class FakeBillingService implements BillingService {
  invoices: InvoiceListing = { invoices: [], contacts: new Map(), exported: new Set() };
  qboPayments: QboPaymentListing = { payments: [], synced: new Set() };
  payments: PaymentListing = { payments: [], contacts: new Map(), invoiceNumbers: new Map(), exported: new Set() };
  planner: Planner = (ids) => ({ ready: ids.map((id) => readyDoc(id, `Doc ${id}`, 100)), blocked: [] });
  readonly planCalls: string[][] = [];
  readonly runs: HeldRun[] = [];
  listError: unknown;
  closed = 0;
  /** Set by a test to stand for an export a reload cut off; absent like a service without it. */
  finishInterrupted?: (kind: 'invoiceExport' | 'paymentExport') => Promise<BillingRunReport | undefined>;

  private async list<T>(value: T): Promise<T> {
    if (this.listError) throw this.listError;
    return value;
  }

  private async plan(ids: readonly string[]): Promise<AnyPlan> {
    this.planCalls.push([...ids]);
    return this.planner(ids);
  }

  private execute(kind: BillingRunReport['kind'], plan: AnyPlan, control: RunControl): Promise<BillingRunReport> {
    return new Promise((resolve, reject) => {
      this.runs.push({ plan, control, finish: (r) => resolve({ kind, writeRequests: 1, ...r }), fail: reject });
    });
  }

  listInvoices = () => this.list(this.invoices);
  planInvoiceExport = (ids: readonly string[]) => this.plan(ids);
  exportInvoices = (plan: AnyPlan, control: RunControl) => this.execute('invoiceExport', plan, control);
  listQboPayments = () => this.list(this.qboPayments);
  planPaymentImport = (ids: readonly string[]) => this.plan(ids);
  importPayments = (plan: AnyPlan, control: RunControl) => this.execute('paymentImport', plan, control);
  listPayments = () => this.list(this.payments);
  planPaymentExport = (ids: readonly string[]) => this.plan(ids);
  exportPayments = (plan: AnyPlan, control: RunControl) => this.execute('paymentExport', plan, control);
  readonly fixes: BlockAction[] = [];
  fixAnswer = 'Fixed.';
  applyFix = async (action: BlockAction): Promise<string> => {
    this.fixes.push(action);
    return this.fixAnswer;
  };
  close(): void {
    this.closed++;
  }
}

export class BillingHost implements PanelHost {
  readonly calls: Array<{ method: HostMethod; params: unknown }> = [];
  invoices = new Map<string, Invoice>();
  notifyFails = false;

  request<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>> {
    this.calls.push({ method, params });
    const answer = (value: unknown) => Promise.resolve(value as HostResult<M>);
    switch (method) {
      case 'ui.showPanel':
        return answer({ shown: true });
      case 'ui.setPanelWidth':
        return answer({ width: (params as { mode: string }).mode === 'wide' ? 1200 : 460 });
      case 'ui.notify':
        return this.notifyFails ? Promise.reject(new HostRequestError('host_error', method, 'The shell is busy.')) : answer({ shown: true });
      case 'invoices.get': {
        const found = this.invoices.get((params as { id: string }).id);
        return found ? answer(found) : Promise.reject(new HostRequestError('not_found', method, 'No such invoice.'));
      }
      default:
        return Promise.reject(new HostRequestError('unknown_method', method, `The fake host does not know ${method}.`));
    }
  }

  on<E extends HostEventName>(_event: E, _handler: (data: HostEvents[E]) => void): () => void {
    return () => undefined;
  }

  of<M extends HostMethod>(method: M): Array<HostParams<M>> {
    return this.calls.filter((c) => c.method === method).map((c) => c.params as HostParams<M>);
  }
}
