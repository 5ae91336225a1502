/**
 * The edges the entity jobs touch, as the smallest interfaces that serve them, so the node tests
 * give fakes and the panel gives the real LinkStore, host client and QBO gateway.
 */
import type { HostClient } from '../host/client';
import type { QboGateway } from '../qbo/gateway';
import type { LinkStore } from '../store/link-store';

/** The OfficeTools host, as far as the jobs use it. */
export type JobHost = Pick<HostClient, 'request'>;

/** The QBO gateway, as far as the jobs use it. */
export type JobGateway = Pick<QboGateway, 'realmId' | 'queryAll' | 'batch'>;

/** The link store, as far as the Match tabs use it. */
export type JobLinks = Pick<
  LinkStore,
  'realmId' | 'list' | 'linkMany' | 'unlink' | 'unlinkByQboId' | 'clearKind' | 'restoreLinks'
>;

/** One entity a job could not handle, with a sentence that says why and what to do. */
export interface RowFailure {
  /** The id on the side the job started from (OfficeTools id for export, QBO Id for import). */
  id: string;
  /** The name the user sees in the list. */
  name: string;
  /** A stable code: a QBO error kind, a mapping error code, or one of the job's own. */
  code: string;
  message: string;
  /** QBO's own error code (e.g. "6240") when QBO refused it, for Sync History. */
  qboCode?: string;
  /** QBO's request id of the refusal, for Intuit support. */
  intuitTid?: string;
}
