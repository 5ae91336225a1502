/**
 * Host windows, the add-in's side (docs/decisions/0008-host-windows.md): the panel asks the host
 * for a window at its own page with `?window=`, keeps its width and shows a status line, hears
 * when the window closed and re-reads what it may have changed; a menu request without a
 * connection is a notice in the panel, not a window; the page in the window closes itself
 * through the host, also when the host's close button asks, and asks first about unsaved changes.
 */
import { expect } from 'chai';
import { App } from '../../../src/taskpane/app';
import { hostWindowUrl, readHostWindow } from '../../../src/taskpane/host-window/host-window-name';
import { openHostWindow } from '../../../src/taskpane/host-window/open-host-window';
import { WindowApp } from '../../../src/taskpane/host-window/window-app';
import { registerPanelIcons } from '../../../src/taskpane/icons';
import type { IntegrationTabContents, IntegrationTabProps } from '../../../src/taskpane/integration-window/integration-tabs';
import { useState } from 'react';
import { useReportUnsaved } from '../../../src/taskpane/integration-window/unsaved-changes';
import type { PanelSettings } from '../../../src/taskpane/shared/panel-services';
import type { HostMethod, HostParams, HostResult } from '../../../src/sync/host/protocol';
import type { SettingsRecord } from '../../../src/sync/store/schema';
import { button, click, FakeHost, FakeProxy, queryButton, queryText, render, US_COMPANY, waitFor, type Rendered } from '../taskpane/panel-test-kit';

/** A host that draws windows: it records them and closes them when asked, like the shell's bridge. */
class WindowHost extends FakeHost {
  readonly windows: Array<{ windowId: string; url: string; title: string; width: number; height: number; open: boolean }> = [];

  override request<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>> {
    if (method === 'ui.openWindow') {
      this.calls.push({ method, params });
      const p = params as HostParams<'ui.openWindow'>;
      const windowId = `win-${this.windows.length + 1}`;
      this.windows.push({ windowId, ...p, open: true });
      return Promise.resolve({ windowId, width: Math.min(p.width, 1334), height: Math.min(p.height, 736) } as HostResult<M>);
    }
    if (method === 'ui.closeWindow') {
      this.calls.push({ method, params });
      const p = params as HostParams<'ui.closeWindow'>;
      const w = this.windows.find((x) => x.open && (p.windowId === undefined || x.windowId === p.windowId));
      if (!w) return Promise.resolve({ closed: false } as HostResult<M>);
      w.open = false;
      // The host tells the opener after it closed the window.
      setTimeout(() => this.emitNow('windowClosed', p.summary ? { windowId: w.windowId, summary: p.summary } : { windowId: w.windowId }));
      return Promise.resolve({ closed: true } as HostResult<M>);
    }
    return super.request(method, params);
  }
}

function fakeTab(name: string) {
  return function FakeTab({ context }: IntegrationTabProps) {
    return <p>Fake {name} tab for company {context.realmId}</p>;
  };
}

/** An Account Defaults tab with a draft: "Make a change" marks it unsaved. */
function DraftTab() {
  const [changed, setChanged] = useState(false);
  useReportUnsaved('Account Defaults', changed);
  return <button onClick={() => setChanged(true)}>Make a change</button>;
}

const TABS: IntegrationTabContents = {
  accountDefaults: DraftTab,
  contactMatch: fakeTab('Contact Match'),
  employeeMatch: fakeTab('Employee Match'),
  workCodeMatch: fakeTab('Work Code Match'),
  expenseCodeMatch: fakeTab('Expense Code Match'),
};

function countingSettings(): PanelSettings & { loads: number } {
  const s = {
    loads: 0,
    load: async (realmId: string) => {
      s.loads += 1;
      return { realmId, contactSyncEnabled: false, contactTypeIds: [], accountDefaults: {}, lineItemDefaults: {}, depositAccountId: '', updatedAt: '' } satisfies SettingsRecord;
    },
    save: async () => {
      throw new Error('not used');
    },
  };
  return s;
}

