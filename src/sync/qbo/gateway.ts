/**
 * The QBO boundary the engine codes against (STYLE rule 2). `QboClient` implements it over
 * HTTP; tests and planners may implement it in memory. Everything here is per company: a
 * gateway is bound to one realmId.
 */
import type { QboFaultError } from './errors';
import type { Condition } from './query-builder';

/** A QBO object as it comes off the wire; cast to the entity type you asked for. */
export type QboRecord = Record<string, unknown>;

export interface QueryPage<T> {
  /** The entity key QBO answered under (absent when there were no rows). */
  entity?: string;
  rows: T[];
  /** 1-based position of the first row, as QBO reports it. */
  startPosition?: number;
  /** Rows returned in this page (QBO's `maxResults`). */
  maxResults?: number;
  /** Only for COUNT(*) queries. */
  totalCount?: number;
  /** QBO's server time of the answer (its `time`), as QBO wrote it; absent from batch and CDC pages. */
  time?: string;
}

export interface QueryAllOptions<T> {
  /** Rows per request, 1..1000 (default 1000). */
  pageSize?: number;
  orderBy?: { field: string; direction?: 'ASC' | 'DESC' };
  /**
   * Name lists (Customer, Item, …) hide inactive rows unless the WHERE mentions Active; set
   * this to get both. Ignored for other entities.
   */
  includeInactive?: boolean;
  /**
   * Called after each page, in page order, with the rows not already given by an earlier page
   * (e.g. for a progress bar, or to show rows while the rest are read).
   */
  onPage?: (rows: readonly T[], pageNumber: number) => void;
  /**
   * Pages asked for at once (1..10: QBO serves at most 10 requests of an app at a time). Above 1
   * the rows are counted first (unless `totalCount` is given), then the pages go out together
   * through the client's pacer, which keeps them inside QBO's rate limits. Records that change
   * between pages can move from one page to another: a row met twice is kept once (by Id), and
   * when the last page counted comes back full, the pages after it are read until a short one.
   * @defaultvalue 1 (one page after the other, as QBO's docs page)
   */
  concurrency?: number;
  /** The COUNT(*) of the same query, when the caller already asked (concurrency > 1 only). */
  totalCount?: number;
}

export interface WriteOptions {
  /**
   * QBO's idempotency key (≤50 chars; ≤36 for batch). Give a stable one derived from the
   * document and stored before sending, so that a retry after a crash cannot write twice.
   * When absent the gateway makes one for this call, reused by its own retries.
   */
  requestId?: string;
}

export type BatchOperation = 'create' | 'update' | 'delete';

export type BatchItem =
  | {
      /** ≤10 chars, unique in the call. */
      bId: string;
      operation: BatchOperation;
      /** PascalCase entity name, e.g. `Customer`. */
      entity: string;
      /** The entity body; for a sparse update include `sparse: true`, `Id` and `SyncToken`. */
      body: object;
      optionsData?: string;
    }
  | { bId: string; query: string };

export type BatchItemResult =
  | { bId: string; ok: true; type: 'entity'; entity: string; value: QboRecord }
  | { bId: string; ok: true; type: 'query'; page: QueryPage<QboRecord> }
  | { bId: string; ok: false; error: QboFaultError };

export interface CdcResult {
  /** Changed rows by entity name; deleted rows are `{Id, status: 'Deleted'}`. */
  entities: Record<string, QboRecord[]>;
  /** QBO's server time of the answer: the next `since`. */
  time?: string;
  /**
   * True when the answer reached QBO's 1,000-object cap: CDC does not page, so some changes
   * may be missing. Ask again with a later `since` or fewer entities.
   */
  mayBeTruncated: boolean;
}

export interface QboGateway {
  readonly realmId: string;
  /** One page of a query, exactly as written. */
  query<T = QboRecord>(sql: string): Promise<QueryPage<T>>;
  /** Every row matching `where`, paging with STARTPOSITION/MAXRESULTS until a short page. */
  queryAll<T = QboRecord>(entity: string, where?: string | readonly Condition[], options?: QueryAllOptions<T>): Promise<T[]>;
  count(entity: string, where?: string | readonly Condition[]): Promise<number>;
  read<T = QboRecord>(entity: string, id: string): Promise<T>;
  create<T = QboRecord>(entity: string, body: object, options?: WriteOptions): Promise<T>;
  /** Changes only the fields in `body` (`sparse: true` is added). */
  sparseUpdate<T = QboRecord>(entity: string, body: { Id: string; SyncToken: string }, options?: WriteOptions): Promise<T>;
  /**
   * Up to 30 operations in one call. Per-item faults come back in the result, in the order of
   * `items`; only a failure of the whole call (auth, throttling, network) throws.
   */
  batch(items: readonly BatchItem[], options?: WriteOptions): Promise<BatchItemResult[]>;
  /** Changes since `since` (≤30 days back, ≤1000 objects) for the named entities. */
  cdc(entities: readonly string[], since: string | Date): Promise<CdcResult>;
}
