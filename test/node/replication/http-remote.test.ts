/**
 * createHttpFirmRemote against a small HTTP server on 127.0.0.1 that answers like the proxy's
 * firm API (docs/firm-contract.md §3): pull, push (200 and 409 with the winner), adopt, errors
 * with codes, an unreachable server (offline), and the event stream read with fetch — chunks
 * split anywhere, the Authorization header sent, reconnecting after the stream ends.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { AuthFetch, FirmEvent, RemoteRecord } from '../../../src/sync/replication/firm-remote';
import { FirmConflictError, FirmRemoteError, createHttpFirmRemote } from '../../../src/sync/replication/firm-remote';
import { createIdentityTokens } from '../../../src/sync/connection/proxy-auth';

const REALM = '9130350';
const TOKEN = 'test-identity-token';

const record = (id: string, qboId: string, rev = 1, seq = '1'): RemoteRecord => ({
  collection: 'links',
  id,
  rev,
  seq,
  deleted: false,
  body: { kind: 'contact', otId: id.slice(8), qboId, origin: 'manual', createdAt: '2026-12-02T10:00:00.000Z', createdBy: 'Sam Ortiz' },
  updatedBy: { id: 'u-1', name: 'Sam Ortiz' },
  updatedAt: '2026-12-02T10:00:00.000Z',
});

interface Seen {
  method: string;
  url: string;
  auth?: string;
  body?: unknown;
}

let server: http.Server;
let base = '';
const seen: Seen[] = [];
let eventConnections = 0;

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

before(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
      seen.push({ method: req.method ?? '', url: url.pathname + url.search, auth: req.headers.authorization, body });
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(res, 401, { error: 'identity_missing', message: 'No identity.' });
      if (url.pathname === `/api/firm/${REALM}/changes` && req.method === 'GET') {
        const since = url.searchParams.get('since');
        if (since === '0') return send(res, 200, { records: [record('contact:c-1', '10', 1, '1'), record('contact:c-2', '11', 1, '2')], checkpoint: '2', more: true });
        return send(res, 200, { records: [], checkpoint: since, more: false });
      }
      if (url.pathname === `/api/firm/${REALM}/changes` && req.method === 'POST') {
        const changes = (body?.changes ?? []) as Array<{ id: string; baseRev: number | null; body?: Record<string, unknown> }>;
        if (changes.some((c) => c.id === 'contact:c-9')) {
          return send(res, 409, {
            error: 'conflict',
            message: 'A record changed first.',
            conflicts: [{ index: 0, collection: 'links', id: 'contact:c-9', reason: 'unique', current: null, holder: record('contact:c-7', '58', 1, '5') }],
          });
        }
        if (changes.some((c) => c.id === 'bad')) return send(res, 400, { error: 'bad_change', message: 'Change 0: bad id.' });
        return send(res, 200, { records: changes.map((c, i) => ({ ...record(c.id, String(c.body?.qboId ?? '1'), (c.baseRev ?? 0) + 1, String(10 + i)) })), checkpoint: String(9 + changes.length) });
      }
      if (url.pathname === `/api/firm/${REALM}/adopt` && req.method === 'POST') {
        return send(res, 200, { taken: 1, notTaken: [{ collection: 'links', id: 'contact:c-3', reason: 'firm_has_other', firm: record('contact:c-3', '14') }], checkpoint: '7' });
      }
      if (url.pathname === '/api/events') {
        eventConnections++;
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
        const text =
          eventConnections === 1
            ? `: ping\n\nevent: changes\r\ndata: {"realmId":"${REALM}","checkpoint":"42"}\r\n\r\n`
            : 'event: connection\ndata: {}\n\n';
        // Written in small pieces, so frames split inside lines and between CR and LF.
        let at = 0;
        const timer = setInterval(() => {
          if (at >= text.length) {
            clearInterval(timer);
            res.end(); // the stream ends (as at the token's exp); the client must reconnect
            return;
          }
          res.write(text.slice(at, at + 5));
          at += 5;
        }, 2);
        res.on('close', () => clearInterval(timer));
        return;
      }
      send(res, 404, { error: 'not_found', message: 'No such route.' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const authFetch: AuthFetch = (path, init = {}) => fetch(base + path, { ...init, headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${TOKEN}` } });

describe('createHttpFirmRemote', () => {
  it('pulls pages from a checkpoint with the identity token', async () => {
    const remote = createHttpFirmRemote(authFetch);
    const page = await remote.pull(REALM, '0', 500);
    assert.equal(page.records.length, 2);
    assert.equal(page.checkpoint, '2');
    assert.equal(page.more, true);
    assert.equal(seen.at(-1)?.url, `/api/firm/${REALM}/changes?since=0&limit=500`);
    assert.equal(seen.at(-1)?.auth, `Bearer ${TOKEN}`);
    const next = await remote.pull(REALM, '2');
    assert.deepEqual(next, { records: [], checkpoint: '2', more: false });
  });

  it('pushes changes with their base revs and returns the written records', async () => {
    const remote = createHttpFirmRemote(authFetch);
    const answer = await remote.push(REALM, [{ collection: 'links', id: 'contact:c-4', baseRev: 2, body: { kind: 'contact', otId: 'c-4', qboId: '20' } }]);
    assert.equal(answer.records[0].rev, 3);
    assert.deepEqual((seen.at(-1)?.body as { changes: unknown[] }).changes[0], { collection: 'links', id: 'contact:c-4', baseRev: 2, body: { kind: 'contact', otId: 'c-4', qboId: '20' } });
  });

  it('turns a 409 into a FirmConflictError carrying the holder and who made it', async () => {
    const remote = createHttpFirmRemote(authFetch);
    await assert.rejects(remote.push(REALM, [{ collection: 'links', id: 'contact:c-9', baseRev: null, body: { qboId: '58' } }]), (e: unknown) => {
      assert.ok(e instanceof FirmConflictError);
      assert.equal(e.status, 409);
      assert.equal(e.conflicts[0].reason, 'unique');
      assert.equal(e.conflicts[0].holder?.updatedBy.name, 'Sam Ortiz');
      assert.equal(e.conflicts[0].holder?.body?.otId, 'c-7');
      return true;
    });
  });

  it('turns other refusals into coded FirmRemoteErrors with the proxy message', async () => {
    const remote = createHttpFirmRemote(authFetch);
    await assert.rejects(remote.push(REALM, [{ collection: 'links', id: 'bad', baseRev: null, body: {} }]), (e: unknown) => {
      assert.ok(e instanceof FirmRemoteError && !(e instanceof FirmConflictError));
      assert.equal(e.code, 'bad_change');
      assert.equal(e.status, 400);
      assert.equal(e.offline, false);
      assert.equal(e.message, 'Change 0: bad id.');
      return true;
    });
    const anonymous = createHttpFirmRemote((path, init) => fetch(base + path, init));
    await assert.rejects(anonymous.pull(REALM, '0'), (e: unknown) => e instanceof FirmRemoteError && e.code === 'identity_missing' && e.status === 401);
  });

  it('adopts and returns what was not taken', async () => {
    const remote = createHttpFirmRemote(authFetch);
    const result = await remote.adopt(REALM, [{ collection: 'links', id: 'contact:c-3', body: { qboId: '12' } }]);
    assert.equal(result.taken, 1);
    assert.equal(result.notTaken[0].firm.body?.qboId, '14');
    assert.equal(seen.at(-1)?.url, `/api/firm/${REALM}/adopt`);
  });

  it('reports an unreachable server as offline', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const remote = createHttpFirmRemote((path, init) => fetch(`http://127.0.0.1:${port}${path}`, init));
    await assert.rejects(remote.pull(REALM, '0'), (e: unknown) => {
      assert.ok(e instanceof FirmRemoteError);
      assert.equal(e.offline, true);
      assert.equal(e.code, 'unreachable');
      assert.match(e.message, /could not be reached/);
      return true;
    });
  });

  it('a host that gives no identity is an identity error, not an outage (nothing is queued as offline)', async () => {
    const tokens = createIdentityTokens({ getIdentityToken: () => Promise.reject(new Error('The host is not signed in.')) });
    const remote = createHttpFirmRemote(async () => {
      await tokens.token(false);
      throw new Error('never reached');
    });
    await assert.rejects(remote.pull(REALM, '0'), (e: unknown) => {
      assert.ok(e instanceof FirmRemoteError);
      assert.equal(e.offline, false);
      assert.equal(e.code, 'identity_unavailable');
      assert.match(e.message, /could not confirm who you are/);
      return true;
    });
  });

  it('reads the event stream with the Authorization header, across chunk splits, and reconnects when it ends', async () => {
    const events: FirmEvent[] = [];
    const remote = createHttpFirmRemote(authFetch, { retryBaseMs: 20, retryMaxMs: 50, random: () => 0.5 });
    const stop = remote.events((e) => events.push(e));
    const deadline = Date.now() + 5000;
    while (!events.some((e) => e.type === 'connection') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    stop();
    const types = events.map((e) => e.type);
    assert.deepEqual(types.slice(0, 5), ['open', 'changes', 'down', 'open', 'connection']);
    assert.deepEqual(events[1], { type: 'changes', realmId: REALM, checkpoint: '42' });
    const streams = seen.filter((s) => s.url === '/api/events');
    assert.ok(streams.length >= 2);
    assert.ok(streams.every((s) => s.auth === `Bearer ${TOKEN}`));
    const before = eventConnections;
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(eventConnections, before, 'no reconnect after close()');
  });
});
