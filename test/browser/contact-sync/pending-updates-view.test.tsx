/**
 * Sync History's pending contact changes: the real service over IndexedDB (the outbox) and the
 * firm's links (a real FirmData over an in-memory firm), an in-memory QBO for the conflict
 * prompt's current values, and the view in a real browser.
 */
import { expect } from 'chai';
import { deleteDB } from 'idb';
import { ContactOutbox } from '../../../src/sync/contact-sync/contact-outbox';
import type { OutboxSignal, OutboxSignalKind } from '../../../src/sync/contact-sync/outbox-signal';
import { openFirmData, type FirmData } from '../../../src/sync/replication/open-firm-data';
import { openSyncDb, type QboSyncDatabase } from '../../../src/sync/store/schema';
import { createPendingUpdatesService } from '../../../src/taskpane/pending-updates/pending-updates-service';
import { PendingUpdatesView } from '../../../src/taskpane/pending-updates/pending-updates-view';
import { historySourceOf } from '../../../src/taskpane/pending-updates/history-source';
import { FakeHost, button, click, queryText, render, waitFor, type Rendered } from '../taskpane/panel-test-kit';
import { MemoryFirm } from '../replication/support/memory-firm';
import { MemoryGateway } from './memory-gateway';

const REALM = '9130350';

class ContactsHost extends FakeHost {
  override request: FakeHost['request'] = (method, params) => {
    if (method === 'contacts.list') {
      return Promise.resolve([
        { id: 'a', typeId: 't1', kind: 'business', companyName: 'Alpha Co', displayName: 'Alpha Co', active: true, updatedAt: '' },
        { id: 'b', typeId: 't1', kind: 'business', companyName: 'Beta Co', displayName: 'Beta Co', active: true, updatedAt: '' },
      ]) as ReturnType<FakeHost['request']>;
    }
    return FakeHost.prototype.request.call(this, method, params) as ReturnType<FakeHost['request']>;
  };
}

class Signal implements OutboxSignal {
  posted: OutboxSignalKind[] = [];
  post(kind: OutboxSignalKind): void {
    this.posted.push(kind);
  }
  subscribe(): () => void {
    return () => undefined;
  }
  close(): void {}
}

