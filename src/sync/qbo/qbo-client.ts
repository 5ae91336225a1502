/**
 * The QBO gateway over HTTP (axios). In the panel `baseUrl` is `${location.origin}/api/qbo`
 * with the host's identity token from `authorize` (the proxy relays with the firm's QBO token);
 * in tests it is the sandbox origin with an `Authorization: Bearer` header. The client has no globals of its own: time,
 * randomness and sleeping are injected, and pacing is shared through the `pacer` option.
 *
 * Every call goes: pace → send → read the answer → on failure ask the retry policy → maybe
 * wait and resend (the same requestid). Errors leave as typed `QboFaultError`s; no request
 * header (the session id, a bearer token) is ever copied into an error or a callback.
 */
import axios from 'axios';
import type { AxiosInstance } from 'axios';
import type { QboFaultError } from './errors';
import { QboBadResponseError, QboTransientError, QboUsageError, createQboError } from './errors';
import { errorFromResponse, faultFromJson, faultFromXml, parseJsonBody } from './fault-parser';
import type {
  BatchItem,
  BatchItemResult,
  CdcResult,
  QboGateway,
  QboRecord,
  QueryAllOptions,
  QueryPage,
  WriteOptions,
} from './gateway';
import { NAME_LIST_ENTITIES } from './entities';
import type { QboEntityName } from './entities';
import type { PacedKind } from './pacer';
import { DEFAULT_PACER_SLACK_MS, Pacer, QBO_LIMITS } from './pacer';
import type { Condition } from './query-builder';
import { MAX_PAGE_SIZE, countQuery, selectQuery, where as buildWhere } from './query-builder';
import type { RetryDecision, RetryPolicy } from './retry-policy';
import { DEFAULT_RETRY_POLICY, decideRetry, parseRetryAfter } from './retry-policy';

export interface QboClientOptions {
  /** Up to, not including, `/v3/company/…`: e.g. `https://host/api/qbo` or the sandbox origin. */
  baseUrl: string;
  realmId: string;
  /** Sent with every request (Authorization in tests against the sandbox). Never logged. */
  headers?: Record<string, string>;
  /**
   * Headers asked for before every attempt, so a credential renewed mid-run is used (the proxy
   * relay's identity token). When the proxy refuses the identity itself (401 with a code
   * `identity_*`), it is asked once more with `forceRefresh` and the attempt is resent once; that
   * refusal is not QuickBooks' 401 and counts as no attempt. Never logged.
   */
  authorize?: (forceRefresh: boolean) => Promise<Record<string, string>>;
  axios?: AxiosInstance;
  /** @defaultvalue 75 (QBO ignores anything lower since Aug 2025). */
  minorVersion?: number;
  sleep?: (ms: number) => Promise<void>;
  /** For backoff jitter. @defaultvalue Math.random */
  random?: () => number;
  /** Milliseconds since the epoch. @defaultvalue Date.now */
  now?: () => number;
  /** @defaultvalue DEFAULT_RETRY_POLICY */
  retryPolicy?: RetryPolicy;
  /**
   * Share one Pacer among all gateways of a realm in the same page, or they will pace apart
   * and together exceed QBO's limits. @defaultvalue a new Pacer(QBO_LIMITS, …, {slackMs: 100})
   */
  pacer?: Pacer;
  /** Per request. QBO itself gives up at 120 s. @defaultvalue 130000 */
  timeoutMs?: number;
  /** Makes requestids for writes that were not given one. @defaultvalue crypto.randomUUID */
  newRequestId?: () => string;
  /** Told before each wait-and-retry, e.g. to show "QuickBooks asked us to wait 60 s". */
  onRetry?: (info: RetryNotice) => void;
}

export interface RetryNotice {
  attempt: number;
  delayMs: number;
  reason: 'throttled' | 'transient';
  error: QboFaultError;
}

interface SendRequest {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  contentType?: string;
  /** A POST that only reads (the query endpoint): always retryable. */
  readOnly?: boolean;
  requestId?: string;
  paced: PacedKind;
}