describe('host windows: the add-in side', () => {
  let host: WindowHost;
  let proxy: FakeProxy;
  let rendered: Rendered | undefined;

  before(() => registerPanelIcons());
  beforeEach(() => {
    host = new WindowHost();
    proxy = new FakeProxy();
  });
  afterEach(async () => {
    await rendered?.unmount();
    rendered = undefined;
  });

  it('names a window by the page URL (?window= and ?focus=) and reads it back; the panel views stay panel views', () => {
    const url = hostWindowUrl('http://addin.test/taskpane.html?view=contactMatch&focusId=x#top', 'contactMatch', 'c-7');
    expect(url).to.equal('http://addin.test/taskpane.html?window=contactMatch&focus=c-7');
    expect(readHostWindow(new URL(url).search)).to.deep.equal({ name: 'contactMatch', focusId: 'c-7' });
    expect(readHostWindow('?window=exportInvoices')).to.deep.equal({ name: 'exportInvoices' });
    expect(readHostWindow('?window=history')).to.equal(undefined);
    expect(readHostWindow('?view=contactMatch')).to.equal(undefined);
  });

  it('openHostWindow asks for the page at its title and size, resolves on windowClosed with the summary, and is null on a host without windows', async () => {
    const handle = await openHostWindow(host, 'importPayments', undefined, 'http://addin.test/taskpane.html?view=importPayments');
    expect(handle?.windowId).to.equal('win-1');
    expect(host.windows[0]).to.deep.include({ url: 'http://addin.test/taskpane.html?window=importPayments', title: 'Payment Import', width: 1180, height: 780 });
    await host.request('ui.closeWindow', { summary: '3 payments imported' });
    expect(await handle?.closed).to.deep.equal({ summary: '3 payments imported' });
    expect(host.listeners('windowClosed')).to.equal(0, 'it stops listening once closed');

    expect(await openHostWindow(new FakeHost(), 'exportInvoices')).to.equal(null);
  });

  it('a Time & Billing menu view opens its window in the host; the panel keeps its width, says so, and offers to open it again after it closed', async () => {
    proxy.connect(US_COMPANY);
    rendered = await render(<App host={host} proxy={proxy} settings={countingSettings()} initialView="exportInvoices" tabs={TABS} />);
    await waitFor(() => host.windows.length === 1, 'the window asked of the host');
    expect(host.windows[0]).to.deep.include({ title: 'Invoice Export' });
    expect(new URL(host.windows[0].url).searchParams.get('window')).to.equal('exportInvoices');
    await waitFor(() => queryText('Invoice Export is open in its own window.'), 'the status line');
    expect(host.methods()).to.not.include('ui.setPanelWidth');

    await host.request('ui.closeWindow', { summary: '2 invoices exported' });
    await waitFor(() => queryText('Invoice Export: 2 invoices exported'), 'the summary');
    await click(await button('Open Invoice Export'));
    await waitFor(() => host.windows.length === 2, 'the window opened again');
  });

  it('without a connection the panel says what to do at its own width, and opens no window', async () => {
    rendered = await render(<App host={host} proxy={proxy} settings={countingSettings()} initialView="importPayments" tabs={TABS} />);
    await waitFor(() => queryText('Payment Import needs a QuickBooks Online connection.'), 'the notice');
    expect(host.windows).to.have.length(0);
    expect(host.methods()).to.not.include('ui.setPanelWidth');
  });

  it('Integrations > Defaults opens the Integration window in the host, and its closing re-reads the settings', async () => {
    proxy.connect(US_COMPANY);
    const settings = countingSettings();
    rendered = await render(<App host={host} proxy={proxy} settings={settings} initialView="integrations" tabs={TABS} />);
    await click(await button('Defaults'));
    await waitFor(() => host.windows.length === 1, 'the window asked of the host');
    expect(host.windows[0]).to.deep.include({ title: 'QuickBooks Online Integration', width: 1240, height: 800 });
    expect(new URL(host.windows[0].url).searchParams.get('window')).to.equal('accountDefaults');
    await waitFor(() => queryText('QuickBooks Online Integration is open in its own window.'), 'the status line');
    const loadsBefore = settings.loads;
    await host.request('ui.closeWindow', {});
    await waitFor(() => queryText('QuickBooks Online Integration was closed.'), 'the closed line');
    await waitFor(() => settings.loads > loadsBefore, 'the settings read again');
  });

  it('a menu command opens the window at its tab and entity (focus in the URL)', async () => {
    proxy.connect(US_COMPANY);
    rendered = await render(<App host={host} proxy={proxy} settings={countingSettings()} initialView="contactMatch" initialFocusId="c-42" tabs={TABS} />);
    await waitFor(() => host.windows.length === 1, 'the window asked of the host');
    const url = new URL(host.windows[0].url);
    expect([url.searchParams.get('window'), url.searchParams.get('focus')]).to.deep.equal(['contactMatch', 'c-42']);
  });

  it('Integrations shown again after another view does not reopen the last Integration window', async () => {
    proxy.connect(US_COMPANY);
    rendered = await render(<App host={host} proxy={proxy} settings={countingSettings()} initialView="contactMatch" tabs={TABS} />);
    await waitFor(() => host.windows.length === 1, 'the Contact Match window');
    await host.request('ui.closeWindow', {});
    await host.emit('panelView', { view: 'exportInvoices' });
    await waitFor(() => host.windows.length === 2, 'the Invoice Export window');
    await host.request('ui.closeWindow', {});
    await host.emit('panelView', { view: 'integrations' });
    await waitFor(() => queryText('QuickBooks Integration Options'), 'the Integrations view');
    await new Promise((r) => setTimeout(r, 200));
    expect(host.windows.map((w) => w.title)).to.deep.equal(['QuickBooks Online Integration', 'Invoice Export']);
  });

  it('the Integration window page: Close closes its host window; the host close button asks first when a tab has unsaved changes', async () => {
    proxy.connect(US_COMPANY);
    host.windows.push({ windowId: 'win-9', url: 'x', title: 'QuickBooks Online Integration', width: 1, height: 1, open: true });
    rendered = await render(<WindowApp name="contactMatch" host={host} proxy={proxy} settings={countingSettings()} tabs={TABS} />);
    await waitFor(() => queryText('Fake Contact Match tab for company'), 'the Contact Match tab');
    expect(document.querySelector('[data-testid="window-footer"]')).to.not.equal(null);

    // Unsaved changes on Account Defaults: the host's close button asks instead of closing.
    await click(await waitFor(() => Array.from(document.querySelectorAll<HTMLElement>('[role="tab"]')).find((t) => t.textContent?.includes('Account Defaults')), 'the Account Defaults tab'));
    await click(await button('Make a change'));
    await button('OK');
    await host.emit('windowCloseRequested', { windowId: 'win-9' });
    await waitFor(() => queryText('Discard your changes to Account Defaults?'), 'the discard question');
    expect(host.methods()).to.not.include('ui.closeWindow');
    await click(await button('Keep editing'));

    // Escape in the page asks the same.
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await click(await button('Discard changes'));
    await waitFor(() => host.methods().includes('ui.closeWindow'), 'ui.closeWindow');
    expect(host.windows[0].open).to.equal(false);
    expect(queryButton('Make a change')).to.not.equal(undefined, 'the page stays until the host removes it');
  });

  it('a window page for a billing window has a Close that stays in the window and closes it through the host', async () => {
    proxy.connect(US_COMPANY);
    host.windows.push({ windowId: 'win-3', url: 'x', title: 'Payment Export', width: 1, height: 1, open: true });
    rendered = await render(<WindowApp name="exportPayments" host={host} proxy={proxy} settings={countingSettings()} tabs={TABS} billing={{ openService: () => new Promise(() => undefined) }} />);
    await click(await button('Close'));
    await waitFor(() => host.windows[0].open === false, 'the window closed');
    expect(host.methods()).to.not.include('ui.setPanelWidth');
  });
  describe('the connection-attention banner in a window', () => {
    const bannerRegion = () => document.querySelector<HTMLElement>('[role="region"][aria-label="QuickBooks Online connection needs attention"]') ?? undefined;

    it('heads a Time & Billing window when the connection runs out soon; the footer stays in view; Reconnect closes the window and opens Integration Options in the panel', async () => {
      proxy.connect(US_COMPANY);
      if (proxy.current.connected) proxy.current = { ...proxy.current, attention: [{ kind: 'refreshExpiring', expiresAt: new Date(Date.now() + 3 * 86_400_000).toISOString() }] };
      host.windows.push({ windowId: 'win-4', url: 'x', title: 'Invoice Export', width: 1, height: 1, open: true });
      rendered = await render(<WindowApp name="exportInvoices" host={host} proxy={proxy} settings={countingSettings()} tabs={TABS} billing={{ openService: () => new Promise(() => undefined) }} />);
      const banner = await waitFor(bannerRegion, 'the banner');
      expect(banner.innerText).to.match(/QuickBooks Online will end the connection to "Craig.s Design and Landscaping" in 3 days/);
      const footer = await waitFor(() => document.querySelector<HTMLElement>('[data-testid="window-footer"]') ?? undefined, 'the footer');
      expect(banner.getBoundingClientRect().bottom).to.be.at.most(footer.getBoundingClientRect().top, 'the banner heads the window');
      // The page is as tall as the window; the frame (and the Close at its foot) fits in what the banner leaves.
      const pageBody = document.querySelector<HTMLElement>('[data-testid="window-page-body"]');
      const frame = footer.parentElement;
      expect(pageBody && frame).to.not.equal(null);
      expect(frame?.getBoundingClientRect().bottom).to.be.at.most((pageBody?.getBoundingClientRect().bottom ?? 0) + 1, "the window's frame with its Close fits below the banner");
      expect(footer.getBoundingClientRect().bottom).to.be.at.most((pageBody?.getBoundingClientRect().bottom ?? 0) + 1);
      await click(await button('Reconnect'));
      await waitFor(() => host.windows[0].open === false, 'the window closed');
      expect(host.calls.filter((c) => c.method === 'ui.showPanel').map((c) => c.params)).to.deep.equal([{ view: 'integrations' }]);
    });

    it('heads the Reconcile window too, whose frame and Close fit below it', async () => {
      proxy.current = { connected: false, attention: [{ kind: 'lapsed', reason: 'expired', realmId: US_COMPANY.realmId, companyName: US_COMPANY.companyName, at: '2026-12-01T09:00:00Z' }] };
      rendered = await render(<WindowApp name="reconcile" host={host} proxy={proxy} settings={countingSettings()} tabs={TABS} reconcile={{ openReconciler: () => new Promise(() => undefined) }} />);
      const banner = await waitFor(bannerRegion, 'the banner');
      expect(banner.innerText).to.include('QuickBooks Online ends connections that go unused for 100 days');
      const footer = await waitFor(() => document.querySelector<HTMLElement>('[data-testid="window-footer"]') ?? undefined, 'the footer');
      const pageBody = document.querySelector<HTMLElement>('[data-testid="window-page-body"]');
      expect(footer.parentElement?.getBoundingClientRect().bottom).to.be.at.most((pageBody?.getBoundingClientRect().bottom ?? 0) + 1, "the window's frame with its Close fits below the banner");
    });

    it('heads the Integration window when the firm reconnected to another company, and is absent when nothing needs attention', async () => {
      proxy.connect(US_COMPANY);
      if (proxy.current.connected) {
        proxy.current = { ...proxy.current, attention: [{ kind: 'companyChanged', previousRealmId: '111', previousCompanyName: 'Hartwell Books', at: '2026-12-02T15:00:00Z', by: { id: 'u-sam', name: 'Sam Ortiz' } }] };
      }
      rendered = await render(<WindowApp name="contactMatch" host={host} proxy={proxy} settings={countingSettings()} tabs={TABS} />);
      await waitFor(() => queryText('Fake Contact Match tab'), 'the tab');
      const banner = await waitFor(bannerRegion, 'the banner');
      expect(banner.innerText).to.include('but the firm\'s links, settings and history belong to "Hartwell Books"');
      expect(queryButton('Reconnect')).to.not.equal(undefined);
      const pageBody = document.querySelector<HTMLElement>('[data-testid="window-page-body"]');
      const windowRegion = pageBody?.querySelector<HTMLElement>('[role="region"][aria-labelledby]');
      expect(windowRegion?.getBoundingClientRect().bottom).to.be.at.most((pageBody?.getBoundingClientRect().bottom ?? 0) + 1, 'the Integration window fits below the banner');
      await rendered.unmount();

      if (proxy.current.connected) proxy.current = { ...proxy.current, attention: undefined };
      rendered = await render(<WindowApp name="contactMatch" host={host} proxy={proxy} settings={countingSettings()} tabs={TABS} />);
      await waitFor(() => queryText('Fake Contact Match tab'), 'the tab');
      await new Promise((r) => setTimeout(r, 50));
      expect(bannerRegion()).to.equal(undefined);
    });
  });
});
