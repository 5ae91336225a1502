/**
 * The edges the billing jobs touch, as the smallest interfaces that serve them: the node tests
 * give the real QboClient over the sandbox, the panel gives its gateway and host client.
 */
import type { LocaleFormat } from '../format/locale-format';
import type { HostClient } from '../host/client';
import type { QboGateway } from '../qbo/gateway';
import type { BillingJournal, BillingProgress } from './billing-types';

/** The QBO gateway, as far as the billing jobs use it. */
export type BillingGateway = Pick<QboGateway, 'realmId' | 'query' | 'queryAll' | 'batch'>;

/** The OfficeTools host, as far as the billing jobs use it. */
export type BillingHost = Pick<HostClient, 'request'>;

export interface BillingExportDeps {
  gateway: BillingGateway;
  journal: BillingJournal;
  /** Cancel: the run stops before the next batch; what was not sent stays planned. */
  signal?: AbortSignal;
  /** Called after each batch (and once after the fingerprint check). */
  onProgress?(p: BillingProgress): void;
  /** The clock that decides when an earlier send can no longer commit. @defaultvalue Date.now */
  now?(): number;
  /** How times in its messages read (the user's locale). @defaultvalue displayFormat() */
  format?: LocaleFormat;
}

export interface BillingImportDeps {
  host: BillingHost;
  journal: BillingJournal;
  signal?: AbortSignal;
  onProgress?(p: BillingProgress): void;
}
