/**
 * What the Pending updates view needs, as one interface: the outbox of the connected company
 * with contact names, Retry, Discard, and the conflict prompt's data and answer. The default
 * implementation works over IndexedDB, the host and the QBO gateway; tests inject fakes.
 */
import type { ConnectionStatus } from '../../sync/connection/connection-status';
import { ContactOutbox, type ConflictChoice } from '../../sync/contact-sync/contact-outbox';
import { ContactSyncError } from '../../sync/contact-sync/contact-sync-error';
import { customerFields, fieldLabel, type FieldValue, type FlatFields } from '../../sync/contact-sync/customer-fields';
import { createOutboxSignal, type OutboxSignal } from '../../sync/contact-sync/outbox-signal';
import type { QboCustomer } from '../../sync/qbo/entities';
import type { QboGateway } from '../../sync/qbo/gateway';
import type { LinkStore } from '../../sync/store/link-store';
import type { OutboxRecord, QboSyncDatabase } from '../../sync/store/schema';
import { panelConnection } from '../shared/panel-connection';
import type { PanelHost } from '../shared/panel-services';

/** What Sync History needs of the firm's links: find the contact's link, record what was agreed. */
export type PendingLinks = Pick<LinkStore, 'findByOtId' | 'updateSyncState'>;

export interface PendingUpdate {
  seq: number;
  contactId: string;
  contactName: string;
  op: OutboxRecord['op'];
  state: OutboxRecord['state'];
  fields: FlatFields;
  attempts: number;
  error?: { code: string; message: string };
  updatedAt: string;
}

export interface ConflictField {
  field: string;
  label: string;
  officetools: FieldValue;
  /** What QuickBooks Online holds now. */
  quickbooks: FieldValue;
}

export type PendingList = { connected: false } | { connected: true; realmId: string; updates: PendingUpdate[] };

export interface PendingUpdatesService {
  list(): Promise<PendingList>;
  retry(seq: number): Promise<void>;
  discard(seq: number): Promise<void>;
  /** Reads the customer now, so the prompt shows QuickBooks' current values. */
  conflictDetails(seq: number): Promise<ConflictField[]>;
  resolve(seq: number, choices: Record<string, ConflictChoice>): Promise<void>;
  /** Called when the outbox changes elsewhere (the commands runtime sent something). */
  subscribe(onChange: () => void): () => void;
}

export interface PendingUpdatesDeps {
  host: PanelHost;
  connectionStatus: () => Promise<ConnectionStatus>;
  /** The outbox's database (this browser's own: the changes it has still to send). */
  openDb: () => Promise<QboSyncDatabase>;
  /** The firm's links of the company. */
  links: (realmId: string) => Promise<PendingLinks>;
  gatewayFor: (realmId: string) => QboGateway;
  signal: OutboxSignal;
}

export function createPendingUpdatesService(deps: PendingUpdatesDeps): PendingUpdatesService {
  let dbPromise: Promise<QboSyncDatabase> | undefined;
  const db = (): Promise<QboSyncDatabase> => {
    dbPromise ??= deps.openDb().catch((e: unknown) => {
      dbPromise = undefined;
      throw e;
    });
    return dbPromise;
  };

  async function realm(): Promise<string> {
    const status = await deps.connectionStatus();
    if (!status.connected) {
      throw new ContactSyncError('not_linked', 'OfficeTools is not connected to QuickBooks Online. Connect first, then try again.');
    }
    return status.realmId;
  }

  async function record(seq: number): Promise<OutboxRecord> {
    const r = await new ContactOutbox(await db()).get(seq);
    if (!r) throw new ContactSyncError('not_found', 'This change is no longer waiting (it was sent or discarded meanwhile).');
    return r;
  }

  async function names(ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    try {
      const all = await deps.host.request('contacts.list', {});
      const wanted = new Set(ids);
      for (const c of all) if (wanted.has(c.id)) out.set(c.id, c.displayName);
    } catch {
      // Names are a courtesy: the list still shows the contact ids.
    }
    return out;
  }

  async function readCurrent(realmId: string, r: OutboxRecord): Promise<{ links: PendingLinks; current: FlatFields; otId: string }> {
    const links = await deps.links(realmId);
    const link = await links.findByOtId('contact', r.contactId);
    if (!link) throw new ContactSyncError('not_linked', 'This contact is no longer linked to a QuickBooks Online customer. Link it on the Contact Match tab.');
    const customer = await deps.gatewayFor(realmId).read<QboCustomer>('Customer', link.qboId);
    return { links, current: customerFields(customer), otId: link.otId };
  }

  return {
    async list() {
      const status = await deps.connectionStatus();
      if (!status.connected) return { connected: false };
      const records = await new ContactOutbox(await db()).list(status.realmId);
      const known = await names([...new Set(records.map((r) => r.contactId))]);
      return {
        connected: true,
        realmId: status.realmId,
        updates: records.map((r) => ({
          seq: r.seq as number,
          contactId: r.contactId,
          contactName: known.get(r.contactId) ?? (typeof r.fields.DisplayName === 'string' ? r.fields.DisplayName : `Contact ${r.contactId}`),
          op: r.op,
          state: r.state,
          fields: r.fields,
          attempts: r.attempts,
          error: r.error,
          updatedAt: r.updatedAt,
        })),
      };
    },

    async retry(seq) {
      await new ContactOutbox(await db()).retry(seq);
      deps.signal.post('sendNow');
    },

    async discard(seq) {
      await new ContactOutbox(await db()).discard(seq);
      deps.signal.post('changed');
    },

    async conflictDetails(seq) {
      const r = await record(seq);
      if (r.state !== 'conflict') throw new ContactSyncError('bad_state', 'This change no longer waits for a decision.');
      const { current } = await readCurrent(await realm(), r);
      return Object.entries(r.fields).map(([field, officetools]) => ({
        field,
        label: fieldLabel(field),
        officetools,
        quickbooks: current[field] ?? '',
      }));
    },

    async resolve(seq, choices) {
      const r = await record(seq);
      const realmId = await realm();
      const { links, current, otId } = await readCurrent(realmId, r);
      // Both answers start from what QuickBooks holds now: "keep QuickBooks" makes it the
      // agreed value; "keep OfficeTools" then reads as a change only we made, and is sent.
      const link = await links.findByOtId('contact', otId);
      const syncedFields: FlatFields = { ...(link?.syncedFields ?? {}) };
      for (const f of Object.keys(r.fields)) syncedFields[f] = current[f] ?? '';
      // The agreed values are saved before the change is pending again: a contact-sync run that
      // picked it up in between would otherwise send it against the old ones and ask once more.
      await links.updateSyncState('contact', otId, { syncedFields });
      const left = await new ContactOutbox(await db()).resolveConflict(seq, choices);
      deps.signal.post(left ? 'sendNow' : 'changed');
    },

    subscribe(onChange) {
      return deps.signal.subscribe(() => onChange());
    },
  };
}

/** The service as the panel runs it: the frame's firm data and relay (panel-connection.ts). */
export function createDefaultPendingUpdatesService(
  host: PanelHost,
  connectionStatus: () => Promise<ConnectionStatus>,
  openDb: () => Promise<QboSyncDatabase>,
): PendingUpdatesService {
  return createPendingUpdatesService({
    host,
    connectionStatus,
    openDb,
    links: async (realmId) => (await panelConnection().firmData.open(realmId)).links,
    gatewayFor: (realmId) => panelConnection().relayGateway(realmId),
    signal: createOutboxSignal(),
  });
}
