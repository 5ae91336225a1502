/**
 * The firm's records over real HTTP (docs/firm-contract.md §3): push with revisions, stale and
 * unique conflicts (also under concurrency), tombstones, history create-only, pull paging,
 * adopt where the firm's value wins, server-sent events to other staff, isolation between
 * firms, and a restart that keeps everything.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from './support/proxy-harness';
import type { TestUser } from './support/test-issuer';

const REALM = '9341450000000001';
let h: Harness;

const dana: TestUser = { firmId: 'firm-a', userId: 'u-dana', name: 'Dana Whitfield', role: 'admin' };
const lee: TestUser = { firmId: 'firm-a', userId: 'u-lee', name: 'Lee Ortega' };
const other: TestUser = { firmId: 'firm-b', userId: 'u-olga', name: 'Olga Berg' };

before(async () => {
  h = await startHarness({ eventPingMs: 200 });
});

after(async () => {
  await h?.close();
});

interface Rec {
  collection: string;
  id: string;
  rev: number;
  seq: string;
  deleted: boolean;
  body: Record<string, unknown> | null;
  updatedBy: { id: string; name: string };
}

const link = (kind: string, otId: string, qboId: string, by = 'Dana Whitfield') => ({ kind, otId, qboId, origin: 'manual', createdAt: '2026-12-02T10:00:00.000Z', createdBy: by });

async function push(user: TestUser, changes: unknown[], realm = REALM): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await h.api(user, `/api/firm/${realm}/changes`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ changes }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function pull(user: TestUser, since = '0', limit?: number, realm = REALM): Promise<{ records: Rec[]; checkpoint: string; more: boolean }> {
  const res = await h.api(user, `/api/firm/${realm}/changes?since=${since}${limit ? `&limit=${limit}` : ''}`);
  assert.equal(res.status, 200);
  return (await res.json()) as { records: Rec[]; checkpoint: string; more: boolean };
}

/** Reads an SSE stream in the background; `waitFor` resolves when the text so far matches. */
function listen(res: Response): { text(): string; waitFor(re: RegExp, ms?: number): Promise<string>; ended: Promise<void>; cancel(): Promise<void> } {
  let text = '';
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const ended = (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      text += decoder.decode(value, { stream: true });
    }
  })();
  return {
    text: () => text,
    async waitFor(re, ms = 3000) {
      const until = Date.now() + ms;
      while (!re.test(text)) {
        if (Date.now() > until) throw new Error(`no ${re} in the stream within ${ms} ms; got ${JSON.stringify(text)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return text;
    },
    ended,
    cancel: () => reader.cancel().catch(() => undefined),
  };
}

test('push creates and updates with revisions; a stale base rev is refused with the current record', async () => {
  const created = await push(dana, [{ collection: 'links', id: 'contact:c-1', baseRev: null, body: link('contact', 'c-1', '101') }]);
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const [rec] = created.body.records as Rec[];
  assert.equal(rec.rev, 1);
  assert.equal(rec.deleted, false);
  assert.deepEqual(rec.updatedBy, { id: dana.userId, name: dana.name });
  assert.equal(created.body.checkpoint, rec.seq);

  const updated = await push(lee, [{ collection: 'links', id: 'contact:c-1', baseRev: 1, body: { ...link('contact', 'c-1', '101'), syncToken: '3' } }]);
  assert.equal(updated.status, 200);
  const [rec2] = updated.body.records as Rec[];
  assert.equal(rec2.rev, 2);
  assert.ok(BigInt(rec2.seq) > BigInt(rec.seq));

  // Dana still thinks rev 1: refused, nothing written, and she learns who changed it.
  const stale = await push(dana, [
    { collection: 'settings', id: 'settings', baseRev: null, body: { contactSyncEnabled: true, contactTypeIds: ['t1'] } },
    { collection: 'links', id: 'contact:c-1', baseRev: 1, body: link('contact', 'c-1', '102') },
  ]);
  assert.equal(stale.status, 409);
  assert.equal(stale.body.error, 'conflict');
  const [conflict] = stale.body.conflicts as Array<{ index: number; reason: string; current: Rec }>;
  assert.equal(conflict.index, 1);
  assert.equal(conflict.reason, 'stale');
  assert.equal(conflict.current.rev, 2);
  assert.deepEqual(conflict.current.updatedBy, { id: lee.userId, name: lee.name });
  assert.match(String(stale.body.message), /Lee Ortega/);
  const after = await pull(dana);
  assert.ok(!after.records.some((r) => r.collection === 'settings'), 'all or nothing: the settings were not written');

  // A create over a live record is stale too.
  assert.equal((await push(lee, [{ collection: 'links', id: 'contact:c-1', baseRev: null, body: link('contact', 'c-1', '101') }])).status, 409);
});

test('deletes leave tombstones that pulls see; a tombstone can be recreated', async () => {
  await push(dana, [{ collection: 'links', id: 'contact:c-2', baseRev: null, body: link('contact', 'c-2', '202') }]);
  const { checkpoint } = await pull(lee);
  const del = await push(lee, [{ collection: 'links', id: 'contact:c-2', baseRev: 1, deleted: true }]);
  assert.equal(del.status, 200, JSON.stringify(del.body));
  const since = await pull(dana, checkpoint);
  assert.equal(since.records.length, 1);
  assert.equal(since.records[0].id, 'contact:c-2');
  assert.equal(since.records[0].deleted, true);
  assert.equal(since.records[0].body, null);
  assert.equal(since.records[0].rev, 2);
  // The QBO id is free again once its link is a tombstone.
  assert.equal((await push(dana, [{ collection: 'links', id: 'contact:c-3', baseRev: null, body: link('contact', 'c-3', '202') }])).status, 200);
  const again = await push(dana, [{ collection: 'links', id: 'contact:c-2', baseRev: null, body: link('contact', 'c-2', '203') }]);
  assert.equal(again.status, 200);
  assert.equal((again.body.records as Rec[])[0].rev, 3);
});

test('two concurrent pushes linking one QBO id to two contacts: exactly one wins, the other names the winner', async () => {
  const [a, b] = await Promise.all([
    push(dana, [{ collection: 'links', id: 'customer:k-1', baseRev: null, body: link('customer', 'k-1', '777') }]),
    push(lee, [{ collection: 'links', id: 'customer:k-2', baseRev: null, body: link('customer', 'k-2', '777', 'Lee Ortega') }]),
  ]);
  const statuses = [a.status, b.status].sort();
  assert.deepEqual(statuses, [200, 409]);
  const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
  const winning = (winner.body.records as Rec[])[0];
  const [conflict] = loser.body.conflicts as Array<{ reason: string; holder: Rec; current: Rec | null }>;
  assert.equal(conflict.reason, 'unique');
  assert.equal(conflict.holder.id, winning.id);
  assert.deepEqual(conflict.holder.updatedBy, winning.updatedBy);
  assert.equal(conflict.current, null);
  assert.match(String(loser.body.message), new RegExp(`${winning.id}.*${winning.updatedBy.name}`));
  const live = (await pull(dana)).records.filter((r) => !r.deleted && r.body?.qboId === '777' && r.body?.kind === 'customer');
  assert.equal(live.length, 1);
  // Another kind may use the same QBO id.
  assert.equal((await push(lee, [{ collection: 'links', id: 'vendor:k-2', baseRev: null, body: link('vendor', 'k-2', '777') }])).status, 200);
});

test('history is create-only; malformed changes are 400 bad_change', async () => {
  const entry = { at: '2026-12-02T10:00:00.000Z', who: 'Dana Whitfield', what: 'exported', result: 'ok' };
  assert.equal((await push(dana, [{ collection: 'history', id: 'h-1', baseRev: null, body: entry }])).status, 200);
  assert.equal((await push(dana, [{ collection: 'history', id: 'h-1', baseRev: null, body: entry }])).status, 409, 'an existing entry is not overwritten');
  const bad: Array<[unknown, RegExp]> = [
    [{ collection: 'history', id: 'h-1', baseRev: 1, body: entry }, /only created/],
    [{ collection: 'history', id: 'h-1', baseRev: null, deleted: true }, /never deleted/],
    [{ collection: 'secrets', id: 'x', baseRev: null, body: {} }, /unknown collection/],
    [{ collection: 'links', id: 'no kind', baseRev: null, body: link('contact', 'x', '1') }, /id/],
    [{ collection: 'links', id: 'contact:c-9', baseRev: null, body: link('contact', 'c-8', '1') }, /<kind>:<otId>/],
    [{ collection: 'links', id: 'contact:c-9', baseRev: null, body: { kind: 'contact', otId: 'c-9' } }, /qboId/],
    [{ collection: 'settings', id: 'other', baseRev: null, body: {} }, /"settings"/],
    [{ collection: 'settings', id: 'settings', baseRev: 0, body: {} }, /baseRev/],
    [{ collection: 'settings', id: 'settings', baseRev: null, body: [] }, /JSON object/],
    [{ collection: 'settings', id: 'settings', baseRev: null, body: { realmId: '1' } }, /realmId/],
  ];
  for (const [change, message] of bad) {
    const res = await push(dana, [change]);
    assert.equal(res.status, 400, JSON.stringify(change));
    assert.equal(res.body.error, 'bad_change');
    assert.match(String(res.body.message), message);
  }
  const twice = await push(dana, [
    { collection: 'settings', id: 'settings', baseRev: null, body: {} },
    { collection: 'settings', id: 'settings', baseRev: null, body: {} },
  ]);
  assert.equal(twice.status, 400);
  const notJson = await h.api(dana, `/api/firm/${REALM}/changes`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' });
  assert.equal(notJson.status, 400);
  assert.equal((await h.api(dana, '/api/firm/not-a-realm/changes')).status, 400);
  assert.equal((await h.api(dana, `/api/firm/${REALM}/changes?since=abc`)).status, 400);
  assert.equal((await h.api(dana, `/api/firm/${REALM}/changes?limit=10001`)).status, 400);
});

test('pull pages with checkpoints, in seq order, without gaps or repeats', async () => {
  const realm = '555000111';
  const changes = Array.from({ length: 25 }, (_, i) => ({ collection: 'documents', id: `invoice:${i}`, baseRev: null, body: { kind: 'invoice', sourceId: String(i), requestId: `r-${i}`, state: 'sent', updatedAt: 'x' } }));
  assert.equal((await push(dana, changes, realm)).status, 200);
  const seen: string[] = [];
  let since = '0';
  let pages = 0;
  for (;;) {
    const page = await pull(lee, since, 10, realm);
    pages++;
    for (const r of page.records) seen.push(r.id);
    const seqs = page.records.map((r) => BigInt(r.seq));
    for (let i = 1; i < seqs.length; i++) assert.ok(seqs[i] > seqs[i - 1]);
    if (page.records.length) assert.equal(page.checkpoint, page.records[page.records.length - 1].seq);
    since = page.checkpoint;
    if (!page.more) break;
  }
  assert.equal(pages, 3);
  assert.deepEqual(seen, changes.map((c) => c.id));
  const tail = await pull(lee, since, 10, realm);
  assert.deepEqual(tail, { records: [], checkpoint: since, more: false });
});

test('adopt takes what the firm lacks; the firm\'s value wins and is reported', async () => {
  const realm = '555000222';
  await push(dana, [
    { collection: 'links', id: 'contact:a-1', baseRev: null, body: link('contact', 'a-1', '11') },
    { collection: 'settings', id: 'settings', baseRev: null, body: { contactSyncEnabled: true } },
  ], realm);
  const res = await h.api(lee, `/api/firm/${realm}/adopt`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      records: [
        { collection: 'links', id: 'contact:a-1', body: link('contact', 'a-1', '99') }, // firm has another value
        { collection: 'links', id: 'contact:a-2', body: link('contact', 'a-2', '11') }, // QBO id taken
        { collection: 'links', id: 'contact:a-3', body: link('contact', 'a-3', '33') }, // new
        { collection: 'settings', id: 'settings', body: { contactSyncEnabled: false } },
        { collection: 'history', id: 'h-old-1', body: { at: '2026-01-01T00:00:00.000Z', who: 'Lee', what: 'linked', result: 'ok' } },
      ],
    }),
  });
  assert.equal(res.status, 200);
  const result = (await res.json()) as { taken: number; notTaken: Array<{ id: string; reason: string; firm: Rec }>; checkpoint: string };
  assert.equal(result.taken, 2);
  assert.deepEqual(result.notTaken.map((n) => [n.id, n.reason]), [['contact:a-1', 'firm_has_other'], ['contact:a-2', 'unique'], ['settings', 'firm_has_other']]);
  assert.equal(result.notTaken[1].firm.id, 'contact:a-1');
  const all = await pull(dana, '0', undefined, realm);
  const byId = new Map(all.records.map((r) => [r.id, r]));
  assert.equal(byId.get('contact:a-1')?.body?.qboId, '11');
  assert.equal(byId.get('settings')?.body?.contactSyncEnabled, true);
  assert.equal(byId.get('contact:a-3')?.body?.qboId, '33');
  assert.deepEqual(byId.get('contact:a-3')?.updatedBy, { id: lee.userId, name: lee.name });
  assert.ok(byId.has('h-old-1'));
  assert.equal(result.checkpoint, all.checkpoint);
});

test('events: another staff member\'s stream gets the changes, another firm\'s does not', async () => {
  const leeStream = await h.api(lee, '/api/events');
  assert.equal(leeStream.status, 200);
  assert.match(leeStream.headers.get('content-type') ?? '', /^text\/event-stream/);
  const otherStream = await h.api(other, '/api/events');
  const leeEvents = listen(leeStream);
  const otherEvents = listen(otherStream);
  await leeEvents.waitFor(/: open/);
  await otherEvents.waitFor(/: open/);
  const written = await push(dana, [{ collection: 'links', id: 'contact:e-1', baseRev: null, body: link('contact', 'e-1', '501') }]);
  assert.equal(written.status, 200);
  const text = await leeEvents.waitFor(/event: changes\ndata: (.*)\n\n/);
  const data = JSON.parse(/event: changes\ndata: (.*)\n\n/.exec(text)?.[1] ?? '{}') as { realmId: string; checkpoint: string };
  assert.deepEqual(data, { realmId: REALM, checkpoint: written.body.checkpoint });
  // Another firm's push reaches Olga's stream only.
  assert.equal((await push(other, [{ collection: 'links', id: 'contact:e-1', baseRev: null, body: link('contact', 'e-1', '501') }])).status, 200, 'firms do not share link keys');
  await otherEvents.waitFor(/event: changes/);
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(otherEvents.text().match(/event: changes/g)?.length, 1, 'Olga saw only her firm\'s change');
  assert.equal(leeEvents.text().match(/event: changes/g)?.length, 1, 'Lee saw only his firm\'s change');
  await leeEvents.cancel();
  await otherEvents.cancel();
});

test('the event stream pings while idle, reports connects, and is released when the client leaves', async () => {
  const res = await h.api(lee, '/api/events');
  const events = listen(res);
  await events.waitFor(/: ping\n\n: ping\n\n/, 2000);
  await events.cancel();
  await events.ended;
  // A stream whose client went away no longer receives anything (and breaks nothing).
  assert.equal((await push(dana, [{ collection: 'links', id: 'contact:p-1', baseRev: null, body: link('contact', 'p-1', '601') }])).status, 200);
});

test('the event stream ends when the identity token expires', async () => {
  const token = await h.issuer.mint(lee, { expiresIn: 2 });
  const res = await h.api(lee, '/api/events', { token });
  assert.equal(res.status, 200);
  const events = listen(res);
  const started = Date.now();
  await events.ended;
  const took = Date.now() - started;
  assert.ok(took > 500 && took < 4000, `ended after ${took} ms`);
});

test('a firm never sees another firm\'s records', async () => {
  const mine = await pull(dana);
  assert.ok(mine.records.length > 0);
  const theirs = await pull(other);
  assert.ok(theirs.records.every((r) => r.updatedBy.id === other.userId), 'firm B sees only what firm B wrote');
  assert.ok(!theirs.records.some((r) => r.id === 'contact:c-1'));
  // Firm B cannot update firm A's record by id: for B it does not exist.
  const res = await push(other, [{ collection: 'links', id: 'contact:c-1', baseRev: 2, body: link('contact', 'c-1', '101') }]);
  assert.equal(res.status, 409);
  assert.equal((res.body.conflicts as Array<{ current: unknown }>)[0].current, null);
});

test('a restart keeps the records and the feed continues', async () => {
  const before = await pull(lee);
  await h.restart();
  const after = await pull(lee);
  assert.deepEqual(after, before);
  const next = await push(dana, [{ collection: 'links', id: 'contact:r-1', baseRev: null, body: link('contact', 'r-1', '901') }]);
  assert.equal(next.status, 200);
  assert.ok(BigInt((next.body.records as Rec[])[0].seq) > BigInt(before.checkpoint));
});
