/**
 * The relay's client to the Accounting API (src/proxy/upstream.ts) against a real local HTTP
 * server: calls reuse one kept-alive connection, the base URL's path is kept, and a GET that
 * meets a connection the server just closed is sent again once while a POST is not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ApiError } from '../../../src/proxy/api-error';
import { createUpstream } from '../../../src/proxy/upstream';

async function serve(handler: (req: IncomingMessage, res: ServerResponse, nthOnSocket: number) => void) {
  const counts = new WeakMap<Socket, number>();
  let connections = 0;
  const server = createServer((req, res) => {
    const n = (counts.get(req.socket) ?? 0) + 1;
    counts.set(req.socket, n);
    handler(req, res, n);
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const read = async (res: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString();
};

test('calls reuse one kept-alive connection and keep the base path', async () => {
  const server = await serve((req, res) => {
    const body = JSON.stringify({ method: req.method, url: req.url });
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  });
  const upstream = createUpstream(`${server.base}/qbo`);
  try {
    for (let i = 0; i < 5; i++) {
      const answer = await upstream.send('GET', `/v3/company/1/item/${i}?minorversion=75`, { accept: 'application/json' }, Buffer.alloc(0));
      assert.equal(answer.status, 200);
      assert.equal(answer.response.headers['content-length'] !== undefined, true);
      assert.deepEqual(JSON.parse(await read(answer.response)), { method: 'GET', url: `/qbo/v3/company/1/item/${i}?minorversion=75` });
    }
    assert.equal(server.connections(), 1);
  } finally {
    upstream.close();
    await server.close();
  }
});

test('a GET meeting a connection the server dropped is sent again once; a POST is not', async () => {
  // The second request on each connection is dropped unanswered, as a server closing an idle
  // keep-alive socket at the moment a request arrives would.
  const server = await serve((req, res, n) => {
    if (n === 2) {
      req.socket.destroy();
      return;
    }
    res.writeHead(200, { 'Content-Length': 2 });
    res.end('ok');
  });
  const upstream = createUpstream(server.base);
  try {
    const first = await upstream.send('GET', '/v3/company/1/a', {}, Buffer.alloc(0));
    assert.equal(await read(first.response), 'ok');
    // Second on connection 1: dropped, sent again on connection 2 (its first).
    const again = await upstream.send('GET', '/v3/company/1/b', {}, Buffer.alloc(0));
    assert.equal(again.status, 200);
    assert.equal(await read(again.response), 'ok');
    assert.equal(server.connections(), 2, 'the retry went out on a new connection');
    // Second on connection 2: a POST may have been acted on, so it fails instead.
    await assert.rejects(upstream.send('POST', '/v3/company/1/invoice', { 'content-type': 'application/json' }, Buffer.from('{}')), (e: unknown) => e instanceof ApiError && e.status === 502 && e.code === 'upstream_unavailable');
    assert.equal(server.connections(), 2, 'not sent again');
  } finally {
    upstream.close();
    await server.close();
  }
});
