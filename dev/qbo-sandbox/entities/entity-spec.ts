/** What the write engine and the query runner need to know about one QuickBooks entity. */
import type { JsonObject } from '../http-io';
import type { CompanyState, EntityName } from '../store/company-state';

export interface WriteContext {
  state: CompanyState;
  now: number;
  /** `now` as a MetaData timestamp. */
  nowText: string;
  /** include= options of the request, lower-cased. */
  include: ReadonlySet<string>;
}

export interface FinishInput {
  ctx: WriteContext;
  /** The stored object before this write (undefined on create). */
  previous: JsonObject | undefined;
}

export interface EntitySpec {
  name: EntityName;
  /** Path segment, lower-case (customer, paymentmethod…). */
  resource: string;
  kind: 'name' | 'txn' | 'singleton';
  /** Properties a client may set. */
  writable: ReadonlySet<string>;
  /** Properties accepted in requests and ignored (server-computed). */
  readOnly: ReadonlySet<string>;
  /** Writable only on create (e.g. Customer opening Balance), read-only afterwards. */
  createOnly?: ReadonlySet<string>;
  /** Kept by a full update that omits them, because QuickBooks cannot clear them. */
  keepOnFullUpdate?: ReadonlySet<string>;
  /** Properties usable in WHERE and ORDERBY (canonical spelling). */
  filterable: readonly string[];
  /** Validates and completes the draft (Id, SyncToken, MetaData already set); throws QboFault. */
  finish(draft: JsonObject, input: FinishInput): JsonObject;
  /** Objects of other entities this write changes (a payment changes invoices). */
  sideEffects?(before: JsonObject | undefined, after: JsonObject | undefined, ctx: WriteContext): Array<[EntityName, JsonObject]>;
  /** The voided form of an object (Invoice, Payment). */
  voided?(existing: JsonObject, ctx: WriteContext): JsonObject;
  /** Extra checks before a delete; throws QboFault. */
  beforeDelete?(existing: JsonObject, ctx: WriteContext): void;
  /** Per-answer view (e.g. computed balances); must not mutate the stored object. */
  present?(obj: JsonObject, state: CompanyState): JsonObject;
  /** Query-only properties computed at read time. */
  computed?: Record<string, (obj: JsonObject, state: CompanyState) => unknown>;
}

export const SYSTEM_FIELDS = ['Id', 'SyncToken', 'MetaData', 'domain', 'sparse'];
