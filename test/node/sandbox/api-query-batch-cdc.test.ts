/** Raw-HTTP conformance for the query language, batch, CDC and requestid (QBO-FACTS §1, §2, §5). */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { faultOf, startHarness, type Harness } from './sandbox-harness';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.stop();
});

type Row = Record<string, unknown> & { Id: string; SyncToken: string; DisplayName?: string };
const q = async (sql: string) => h.api('GET', `query?query=${encodeURIComponent(sql)}&minorversion=75`);

describe('query', () => {
  it('SELECT * with WHERE/LIKE/IN/ORDERBY/paging, case-insensitive keywords and values', async () => {
    const like = await q("SELECT * FROM customer WHERE DisplayName LIKE 'b%' ORDER BY DisplayName");
    const rows = (like.json.QueryResponse as { Customer: Row[] }).Customer;
    assert.ok(rows.length >= 1);
    assert.ok(rows.every((r) => String(r.DisplayName).toLowerCase().startsWith('b')));
    const eq = await q("select * from Customer where DisplayName = 'bayview bistro'");
    assert.equal((eq.json.QueryResponse as { Customer: Row[] }).Customer[0].DisplayName, 'Bayview Bistro');
    const page1 = await q('select * from Customer orderby Id startposition 1 maxresults 5');
    const page2 = await q('select * from Customer ORDERBY Id STARTPOSITION 6 MAXRESULTS 5');
    const r1 = page1.json.QueryResponse as { Customer: Row[]; startPosition: number; maxResults: number };
    const r2 = page2.json.QueryResponse as { Customer: Row[]; startPosition: number };
    assert.equal(r1.Customer.length, 5);
    assert.equal(r1.maxResults, 5);
    assert.equal(r2.startPosition, 6);
    assert.ok(Number(r2.Customer[0].Id) > Number(r1.Customer[4].Id));
    const ids = await q(`select * from Customer where Id in ('${r1.Customer[0].Id}', '${r1.Customer[1].Id}')`);
    assert.equal((ids.json.QueryResponse as { Customer: Row[] }).Customer.length, 2);
    const desc = await q('select * from Invoice where TotalAmt > 100 orderby TotalAmt desc');
    const totals = (desc.json.QueryResponse as { Invoice: Array<{ TotalAmt: number }> }).Invoice.map((i) => i.TotalAmt);
    assert.deepEqual(totals, [...totals].sort((a, b) => b - a));
    assert.ok(totals.every((t) => t > 100));
  });

  it('COUNT(*), the empty answer without the entity key, and POST application/text', async () => {
    const count = await q('select count(*) from Customer');
    assert.equal(typeof (count.json.QueryResponse as { totalCount: number }).totalCount, 'number');
    const none = await q("select * from Customer where DisplayName = 'Nobody At All'");
    assert.deepEqual(none.json.QueryResponse, {});
    const post = await h.api('POST', 'query', "select * from Item where Name = 'Hours'", { contentType: 'application/text' });
    assert.equal((post.json.QueryResponse as { Item: Row[] }).Item.length, 1);
  });

  it('parse errors are 4000 QueryParserError; OR, != and MAXRESULTS over 1000 are refused', async () => {
    for (const sql of ['select * from', "select * from Customer where DisplayName = 'a' or DisplayName = 'b'", "select * from Customer where DisplayName != 'a'", 'select * from Customer maxresults 1001', 'select * from Customer startposition 0']) {
      const res = await q(sql);
      assert.equal(res.status, 400, sql);
      assert.equal(faultOf(res.json).code, '4000', sql);
      assert.match(faultOf(res.json).Detail, /^QueryParserError/);
    }
    const badProp = await q("select * from Customer where Shoe = 'x'");
    assert.equal(faultOf(badProp.json).code, '4001');
  });
});

