/**
 * The panel when the QBO Sync service is briefly unreachable: the connection it last reported
 * (kept per firm and user in this browser's localStorage) opens the firm's data from the local
 * replica, marked as the last known state; without one, the failure is shown as before.
 */
import { expect } from 'chai';
import type { ConnectionStatus } from '../../../src/sync/connection/connection-status';
import { ProxyError } from '../../../src/sync/connection/proxy-error';
import { App } from '../../../src/taskpane/app';
import { registerPanelIcons } from '../../../src/taskpane/icons';
import { withLastKnownConnection } from '../../../src/taskpane/shared/last-known-connection';
import { MemoryFirm } from '../replication/support/memory-firm';
import { cleanUp } from '../replication/support/replicas';
import { CA_COMPANY, companyField, FakeHost, FakeProxy, firmPanel, labelled, queryText, render, US_COMPANY, waitFor, type FirmPanel, type Rendered } from './panel-test-kit';

const KEY = 'firm-1.u-dana';
const down = () => new ProxyError('network', 0, 'Could not reach the QBO Sync service at http://127.0.0.1:3001. Check that it is running and try again.');

describe('panel: the last known connection', () => {
  let rendered: Rendered | undefined;
  let panel: FirmPanel | undefined;

  before(() => registerPanelIcons());
  beforeEach(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('qbo-sync.last-connection.')) localStorage.removeItem(k);
  });
  afterEach(async () => {
    await rendered?.unmount();
    rendered = undefined;
    panel?.cache.closeAll();
    panel = undefined;
    await cleanUp();
  });

  it('answers the remembered connection, marked, only while the service cannot be reached, and per firm and user', async () => {
    const proxy = new FakeProxy();
    proxy.connect(US_COMPANY);
    let fail: Error | undefined;
    const status = (key: string) =>
      withLastKnownConnection(async () => {
        if (fail) throw fail;
        return proxy.status();
      }, localStorage, async () => key);
    expect((await status(KEY)()).connected).to.equal(true);
    fail = down();
    const last = (await status(KEY)()) as ConnectionStatus & { lastKnown?: true };
    expect(last).to.deep.include({ connected: true, realmId: US_COMPANY.realmId, lastKnown: true });
    let other: unknown;
    await status('firm-2.u-sam')().catch((e: unknown) => (other = e));
    expect(other).to.be.instanceOf(ProxyError, 'another firm or user gets nothing remembered');

    fail = new ProxyError('identity_expired', 401, 'OfficeTools could not confirm who you are.');
    let refused: unknown;
    await status(KEY)().catch((e: unknown) => (refused = e));
    expect((refused as ProxyError).code).to.equal('identity_expired', 'only an unreachable service falls back');

    fail = undefined;
    proxy.current = { connected: false };
    await status(KEY)();
    fail = down();
    let forgotten: unknown;
    await status(KEY)().catch((e: unknown) => (forgotten = e));
    expect(forgotten).to.be.instanceOf(ProxyError, 'a disconnect forgets it');

    fail = undefined;
    proxy.connect(CA_COMPANY);
    await status(KEY)();
    fail = down();
    let canadian: unknown;
    await status(KEY)().catch((e: unknown) => (canadian = e));
    expect(canadian).to.be.instanceOf(ProxyError, 'a company this integration refuses is not remembered');
  });

  it("opens on the firm's data as last known when the service is down", async () => {
    const firm = new MemoryFirm();
    const host = new FakeHost();
    panel = firmPanel(firm, host);
    const proxy = new FakeProxy();
    proxy.connect(US_COMPANY);
    let fail = false;
    const real = proxy.status.bind(proxy);
    proxy.status = withLastKnownConnection(
      async () => {
        if (fail) throw down();
        return real();
      },
      localStorage,
      async () => KEY,
    );
    // A first open while the service answers: the settings reach the replica and the status is kept.
    await panel.settings.save(US_COMPANY.realmId, { contactTypeIds: ['t3'] });
    await proxy.status();
    panel.cache.closeAll();

    fail = true;
    panel.remote.setOffline(true);
    rendered = await render(<App host={host} proxy={proxy} settings={panel.settings} initialView="integrations" firm={panel.cache} />);
    await waitFor(() => companyField() === US_COMPANY.companyName, 'the last known company');
    await waitFor(() => queryText('this is the connection it last reported'), 'the last-known mark');
    await waitFor(() => queryText("QBO Sync service unreachable — showing the firm's data as of"), 'the offline banner');
    const field = await labelled<HTMLInputElement>('Select Contact Type(s) to update');
    await waitFor(() => field.value === 'Vendor', "the firm's settings from the replica");
  });
});