const MAX_BATCH_ITEMS = 30;
const MAX_REQUEST_ID = 50;
const MAX_BATCH_REQUEST_ID = 36;
const MAX_BID = 10;
/** CDC answers at most this many objects and does not page (QBO-FACTS §5). */
const MAX_CDC_OBJECTS = 1000;
/** Longer queries go by POST so the URL stays short (QBO-FACTS §1: POST …/query, application/text). */
const MAX_GET_QUERY = 2_000;
/** QBO serves at most 10 requests of an app and company at once (QBO-FACTS §5). */
const MAX_PAGES_IN_FLIGHT = 10;

/**
 * The pages of one `queryAll` as they arrive, in any order: handed to `onPage` in page order
 * once every page before them is in, each row kept once by Id (a record that moved to a later
 * page while the pages were read is not listed twice).
 */
class PageCollector<T> {
  /** Pages in, not yet handed on (a later page arrived before an earlier one). */
  private readonly pages = new Map<number, T[]>();
  private readonly sizes = new Map<number, number>();
  private readonly seen = new Set<unknown>();
  private readonly kept: T[] = [];
  private delivered = 0;
  private lastFirstId: unknown;

  constructor(
    private readonly entity: string,
    private readonly onPage?: (rows: readonly T[], pageNumber: number) => void,
  ) {}

  add(pageNumber: number, rows: T[]): void {
    this.pages.set(pageNumber, rows);
    this.sizes.set(pageNumber, rows.length);
    for (let n = this.delivered + 1; this.pages.has(n); n = this.delivered + 1) {
      const page = this.pages.get(n) as T[];
      this.pages.delete(n);
      const firstId = isRecord(page[0]) ? page[0].Id : undefined;
      if (n > 1 && firstId !== undefined && firstId === this.lastFirstId) {
        // A server that ignores STARTPOSITION would otherwise loop forever (or list a page many times).
        throw badResponse(`Page ${n} of ${this.entity} repeated the previous page (STARTPOSITION ignored).`);
      }
      this.lastFirstId = firstId;
      const fresh: T[] = [];
      for (const row of page) {
        const id = isRecord(row) ? row.Id : undefined;
        if (id !== undefined) {
          if (this.seen.has(id)) continue;
          this.seen.add(id);
        }
        fresh.push(row);
        this.kept.push(row);
      }
      this.delivered = n;
      this.onPage?.(fresh, n);
    }
  }

  /** Rows of page `pageNumber` as QBO sent them (−1 when it was not read). */
  sizeOf(pageNumber: number): number {
    return this.sizes.get(pageNumber) ?? -1;
  }

  rows(): T[] {
    return this.kept;
  }
}


const ENTITY_NAME = /^[A-Z][A-Za-z]*$/;

function checkEntity(entity: string): string {
  if (!ENTITY_NAME.test(entity)) {
    throw new QboUsageError('bad_entity', `"${entity}" is not a QBO entity name; use PascalCase such as "Customer".`);
  }
  return entity;
}

function isRecord(value: unknown): value is QboRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function badResponse(detail: string, status?: number, intuitTid?: string): QboFaultError {
  return new QboBadResponseError({
    errors: [{ code: 'bad_response', message: 'Unexpected answer', detail }],
    status,
    intuitTid,
  });
}

function defaultRequestId(): string {
  return globalThis.crypto.randomUUID();
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!isRecord(headers)) return undefined;
  const v = headers[name] ?? headers[name.toLowerCase()];
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return undefined;
}

/** The object under `entity` in a body, matching case-insensitively as a fallback. */
function pickEntity(body: QboRecord, entity: string): QboRecord | undefined {
  const exact = body[entity];
  if (isRecord(exact)) return exact;
  const lower = entity.toLowerCase();
  for (const [k, v] of Object.entries(body)) if (k.toLowerCase() === lower && isRecord(v)) return v;
  return undefined;
}

function toQueryPage<T>(response: unknown): QueryPage<T> | undefined {
  if (!isRecord(response)) return undefined;
  const page: QueryPage<T> = { rows: [] };
  for (const [k, v] of Object.entries(response)) {
    if (Array.isArray(v)) {
      page.entity = k;
      page.rows = v as T[];
    }
  }
  if (typeof response.startPosition === 'number') page.startPosition = response.startPosition;
  if (typeof response.maxResults === 'number') page.maxResults = response.maxResults;
  if (typeof response.totalCount === 'number') page.totalCount = response.totalCount;
  return page;
}

