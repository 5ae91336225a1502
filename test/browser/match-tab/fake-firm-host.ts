/**
 * A fake OfficeTools host with a small firm: contacts (created ones get ids and display names
 * as the shell gives them), contact types, employees, codes, accounts and invoice line items.
 * Only the host is fake; the tabs, jobs and IndexedDB store under test are the real ones.
 */
import { HostRequestError } from '../../../src/sync/host/host-request-error';
import type {
  Contact,
  ContactInput,
  ContactType,
  Employee,
  HostEventName,
  HostEvents,
  HostMethod,
  HostParams,
  HostResult,
  InvoiceLineItem,
  OfficeToolsAccount,
} from '../../../src/sync/host/protocol';
import type { PanelHost } from '../../../src/taskpane/shared/panel-services';

export function business(id: string, companyName: string): Contact {
  return { id, typeId: 't1', kind: 'business', companyName, displayName: companyName, active: true, updatedAt: '2026-01-01T00:00:00Z' };
}

export class FakeFirmHost implements PanelHost {
  readonly calls: Array<{ method: HostMethod; params: unknown }> = [];
  contacts: Contact[] = [];
  employees: Employee[] = [];
  contactTypes: ContactType[] = [
    { id: 't2', name: 'Prospect' },
    { id: 't1', name: 'Client' },
  ];
  accounts: OfficeToolsAccount[] = [];
  lineItems: InvoiceLineItem[] = [];
  private next = 1;

  request<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>> {
    this.calls.push({ method, params });
    const answer = (value: unknown) => Promise.resolve(value as HostResult<M>);
    switch (method) {
      case 'host.info':
        return answer({ protocolVersion: 1, hostName: 'OfficeTools', hostVersion: 'test', firmName: 'Test Firm', user: { id: 'u1', name: 'Pat Staff', email: 'pat@example.com' } });
      case 'contacts.list':
        return answer(this.contacts.map((c) => ({ ...c })));
      case 'employees.list':
        return answer(this.employees.map((e) => ({ ...e })));
      case 'contactTypes.list':
        return answer(this.contactTypes.map((t) => ({ ...t })));
      case 'accounts.list':
        return answer(this.accounts.map((a) => ({ ...a })));
      case 'lineItems.list':
        return answer(this.lineItems.map((l) => ({ ...l })));
      case 'contacts.create': {
        const input = (params as { input: ContactInput }).input;
        const displayName = input.kind === 'business' ? (input.companyName ?? '') : [input.lastName, input.firstName].filter(Boolean).join(', ');
        const contact: Contact = { ...input, id: `new-${this.next++}`, displayName, updatedAt: '2026-01-02T00:00:00Z' };
        this.contacts.push(contact);
        return answer({ ...contact });
      }
      default:
        return Promise.reject(new HostRequestError('unknown_method', method, `The fake host does not know ${method}.`));
    }
  }

  private readonly handlers = new Map<HostEventName, Set<(data: unknown) => void>>();

  on<E extends HostEventName>(event: E, handler: (data: HostEvents[E]) => void): () => void {
    const set = this.handlers.get(event) ?? new Set();
    this.handlers.set(event, set);
    set.add(handler as (data: unknown) => void);
    return () => set.delete(handler as (data: unknown) => void);
  }

  /** Delivers an event as the shell would (call inside act). */
  emit<E extends HostEventName>(event: E, data: HostEvents[E]): void {
    for (const h of [...(this.handlers.get(event) ?? [])]) h(data);
  }
}