describe('batch', () => {
  it('runs up to 30 independent items with per-item Faults and HTTP 200', async () => {
    const existing = (await q("select * from Customer where DisplayName = 'Bayview Bistro'")).json.QueryResponse as { Customer: Row[] };
    const res = await h.api('POST', 'batch', {
      BatchItemRequest: [
        { bId: 'b1', operation: 'create', Customer: { DisplayName: 'Batch Made One' } },
        { bId: 'b2', operation: 'create', Customer: { DisplayName: 'Bayview Bistro' } },
        { bId: 'b3', operation: 'update', Customer: { Id: existing.Customer[0].Id, SyncToken: existing.Customer[0].SyncToken, sparse: true, Notes: 'from batch' } },
        { bId: 'b4', Query: "select * from Customer where DisplayName = 'Batch Made One'" },
      ],
    });
    assert.equal(res.status, 200);
    const items = res.json.BatchItemResponse as Array<Record<string, unknown>>;
    assert.deepEqual(items.map((i) => i.bId), ['b1', 'b2', 'b3', 'b4']);
    assert.equal((items[0].Customer as Row).DisplayName, 'Batch Made One');
    assert.equal((items[1].Fault as { Error: Array<{ code: string }> }).Error[0].code, '6240');
    assert.equal((items[2].Customer as Row).SyncToken, String(Number(existing.Customer[0].SyncToken) + 1));
    assert.deepEqual(items[3].QueryResponse, {}, 'items are independent: a create in the same batch is not visible to its query');
    const tooMany = await h.api('POST', 'batch', { BatchItemRequest: Array.from({ length: 31 }, (_, i) => ({ bId: `q${i}`, Query: 'select * from Item' })) });
    assert.equal(tooMany.status, 400);
  });
});

describe('requestid', () => {
  it('a repeated requestid returns the first answer and writes nothing', async () => {
    const body = { DisplayName: 'Idempotent Ltd' };
    const first = await h.api('POST', 'customer?requestid=req-001', body);
    const again = await h.api('POST', 'customer?requestid=req-001', body);
    assert.equal(again.status, 200);
    assert.deepEqual(again.json, first.json);
    const count = await q("select count(*) from Customer where DisplayName = 'Idempotent Ltd'");
    assert.equal((count.json.QueryResponse as { totalCount: number }).totalCount, 1);
    const different = await h.api('POST', 'customer?requestid=req-002', body);
    assert.equal(faultOf(different.json).code, '6240', 'a new requestid is a new write');
  });
});

describe('cdc', () => {
  it('reports changed and deleted objects since a time, and refuses more than 30 days back', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const c = (await h.api('POST', 'customer', { DisplayName: 'CDC Watcher' })).json.Customer as Row;
    const inv = (await q('select * from Invoice maxresults 1')).json.QueryResponse as { Invoice: Array<Row & { CustomerRef: { value: string }; Line: unknown[] }> };
    const freshInv = (
      await h.api('POST', 'invoice', {
        CustomerRef: { value: c.Id },
        Line: [{ Amount: 10, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { Qty: 1, UnitPrice: 10 } }],
      })
    ).json.Invoice as Row;
    assert.ok(inv.Invoice.length);
    await h.api('POST', 'invoice?operation=delete', { Id: freshInv.Id, SyncToken: freshInv.SyncToken });
    const res = await h.api('GET', `cdc?entities=Customer,Invoice&changedSince=${encodeURIComponent(since)}`);
    const groups = (res.json.CDCResponse as Array<{ QueryResponse: Array<Record<string, Row[]>> }>)[0].QueryResponse;
    const customers = groups.find((g) => g.Customer)?.Customer ?? [];
    const invoices = groups.find((g) => g.Invoice)?.Invoice ?? [];
    assert.ok(customers.some((x) => x.Id === c.Id));
    assert.ok(invoices.some((x) => x.Id === freshInv.Id && x.status === 'Deleted'));
    const old = await h.api('GET', `cdc?entities=Customer&changedSince=${encodeURIComponent(new Date(Date.now() - 31 * 86400000).toISOString())}`);
    assert.equal(old.status, 400);
    assert.match(faultOf(old.json).Detail, /older than fixed days/);
    const future = await h.api('GET', `cdc?entities=Customer&changedSince=${encodeURIComponent(new Date(Date.now() + 3600000).toISOString())}`);
    assert.deepEqual(future.json.CDCResponse, [{ QueryResponse: [{}] }]);
  });
});
