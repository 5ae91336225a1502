/**
 * Fakes for the panel's edges (host and proxy) and small DOM helpers for driving Fluent UI in a
 * real browser. The firm's data in these tests is real: openFirmData over IndexedDB, replicating
 * with an in-memory firm that keeps the proxy's rules (firmPanel).
 */
import { act, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { checkCompanySupported } from '../../../src/sync/connection/company-support';
import type { ConnectionStatus } from '../../../src/sync/connection/connection-status';
import { HostRequestError } from '../../../src/sync/host/host-request-error';
import type { ContactType, HostEventName, HostEvents, HostMethod, HostParams, HostResult } from '../../../src/sync/host/protocol';
import { createFirmDataCache, type FirmDataCache } from '../../../src/sync/connection/firm-data-cache';
import { watchFirmChanges, type WatchFirmChanges } from '../../../src/sync/connection/firm-change-watch';
import { createFirmPanelSettings, type PanelHost, type PanelProxy, type PanelSettings } from '../../../src/taskpane/shared/panel-services';
import { cleanUp, freshDbName } from '../replication/support/replicas';
import type { MemoryFirm, MemoryRemote } from '../replication/support/memory-firm';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export const CONTACT_TYPES: ContactType[] = [
  { id: 't1', name: 'Client' },
  { id: 't2', name: 'Prospect' },
  { id: 't3', name: 'Vendor' },
  { id: 't4', name: 'Referral Source' },
];

export class FakeHost implements PanelHost {
  readonly calls: Array<{ method: HostMethod; params: unknown }> = [];
  private readonly handlers = new Map<HostEventName, Set<(d: unknown) => void>>();
  private dialogs = 0;
  contactTypes: ContactType[] = CONTACT_TYPES;
  user = { id: 'u-dana', name: 'Dana Whitfield', email: 'dana@example.com', role: 'staff' as const };

  request<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>> {
    this.calls.push({ method, params });
    const answer = (value: unknown) => Promise.resolve(value as HostResult<M>);
    switch (method) {
      case 'host.info':
        return answer({ protocolVersion: 1, hostName: 'OfficeTools', hostVersion: 'test', firmId: 'firm-1', firmName: 'Test Firm', user: { ...this.user } });
      case 'contactTypes.list':
        return answer(this.contactTypes.map((t) => ({ ...t })));
      case 'ui.openDialog':
        return answer({ dialogId: `d${++this.dialogs}` });
      case 'ui.closeDialog':
        return answer({ closed: true });
      case 'command.completed':
        return answer({ ok: true });
      default:
        return Promise.reject(new HostRequestError('unknown_method', method, `The fake host does not know ${method}.`));
    }
  }

  on<E extends HostEventName>(event: E, handler: (data: HostEvents[E]) => void): () => void {
    const set = this.handlers.get(event) ?? new Set();
    this.handlers.set(event, set);
    set.add(handler as (d: unknown) => void);
    return () => set.delete(handler as (d: unknown) => void);
  }

  /** Delivers an event as the host would; inside act, so React state updates are flushed. */
  async emit<E extends HostEventName>(event: E, data: HostEvents[E]): Promise<void> {
    await act(async () => this.emitNow(event, data));
  }

  /** Delivers an event synchronously, outside act (for code with no React in it). */
  emitNow<E extends HostEventName>(event: E, data: HostEvents[E]): void {
    for (const h of [...(this.handlers.get(event) ?? [])]) h(data);
  }

  listeners(event: HostEventName): number {
    return this.handlers.get(event)?.size ?? 0;
  }

  methods(): HostMethod[] {
    return this.calls.map((c) => c.method);
  }
}

export interface FakeCompany {
  realmId: string;
  companyName: string;
  country: string;
}

export const US_COMPANY: FakeCompany = { realmId: '9130350', companyName: 'Craig’s Design and Landscaping', country: 'US' };
export const CA_COMPANY: FakeCompany = { realmId: '9130777', companyName: 'Maple Leaf Books Ltd', country: 'CA' };

export const CONNECTED_BY = { id: 'u-sam', name: 'Sam Ortiz' };

/**
 * The proxy's connect contract (docs/firm-contract.md §2) in memory: startAuth opens flow
 * `flow-N`; `authorize` is what the callback page does (a pending authorization under a
 * one-time completion value); complete attaches it, cancel drops it.
 */
export class FakeProxy implements PanelProxy {
  readonly calls: string[] = [];
  current: ConnectionStatus = { connected: false };
  failDisconnect = false;
  private flows = 0;
  readonly pending = new Map<string, FakeCompany>();
  readonly cancelled: string[] = [];
  private readonly connectionListeners = new Set<() => void>();

  connect(company: FakeCompany, by = CONNECTED_BY): void {
    this.current = {
      connected: true,
      ...company,
      connectedAt: '2026-11-26T10:00:00Z',
      connectedBy: by,
      accessTokenExpiresAt: '2026-11-26T11:00:00Z',
      refreshTokenExpiresAt: '2027-02-26T10:00:00Z',
    };
  }

  /** The callback page's message for `company` on flow `flowId`, with a new pending completion. */
  authorize(company: FakeCompany, flowId = `flow-${this.flows}`): Record<string, string> {
    const completion = `completion-${this.pending.size + this.cancelled.length + 1}`;
    this.pending.set(completion, company);
    return { status: 'authorized', completion, flowId, ...company };
  }

  async status(): Promise<ConnectionStatus> {
    this.calls.push('status');
    return this.current;
  }

  async startAuth(): Promise<{ url: string; flowId: string }> {
    this.calls.push('startAuth');
    return { url: 'http://addin.test/auth/start?t=one-time', flowId: `flow-${++this.flows}` };
  }

  async complete(completion: string): Promise<ConnectionStatus> {
    this.calls.push(`complete ${completion}`);
    const company = this.pending.get(completion);
    if (!company) throw new Error(`unknown completion ${completion}`);
    this.pending.delete(completion);
    this.connect(company, { id: 'u-dana', name: 'Dana Whitfield' });
    return this.current;
  }

  async cancel(completion: string): Promise<void> {
    this.calls.push(`cancel ${completion}`);
    if (!this.pending.delete(completion)) throw new Error(`unknown completion ${completion}`);
    this.cancelled.push(completion);
  }

  async disconnect(): Promise<void> {
    this.calls.push('disconnect');
    if (this.failDisconnect) throw new Error('disconnect failed');
    this.current = { connected: false };
  }

  onConnectionChange(listener: () => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  /** The proxy's `connection` event, as another staff member's connect or disconnect sends it. */
  async emitConnectionChange(): Promise<void> {
    await act(async () => {
      for (const l of [...this.connectionListeners]) l();
    });
  }

  checkCompanySupported = checkCompanySupported;
}

/** The panel's firm data as the panel wires it (one FirmData per company), over an in-memory firm. */
export interface FirmPanel {
  cache: FirmDataCache;
  settings: PanelSettings;
  watch: WatchFirmChanges;
  remote: MemoryRemote;
  dbName: string;
}

/** `host` must answer host.info for `user` (the firm's data records who wrote). */
export function firmPanel(firm: MemoryFirm, host: Pick<PanelHost, 'request'> & { user?: { id: string; name: string } }, user = host.user ?? { id: 'u1', name: 'Pat Staff' }, dbName = freshDbName(user.id)): FirmPanel {
  const remote = firm.remoteFor({ id: user.id, name: user.name });
  const cache = createFirmDataCache({ host, remote, dbName });
  return { cache, settings: createFirmPanelSettings(cache), watch: watchFirmChanges(cache), remote, dbName };
}

export interface Rendered {
  unmount(): Promise<void>;
}

export async function render(element: ReactElement): Promise<Rendered> {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  await act(async () => root.render(element));
  return {
    async unmount() {
      await act(async () => root.unmount());
      container.remove();
    },
  };
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` (letting React and Fluent settle between tries) until it returns something truthy. */
export async function waitFor<T>(probe: () => T | null | undefined | false | Promise<T | null | undefined | false>, what: string, timeoutMs = 4000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    let value: T | null | undefined | false = undefined;
    // Inside act, so updates that land while an async probe waits (e.g. an IndexedDB save) are flushed.
    await act(async () => {
      value = await probe();
    });
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}. Page text: ${document.body.innerText.slice(0, 1500)}`);
    await act(async () => {
      await delay(15);
    });
  }
}

