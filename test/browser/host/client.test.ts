import { expect } from 'chai';
import { createHostClient, HostRequestError, type HostClient } from '../../../src/sync/host/client';
import { makeEvent, makeResponse } from '../../../src/sync/host/protocol';
import { delay, openFakeHostFrame, reloadAndPost, type FakeHostFrame } from './fake-host-frame';

async function rejection(p: Promise<unknown>): Promise<HostRequestError> {
  try {
    await p;
  } catch (error) {
    expect(error).to.be.instanceOf(HostRequestError);
    return error as HostRequestError;
  }
  throw new Error('expected the request to fail');
}

describe('host client', () => {
  let frames: FakeHostFrame[] = [];
  let clients: HostClient[] = [];

  async function setup(timeoutMs = 2000, trustedOrigins = [location.origin]): Promise<{ host: FakeHostFrame; client: HostClient }> {
    const host = await openFakeHostFrame();
    frames.push(host);
    const client = createHostClient({ target: host.win, trustedOrigins, timeoutMs, self: window });
    clients.push(client);
    return { host, client };
  }

  afterEach(() => {
    clients.forEach((c) => c.dispose());
    frames.forEach((f) => f.remove());
    clients = [];
    frames = [];
  });

  it('resolves a request with the host answer, matched by a fresh correlation id', async () => {
    const { host, client } = await setup();
    host.win.respond = (req) => ({ ok: true, result: req.method === 'contactTypes.list' ? [{ id: 't1', name: 'Client' }] : 'other' });
    const [a, b] = await Promise.all([client.request('contactTypes.list', {}), client.request('contactTypes.list', {})]);
    expect(a).to.deep.equal([{ id: 't1', name: 'Client' }]);
    expect(b).to.deep.equal([{ id: 't1', name: 'Client' }]);
    expect(host.win.requests).to.have.length(2);
    expect(host.win.requests[0].id).to.not.equal(host.win.requests[1].id);
    expect(host.win.requests[0]).to.include({ protocol: 'officetools-host', v: 1, kind: 'request', method: 'contactTypes.list' });
  });

  it('offers to take answers as JSON text, reads them as the same result, and still reads a plain result (an older host)', async () => {
    const { host, client } = await setup();
    const contacts = [{ id: 'c-1', displayName: 'Cool Cars Inc.', address: { city: 'Palo Alto' }, active: true }];
    host.win.respond = (req) => (req.method === 'contacts.list' ? { ok: true, resultJson: JSON.stringify(contacts) } : { ok: true, result: { hostName: 'OfficeTools' } });
    expect(await client.request('contacts.list', {})).to.deep.equal(contacts);
    expect(await client.request('host.info', {})).to.deep.equal({ hostName: 'OfficeTools' });
    expect(host.win.requests.map((r) => r.answerAs)).to.deep.equal(['json', 'json']);
    // An answer of JSON text that holds null is a result like any other.
    host.win.respond = () => ({ ok: true, resultJson: 'null' });
    expect(await client.request('contacts.list', {})).to.equal(null);
  });

  it('refuses an answer whose JSON text does not parse, or is not text, saying which request', async () => {
    const { host, client } = await setup();
    host.win.respond = () => ({ ok: true, resultJson: '[{"id": "c-1",' });
    const cut = await rejection(client.request('contacts.list', {}));
    expect(cut.code).to.equal('host_error');
    expect(cut.method).to.equal('contacts.list');
    expect(cut.message).to.contain('"contacts.list" with text that is not JSON');
    host.win.respond = () => ({ ok: true, resultJson: 42 });
    expect((await rejection(client.request('employees.list', {}))).message).to.contain('"employees.list" with text that is not JSON');
  });

  it('asks for the identity token, forcing a fresh one only when told, and refuses an answer that is not a token', async () => {
    const { host, client } = await setup();
    const token = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1LTEifQ.c2ln';
    host.win.respond = (req) => ({ ok: true, result: req.method === 'auth.getIdentityToken' ? { token, expiresAt: '2026-12-02T10:10:00.000Z' } : null });
    expect(await client.getIdentityToken()).to.equal(token);
    expect(await client.getIdentityToken(true)).to.equal(token);
    expect(host.win.requests.map((r) => [r.method, r.params])).to.deep.equal([
      ['auth.getIdentityToken', {}],
      ['auth.getIdentityToken', { forceRefresh: true }],
    ]);
    host.win.respond = () => ({ ok: true, result: { token: 'not a jwt', expiresAt: '' } });
    const err = await rejection(client.getIdentityToken());
    expect(err.method).to.equal('auth.getIdentityToken');
    expect(err.message).to.contain('without a token');
    host.win.respond = () => ({ ok: false, error: { code: 'not_signed_in', message: 'Nobody is signed in to OfficeTools.' } });
    expect((await rejection(client.getIdentityToken(true))).code).to.equal('not_signed_in');
  });

  it("rejects with the host's error code and message", async () => {
    const { host, client } = await setup();
    host.win.respond = () => ({ ok: false, error: { code: 'not_found', message: 'No contact c9.' } });
    const err = await rejection(client.request('contacts.get', { id: 'c9' }));
    expect(err.code).to.equal('not_found');
    expect(err.message).to.equal('No contact c9.');
    expect(err.method).to.equal('contacts.get');
  });

  it('times out with code timeout when the host is silent', async () => {
    const { client } = await setup(150);
    const started = Date.now();
    const err = await rejection(client.request('host.info', {}));
    expect(err.code).to.equal('timeout');
    expect(err.message).to.contain('host.info');
    expect(Date.now() - started).to.be.at.least(140);
  });

  it('never posts to an untrusted host: with no matching origin the host receives nothing', async () => {
    const { host, client } = await setup(150, ['https://elsewhere.example']);
    host.win.respond = () => ({ ok: true, result: 'should not arrive' });
    const err = await rejection(client.request('host.info', {}));
    expect(err.code).to.equal('timeout');
    expect(host.win.requests).to.have.length(0);
  });

  it('refuses to send at all when no origin is trusted', async () => {
    const { host, client } = await setup(150, []);
    const err = await rejection(client.request('host.info', {}));
    expect(err.code).to.equal('not_allowed');
    expect(host.win.requests).to.have.length(0);
  });

  it('ignores an answer from another window of the trusted origin (wrong source)', async () => {
    const { host, client } = await setup(300);
    const impostor = await openFakeHostFrame();
    frames.push(impostor);
    const pending = client.request('ui.openDialog', { url: 'x' });
    await delay(50);
    expect(host.win.requests).to.have.length(1);
    impostor.win.post(makeResponse<'ui.openDialog'>(host.win.requests[0].id, { dialogId: 'forged' }));
    const err = await rejection(pending);
    expect(err.code).to.equal('timeout');
  });

  it('ignores an answer from the host window once it has another origin (wrong origin)', async () => {
    const { host, client } = await setup(400);
    const pending = client.request('ui.openDialog', { url: 'x' });
    await delay(50);
    const id = host.win.requests[0].id;
    await reloadAndPost(host, makeResponse<'ui.openDialog'>(id, { dialogId: 'forged' }), true);
    const err = await rejection(pending);
    expect(err.code).to.equal('timeout');
  });

  it('accepts the same late answer when the origin is right (control for the test above)', async () => {
    const { host, client } = await setup(2000);
    const pending = client.request('ui.openDialog', { url: 'x' });
    await delay(50);
    const id = host.win.requests[0].id;
    await reloadAndPost(host, makeResponse<'ui.openDialog'>(id, { dialogId: 'genuine' }), false);
    expect(await pending).to.deep.equal({ dialogId: 'genuine' });
  });

  it('delivers events to every handler until unsubscribed', async () => {
    const { host, client } = await setup();
    const seen: string[] = [];
    const offA = client.on('panelView', (d) => seen.push(`a:${d.view}`));
    client.on('panelView', (d) => seen.push(`b:${d.view}`));
    client.on('dialogClosed', (d) => seen.push(`closed:${d.dialogId}`));
    host.win.post(makeEvent('panelView', { view: 'contactMatch' }));
    await delay(50);
    expect(seen).to.deep.equal(['a:contactMatch', 'b:contactMatch']);
    offA();
    host.win.post(makeEvent('panelView', { view: 'history' }));
    host.win.post(makeEvent('dialogClosed', { dialogId: 'd1' }));
    await delay(50);
    expect(seen).to.deep.equal(['a:contactMatch', 'b:contactMatch', 'b:history', 'closed:d1']);
  });

  it('ignores events from a wrong source and messages of other protocols', async () => {
    const { host, client } = await setup();
    const impostor = await openFakeHostFrame();
    frames.push(impostor);
    const seen: string[] = [];
    client.on('panelView', (d) => seen.push(d.view));
    impostor.win.post(makeEvent('panelView', { view: 'history' }));
    host.win.post({ ...makeEvent('panelView', { view: 'history' }), v: 99 });
    host.win.post({ kind: 'event', event: 'panelView', data: { view: 'history' } });
    await delay(50);
    expect(seen).to.deep.equal([]);
    host.win.post(makeEvent('panelView', { view: 'exportInvoices' }));
    await delay(50);
    expect(seen).to.deep.equal(['exportInvoices']);
  });

  it('keeps delivering to other handlers when one throws', async () => {
    const { host, client } = await setup();
    const seen: string[] = [];
    const reported: unknown[] = [];
    const onError = (e: ErrorEvent) => {
      reported.push(e.error);
      e.preventDefault();
    };
    window.addEventListener('error', onError);
    // mocha treats uncaught errors as failures; this one is expected, so take it over for the test.
    const mochaHandler = window.onerror;
    window.onerror = null;
    try {
      client.on('panelView', () => {
        throw new Error('boom');
      });
      client.on('panelView', (d) => seen.push(d.view));
      host.win.post(makeEvent('panelView', { view: 'history' }));
      await delay(50);
    } finally {
      window.onerror = mochaHandler;
      window.removeEventListener('error', onError);
    }
    expect(seen).to.deep.equal(['history']);
    expect(reported).to.have.length(1);
    expect((reported[0] as Error).message).to.equal('boom');
  });

  it('dispose fails waiting requests with disposed and stops events', async () => {
    const { host, client } = await setup();
    const seen: string[] = [];
    client.on('panelView', (d) => seen.push(d.view));
    const pending = client.request('host.info', {});
    client.dispose();
    const err = await rejection(pending);
    expect(err.code).to.equal('disposed');
    host.win.post(makeEvent('panelView', { view: 'history' }));
    await delay(50);
    expect(seen).to.deep.equal([]);
    expect((await rejection(client.request('host.info', {}))).code).to.equal('disposed');
  });
});
