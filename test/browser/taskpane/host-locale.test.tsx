/**
 * The host user's locale, both ways over real postMessage: the shell's HostBridge tells it in
 * host.info, and the add-in's frames (a panel, a host window), on a real host client, show
 * dates, money and counts in it — and read the dates typed into their date fields in it — even
 * where the browser's own language is another.
 */
import { expect } from 'chai';
import type { FirmApi } from '../../../dev/shell/app/api-client';
import { HostBridge } from '../../../dev/shell/app/host-bridge';
import { createHostClient, type HostClient } from '../../../src/sync/host/client';
import { makeRequest, type HostMessage, type Invoice } from '../../../src/sync/host/protocol';
import { compareBooks } from '../../../src/sync/reconcile/compare-books';
import type { ReconcileViewDeps } from '../../../src/taskpane/reconcile/reconcile-service';
import { App } from '../../../src/taskpane/app';
import type { HostWindowPage } from '../../../src/taskpane/host-window/host-window-page';
import { WindowApp } from '../../../src/taskpane/host-window/window-app';
import { registerPanelIcons } from '../../../src/taskpane/icons';
import { adoptHostLocale, HostLocaleGate } from '../../../src/taskpane/shared/host-locale';
import { displayLocale, setHostLocale } from '../../../src/taskpane/shared/locale-format';
import type { PanelSettings } from '../../../src/taskpane/shared/panel-services';
import { delay, openFakeHostFrame, type FakeHostFrame } from '../host/fake-host-frame';
import { typeDateField } from './date-field';
import { button, click, FakeProxy, queryLabelled, render, US_COMPANY, waitFor, type Rendered } from './panel-test-kit';

const CLIENTS = 1200;

/** 1,200 clients, each with one invoice of $1,234.50 on 10 January 2026 that QuickBooks does not have. */
function manyClientsDeps(periods: Array<{ from: string; to: string }>): ReconcileViewDeps {
  const contacts = Array.from({ length: CLIENTS }, (_, i) => ({ id: `c${i + 1}`, displayName: `Client ${String(i + 1).padStart(4, '0')}` }));
  const otInvoices: Invoice[] = contacts.map((c, i) => ({ id: `i${i + 1}`, number: String(5000 + i), contactId: c.id, date: '2026-01-10', lines: [], totalCents: 1234_50, balanceCents: 1234_50, updatedAt: '2026-01-10T00:00:00Z' }));
  return {
    openReconciler: async (realmId) => ({
      reconcile: async (period) => {
        periods.push(period);
        return compareBooks({ period, realmId, contacts, otInvoices, otPayments: [], qboInvoices: [], qboPayments: [], customerByContact: new Map(), exportedInvoices: new Map(), journalPayments: new Map() });
      },
      close() {},
    }),
    download: () => undefined,
  };
}

const NO_SETTINGS: PanelSettings = {
  load: () => Promise.reject(new Error('not used')),
  save: () => Promise.reject(new Error('not used')),
};

function summary(): string {
  return document.querySelector('[role="status"]')?.textContent ?? '';
}

function firstClientRow(): string[] {
  const row = document.querySelector('table[aria-label="Clients"] tbody tr');
  return row ? Array.from(row.querySelectorAll('td'), (c) => (c.textContent ?? '').trim()) : [];
}

const nbsp = (s: string): string => s.replace(/\s/g, ' ');

describe('host locale: shell side (HostBridge)', () => {
  let bridge: HostBridge | undefined;
  let iframe: HTMLIFrameElement | undefined;
  afterEach(() => {
    bridge?.dispose();
    iframe?.remove();
  });

  async function askInfo(locale?: () => string): Promise<Record<string, unknown>> {
    const api: FirmApi = { request: () => Promise.reject(new Error('no REST call expected')), text: () => Promise.resolve('') };
    bridge = new HostBridge({
      window,
      api,
      ui: { showPanel: () => undefined, notify: () => undefined, setPanelWidth: () => 0, openWindow: () => undefined, closeWindow: () => undefined, windowArea: () => ({ width: 800, height: 600 }) },
      info: () => ({ firmId: 'firm-demo', firmName: 'Hartwell & Lee CPAs', user: { id: 'u-pat', name: 'Pat Lee', email: 'pat@firm.test', role: 'admin' } }),
      locale,
      warn: () => undefined,
    });
    iframe = document.createElement('iframe');
    iframe.srcdoc = `<!doctype html><script>window.received = []; addEventListener('message', (e) => window.received.push(e.data)); window.send = (m) => parent.postMessage(m, '*');</script>`;
    const loaded = new Promise((r) => iframe?.addEventListener('load', r, { once: true }));
    document.body.appendChild(iframe);
    await loaded;
    const win = iframe.contentWindow as Window & { received: HostMessage[]; send(m: unknown): void };
    bridge.registerAddin('qbo-sync', window.location.origin);
    bridge.attachFrame('qbo-sync', 'panel', win);
    bridge.markFrameReady('qbo-sync', 'panel');
    win.send(makeRequest('i2', 'host.info', {}));
    const answer = await waitFor(() => win.received.find((m) => m.kind === 'response' && m.id === 'i2'), 'the host.info answer');
    return (answer as unknown as { result: Record<string, unknown> }).result;
  }

  it('tells the locale the user chose in host.info', async () => {
    expect((await askInfo(() => 'de-DE')).locale).to.equal('de-DE');
  });

  it('tells en-US when the shell has no setting', async () => {
    expect((await askInfo()).locale).to.equal('en-US');
  });
});

