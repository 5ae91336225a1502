/**
 * Pre-flight and health in the panel (issue 14, point 7): the connection-attention banner for a
 * refresh token running out, a lapsed grant and a company change, with Reconnect (and Keep for
 * a company change), in Integrations and in the other windows; and "Check QuickBooks company",
 * run after each connect and on demand, listing what it found with its fixes.
 */
import { expect } from 'chai';
import { App } from '../../../src/taskpane/app';
import { registerPanelIcons } from '../../../src/taskpane/icons';
import { ConnectionAttentionBanner } from '../../../src/taskpane/shared/connection-attention-banner';
import { PreflightSection } from '../../../src/taskpane/integrations/preflight-section';
import type { PreflightService } from '../../../src/taskpane/integrations/preflight-service';
import type { ConnectionStatus } from '../../../src/sync/connection/connection-status';
import type { PreflightFix, PreflightReport } from '../../../src/sync/preflight/preflight-types';
import type { PanelSettings } from '../../../src/taskpane/shared/panel-services';
import type { SettingsRecord } from '../../../src/sync/store/schema';
import type { SettingsPatch } from '../../../src/sync/store/settings-store';
import { button, CONNECTED_BY, click, FakeHost, FakeProxy, labelled, queryButton, queryText, render, US_COMPANY, waitFor, type Rendered } from './panel-test-kit';

const NOW = Date.parse('2026-12-03T12:00:00Z');

/** The test kit's proxy, plus keeping a company (the proxy's keep-company route). */
class HealthProxy extends FakeProxy {
  async keepCompany(): Promise<ConnectionStatus> {
    this.calls.push('keepCompany');
    if (this.current.connected) this.current = { ...this.current, attention: undefined };
    return this.current;
  }
}

function connectedWith(proxy: FakeProxy, attention: NonNullable<Extract<ConnectionStatus, { connected: true }>['attention']>): void {
  proxy.connect(US_COMPANY);
  if (proxy.current.connected) proxy.current = { ...proxy.current, attention };
}

const LAPSED: ConnectionStatus = {
  connected: false,
  attention: [{ kind: 'lapsed', reason: 'revoked', realmId: US_COMPANY.realmId, companyName: US_COMPANY.companyName, at: '2026-12-02T15:00:00Z' }],
};

/** Settings kept in memory, as the firm would keep them. */
function memorySettings(): PanelSettings & { saved: SettingsPatch[] } {
  let record: SettingsRecord = { realmId: US_COMPANY.realmId, contactSyncEnabled: false, contactTypeIds: [], accountDefaults: {}, lineItemDefaults: {}, depositAccountId: '', updatedAt: '2026-12-01T00:00:00Z' };
  const saved: SettingsPatch[] = [];
  return {
    saved,
    load: async () => record,
    save: async (_realmId, patch) => {
      saved.push(patch);
      record = { ...record, ...patch };
      return record;
    },
  };
}

function report(findings: PreflightReport['findings']): PreflightReport {
  return { companyName: US_COMPANY.companyName, checkedAt: '2026-12-03T12:00:00Z', findings, checked: ['currency and multicurrency', 'invoice numbering'] };
}

const NUMBERING_WARNING: PreflightReport['findings'][number] = {
  check: 'customTxnNumbers',
  severity: 'warning',
  message: 'Custom transaction numbers are off in QuickBooks Online.',
  todo: 'Turn them on, or let QuickBooks Online number exported invoices.',
  fix: { kind: 'setInvoiceNumbering', label: 'Let QuickBooks number them', numbering: { mode: 'qbo' } },
};
const ITEM_ERROR: PreflightReport['findings'][number] = {
  check: 'defaultItems',
  severity: 'error',
  message: 'Account Defaults bills an invoice line item under a QuickBooks Online item that cannot take it: Late Fee (item "Late Fee" is inactive).',
  todo: 'Choose active items for them under Invoice Line Item Settings.',
  fix: { kind: 'openTab', label: 'Open Account Defaults', tab: 'accountDefaults' },
};

/** A check that answers the queued reports in turn, counting its runs. */
function scripted(reports: Array<PreflightReport | Error>): PreflightService & { runs: Array<[string, string]> } {
  const runs: Array<[string, string]> = [];
  return {
    runs,
    async check(realmId, companyName) {
      runs.push([realmId, companyName]);
      const next = reports.length > 1 ? reports.shift() : reports[0];
      if (next instanceof Error) throw next;
      return next as PreflightReport;
    },
  };
}

