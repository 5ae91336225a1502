/**
 * The commands runtime's contact sync, with real IndexedDB (the outbox), the firm's links and
 * settings through a real FirmData over an in-memory firm, a fake host that emits
 * contactAdded/contactChanged, and an in-memory QBO.
 */
import { expect } from 'chai';
import { deleteDB } from 'idb';
import { startContactSyncRuntime, type ContactSyncRuntime, type RuntimeTimers } from '../../../src/commands/contact-sync-runtime';
import type { ConnectionStatus } from '../../../src/sync/connection/connection-status';
import { ContactOutbox } from '../../../src/sync/contact-sync/contact-outbox';
import type { OutboxSignal, OutboxSignalKind } from '../../../src/sync/contact-sync/outbox-signal';
import type { Contact, HostEventName, HostEvents, HostMethod, HostParams, HostResult } from '../../../src/sync/host/protocol';
import { openFirmData, type FirmData } from '../../../src/sync/replication/open-firm-data';
import { openSyncDb, type QboSyncDatabase } from '../../../src/sync/store/schema';
import { MemoryFirm } from '../replication/support/memory-firm';
import { MemoryGateway } from './memory-gateway';
import { toHistoryLine } from '../../../src/sync/history/history-entry';

const REALM = '9130350';
const CLIENT = 'client';
const PROSPECT = 'prospect';

class RuntimeHost {
  readonly notes: Array<HostParams<'ui.notify'>> = [];
  private readonly handlers = new Map<HostEventName, Set<(d: unknown) => void>>();
  request<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>> {
    const answer = (v: unknown) => Promise.resolve(v as HostResult<M>);
    if (method === 'ui.notify') {
      this.notes.push(params as HostParams<'ui.notify'>);
      return answer({ shown: true });
    }
    if (method === 'contacts.get') return answer({ ...contact(), id: (params as { id: string }).id });
    if (method === 'host.info') return answer({ protocolVersion: 1, hostName: 'OfficeTools', hostVersion: 't', firmName: 'F', user: { id: 'u', name: 'Pat', email: 'p@x' } });
    return Promise.reject(new Error(`unexpected ${method}`));
  }
  on<E extends HostEventName>(event: E, handler: (data: HostEvents[E]) => void): () => void {
    const set = this.handlers.get(event) ?? new Set();
    this.handlers.set(event, set);
    set.add(handler as (d: unknown) => void);
    return () => set.delete(handler as (d: unknown) => void);
  }
  emit<E extends HostEventName>(event: E, data: HostEvents[E]): void {
    for (const h of [...(this.handlers.get(event) ?? [])]) h(data);
  }
}

class ManualTimers implements RuntimeTimers {
  pending = new Map<number, { fn: () => void; ms: number }>();
  private next = 1;
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { fn, ms });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  fire(): number[] {
    const due = [...this.pending.values()];
    this.pending.clear();
    due.forEach((d) => d.fn());
    return due.map((d) => d.ms);
  }
}

class TestSignal implements OutboxSignal {
  posted: OutboxSignalKind[] = [];
  private handlers = new Set<(k: OutboxSignalKind) => void>();
  post(kind: OutboxSignalKind): void {
    this.posted.push(kind);
  }
  subscribe(h: (k: OutboxSignalKind) => void): () => void {
    this.handlers.add(h);
    return () => this.handlers.delete(h);
  }
  close(): void {}
  /** As if another page (the panel) posted. */
  fromPanel(kind: OutboxSignalKind): void {
    for (const h of [...this.handlers]) h(kind);
  }
}

