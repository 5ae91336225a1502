/**
 * The gateway's own behaviour against exact scripted answers: encoding, requestid reuse,
 * per-item batch faults in the order asked, shapes of failure. Pacing uses a recording sleep
 * that resolves at once, so these tests take no wall time.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  QboAuthError,
  QboDuplicateNameError,
  QboFaultError,
  QboStaleObjectError,
  QboThrottledError,
  QboTransientError,
  QboUsageError,
  QboValidationError,
} from '../../../src/sync/qbo/errors';
import { QboClient } from '../../../src/sync/qbo/qbo-client';
import type { QboClientOptions } from '../../../src/sync/qbo/qbo-client';
import { DEFAULT_RETRY_POLICY } from '../../../src/sync/qbo/retry-policy';
import { startScriptedServer } from './scripted-server';
import type { ScriptedServer } from './scripted-server';

const SECRET = 'Bearer very-secret-token';
let server: ScriptedServer;
let sleeps: number[];
/** Virtual time: sleeping moves it, so the pacer and the retry waits agree without waiting. */
let virtualNow: number;

function client(extra: Partial<QboClientOptions> = {}): QboClient {
  return new QboClient({
    baseUrl: `${server.origin}/api/qbo`,
    realmId: '9130350',
    headers: { Authorization: SECRET },
    sleep: async (ms) => {
      sleeps.push(ms);
      virtualNow += ms;
    },
    now: () => virtualNow,
    random: () => 0.5,
    ...extra,
  });
}

const fault = (code: string, message: string, detail = message, element = '') => ({
  Fault: { Error: [{ Message: message, Detail: detail, code, element }], type: 'ValidationFault' },
  time: '2025-01-01T00:00:00.000-08:00',
});

before(async () => {
  server = await startScriptedServer();
});
after(async () => {
  await server.close();
});
beforeEach(() => {
  server.received.length = 0;
  sleeps = [];
  virtualNow = Date.parse('2025-01-01T00:00:00Z');
});