function mentionsActive(w: string | readonly Condition[] | undefined): boolean {
  if (w === undefined) return false;
  if (typeof w === 'string') return /\bActive\b/i.test(w);
  return w.some((c) => c.field.toLowerCase() === 'active');
}

function encodeQuery(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}

export class QboClient implements QboGateway {
  readonly realmId: string;
  private readonly base: string;
  private readonly headers: Record<string, string>;
  private readonly http: AxiosInstance;
  private readonly minorVersion: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly policy: RetryPolicy;
  private readonly pacer: Pacer;
  private readonly timeoutMs: number;
  private readonly newRequestId: () => string;
  private readonly onRetry?: (info: RetryNotice) => void;
  private readonly authorize?: (forceRefresh: boolean) => Promise<Record<string, string>>;

  constructor(options: QboClientOptions) {
    if (!/^\d+$/.test(options.realmId)) {
      throw new QboUsageError('bad_realm', `The QBO company id must be digits; got "${options.realmId}".`);
    }
    this.realmId = options.realmId;
    this.base = `${options.baseUrl.replace(/\/+$/, '')}/v3/company/${options.realmId}/`;
    this.headers = { Accept: 'application/json', ...options.headers };
    this.http = options.axios ?? axios.create();
    this.minorVersion = options.minorVersion ?? 75;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
    this.pacer = options.pacer ?? new Pacer(QBO_LIMITS, { now: this.now, sleep: this.sleep }, { slackMs: DEFAULT_PACER_SLACK_MS });
    this.timeoutMs = options.timeoutMs ?? 130_000;
    this.newRequestId = options.newRequestId ?? defaultRequestId;
    this.onRetry = options.onRetry;
    this.authorize = options.authorize;
  }

  async query<T = QboRecord>(sql: string): Promise<QueryPage<T>> {
    const body =
      sql.length <= MAX_GET_QUERY
        ? await this.send({ method: 'GET', path: 'query', query: { query: sql }, paced: 'request' })
        : await this.send({
            method: 'POST',
            path: 'query',
            body: sql,
            contentType: 'application/text',
            readOnly: true,
            paced: 'request',
          });
    const page = toQueryPage<T>(body.QueryResponse);
    if (!page) throw badResponse('The query answer has no QueryResponse.');
    if (typeof body.time === 'string') page.time = body.time;
    return page;
  }

