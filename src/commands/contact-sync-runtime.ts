/**
 * Contact sync in the commands runtime (the hidden page the shell keeps loaded), so contacts
 * stay in step while nobody has the panel open.
 *
 * contactAdded / contactChanged → planner → outbox (IndexedDB) → executor → QBO. Work is done
 * one step at a time on a single queue, so an event and a drain never interleave. A drain runs
 * when the runtime starts, after each queued change, when the browser is back `online`, when
 * the firm's connection changes (a staff member connected), when the panel asks (Retry, a
 * conflict answered), and on a backoff timer while changes are waiting. A change that fails for
 * good, or waits for a decision, is reported once with `ui.notify`.
 *
 * The outbox is this browser's (the changes its user made and it has still to send); the
 * settings and links are the firm's, read and written through the page's FirmData.
 */
import type { HostClient } from '../sync/host/client';
import type { Contact } from '../sync/host/protocol';
import type { ConnectionStatus } from '../sync/connection/connection-status';
import { ContactOutbox } from '../sync/contact-sync/contact-outbox';
import { ContactSyncExecutor, type ContactSyncExecutorDeps, type DrainReport } from '../sync/contact-sync/contact-sync-executor';
import { createOutboxSignal, type OutboxSignal } from '../sync/contact-sync/outbox-signal';
import { planContactChange, type ContactEvent } from '../sync/contact-sync/plan-contact-change';
import { createHistoryRecorder, type HistorySink } from '../sync/history/history-recorder';
import type { QboGateway } from '../sync/qbo/gateway';
import type { LinkStore } from '../sync/store/link-store';
import { openSyncDb, type QboSyncDatabase, type SettingsRecord } from '../sync/store/schema';
import { commandsConnection } from './commands-connection';

export type RuntimeHost = Pick<HostClient, 'request' | 'on'>;

/** Remembers the last connected company, so a change made while the proxy is unreachable is still queued for it. */
export interface RealmMemory {
  load(): string | undefined;
  save(realmId: string): void;
}

export interface RuntimeTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The firm's data of a company as contact sync uses it. */
export interface RuntimeFirm {
  links: Pick<LinkStore, 'findByOtId'> & ContactSyncExecutorDeps['links'];
  settings: { load(): Promise<SettingsRecord> };
  /** The firm's Sync History (FirmData.history); each change sent is recorded there. */
  history?: HistorySink;
}

export interface ContactSyncRuntimeOptions {
  host: RuntimeHost;
  /** The outbox's database (this browser's own). */
  openDb: () => Promise<QboSyncDatabase>;
  /** The firm's links and settings of the company (the page's FirmData). */
  firm: (realmId: string) => Promise<RuntimeFirm>;
  /** Told when the firm's connection changed (a staff member connected); returns unsubscribe. */
  onConnectionChange?: (listener: () => void) => () => void;
  /** The proxy's connection status; throws when the proxy cannot be reached. */
  connectionStatus: () => Promise<ConnectionStatus>;
  gatewayFor: (realmId: string) => Promise<QboGateway>;
  realmMemory: RealmMemory;
  /** Where `online` events arrive (the runtime's window). */
  events?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  signal?: OutboxSignal;
  timers?: RuntimeTimers;
  /** Backoff between drains while changes wait. @defaultvalue { baseMs: 5000, maxMs: 300000 } */
  backoff?: { baseMs: number; maxMs: number };
}

export interface ContactSyncRuntime {
  /** Resolves when the work queued so far (events, drains) is done; for tests and shutdown. */
  idle(): Promise<void>;
  /** Queues a drain now and resolves with its report (undefined when there was no connection). */
  drainNow(): Promise<DrainReport | undefined>;
  stop(): void;
}

const REALM_KEY = 'qbo-sync.contact-sync.realm';