describe('Sync History: pending contact changes', () => {
  let name = '';
  let db: QboSyncDatabase;
  let view: Rendered | undefined;
  let qbo: MemoryGateway;
  let signal: Signal;
  let firm: MemoryFirm;
  let firmData: FirmData;

  beforeEach(async () => {
    name = `pending-view-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    db = await openSyncDb(name);
    firm = new MemoryFirm();
    const pat = { id: 'u', name: 'Pat' };
    firmData = await openFirmData({ realmId: REALM, user: pat, remote: firm.remoteFor(pat), dbName: name });
    qbo = new MemoryGateway(REALM);
    signal = new Signal();
  });

  afterEach(async () => {
    await view?.unmount();
    view = undefined;
    firmData.close();
    db.close();
    await deleteDB(name);
  });

  const show = async () => {
    const service = createPendingUpdatesService({
      host: new ContactsHost(),
      connectionStatus: async () => ({ connected: true, realmId: REALM, companyName: 'Co', country: 'US', connectedAt: '', accessTokenExpiresAt: '', refreshTokenExpiresAt: '' }),
      openDb: async () => db,
      links: async () => firmData.links,
      gatewayFor: () => qbo,
      signal,
    });
    view = await render(<PendingUpdatesView service={service} history={historySourceOf(async () => firmData)} />);
  };

  it('lists pending and failed changes with names and reasons; Retry sends again', async () => {
    const ob = new ContactOutbox(db);
    await ob.enqueue(REALM, { action: 'update', contactId: 'a', qboId: '1', fields: { 'PrimaryPhone.FreeFormNumber': '1' } });
    const failed = await ob.enqueue(REALM, { action: 'update', contactId: 'b', qboId: '2', fields: { 'PrimaryEmailAddr.Address': 'x@b.example' } });
    await ob.fail(failed.seq as number, { code: 'qbo_6000', message: 'QuickBooks Online rejected the request: bad email.' });
    await show();
    await waitFor(() => queryText('Alpha Co') && queryText('Beta Co'), 'both contacts');
    expect(queryText('Update Phone')).to.equal(true);
    expect(queryText('Waiting to be sent')).to.equal(true);
    expect(queryText('QuickBooks Online rejected the request: bad email.')).to.equal(true);
    await click(await button('Retry'));
    // The runtime is told after the outbox is written: wait for both, not the first alone.
    await waitFor(async () => signal.posted.includes('sendNow') && (await ob.get(failed.seq as number))?.state === 'pending', 'the change pending again, the runtime told');
    await waitFor(() => !queryText('Failed'), 'the list refreshed');
  });

  it('asks which value to keep per field and records the answer', async () => {
    qbo.customers.set('7', { Id: '7', SyncToken: '3', DisplayName: 'Alpha Co', PrimaryEmailAddr: { Address: 'qbo@alpha.example' }, BillAddr: { City: 'QBO Town' } });
    const links = firmData.links;
    await links.link({ kind: 'contact', otId: 'a', qboId: '7', origin: 'export', syncToken: '1', syncedFields: { 'PrimaryEmailAddr.Address': 'old@alpha.example', 'BillAddr.City': 'Old Town' } });
    const ob = new ContactOutbox(db);
    const r = await ob.enqueue(REALM, { action: 'update', contactId: 'a', qboId: '7', fields: { 'PrimaryEmailAddr.Address': 'ot@alpha.example', 'BillAddr.City': 'OT Town' } });
    await ob.markConflict(r.seq as number, r.fields, 'Email, City changed on both sides.');
    await show();
    await click(await button('Choose values'));
    await waitFor(() => queryText('OfficeTools: ot@alpha.example') && queryText('QuickBooks Online: qbo@alpha.example'), 'both email values');
    expect(queryText('QuickBooks Online: QBO Town')).to.equal(true);
    expect(queryText('Which value to keep for Alpha Co?')).to.equal(true);
    const keep = await button('Keep these values');
    expect(keep.disabled).to.equal(true, 'nothing is chosen for the user');
    const radio = (label: string) => {
      const l = Array.from(document.querySelectorAll('label')).find((x) => (x.textContent ?? '').includes(label));
      return document.getElementById(l?.htmlFor ?? '') as HTMLInputElement;
    };
    await click(radio('OfficeTools: ot@alpha.example'));
    await click(radio('QuickBooks Online: QBO Town'));
    await waitFor(() => !keep.disabled, 'Keep enabled');
    await click(keep);
    // The prompt closes once the answer is saved: the outbox first, then the firm's link (which
    // waits for the firm's replication to settle), then the runtime is told. Waiting for the
    // outbox's 'pending' alone could read the link before its update.
    await waitFor(() => !queryText('Which value to keep for Alpha Co?'), 'the prompt closed, the answer saved');
    const kept = await ob.get(r.seq as number);
    expect(kept?.state).to.equal('pending');
    expect(kept?.fields).to.deep.equal({ 'PrimaryEmailAddr.Address': 'ot@alpha.example' });
    const link = await links.findByOtId('contact', 'a');
    // QuickBooks' current values become the baseline: the kept OfficeTools email is then sent.
    expect(link?.syncedFields).to.deep.equal({ 'PrimaryEmailAddr.Address': 'qbo@alpha.example', 'BillAddr.City': 'QBO Town' });
    expect(signal.posted).to.include('sendNow');
  });

  it('saves the agreed values before the change is pending again, so a sync run in between never sends it against the old ones', async () => {
    qbo.customers.set('7', { Id: '7', SyncToken: '3', DisplayName: 'Alpha Co', PrimaryEmailAddr: { Address: 'qbo@alpha.example' } });
    const links = firmData.links;
    await links.link({ kind: 'contact', otId: 'a', qboId: '7', origin: 'export', syncToken: '1', syncedFields: { 'PrimaryEmailAddr.Address': 'old@alpha.example' } });
    const ob = new ContactOutbox(db);
    const r = await ob.enqueue(REALM, { action: 'update', contactId: 'a', qboId: '7', fields: { 'PrimaryEmailAddr.Address': 'ot@alpha.example' } });
    await ob.markConflict(r.seq as number, r.fields, 'Email changed on both sides.');
    // What a contact-sync run would see of the change while the firm's link is being written (slowly here).
    const seenWhileSaving: string[] = [];
    const slowLinks = Object.create(links) as typeof links;
    slowLinks.updateSyncState = async (...args: Parameters<typeof links.updateSyncState>) => {
      seenWhileSaving.push(String((await ob.get(r.seq as number))?.state));
      await new Promise((resolve) => setTimeout(resolve, 80));
      seenWhileSaving.push(String((await ob.get(r.seq as number))?.state));
      return links.updateSyncState(...args);
    };
    const service = createPendingUpdatesService({
      host: new ContactsHost(),
      connectionStatus: async () => ({ connected: true, realmId: REALM, companyName: 'Co', country: 'US', connectedAt: '', accessTokenExpiresAt: '', refreshTokenExpiresAt: '' }),
      openDb: async () => db,
      links: async () => slowLinks,
      gatewayFor: () => qbo,
      signal,
    });
    await service.resolve(r.seq as number, { 'PrimaryEmailAddr.Address': 'officetools' });
    expect(seenWhileSaving).to.deep.equal(['conflict', 'conflict']);
    expect((await ob.get(r.seq as number))?.state).to.equal('pending');
    expect((await links.findByOtId('contact', 'a'))?.syncedFields).to.deep.equal({ 'PrimaryEmailAddr.Address': 'qbo@alpha.example' });
  });

  it('says when every change has been sent', async () => {
    await show();
    await waitFor(() => queryText('Every contact change has been sent to QuickBooks Online.'), 'the empty state');
  });

  it('shows, below the waiting changes, the history of what was done', async () => {
    await firmData.history.append({ at: '2026-12-03T10:00:00.000Z', who: 'Pat', what: 'Contact "Alpha Co" sent to QuickBooks Online as new customer 7', result: 'ok' });
    await show();
    await waitFor(() => queryText('Every contact change has been sent to QuickBooks Online.'), 'the empty outbox');
    await waitFor(() => queryText('What was done') && queryText('Contact "Alpha Co" sent to QuickBooks Online as new customer 7'), 'the history line');
    expect(queryText('1 entry.')).to.equal(true);
    expect(document.querySelector('button[title^="Download"]')?.textContent).to.contain('Export CSV');
  });
});