describe('panel: connection health and the QuickBooks company check', () => {
  let rendered: Rendered | undefined;

  before(() => registerPanelIcons());

  afterEach(async () => {
    await rendered?.unmount();
    rendered = undefined;
  });

  describe('the connection-attention banner', () => {
    it('says when the refresh token runs out, in days and as a date, with Reconnect', async () => {
      const proxy = new FakeProxy();
      connectedWith(proxy, [{ kind: 'refreshExpiring', expiresAt: '2026-12-08T12:00:00Z' }]);
      let reconnects = 0;
      rendered = await render(<ConnectionAttentionBanner status={proxy.current} onReconnect={() => reconnects++} now={() => NOW} />);
      await waitFor(() => queryText(`QuickBooks Online will end the connection to "${US_COMPANY.companyName}" in 5 days (on Dec 8, 2026).`), 'the expiry warning');
      await click(await button('Reconnect'));
      expect(reconnects).to.equal(1);
      expect(queryButton(`Keep ${US_COMPANY.companyName}`)).to.equal(undefined);
    });

    it('says a revoked connection stopped, that work waits and resumes without duplicates', async () => {
      rendered = await render(<ConnectionAttentionBanner status={LAPSED} onReconnect={() => undefined} now={() => NOW} />);
      await waitFor(() => queryText(`QuickBooks Online stopped accepting the connection to "${US_COMPANY.companyName}" on Dec 2, 2026`), 'the lapse');
      expect(queryText('an export that was cut off finishes where it stopped when it is run again, and nothing is sent twice')).to.equal(true);
      expect(document.querySelector('[aria-label="QuickBooks Online connection needs attention"]')).to.not.equal(null);
    });

    it('an expired connection says why, and a remembered (offline) status shows nothing', async () => {
      const expired: ConnectionStatus = { connected: false, attention: [{ kind: 'lapsed', reason: 'expired', realmId: '1', companyName: 'Books', at: '2026-11-30T00:00:00Z' }] };
      rendered = await render(<ConnectionAttentionBanner status={expired} onReconnect={() => undefined} now={() => NOW} />);
      await waitFor(() => queryText('QuickBooks Online ends connections that go unused for 100 days'), 'the expiry reason');
      await rendered.unmount();
      const proxy = new FakeProxy();
      connectedWith(proxy, [{ kind: 'refreshExpiring', expiresAt: '2026-12-04T12:00:00Z' }]);
      const remembered = { ...proxy.current, lastKnown: true } as ConnectionStatus;
      rendered = await render(<ConnectionAttentionBanner status={remembered} onReconnect={() => undefined} now={() => NOW} />);
      expect(queryText('will end the connection')).to.equal(false);
    });

    it('in Integrations: a company change names both companies and who changed it; Keep ends it for the firm', async () => {
      const proxy = new HealthProxy();
      connectedWith(proxy, [{ kind: 'companyChanged', previousRealmId: '9130999', previousCompanyName: 'Hartwell Books', at: '2026-12-01T09:00:00Z', by: { id: 'u-lee', name: 'Lee Ortega' } }]);
      rendered = await render(<App host={new FakeHost()} proxy={proxy} settings={memorySettings()} initialView="integrations" />);
      await waitFor(() => queryText(`OfficeTools was reconnected by Lee Ortega on Dec 1, 2026 to "${US_COMPANY.companyName}", but the firm's links, settings and history belong to "Hartwell Books".`), 'the company change');
      await click(await button(`Keep ${US_COMPANY.companyName}`));
      await waitFor(() => !queryText('OfficeTools was reconnected by'), 'the banner to go');
      expect(proxy.calls).to.include('keepCompany');
    });

    it('in Integrations: a lapsed connection keeps QuickBooks Online chosen, and Reconnect asks the seed question, then opens the sign-in', async () => {
      const proxy = new FakeProxy();
      proxy.current = LAPSED;
      const host = new FakeHost();
      rendered = await render(<App host={host} proxy={proxy} settings={memorySettings()} initialView="integrations" />);
      await waitFor(() => queryText('QuickBooks Online stopped accepting the connection'), 'the lapse banner');
      expect(queryButton('Connect to QuickBooks Online')).to.not.equal(undefined, 'QuickBooks Online stays chosen');
      await click(await button('Reconnect'));
      await waitFor(() => queryText('Provide authentication to QuickBooks Online?'), 'the authentication question');
      await click(await button('Yes'));
      await waitFor(() => host.calls.find((c) => c.method === 'ui.openDialog'), 'the sign-in window');
    });

    it('in another window (Reconcile): the banner shows, and Reconnect goes to Integrations and asks', async () => {
      const proxy = new FakeProxy();
      proxy.current = LAPSED;
      rendered = await render(
        <App host={new FakeHost()} proxy={proxy} settings={memorySettings()} initialView="reconcile" reconcile={{ openReconciler: () => Promise.reject(new Error('not connected')) }} />,
      );
      await waitFor(() => queryText('QuickBooks Online stopped accepting the connection'), 'the lapse banner over Reconcile');
      await click(await button('Reconnect'));
      await waitFor(() => queryText('Provide authentication to QuickBooks Online?'), 'the question in Integrations');
      expect(queryText('QuickBooks Integration Options')).to.equal(true);
    });

    it('the banner follows the connection: a reconnect by someone else takes it away', async () => {
      const proxy = new FakeProxy();
      proxy.current = LAPSED;
      rendered = await render(
        <App host={new FakeHost()} proxy={proxy} settings={memorySettings()} initialView="reconcile" reconcile={{ openReconciler: () => Promise.reject(new Error('not ready')) }} />,
      );
      await waitFor(() => queryText('QuickBooks Online stopped accepting the connection'), 'the lapse banner');
      proxy.connect(US_COMPANY, CONNECTED_BY);
      await proxy.emitConnectionChange();
      await waitFor(() => !queryText('QuickBooks Online stopped accepting the connection'), 'the banner to go');
    });
  });

  describe('Check QuickBooks company', () => {
    it('runs on demand and lists errors and warnings with what to do; a numbering fix is applied and the check runs again', async () => {
      const service = scripted([report([ITEM_ERROR, NUMBERING_WARNING]), report([])]);
      const fixes: PreflightFix[] = [];
      rendered = await render(
        <PreflightSection service={service} realmId={US_COMPANY.realmId} companyName={US_COMPANY.companyName} autoRunKey={0} onFix={async (f) => void fixes.push(f)} />,
      );
      expect(service.runs).to.have.length(0, 'not on its own');
      await click(await button('Check QuickBooks company'));
      await waitFor(() => queryText(`${US_COMPANY.companyName}: 1 problem that would make an export fail and 1 thing to look at.`), 'the summary');
      const items = [...document.querySelectorAll('[aria-label="What the check found"] li')];
      expect(items.map((li) => li.textContent ?? '')).to.have.length(2);
      expect(items[0].textContent).to.contain('Late Fee (item "Late Fee" is inactive). Choose active items');
      expect(items[0].querySelector('.ms-MessageBar--error')).to.not.equal(null);
      expect(items[1].querySelector('.ms-MessageBar--warning')).to.not.equal(null);
      await click(await button('Let QuickBooks number them'));
      await waitFor(() => queryText(`Nothing in ${US_COMPANY.companyName} stands in the way of exports and imports. Checked: currency and multicurrency; invoice numbering.`), 'the clean report');
      expect(fixes).to.deep.equal([NUMBERING_WARNING.fix]);
      expect(service.runs).to.have.length(2);
    });

    it('says what failed when the company cannot be read', async () => {
      const service = scripted([new Error('QuickBooks Online did not answer')]);
      rendered = await render(<PreflightSection service={service} realmId={US_COMPANY.realmId} companyName={US_COMPANY.companyName} autoRunKey={1} onFix={async () => undefined} />);
      await waitFor(() => queryText(`Could not check ${US_COMPANY.companyName}.`), 'the failure');
      expect(queryText('QuickBooks Online did not answer')).to.equal(true);
    });

    it('runs by itself after a connect in Integrations; its numbering fix is saved and the check runs again', async () => {
      const proxy = new FakeProxy();
      const host = new FakeHost();
      const settings = memorySettings();
      const service = scripted([report([NUMBERING_WARNING])]);
      rendered = await render(<App host={host} proxy={proxy} settings={settings} initialView="integrations" preflight={service} />);
      await click(await labelled<HTMLInputElement>('QuickBooks Online'));
      await click(await button('Yes'));
      await click(await button('Connect to QuickBooks Online'));
      await click(await button('Yes'));
      await waitFor(() => host.calls.find((c) => c.method === 'ui.openDialog'), 'the sign-in window');
      expect(service.runs).to.have.length(0, 'nothing to check before the connect');
      await host.emit('dialogMessage', { dialogId: 'd1', message: proxy.authorize(US_COMPANY, 'flow-1') });
      await waitFor(() => queryText('Custom transaction numbers are off in QuickBooks Online.'), 'the check run after the connect');
      expect(service.runs).to.deep.equal([[US_COMPANY.realmId, US_COMPANY.companyName]]);
      await click(await button('Let QuickBooks number them'));
      await waitFor(() => settings.saved.length === 1, 'the numbering saved');
      expect(settings.saved[0]).to.deep.equal({ invoiceNumbers: { mode: 'qbo' } });
      await waitFor(() => service.runs.length === 2, 'the check run again');
    });
  });
});