function nameOf(el: Element): string {
  return (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
}

export function queryButton(name: string): HTMLButtonElement | undefined {
  return Array.from(document.querySelectorAll('button')).find((b) => nameOf(b) === name);
}

export const button = (name: string) => waitFor(() => queryButton(name), `the button "${name}"`);

/** The form control a <label> with exactly this text points at. */
export function queryLabelled<T extends HTMLElement>(label: string): T | undefined {
  const l = Array.from(document.querySelectorAll('label')).find((x) => (x.textContent ?? '').trim() === label);
  return l?.htmlFor ? ((document.getElementById(l.htmlFor) as T | null) ?? undefined) : undefined;
}

export const labelled = <T extends HTMLElement>(label: string) => waitFor(() => queryLabelled<T>(label), `the control labelled "${label}"`);

export function queryText(text: string): boolean {
  return document.body.innerText.includes(text);
}

export async function click(el: HTMLElement): Promise<void> {
  await act(async () => {
    el.click();
  });
}

/** Highlights exactly these options (by visible text) in a native list box, as a user would. */
export async function highlight(select: HTMLSelectElement, names: string[]): Promise<void> {
  await act(async () => {
    for (const o of Array.from(select.options)) o.selected = names.includes(o.text);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

export function optionNames(select: HTMLSelectElement): string[] {
  return Array.from(select.options, (o) => o.text);
}

export function companyField(): string | undefined {
  return queryLabelled<HTMLInputElement>('Company')?.value;
}

/** A host that only says who is signed in: what the firm's data asks of it. */
export function identityHost(user = { id: 'u1', name: 'Pat Staff' }): Pick<PanelHost, 'request'> & { user: { id: string; name: string } } {
  return {
    user,
    request: (<M extends HostMethod>(method: M) =>
      method === 'host.info'
        ? Promise.resolve({ protocolVersion: 1, hostName: 'OfficeTools', hostVersion: 'test', firmId: 'firm-1', firmName: 'Test Firm', user: { ...user, email: '', role: 'staff' } } as unknown as HostResult<M>)
        : Promise.reject(new HostRequestError('unknown_method', method, `The identity host does not know ${method}.`))) as PanelHost['request'],
  };
}

/** Panels (each its own IndexedDB replica) over one in-memory firm, closed and deleted together. */
export class FirmPanels {
  readonly firm: MemoryFirm;
  private readonly opened: FirmPanel[] = [];

  constructor(firm: MemoryFirm) {
    this.firm = firm;
  }

  open(user = { id: 'u1', name: 'Pat Staff' }): FirmPanel {
    const panel = firmPanel(this.firm, identityHost(user), user);
    this.opened.push(panel);
    return panel;
  }

  async close(): Promise<void> {
    for (const p of this.opened.splice(0)) p.cache.closeAll();
    await cleanUp();
  }
}