let seq = 0;
function contact(over: Partial<Contact> = {}): Contact {
  return {
    id: 'c1',
    typeId: CLIENT,
    kind: 'business',
    companyName: 'Acme Ltd',
    displayName: 'Acme Ltd',
    email: 'office@acme.example',
    active: true,
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

describe('contact sync in the commands runtime', () => {
  let name = '';
  let db: QboSyncDatabase;
  let host: RuntimeHost;
  let qbo: MemoryGateway;
  let timers: ManualTimers;
  let signal: TestSignal;
  let status: ConnectionStatus;
  let runtime: ContactSyncRuntime | undefined;
  let remembered: string | undefined;
  let firmData: FirmData;
  let firm: MemoryFirm;
  const connectionListeners = new Set<() => void>();
  const events = new EventTarget();

  const start = () => {
    runtime = startContactSyncRuntime({
      host,
      openDb: async () => db,
      firm: async () => firmData,
      onConnectionChange: (l) => {
        connectionListeners.add(l);
        return () => connectionListeners.delete(l);
      },
      connectionStatus: async () => status,
      gatewayFor: async () => qbo,
      realmMemory: { load: () => remembered, save: (r) => void (remembered = r) },
      events: events as unknown as Window,
      signal,
      timers,
    });
    return runtime;
  };
  const outbox = () => new ContactOutbox(db).list(REALM);
  const links = () => firmData.links;

  beforeEach(async () => {
    name = `runtime-test-${Date.now()}-${++seq}`;
    db = await openSyncDb(name);
    host = new RuntimeHost();
    qbo = new MemoryGateway(REALM);
    timers = new ManualTimers();
    signal = new TestSignal();
    remembered = undefined;
    status = { connected: true, realmId: REALM, companyName: 'Co', country: 'US', connectedAt: '', accessTokenExpiresAt: '', refreshTokenExpiresAt: '' };
    firm = new MemoryFirm();
    const pat = { id: 'u', name: 'Pat' };
    firmData = await openFirmData({ realmId: REALM, user: pat, remote: firm.remoteFor(pat), dbName: name });
    await firmData.settings.save({ contactSyncEnabled: true, contactTypeIds: [CLIENT] });
  });

  afterEach(async () => {
    runtime?.stop();
    runtime = undefined;
    connectionListeners.clear();
    firmData.close();
    db.close();
    await deleteDB(name);
  });

  it('a new contact of a chosen type becomes a linked customer', async () => {
    const rt = start();
    host.emit('contactAdded', { contact: contact() });
    await rt.idle();
    const [customer] = [...qbo.customers.values()];
    expect(customer?.DisplayName).to.equal('Acme Ltd');
    expect((await links().findByOtId('contact', 'c1'))?.qboId).to.equal(customer.Id);
    expect(await outbox()).to.have.length(0);
    expect(signal.posted).to.include('changed');
  });

  it('an edit of a linked contact sends a sparse update with only the changed field', async () => {
    const rt = start();
    host.emit('contactAdded', { contact: contact() });
    await rt.idle();
    qbo.calls.length = 0;
    host.emit('contactChanged', { contact: contact({ email: 'billing@acme.example' }), previous: contact() });
    await rt.idle();
    expect(qbo.calls).to.deep.equal(['sparseUpdate Customer PrimaryEmailAddr']);
    expect([...qbo.customers.values()][0].PrimaryEmailAddr?.Address).to.equal('billing@acme.example');
  });

  it('sends nothing for a type not chosen, or with the switch off', async () => {
    const rt = start();
    host.emit('contactAdded', { contact: contact({ id: 'p1', typeId: PROSPECT }) });
    await rt.idle();
    await firmData.settings.save({ contactSyncEnabled: false });
    host.emit('contactAdded', { contact: contact({ id: 'c9' }) });
    await rt.idle();
    expect(qbo.calls.filter((c) => !c.startsWith('queryAll'))).to.deep.equal([]);
    expect(qbo.customers.size).to.equal(0);
    expect(await outbox()).to.have.length(0);
  });

  it('with the network down the change waits; it is sent when the browser is back online, once', async () => {
    qbo.offline = true;
    const rt = start();
    host.emit('contactAdded', { contact: contact() });
    await rt.idle();
    const [waiting] = await outbox();
    expect(waiting.state).to.equal('pending');
    expect(waiting.attempts).to.equal(1);
    expect(timers.pending.size).to.equal(1, 'a retry is scheduled');
    qbo.offline = false;
    events.dispatchEvent(new Event('online'));
    await rt.idle();
    expect(qbo.customers.size).to.equal(1);
    expect(await outbox()).to.have.length(0);
  });

  it('retries on a backoff timer that grows while the network stays down', async () => {
    qbo.offline = true;
    const rt = start();
    host.emit('contactAdded', { contact: contact() });
    await rt.idle();
    const first = timers.fire();
    await rt.idle();
    const second = timers.fire();
    await rt.idle();
    expect(second[0]).to.be.greaterThan(first[0]);
    qbo.offline = false;
    timers.fire();
    await rt.idle();
    expect(qbo.customers.size).to.equal(1);
    expect(timers.pending.size).to.equal(0, 'nothing left to retry');
  });

  it('sends what was queued before a reload when the runtime starts', async () => {
    await new ContactOutbox(db).enqueue(REALM, { action: 'create', contactId: 'old', fields: { DisplayName: 'Queued Before', Active: true }, displayName: 'Queued Before' });
    const rt = start();
    await rt.idle();
    expect([...qbo.customers.values()].map((c) => c.DisplayName)).to.deep.equal(['Queued Before']);
  });

  it('queues a change made while disconnected under the last company, and sends it when asked', async () => {
    remembered = REALM;
    status = { connected: false };
    const rt = start();
    host.emit('contactAdded', { contact: contact() });
    await rt.idle();
    expect(await outbox()).to.have.length(1);
    expect(qbo.calls).to.deep.equal([]);
    status = { connected: true, realmId: REALM, companyName: 'Co', country: 'US', connectedAt: '', accessTokenExpiresAt: '', refreshTokenExpiresAt: '' };
    signal.fromPanel('sendNow');
    await rt.idle();
    expect(qbo.customers.size).to.equal(1);
  });

  it('sends what waits when a staff member connects the firm (the connection event)', async () => {
    remembered = REALM;
    status = { connected: false };
    const rt = start();
    host.emit('contactAdded', { contact: contact() });
    await rt.idle();
    expect(await outbox()).to.have.length(1);
    status = { connected: true, realmId: REALM, companyName: 'Co', country: 'US', connectedAt: '', accessTokenExpiresAt: '', refreshTokenExpiresAt: '' };
    expect(connectionListeners.size).to.equal(1);
    for (const l of connectionListeners) l();
    await rt.idle();
    expect(qbo.customers.size).to.equal(1);
    const [customer] = [...qbo.customers.values()];
    expect(firm.get(REALM, 'links', 'contact:c1')?.body?.qboId).to.equal(customer.Id, "the link is the firm's");
    rt.stop();
    expect(connectionListeners.size).to.equal(0, 'stop unsubscribes');
  });

  it('a change that fails for good shows a notification with the reason', async () => {
    const rt = start();
    // Linked to a customer QBO does not have: the update is refused (610).
    await links().link({ kind: 'contact', otId: 'c1', qboId: '4242', origin: 'manual', syncToken: '0', syncedFields: {} });
    host.emit('contactChanged', { contact: contact({ email: 'x@acme.example' }), previous: contact() });
    await rt.idle();
    expect((await outbox())[0].state).to.equal('failed');
    const note = host.notes.find((n) => n.level === 'error');
    expect(note?.title).to.equal('QuickBooks Online not updated');
    expect(note?.message).to.match(/could not find the record/);
  });

  it('a conflict notifies and waits for the panel', async () => {
    const rt = start();
    host.emit('contactAdded', { contact: contact() });
    await rt.idle();
    const [customer] = [...qbo.customers.values()];
    qbo.editInQbo(customer.Id, { PrimaryEmailAddr: { Address: 'qbo@acme.example' } });
    host.emit('contactChanged', { contact: contact({ email: 'ot@acme.example' }), previous: contact() });
    await rt.idle();
    const [waiting] = await outbox();
    expect(waiting.state).to.equal('conflict');
    expect(qbo.customers.get(customer.Id)?.PrimaryEmailAddr?.Address).to.equal('qbo@acme.example');
    expect(host.notes.some((n) => n.level === 'warning' && /choose which value to keep/.test(n.message))).to.equal(true);
  });

  it('a contact moved into the chosen types is created', async () => {
    const rt = start();
    host.emit('contactChanged', { contact: contact(), previous: contact({ typeId: PROSPECT }) });
    await rt.idle();
    expect(qbo.customers.size).to.equal(1);
  });

  it('a new contact sent to QuickBooks is notified and recorded in Sync History as the host user', async () => {
    const rt = start();
    host.emit('contactAdded', { contact: contact() });
    await rt.idle();
    const [customer] = [...qbo.customers.values()];
    const note = host.notes.find((n) => n.title === 'Sent to QuickBooks Online');
    expect(note?.level).to.equal('success');
    expect(note?.message).to.equal(`Acme Ltd was added to QuickBooks Online as a customer (Id ${customer.Id}).`);
    const lines = (await firmData.history.list()).map(toHistoryLine);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.deep.include({ kind: 'contactAutoUpdate', who: 'Pat', userId: 'u', result: 'ok', qboId: customer.Id, what: `Contact "Acme Ltd" sent to QuickBooks Online as new customer ${customer.Id}` });
    expect(firm.live(REALM, 'history')).to.have.length(1, "the line is the firm's");

    host.emit('contactChanged', { contact: contact({ email: 'billing@acme.example' }), previous: contact() });
    await rt.idle();
    expect(host.notes.filter((n) => n.title === 'Sent to QuickBooks Online')).to.have.length(2, 'the update is said too');
    const update = (await firmData.history.list()).map(toHistoryLine)[1];
    expect(update).to.deep.include({ what: `Contact "Acme Ltd" updated in QuickBooks Online (customer ${customer.Id})`, detail: 'Sent: PrimaryEmailAddr.Address' });
  });

  it('a contact linked to an existing customer of the same name says so, in a notification and in Sync History', async () => {
    qbo.customers.set('77', { Id: '77', SyncToken: '2', DisplayName: 'Acme Ltd', PrimaryEmailAddr: { Address: 'qbo@acme.example' } });
    const rt = start();
    host.emit('contactAdded', { contact: contact() });
    await rt.idle();
    expect(qbo.customers.size).to.equal(1, 'no second customer');
    const note = host.notes.find((n) => n.title === 'Linked to an existing customer');
    expect(note?.level).to.equal('info');
    expect(note?.message).to.match(/^Acme Ltd was linked to the QuickBooks Online customer of the same name \(Id 77\)/);
    const [line] = (await firmData.history.list()).map(toHistoryLine);
    expect(line).to.deep.include({ kind: 'contactAutoUpdate', result: 'ok', qboId: '77', what: 'Contact "Acme Ltd" linked to the existing QuickBooks Online customer 77 of the same name' });
  });

  it('a change refused by QuickBooks is recorded as failed with its error code', async () => {
    const rt = start();
    await links().link({ kind: 'contact', otId: 'c1', qboId: '4242', origin: 'manual', syncToken: '0', syncedFields: {} });
    host.emit('contactChanged', { contact: contact({ email: 'x@acme.example' }), previous: contact() });
    await rt.idle();
    const [line] = (await firmData.history.list()).map(toHistoryLine);
    expect(line.result).to.equal('failed');
    expect(line.kind).to.equal('contactAutoUpdate');
    expect(line.errorCode).to.be.a('string').and.not.equal('');
    expect(line.what).to.equal('Contact "Acme Ltd" not sent to QuickBooks Online');
  });
});