describe('QboClient', () => {
  it('sends a query once URL-encoded, with minorversion 75 and the caller headers', async () => {
    server.reply({ status: 200, body: { QueryResponse: { Customer: [{ Id: '1', DisplayName: "O'Brien & Sons" }], startPosition: 1, maxResults: 1 } } });
    const sql = "SELECT * FROM Customer WHERE DisplayName = 'O\\'Brien & Sons'";
    const page = await client().query<{ Id: string }>(sql);
    assert.deepEqual(page.rows, [{ Id: '1', DisplayName: "O'Brien & Sons" }]);
    assert.equal(page.entity, 'Customer');
    const [req] = server.received;
    assert.equal(req.method, 'GET');
    assert.equal(req.path, '/api/qbo/v3/company/9130350/query');
    assert.equal(req.query.get('query'), sql);
    assert.equal(req.query.get('minorversion'), '75');
    assert.equal(req.headers.authorization, SECRET);
    assert.equal(req.headers.accept, 'application/json');
  });

  it('treats an empty QueryResponse as no rows', async () => {
    server.reply({ status: 200, body: { QueryResponse: {}, time: 'x' } });
    const page = await client().query('SELECT * FROM Customer WHERE Id = \'999\'');
    assert.deepEqual(page.rows, []);
    assert.equal(page.entity, undefined);
  });

  it('sends a long query by POST as application/text', async () => {
    server.reply({ status: 200, body: { QueryResponse: { Item: [] } } });
    const ids = Array.from({ length: 400 }, (_, i) => `'${i + 1}'`).join(', ');
    const sql = `SELECT * FROM Item WHERE Id IN (${ids})`;
    await client().query(sql);
    const [req] = server.received;
    assert.equal(req.method, 'POST');
    assert.equal(req.headers['content-type'], 'application/text');
    assert.equal(req.body, sql);
  });

  it('creates with a requestid and retries a 500 with the same one', async () => {
    server.reply(
      { status: 500, body: fault('10000', 'An application error has occurred while processing your request') },
      { status: 503, body: '' },
      { status: 200, body: { Customer: { Id: '58', SyncToken: '0', DisplayName: 'Acme' }, time: 't' } },
    );
    const created = await client().create<{ Id: string }>('Customer', { DisplayName: 'Acme' }, { requestId: 'export-contact-17' });
    assert.equal(created.Id, '58');
    assert.equal(server.received.length, 3);
    for (const r of server.received) {
      assert.equal(r.method, 'POST');
      assert.equal(r.query.get('requestid'), 'export-contact-17');
      assert.deepEqual(JSON.parse(r.body), { DisplayName: 'Acme' });
    }
    assert.deepEqual(sleeps, [750, 1500]); // equal jitter at random 0.5 of 1 s, 2 s
  });

  it('makes up one requestid for a write without one and keeps it across retries', async () => {
    server.reply({ destroy: true }, { status: 200, body: { Item: { Id: '5', SyncToken: '0' } } });
    await client({ newRequestId: () => 'generated-1' }).create('Item', { Name: 'x', Type: 'Service' });
    assert.deepEqual(server.received.map((r) => r.query.get('requestid')), ['generated-1', 'generated-1']);
  });

  it('sparse-updates with sparse:true and surfaces 5010 as a stale-object error', async () => {
    server.reply({ status: 400, body: fault('5010', 'Stale Object Error', 'Stale Object Error : You and Jane were working on this at the same time.') });
    await assert.rejects(
      client().sparseUpdate('Customer', { Id: '58', SyncToken: '0', DisplayName: 'Acme 2' } as { Id: string; SyncToken: string }),
      (e: unknown) => e instanceof QboStaleObjectError && e.code === '5010' && e.status === 400 && e.intuitTid === 'tid-1',
    );
    assert.equal(server.received.length, 1, 'a business fault is never retried');
    assert.deepEqual(JSON.parse(server.received[0].body), { Id: '58', SyncToken: '0', DisplayName: 'Acme 2', sparse: true });
  });

  it('honours Retry-After on an XML 429, holding the pacer, then succeeds', async () => {
    server.reply(
      {
        status: 429,
        headers: { 'retry-after': '3' },
        body: '<IntuitResponse><Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message><Detail>The request limit was reached.</Detail></Error></Fault></IntuitResponse>',
      },
      { status: 200, body: { Customer: { Id: '7', SyncToken: '1' } } },
    );
    const notices: number[] = [];
    const got = await client({ onRetry: (n) => notices.push(n.delayMs) }).read<{ Id: string }>('Customer', '7');
    assert.equal(got.Id, '7');
    assert.equal(sleeps[0], 3000);
    assert.deepEqual(notices, [3000]);
  });

  it('gives up on 429 after maxAttempts with a typed throttled error', async () => {
    server.reply(
      { status: 429, body: { fault: { error: [{ message: 'ThrottleExceeded', detail: 'slow down', code: '3001' }], type: 'SERVICE' } } },
      { status: 429, body: { fault: { error: [{ message: 'ThrottleExceeded', detail: 'slow down', code: '3001' }], type: 'SERVICE' } } },
    );
    await assert.rejects(
      client({ retryPolicy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 2 } }).read('Customer', '7'),
      (e: unknown) => e instanceof QboThrottledError && e.code === '3001',
    );
    assert.equal(server.received.length, 2);
    assert.ok(sleeps.includes(60_000), 'no Retry-After means the default 60 s wait');
  });

  it('does not retry a 401 and keeps the token out of the error', async () => {
    server.reply({
      status: 401,
      body: { fault: { error: [{ message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', detail: 'Token expired', code: '3200', element: null }], type: 'AUTHENTICATION' } },
    });
    const err = await client().read('Customer', '1').catch((e: unknown) => e);
    assert.ok(err instanceof QboAuthError);
    assert.equal(server.received.length, 1);
    assert.ok(!JSON.stringify(err).includes('very-secret-token'));
    assert.ok(!String((err as Error).message).includes('very-secret-token'));
    assert.ok(!String((err as Error).stack).includes('very-secret-token'));
  });

  it('reports a dead connection as a transient network error after retrying reads', async () => {
    server.reply({ destroy: true }, { destroy: true }, { destroy: true });
    const err = await client({ retryPolicy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 3 } })
      .read('Customer', '1')
      .catch((e: unknown) => e);
    assert.ok(err instanceof QboTransientError);
    assert.equal((err as QboTransientError).code, 'network');
    assert.equal(server.received.length, 3);
    assert.ok(!JSON.stringify(err).includes('very-secret-token'));
  });

  it('treats a Fault inside a 200 as a failure', async () => {
    server.reply({ status: 200, body: fault('6000', 'A business validation error has occurred', 'Business Validation Error: bad') });
    await assert.rejects(client().create('Invoice', {}), (e: unknown) => e instanceof QboValidationError && e.code === '6000');
  });

  it('returns batch results in the order asked, with per-item faults', async () => {
    server.reply((req) => {
      const asked = JSON.parse(req.body) as { BatchItemRequest: Array<{ bId: string }> };
      assert.equal(asked.BatchItemRequest.length, 3);
      return {
        status: 200,
        body: {
          BatchItemResponse: [
            { bId: 'q', QueryResponse: { Customer: [{ Id: '1' }], startPosition: 1, maxResults: 1 } },
            { bId: 'b2', Fault: { type: 'ValidationFault', Error: [{ Message: 'Duplicate Name Exists Error', code: '6240', Detail: 'The name supplied already exists.', element: '' }] } },
            { bId: 'b1', Customer: { Id: '60', SyncToken: '0', DisplayName: 'New' } },
          ],
          time: 't',
        },
      };
    });
    const results = await client().batch(
      [
        { bId: 'b1', operation: 'create', entity: 'Customer', body: { DisplayName: 'New' } },
        { bId: 'b2', operation: 'create', entity: 'Customer', body: { DisplayName: 'Taken' } },
        { bId: 'q', query: 'SELECT * FROM Customer MAXRESULTS 1' },
      ],
      { requestId: 'batch-1' },
    );
    assert.deepEqual(results.map((r) => r.bId), ['b1', 'b2', 'q']);
    const [b1, b2, q] = results;
    assert.ok(b1.ok && b1.type === 'entity' && b1.value.Id === '60');
    assert.ok(!b2.ok && b2.error instanceof QboDuplicateNameError && b2.error.bId === 'b2');
    assert.ok(q.ok && q.type === 'query' && q.page.rows.length === 1);
    const sent = JSON.parse(server.received[0].body) as { BatchItemRequest: unknown[] };
    assert.deepEqual(sent.BatchItemRequest[0], { bId: 'b1', operation: 'create', Customer: { DisplayName: 'New' } });
    assert.deepEqual(sent.BatchItemRequest[2], { bId: 'q', Query: 'SELECT * FROM Customer MAXRESULTS 1' });
    assert.equal(server.received[0].query.get('requestid'), 'batch-1');
  });

  it('marks a batch item QBO did not answer', async () => {
    server.reply({ status: 200, body: { BatchItemResponse: [] } });
    const [r] = await client().batch([{ bId: 'x', operation: 'create', entity: 'Customer', body: {} }]);
    assert.ok(!r.ok && r.error instanceof QboFaultError && r.error.kind === 'badResponse');
  });

  it('refuses more than 30 batch items, long bIds and long requestids before sending', async () => {
    const items = Array.from({ length: 31 }, (_, i) => ({ bId: `b${i}`, operation: 'create' as const, entity: 'Customer', body: {} }));
    await assert.rejects(client().batch(items), (e: unknown) => e instanceof QboUsageError && e.code === 'batch_too_large');
    await assert.rejects(client().batch([{ bId: 'abcdefghijk', query: 'x' }]), QboUsageError);
    await assert.rejects(client().batch([{ bId: 'a', query: 'x' }], { requestId: 'x'.repeat(37) }), QboUsageError);
    await assert.rejects(client().create('Customer', {}, { requestId: 'x'.repeat(51) }), QboUsageError);
    assert.equal(server.received.length, 0);
  });

  it('pages queryAll to the end with STARTPOSITION/MAXRESULTS', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => ({ Id: String(i + 1) }));
    const answer = (req: { query: URLSearchParams }) => {
      const sql = req.query.get('query') ?? '';
      const start = Number(/STARTPOSITION (\d+)/.exec(sql)?.[1]);
      const max = Number(/MAXRESULTS (\d+)/.exec(sql)?.[1]);
      const page = rows.slice(start - 1, start - 1 + max);
      return { status: 200, body: { QueryResponse: page.length ? { Customer: page, startPosition: start, maxResults: page.length } : {} } };
    };
    server.reply(answer, answer, answer);
    const pages: number[] = [];
    const all = await client().queryAll<{ Id: string }>('Customer', [{ field: 'Active', op: '=', value: true }], {
      onPage: (r, n) => pages.push(n * 10_000 + r.length),
    });
    assert.equal(all.length, 2500);
    assert.equal(new Set(all.map((r) => r.Id)).size, 2500);
    assert.deepEqual(pages, [11_000, 21_000, 30_500]);
    assert.deepEqual(
      server.received.map((r) => r.query.get('query')),
      [1, 1001, 2001].map((s) => `SELECT * FROM Customer WHERE Active = true STARTPOSITION ${s} MAXRESULTS 1000`),
    );
  });

  it('adds Active IN (true, false) for includeInactive on name lists', async () => {
    server.reply({ status: 200, body: { QueryResponse: {} } });
    await client().queryAll('Item', undefined, { includeInactive: true });
    assert.equal(server.received[0].query.get('query'), 'SELECT * FROM Item WHERE Active IN (true, false) STARTPOSITION 1 MAXRESULTS 1000');
  });

  it('stops a queryAll whose server ignores STARTPOSITION', async () => {
    const same = () => ({ status: 200, body: { QueryResponse: { Customer: [{ Id: '1' }, { Id: '2' }] } } });
    server.reply(same, same);
    await assert.rejects(client().queryAll('Customer', undefined, { pageSize: 2 }), (e: unknown) => e instanceof QboFaultError && e.kind === 'badResponse');
  });

  it('counts', async () => {
    server.reply({ status: 200, body: { QueryResponse: { totalCount: 42 } } });
    assert.equal(await client().count('Customer'), 42);
    assert.equal(server.received[0].query.get('query'), 'SELECT COUNT(*) FROM Customer');
  });

  it('reads CDC answers, deleted rows included', async () => {
    server.reply({
      status: 200,
      body: {
        CDCResponse: [
          {
            QueryResponse: [
              { Customer: [{ Id: '1', SyncToken: '3' }], startPosition: 1, maxResults: 1 },
              { Invoice: [{ Id: '979', status: 'Deleted', domain: 'QBO' }], startPosition: 1, maxResults: 1 },
            ],
          },
        ],
        time: '2025-01-02T00:00:00-08:00',
      },
    });
    const res = await client().cdc(['Customer', 'Invoice'], new Date('2025-01-01T00:00:00Z'));
    assert.deepEqual(res.entities.Customer, [{ Id: '1', SyncToken: '3' }]);
    assert.deepEqual(res.entities.Invoice, [{ Id: '979', status: 'Deleted', domain: 'QBO' }]);
    assert.equal(res.time, '2025-01-02T00:00:00-08:00');
    assert.equal(res.mayBeTruncated, false);
    assert.equal(server.received[0].query.get('entities'), 'Customer,Invoice');
    assert.equal(server.received[0].query.get('changedSince'), '2025-01-01T00:00:00.000Z');
  });

  it('refuses a realm id that is not digits', () => {
    assert.throws(() => client({ realmId: '../1' }), QboUsageError);
  });
});