export function createStorageRealmMemory(storage: Storage): RealmMemory {
  return {
    load: () => storage.getItem(REALM_KEY) ?? undefined,
    save: (realmId) => storage.setItem(REALM_KEY, realmId),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function startContactSyncRuntime(options: ContactSyncRuntimeOptions): ContactSyncRuntime {
  const { host, realmMemory } = options;
  const timers: RuntimeTimers = options.timers ?? {
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
  const backoff = options.backoff ?? { baseMs: 5_000, maxMs: 300_000 };
  const signal = options.signal ?? createOutboxSignal();
  let queue: Promise<unknown> = Promise.resolve();
  let stopped = false;
  let timer: unknown;
  let failures = 0;
  let authNoticeShown = false;
  let dbPromise: Promise<QboSyncDatabase> | undefined;

  const db = (): Promise<QboSyncDatabase> => {
    dbPromise ??= options.openDb().catch((error: unknown) => {
      dbPromise = undefined;
      throw error;
    });
    return dbPromise;
  };

  function enqueueWork<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  }

  async function notify(level: 'info' | 'success' | 'warning' | 'error', title: string, message: string): Promise<void> {
    try {
      await host.request('ui.notify', { level, title, message });
    } catch (error) {
      // The shell did not take it: the console is all a hidden page has left.
      console.error(`QBO Sync: could not show "${title}" in OfficeTools.`, error);
    }
  }

  async function contactName(contactId: string): Promise<string> {
    try {
      const contact = await host.request('contacts.get', { id: contactId });
      return contact.displayName;
    } catch {
      return `contact ${contactId}`;
    }
  }

  /** The connected company, or undefined with the reason kept for the caller. */
  async function connectedRealm(): Promise<string | undefined> {
    const status = await options.connectionStatus();
    if (!status.connected) return undefined;
    realmMemory.save(status.realmId);
    return status.realmId;
  }

  function schedule(delayMs?: number): void {
    if (stopped) return;
    if (timer !== undefined) timers.clearTimeout(timer);
    const wait = delayMs ?? Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(failures, 16));
    timer = timers.setTimeout(() => {
      timer = undefined;
      void drainNow();
    }, wait);
  }

  async function handleEvent(event: ContactEvent): Promise<void> {
    let realmId: string | undefined;
    try {
      realmId = (await connectedRealm()) ?? realmMemory.load();
    } catch {
      // The proxy cannot be reached: queue for the company we last knew.
      realmId = realmMemory.load();
    }
    // Never connected on this computer: contact sync cannot have been switched on.
    if (!realmId) return;
    const database = await db();
    const firm = await options.firm(realmId);
    const settings = await firm.settings.load();
    const link = await firm.links.findByOtId('contact', event.contact.id);
    const plan = planContactChange({ settings, link, event });
    if (plan.action === 'ignore') return;
    if (plan.action === 'invalid') {
      await notify('error', 'QuickBooks Online not updated', `${event.contact.displayName || event.contact.id}: ${plan.message}`);
      return;
    }
    await new ContactOutbox(database).enqueue(realmId, plan);
    signal.post('changed');
    void drainNow();
  }

  async function drain(): Promise<DrainReport | undefined> {
    if (stopped) return undefined;
    let realmId: string | undefined;
    try {
      realmId = await connectedRealm();
    } catch {
      realmId = undefined;
    }
    const database = await db();
    const waitingRealm = realmId ?? realmMemory.load();
    const outbox = new ContactOutbox(database);
    if (!realmId) {
      // No connection (or no proxy): keep what waits, look again later.
      if (waitingRealm && (await outbox.heads(waitingRealm)).some((r) => r.state === 'pending')) {
        failures++;
        schedule();
      }
      return undefined;
    }
    // Nothing waiting: the firm's data (a pull of every link) is not opened for nothing, since
    // this runtime starts with every OfficeTools page.
    if (!(await outbox.heads(realmId)).some((r) => r.state === 'pending')) return { outcomes: [] };
    const { links, history } = await options.firm(realmId);
    const recorder = history
      ? createHistoryRecorder({
          sink: history,
          user: async () => {
            const info = await host.request('host.info', {});
            return { id: info.user.id, name: info.user.name || info.user.email || info.user.id };
          },
        })
      : undefined;
    const executor = new ContactSyncExecutor({
      gateway: await options.gatewayFor(realmId),
      outbox,
      links,
      history: recorder ? { recorder, nameOf: contactName } : undefined,
    });
    const report = await executor.drain();
    // Every outcome is said through the host: auto-update must never act silently.
    for (const outcome of report.outcomes) {
      if (outcome.result === 'failed') {
        await notify('error', 'QuickBooks Online not updated', `${await contactName(outcome.contactId)}: ${outcome.error.message}`);
      } else if (outcome.result === 'conflict') {
        await notify('warning', 'Which value to keep?', `${await contactName(outcome.contactId)}: ${outcome.message}`);
      } else if (outcome.result === 'linked') {
        await notify(
          'info',
          'Linked to an existing customer',
          `${await contactName(outcome.contactId)} was linked to the QuickBooks Online customer of the same name (Id ${outcome.qboId}); its data in QuickBooks Online was kept. If this is a different person, unlink them on the Contact Match tab.`,
        );
      } else if (outcome.result === 'created') {
        await notify('success', 'Sent to QuickBooks Online', `${await contactName(outcome.contactId)} was added to QuickBooks Online as a customer (Id ${outcome.qboId}).`);
      } else if (outcome.sent.length > 0) {
        await notify('success', 'Sent to QuickBooks Online', `${await contactName(outcome.contactId)}: the change was sent to QuickBooks Online (customer ${outcome.qboId}).`);
      }
    }
    // A blocked send also changed the outbox (attempts, last error): an open Sync History must show it.
    if (report.outcomes.length > 0 || report.blocked) signal.post('changed');
    if (report.blocked) {
      failures++;
      if (report.blocked.kind === 'auth' && !authNoticeShown) {
        authNoticeShown = true;
        await notify('warning', 'Contact changes are waiting', `${report.blocked.message} The changes are kept and sent once the connection works again.`);
      }
      schedule(report.blocked.retryAfterMs);
    } else {
      failures = 0;
      authNoticeShown = false;
    }
    return report;
  }

  function drainNow(): Promise<DrainReport | undefined> {
    return enqueueWork(async () => {
      try {
        return await drain();
      } catch (error) {
        // Storage or an unexpected failure: nothing is lost (the outbox keeps it), try later.
        console.error('QBO Sync: sending contact changes failed; they stay queued.', describe(error));
        failures++;
        schedule();
        return undefined;
      }
    });
  }

  function onEvent(event: ContactEvent): void {
    void enqueueWork(async () => {
      try {
        await handleEvent(event);
      } catch (error) {
        await notify(
          'error',
          'QuickBooks Online not updated',
          `The change to ${event.contact.displayName || event.contact.id} could not be queued (${describe(error)}). Edit the contact again, or check that the browser allows site data for OfficeTools add-ins.`,
        );
      }
    });
  }

  const unsubscribe = [
    host.on('contactAdded', ({ contact }: { contact: Contact }) => onEvent({ kind: 'added', contact })),
    host.on('contactChanged', ({ contact, previous }: { contact: Contact; previous: Contact }) =>
      onEvent({ kind: 'changed', contact, previous }),
    ),
    signal.subscribe((kind) => {
      if (kind === 'sendNow') void drainNow();
    }),
  ];
  const onOnline = (): void => void drainNow();
  options.events?.addEventListener('online', onOnline);
  const offConnection = options.onConnectionChange?.(() => void drainNow());
  void drainNow();

  return {
    idle: async () => {
      // Work may queue more work (an event queues a drain): wait until the queue is still.
      for (;;) {
        const current = queue;
        await current;
        if (current === queue) return;
      }
    },
    drainNow,
    stop: () => {
      stopped = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      for (const u of unsubscribe) u();
      options.events?.removeEventListener('online', onOnline);
      offConnection?.();
      if (!options.signal) signal.close();
    },
  };
}

/** The runtime as the commands page runs it: the page's connection to the firm, IndexedDB for the outbox. */
export function startDefaultContactSyncRuntime(host: RuntimeHost, page: Window): ContactSyncRuntime {
  const connection = commandsConnection();
  let storage: Storage | undefined;
  try {
    storage = page.localStorage;
  } catch {
    storage = undefined;
  }
  let memoryRealm: string | undefined;
  const realmMemory: RealmMemory = storage
    ? createStorageRealmMemory(storage)
    : { load: () => memoryRealm, save: (r) => void (memoryRealm = r) };
  return startContactSyncRuntime({
    host,
    openDb: () => openSyncDb(),
    firm: (realmId) => connection.firmData.open(realmId),
    onConnectionChange: connection.onConnectionChange,
    connectionStatus: () => connection.proxy.status(),
    gatewayFor: async (realmId) => connection.relayGateway(realmId),
    realmMemory,
    events: page,
  });
}
