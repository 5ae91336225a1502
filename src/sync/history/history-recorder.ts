/**
 * Appends history lines as the signed-in user. Recording is a side effect of an action that has
 * already happened in QuickBooks or OfficeTools, so a failure to record never turns the action
 * into a failure: it is reported to `onError` (the console by default) and the action's own
 * result stands. The firm's history queues appends while offline (src/sync/replication).
 */
import type { AuditRecord } from '../store/schema';
import type { HistoryEntry, HistoryKind } from './history-entry';

/** Where lines go: `FirmData.history` in the add-in, an array in tests. */
export interface HistorySink {
  append(entry: Omit<AuditRecord, 'seq' | 'realmId'>): Promise<void>;
}

export interface HistoryUser {
  id: string;
  name: string;
}

/** What an operation says about itself; the recorder adds when and who. */
export type HistoryDraft = Omit<HistoryEntry, 'at' | 'who' | 'userId' | 'kind'> & { kind: HistoryKind };

export interface HistoryRecorder {
  record(draft: HistoryDraft): Promise<void>;
}

export interface HistoryRecorderOptions {
  sink: HistorySink;
  /** The host user, or how to ask for it (host.info), asked once on the first record. */
  user: HistoryUser | (() => Promise<HistoryUser> | HistoryUser);
  /** @defaultvalue () => new Date() */
  now?: () => Date;
  /** @defaultvalue logs to the console */
  onError?: (error: unknown, draft: HistoryDraft) => void;
}

/** Drops undefined fields: IndexedDB and JSON would keep the keys, and the CSV would show them. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function createHistoryRecorder(options: HistoryRecorderOptions): HistoryRecorder {
  const now = options.now ?? (() => new Date());
  const onError =
    options.onError ??
    ((error: unknown, draft: HistoryDraft) => console.error(`QBO Sync: "${draft.what}" was done but could not be added to Sync History.`, error));
  let user: Promise<HistoryUser> | undefined;
  return {
    async record(draft) {
      try {
        const source = options.user;
        user ??= Promise.resolve(typeof source === 'function' ? source() : source).catch((e: unknown) => {
          user = undefined;
          throw e;
        });
        const who = await user;
        const records = draft.records?.map((r) => compact(r));
        const entry: HistoryEntry = compact({ ...draft, records, at: now().toISOString(), who: who.name || who.id, userId: who.id });
        await options.sink.append(entry);
      } catch (error) {
        onError(error, draft);
      }
    },
  };
}