describe('host locale: the add-in shows dates, money and counts in it (real host client)', () => {
  let host: FakeHostFrame;
  let client: HostClient;
  let locale: string | undefined;
  let rendered: Rendered | undefined;

  before(() => registerPanelIcons());

  beforeEach(async () => {
    host = await openFakeHostFrame();
    locale = undefined;
    host.win.respond = (request) => {
      if (request.method !== 'host.info') return { ok: false, error: { code: 'unknown_method', message: `${request.method} is not offered by this host` } };
      const info = { protocolVersion: 1, hostName: 'OfficeTools', hostVersion: '1.0.0', firmId: 'f', firmName: 'F', user: { id: 'u', name: 'U', email: 'u@f.test', role: 'staff' }, theme: 'light' };
      return { ok: true, result: locale ? { ...info, locale } : info };
    };
    client = createHostClient({ target: host.win, trustedOrigins: [window.location.origin] });
  });

  afterEach(async () => {
    await rendered?.unmount();
    rendered = undefined;
    setHostLocale(undefined);
    client.dispose();
    host.remove();
  });

  it('en-GB in the panel: day-first dates typed and shown, US dollars and counts as en-GB writes them', async () => {
    locale = 'en-GB';
    const periods: Array<{ from: string; to: string }> = [];
    const proxy = new FakeProxy();
    proxy.connect(US_COMPANY);
    // This host draws no windows (ui.openWindow is unknown to it), so Reconcile shows in the panel.
    rendered = await render(
      <HostLocaleGate host={client}>
        <App host={client} proxy={proxy} settings={NO_SETTINGS} initialView="reconcile" reconcile={manyClientsDeps(periods)} />
      </HostLocaleGate>,
    );
    const from = await waitFor(() => queryLabelled<HTMLInputElement>('From'), 'the From date field');
    expect(displayLocale()).to.equal('en-GB');
    const year = new Date().getFullYear();
    expect(from.value).to.equal(`01/01/${year}`);
    await typeDateField(from, '01/01/2026');
    await typeDateField(await waitFor(() => queryLabelled<HTMLInputElement>('To'), 'the To date field'), '28/02/2026');
    await click(await button('Compare'));
    await waitFor(() => firstClientRow().length > 0, 'the clients table');
    expect(periods).to.deep.equal([{ from: '2026-01-01', to: '2026-02-28' }]);
    expect(summary()).to.equal('1,200 clients, 1,200 documents from 01/01/2026 to 28/02/2026; 1,200 on one side only or differing.');
    expect(firstClientRow().slice(0, 2)).to.deep.equal(['Client 0001 (not linked to a QuickBooks customer)', 'US$1,234.50']);
    expect(await button('Show 100 more of 1,100')).to.not.equal(undefined);
  });

  it('de-DE in a host window: dates, money and counts as German writes them, dates typed day first with dots', async () => {
    locale = 'de-DE';
    const periods: Array<{ from: string; to: string }> = [];
    const proxy = new FakeProxy();
    proxy.connect(US_COMPANY);
    const page: HostWindowPage = { close: () => undefined, onCloseRequest: () => () => undefined };
    rendered = await render(
      <HostLocaleGate host={client}>
        <WindowApp name="reconcile" host={client} proxy={proxy} settings={NO_SETTINGS} reconcile={manyClientsDeps(periods)} page={page} />
      </HostLocaleGate>,
    );
    const to = await waitFor(() => queryLabelled<HTMLInputElement>('To'), 'the To date field', 8000);
    expect(to.value).to.equal(`31.12.${new Date().getFullYear()}`);
    await typeDateField(await waitFor(() => queryLabelled<HTMLInputElement>('From'), 'the From date field'), '1.1.2026');
    await typeDateField(to, '31.1.26');
    await click(await button('Compare'));
    await waitFor(() => firstClientRow().length > 0, 'the clients table');
    expect(periods).to.deep.equal([{ from: '2026-01-01', to: '2026-01-31' }]);
    expect(nbsp(summary())).to.equal('1.200 clients, 1.200 documents from 01.01.2026 to 31.01.2026; 1.200 on one side only or differing.');
    expect(firstClientRow().slice(0, 2).map(nbsp)).to.deep.equal(['Client 0001 (not linked to a QuickBooks customer)', '1.234,50 $']);
    await click(await button('Show the documents of Client 0001'));
    await waitFor(() => document.querySelector('table[aria-label="Documents"] tbody tr'), 'the documents table');
    const cells = Array.from(document.querySelectorAll('table[aria-label="Documents"] tbody tr td'), (c) => nbsp((c.textContent ?? '').trim()));
    expect(cells.slice(2, 5)).to.deep.equal(['5000', '10.01.2026', '1.234,50 $']);
    // The window has its Close, as the host's windows do.
    expect(await button('Close')).to.not.equal(undefined);
  });

  it("keeps the browser's language when the host does not name a locale or does not answer in time", async () => {
    const browser = displayLocale();
    expect(await adoptHostLocale(client)).to.equal(browser);
    host.win.respond = () => 'silent';
    const started = Date.now();
    expect(await adoptHostLocale(client, 100)).to.equal(browser);
    expect(Date.now() - started).to.be.below(2000);
    await delay(10);
  });
});
