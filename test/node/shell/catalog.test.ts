/**
 * The shell reads each add-in's manifest over loopback for its page. A busy add-in server must
 * not leave the page without the add-in's menus: a second, longer attempt follows a timed-out
 * one. A server that never answers, or answers with an error status, is reported as such.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { fetchManifest, ManifestUnavailableError } from '../../../dev/shell/catalog';

const MANIFEST = '<?xml version="1.0"?><OfficeApp><Id>test</Id></OfficeApp>';

async function serve(answer: (n: number, res: import('node:http').ServerResponse) => void): Promise<{ server: Server; url: string; calls: () => number }> {
  let n = 0;
  const server = createServer((_req, res) => answer(++n, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/manifest.xml`, calls: () => n };
}

const close = (s: Server) => new Promise<void>((resolve) => { s.closeAllConnections(); s.close(() => resolve()); });

test('a first read that times out is tried again with a longer wait', async (t) => {
  const slowFirst = await serve((n, res) => {
    if (n === 1) return; // never answers: the first attempt times out
    res.setHeader('content-type', 'application/xml');
    res.end(MANIFEST);
  });
  t.after(() => close(slowFirst.server));
  assert.equal(await fetchManifest({ id: 'slow', manifestUrl: slowFirst.url }, [200, 2000]), MANIFEST);
  assert.equal(slowFirst.calls(), 2);
});

test('an add-in server that never answers is an error that says what to do, after both attempts', async (t) => {
  const never = await serve(() => undefined);
  t.after(() => close(never.server));
  await assert.rejects(fetchManifest({ id: 'never', manifestUrl: never.url }, [100, 100]), (err: unknown) => {
    assert.ok(err instanceof ManifestUnavailableError);
    assert.match((err as Error).message, /Could not read the manifest of add-in "never".*npm start/);
    return true;
  });
  assert.equal(never.calls(), 2, 'both attempts made');
});

test('an error status is passed on at once, without a second attempt', async (t) => {
  let status = 200;
  const s = await serve((_n, res) => {
    res.statusCode = status;
    res.end(status === 200 ? MANIFEST : 'gone');
  });
  t.after(() => close(s.server));
  assert.equal(await fetchManifest({ id: 'gone', manifestUrl: s.url }, [500]), MANIFEST);
  status = 404;
  await assert.rejects(fetchManifest({ id: 'gone', manifestUrl: s.url }, [500, 500]), /answered 404/);
  assert.equal(s.calls(), 2, 'no second attempt after a refusal');
});