  async queryAll<T = QboRecord>(
    entity: string,
    where?: string | readonly Condition[],
    options: QueryAllOptions<T> = {},
  ): Promise<T[]> {
    checkEntity(entity);
    const pageSize = options.pageSize ?? MAX_PAGE_SIZE;
    let w: string | undefined = typeof where === 'string' ? where.trim() || undefined : where?.length ? buildWhere(where) : undefined;
    if (options.includeInactive && NAME_LIST_ENTITIES.has(entity as QboEntityName) && !mentionsActive(w)) {
      w = w ? `${w} AND Active IN (true, false)` : 'Active IN (true, false)';
    }
    const concurrency = Math.min(MAX_PAGES_IN_FLIGHT, Math.max(1, Math.floor(options.concurrency ?? 1)));
    const readPage = async (pageNumber: number): Promise<T[]> => {
      const sql = selectQuery(entity, { where: w, orderBy: options.orderBy, startPosition: (pageNumber - 1) * pageSize + 1, maxResults: pageSize });
      return (await this.query<T>(sql)).rows;
    };
    const pages = new PageCollector<T>(entity, options.onPage);
    if (concurrency === 1) {
      for (let pageNumber = 1; ; pageNumber++) {
        const rows = await readPage(pageNumber);
        pages.add(pageNumber, rows);
        if (rows.length < pageSize) return pages.rows();
      }
    }
    const total = options.totalCount ?? (await this.count(entity, w));
    const planned = Math.max(1, Math.ceil(total / pageSize));
    let next = 1;
    let failure: { error: unknown } | undefined;
    // A few workers take the next page number each: at most `concurrency` pages of this read are
    // under way or waiting for the pacer, so other requests of the page still get their turn.
    const worker = async (): Promise<void> => {
      while (!failure && next <= planned) {
        const pageNumber = next++;
        try {
          pages.add(pageNumber, await readPage(pageNumber));
        } catch (error) {
          failure ??= { error };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, planned) }, worker));
    if (failure) throw failure.error;
    // Rows added since the count push the last ones onto pages past the plan.
    for (let pageNumber = planned; pages.sizeOf(pageNumber) === pageSize; ) {
      pageNumber++;
      pages.add(pageNumber, await readPage(pageNumber));
    }
    return pages.rows();
  }

  async count(entity: string, where?: string | readonly Condition[]): Promise<number> {
    const page = await this.query(countQuery(checkEntity(entity), where));
    if (typeof page.totalCount !== 'number') throw badResponse(`The COUNT(*) answer for ${entity} has no totalCount.`);
    return page.totalCount;
  }

  async read<T = QboRecord>(entity: string, id: string): Promise<T> {
    checkEntity(entity);
    if (!/^\d+$/.test(id)) throw new QboUsageError('bad_id', `QBO ids are digit strings; got "${id}".`);
    const body = await this.send({ method: 'GET', path: `${entity.toLowerCase()}/${id}`, paced: 'request' });
    return this.entityOf<T>(body, entity);
  }

  async create<T = QboRecord>(entity: string, body: object, options: WriteOptions = {}): Promise<T> {
    checkEntity(entity);
    const answer = await this.send({
      method: 'POST',
      path: entity.toLowerCase(),
      body,
      requestId: this.requestIdFor(options, MAX_REQUEST_ID),
      paced: 'request',
    });
    return this.entityOf<T>(answer, entity);
  }

  async sparseUpdate<T = QboRecord>(
    entity: string,
    body: { Id: string; SyncToken: string },
    options: WriteOptions = {},
  ): Promise<T> {
    checkEntity(entity);
    if (typeof body.Id !== 'string' || typeof body.SyncToken !== 'string') {
      throw new QboUsageError('bad_update', 'A sparse update needs Id and SyncToken as strings.');
    }
    const answer = await this.send({
      method: 'POST',
      path: entity.toLowerCase(),
      body: { ...body, sparse: true },
      requestId: this.requestIdFor(options, MAX_REQUEST_ID),
      paced: 'request',
    });
    return this.entityOf<T>(answer, entity);
  }

  async batch(items: readonly BatchItem[], options: WriteOptions = {}): Promise<BatchItemResult[]> {
    if (items.length === 0) return [];
    if (items.length > MAX_BATCH_ITEMS) {
      throw new QboUsageError('batch_too_large', `A batch takes at most ${MAX_BATCH_ITEMS} items; got ${items.length}. Split it.`);
    }
    const seen = new Set<string>();
    const request = items.map((item) => {
      if (!item.bId || item.bId.length > MAX_BID) {
        throw new QboUsageError('bad_bid', `Batch item ids must be 1..${MAX_BID} characters; got "${item.bId}".`);
      }
      if (seen.has(item.bId)) throw new QboUsageError('duplicate_bid', `Batch item id "${item.bId}" is used twice.`);
      seen.add(item.bId);
      if ('query' in item) return { bId: item.bId, Query: item.query };
      checkEntity(item.entity);
      return {
        bId: item.bId,
        operation: item.operation,
        ...(item.optionsData ? { optionsData: item.optionsData } : {}),
        [item.entity]: item.body,
      };
    });
    const answer = await this.send({
      method: 'POST',
      path: 'batch',
      body: { BatchItemRequest: request },
      requestId: this.requestIdFor(options, MAX_BATCH_REQUEST_ID),
      paced: 'batch',
    });
    const list = answer.BatchItemResponse;
    if (!Array.isArray(list)) throw badResponse('The batch answer has no BatchItemResponse list.');
    const byId = new Map<string, QboRecord>();
    for (const entry of list) if (isRecord(entry) && typeof entry.bId === 'string') byId.set(entry.bId, entry);
    // QBO does not promise the order of answers: put them back in the order asked.
    return items.map((item): BatchItemResult => {
      const entry = byId.get(item.bId);
      if (!entry) {
        return { bId: item.bId, ok: false, error: badResponse(`The batch answer has nothing for item "${item.bId}".`, 200) };
      }
      const fault = faultFromJson(entry);
      if (fault) {
        return {
          bId: item.bId,
          ok: false,
          error: createQboError({ errors: fault.errors, faultType: fault.faultType, status: 200, bId: item.bId }),
        };
      }
      if ('query' in item) {
        const page = toQueryPage<QboRecord>(entry.QueryResponse);
        return page
          ? { bId: item.bId, ok: true, type: 'query', page }
          : { bId: item.bId, ok: false, error: badResponse(`Batch item "${item.bId}" has no QueryResponse.`, 200) };
      }
      const value = pickEntity(entry, item.entity);
      return value
        ? { bId: item.bId, ok: true, type: 'entity', entity: item.entity, value }
        : { bId: item.bId, ok: false, error: badResponse(`Batch item "${item.bId}" has no ${item.entity}.`, 200) };
    });
  }

  async cdc(entities: readonly string[], since: string | Date): Promise<CdcResult> {
    if (entities.length === 0) throw new QboUsageError('cdc_no_entities', 'CDC needs at least one entity name.');
    entities.forEach(checkEntity);
    const changedSince = typeof since === 'string' ? since : since.toISOString();
    const answer = await this.send({
      method: 'GET',
      path: 'cdc',
      query: { entities: entities.join(','), changedSince },
      paced: 'request',
    });
    const result: CdcResult = { entities: {}, mayBeTruncated: false };
    if (typeof answer.time === 'string') result.time = answer.time;
    const outer = answer.CDCResponse;
    if (!Array.isArray(outer)) throw badResponse('The CDC answer has no CDCResponse.');
    for (const cdc of outer) {
      const responses = isRecord(cdc) ? cdc.QueryResponse : undefined;
      if (!Array.isArray(responses)) continue;
      for (const qr of responses) {
        const page = toQueryPage<QboRecord>(qr);
        if (page?.entity) (result.entities[page.entity] ??= []).push(...page.rows);
      }
    }
    const total = Object.values(result.entities).reduce((n, rows) => n + rows.length, 0);
    result.mayBeTruncated = total >= MAX_CDC_OBJECTS;
    return result;
  }

  private requestIdFor(options: WriteOptions, max: number): string {
    const id = options.requestId ?? this.newRequestId();
    if (id.length === 0 || id.length > max) {
      throw new QboUsageError('bad_request_id', `A requestid must be 1..${max} characters; got ${id.length}.`);
    }
    return id;
  }

  private entityOf<T>(body: QboRecord, entity: string): T {
    const value = pickEntity(body, entity);
    if (!value) throw badResponse(`The answer has no ${entity}.`);
    return value as T;
  }

  /** One logical request with pacing and retries; resolves with the parsed JSON body. */
  private async send(req: SendRequest): Promise<QboRecord> {
    const query: Record<string, string> = { ...req.query, minorversion: String(this.minorVersion) };
    if (req.requestId) query.requestid = req.requestId;
    const url = `${this.base}${req.path}?${encodeQuery(query)}`;
    const headers: Record<string, string> = { ...this.headers };
    let data: string | undefined;
    if (req.body !== undefined) {
      headers['Content-Type'] = req.contentType ?? 'application/json';
      data = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    }
    const traits = { method: req.method, readOnly: req.readOnly, hasRequestId: Boolean(req.requestId) };

    let identityRetried = false;
    for (let attempt = 1; ; attempt++) {
      let result: { ok: true; body: QboRecord } | { ok: false; error: QboFaultError; decision: RetryDecision };
      result = await this.pacedAttempt(req, url, headers, data, attempt, traits, false);
      if (!result.ok && !identityRetried && this.authorize && isIdentityRefusal(result.error)) {
        // The proxy refused who we are, not QuickBooks: a fresh identity, the same attempt again.
        identityRetried = true;
        result = await this.pacedAttempt(req, url, headers, data, attempt, traits, true);
      }
      if (result.ok) return result.body;
      const { error, decision } = result;
      if (!decision.retry) throw error;
      if (decision.reason === 'throttled') this.pacer.holdUntil(this.now() + decision.delayMs);
      this.onRetry?.({ attempt, delayMs: decision.delayMs, reason: decision.reason, error });
      await this.sleep(decision.delayMs);
    }
  }

  private async pacedAttempt(
    req: SendRequest,
    url: string,
    headers: Record<string, string>,
    data: string | undefined,
    attempt: number,
    traits: { method: 'GET' | 'POST'; readOnly?: boolean; hasRequestId: boolean },
    forceRefresh: boolean,
  ): Promise<{ ok: true; body: QboRecord } | { ok: false; error: QboFaultError; decision: RetryDecision }> {
    // Asked before pacing: waiting for the host must not hold a slot in QBO's rate windows.
    const sent = this.authorize ? { ...headers, ...(await this.authorize(forceRefresh)) } : headers;
    const release = await this.pacer.acquire(req.paced);
    try {
      return await this.attempt(req.method, url, sent, data, attempt, traits);
    } finally {
      release();
    }
  }

  private async attempt(
    method: 'GET' | 'POST',
    url: string,
    headers: Record<string, string>,
    data: string | undefined,
    attempt: number,
    traits: { method: 'GET' | 'POST'; readOnly?: boolean; hasRequestId: boolean },
  ): Promise<{ ok: true; body: QboRecord } | { ok: false; error: QboFaultError; decision: RetryDecision }> {
    let status: number;
    let text: string;
    let resHeaders: unknown;
    try {
      const res = await this.http.request<string>({
        method,
        url,
        headers,
        data,
        timeout: this.timeoutMs,
        responseType: 'text',
        transformResponse: [(raw: unknown) => raw],
        validateStatus: () => true,
      });
      status = res.status;
      text = typeof res.data === 'string' ? res.data : res.data === undefined || res.data === null ? '' : String(res.data);
      resHeaders = res.headers;
    } catch (e) {
      // No answer at all: refused, reset, timed out. Only the error code is kept: the axios
      // error holds the request config, headers included, and must not travel further.
      const code = axios.isAxiosError(e) ? (e.code ?? 'ERR_NETWORK') : 'ERR_NETWORK';
      const error = new QboTransientError({
        errors: [
          {
            code: 'network',
            message: 'No answer',
            detail: `No answer from QuickBooks Online (${code})`,
          },
        ],
      });
      const decision = decideRetry(this.policy, attempt, { kind: 'network' }, traits, this.random);
      return { ok: false, error, decision };
    }

    const intuitTid = headerValue(resHeaders, 'intuit_tid');
    if (status >= 200 && status < 300) {
      const json = parseJsonBody(text);
      const fault = json === undefined ? faultFromXml(text) : faultFromJson(json);
      if (!fault && isRecord(json)) return { ok: true, body: json };
      // QBO documents that a 200 can carry a Fault; anything unreadable is not success either.
      const error = fault
        ? createQboError({ errors: fault.errors, faultType: fault.faultType, status, intuitTid })
        : badResponse('The answer is not a JSON object.', status, intuitTid);
      const decision = decideRetry(this.policy, attempt, { kind: 'http', status, faultCode: error.code }, traits, this.random);
      return { ok: false, error, decision };
    }

    const retryAfterMs = parseRetryAfter(headerValue(resHeaders, 'retry-after'), this.now());
    const error = errorFromResponse({ status, body: text, intuitTid, retryAfterMs });
    const decision = decideRetry(
      this.policy,
      attempt,
      { kind: 'http', status, faultCode: error.code, retryAfterMs },
      traits,
      this.random,
    );
    return { ok: false, error, decision };
  }
}

/** The proxy's own 401 about the identity token (docs/firm-contract.md §2), not a QBO 401. */
function isIdentityRefusal(error: QboFaultError): boolean {
  return error.status === 401 && error.faultType === 'PROXY' && error.code.startsWith('identity_');
}

/** The gateway for a realm, as the engine asks for it. */
export function createQboGateway(options: QboClientOptions): QboGateway {
  return new QboClient(options);
}
