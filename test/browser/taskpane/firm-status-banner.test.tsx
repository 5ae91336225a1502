/**
 * The panel's word on the firm's data: offline (over a real FirmData whose firm cannot be
 * reached), pending writes, and what the firm did not take, listed once and dismissible.
 */
import { expect } from 'chai';
import { act } from 'react';
import { FirmStatusBanner, FirmStatusView } from '../../../src/taskpane/shared/firm-status-banner';
import type { ReplicationStatus } from '../../../src/sync/replication/open-firm-data';
import { MemoryFirm } from '../replication/support/memory-firm';
import { cleanUp, REALM } from '../replication/support/replicas';
import { click, FakeHost, firmPanel, queryText, render, waitFor, type FirmPanel, type Rendered } from './panel-test-kit';

describe('panel: the firm data banner', () => {
  let rendered: Rendered | undefined;
  let panel: FirmPanel | undefined;

  afterEach(async () => {
    await rendered?.unmount();
    rendered = undefined;
    panel?.cache.closeAll();
    panel = undefined;
    await cleanUp();
  });

  it('says the service is unreachable, shows the last known state and counts waiting changes, then clears when it is back', async () => {
    const firm = new MemoryFirm();
    const host = new FakeHost();
    panel = firmPanel(firm, host);
    // Opened once while reachable, so there is a last known state; then the service goes away.
    await panel.cache.open(REALM);
    panel.remote.setOffline(true);
    const data = await panel.cache.open(REALM);
    await data.replication.pullNow();
    await data.settings.save({ contactTypeIds: ['t1'] });
    rendered = await render(<FirmStatusBanner realmId={REALM} source={panel.cache} />);
    await waitFor(() => queryText('QBO Sync service unreachable — showing the firm\'s data as of'), 'the offline banner');
    expect(queryText('Changes you make are kept and sent when it is back.')).to.equal(true);
    await waitFor(() => queryText('1 change is waiting to be sent.'), 'the waiting change');

    await act(async () => {
      panel?.remote.setOffline(false);
      await data.replication.pullNow();
    });
    await waitFor(() => !queryText('QBO Sync service unreachable'), 'the banner to go when the service is back');
    expect(firm.live(REALM, 'settings')).to.have.length(1, 'the waiting change was sent');
  });

  it('lists what the firm did not take once, with details on demand, and keeps it closed', async () => {
    const status: ReplicationStatus = {
      mode: 'live',
      pendingWrites: 0,
      notTaken: [
        { collection: 'links', id: 'contact:c-1', source: 'upgrade', message: 'OfficeTools contact c-1 is linked to QuickBooks customer 58 by Sam Ortiz; this browser’s link to 61 was not taken.' },
        { collection: 'links', id: 'contact:c-2', source: 'offline', message: 'QuickBooks customer 70 was just linked to OfficeTools contact c-9 by Sam Ortiz.' },
      ],
    };
    rendered = await render(<FirmStatusView status={status} />);
    await waitFor(() => queryText('1 record this browser kept from before were not taken'), 'the upgrade headline');
    expect(queryText('1 change made while the service was unreachable was refused')).to.equal(true);
    expect(queryText('linked to QuickBooks customer 58 by Sam Ortiz')).to.equal(false, 'details stay folded');
    await click(Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Show details') as HTMLButtonElement);
    await waitFor(() => queryText('linked to QuickBooks customer 58 by Sam Ortiz'), 'the first detail');
    expect(queryText('QuickBooks customer 70 was just linked to OfficeTools contact c-9 by Sam Ortiz.')).to.equal(true);

    await click(document.querySelector('button[aria-label="Close the list of changes not taken"]') as HTMLButtonElement);
    await waitFor(() => !queryText('were not taken'), 'the list to close');
    expect(queryText('offline')).to.equal(false);
  });
});
