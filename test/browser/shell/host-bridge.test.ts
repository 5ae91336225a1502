import { expect } from 'chai';
import { FirmApiError, type FirmApi, type HttpMethod } from '../../../dev/shell/app/api-client';
import { HostBridge, type HostBridgeUi } from '../../../dev/shell/app/host-bridge';
import { HOST_PROTOCOL, HOST_PROTOCOL_VERSION, makeRequest, type Contact, type HostMessage } from '../../../src/sync/host/protocol';

/** A same-origin frame that records what it receives and can post to its parent from its own realm. */
interface TestFrameWindow extends Window {
  received: Array<{ data: HostMessage; origin: string }>;
  send(message: unknown): void;
}

const FRAME_SRC = `<!doctype html><script>
window.received = [];
window.addEventListener('message', function (e) { window.received.push({ data: e.data, origin: e.origin }); });
window.send = function (m) { parent.postMessage(m, '*'); };
</script>`;

const frames: HTMLIFrameElement[] = [];

async function frame(): Promise<{ el: HTMLIFrameElement; win: TestFrameWindow }> {
  const el = document.createElement('iframe');
  el.srcdoc = FRAME_SRC;
  const loaded = new Promise((resolve) => el.addEventListener('load', resolve, { once: true }));
  document.body.appendChild(el);
  frames.push(el);
  await loaded;
  return { el, win: el.contentWindow as TestFrameWindow };
}

async function waitFor<T>(probe: () => T | undefined, what: string, ms = 2000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const settle = () => new Promise((r) => setTimeout(r, 150));

const contact: Contact = { id: 'c-1', typeId: 'ct-1', kind: 'business', companyName: 'Cool Cars Inc.', displayName: 'Cool Cars Inc.', active: true, updatedAt: '2026-06-01T09:00:00.000Z' };

/** What the fake server answers to POST /api/identity/token: a numbered token, or a refusal. */
const identity = { issued: 0, lifetimeMs: 600_000, now: Date.parse('2026-12-02T10:00:00.000Z'), refuse: false, delayMs: 0 };

function fakeApi() {
  const calls: Array<{ method: HttpMethod; path: string; body?: unknown }> = [];
  const api: FirmApi = {
    async request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
      calls.push({ method, path, body });
      if (path === '/api/identity/token' && method === 'POST') {
        if (identity.delayMs) await new Promise((r) => setTimeout(r, identity.delayMs));
        if (identity.refuse) throw new FirmApiError(403, 'audience_not_installed', 'Pat Lee has no add-in installed at that origin.');
        identity.issued += 1;
        return { token: `token-${identity.issued}`, expiresAt: new Date(identity.now + identity.lifetimeMs).toISOString() } as T;
      }
      if (path === '/api/firm/contacts/c-1') return contact as T;
      if (path === '/api/firm/contacts' && method === 'POST') return { ...contact, id: 'c-2', ...(body as object) } as T;
      throw new FirmApiError(404, 'not_found', `No contact has id "${path.split('/').pop()}".`);
    },
    async text(path: string) {
      calls.push({ method: 'GET', path, body: undefined });
      if (path === '/api/firm/contacts/c-1') return JSON.stringify(contact);
      if (path === '/api/firm/contacts') return JSON.stringify([contact]);
      throw new FirmApiError(404, 'not_found', `No contact has id "${path.split('/').pop()}".`);
    },
  };
  return { api, calls };
}

describe('shell: host bridge', () => {
  const origin = window.location.origin;
  let bridge: HostBridge;
  let calls: ReturnType<typeof fakeApi>['calls'];
  let warnings: string[];
  let shown: Array<{ addinId: string; view: string; focusId?: string }>;
  let notes: string[];
  let widths: string[];
  let changes: string[];
  let opened: Array<{ url: string; features: string }>;
  let nextDialog: Window | null;

  function makeBridge(extra: { commandTimeoutMs?: number } = {}) {
    const fake = fakeApi();
    calls = fake.calls;
    const ui: HostBridgeUi = {
      showPanel: (addinId, view, focusId) => shown.push({ addinId, view, ...(focusId ? { focusId } : {}) }),
      notify: (_addinId, level, title, message) => notes.push(`${level}:${title}:${message}`),
      setPanelWidth: (addinId, mode) => {
        widths.push(`${addinId}:${mode}`);
        return mode === 'wide' ? 1100 : 460;
      },
      dataChanged: (addinId) => changes.push(addinId),
      // Host windows have their own tests (host-window-bridge.test.ts).
      openWindow: () => undefined,
      closeWindow: () => undefined,
      windowArea: () => ({ width: 1334, height: 736 }),
    };
    bridge = new HostBridge({
      window,
      api: fake.api,
      ui,
      info: () => ({ firmId: 'firm-demo', firmName: 'Hartwell & Lee CPAs', user: { id: 'u-pat', name: 'Pat Lee', email: 'pat@firm.test', role: 'admin' } }),
      now: () => identity.now,
      warn: (m) => warnings.push(m),
      openWindow: (url, features) => {
        opened.push({ url, features });
        return nextDialog;
      },
      dialogPollMs: 20,
      ...extra,
    });
  }

  beforeEach(() => {
    warnings = [];
    shown = [];
    notes = [];
    widths = [];
    changes = [];
    opened = [];
    nextDialog = null;
    Object.assign(identity, { issued: 0, lifetimeMs: 600_000, now: Date.parse('2026-12-02T10:00:00.000Z'), refuse: false, delayMs: 0 });
    makeBridge();
  });

  afterEach(() => {
    bridge.dispose();
    for (const el of frames.splice(0)) el.remove();
  });

  async function installedFrame(role: 'panel' | 'commands' = 'panel') {
    const f = await frame();
    bridge.registerAddin('qbo-sync', origin);
    bridge.attachFrame('qbo-sync', role, f.win);
    bridge.markFrameReady('qbo-sync', role);
    return f;
  }

  const responseTo = (win: TestFrameWindow, id: string) => win.received.find((r) => r.data.kind === 'response' && r.data.id === id);

  it('answers a request from an installed add-in frame on its origin, by calling the REST API', async () => {
    const { win } = await installedFrame();
    win.send(makeRequest('r1', 'contacts.get', { id: 'c-1' }));
    const got = await waitFor(() => responseTo(win, 'r1'), 'the response');
    expect(got.origin).to.equal(origin);
    expect(got.data).to.deep.include({ protocol: HOST_PROTOCOL, v: HOST_PROTOCOL_VERSION, kind: 'response', id: 'r1', ok: true });
    expect((got.data as { result: Contact }).result.displayName).to.equal('Cool Cars Inc.');
    expect(calls).to.deep.equal([{ method: 'GET', path: '/api/firm/contacts/c-1', body: undefined }]);

    win.send(makeRequest('r2', 'contacts.create', { input: { typeId: 'ct-1', kind: 'business', companyName: 'New Co', active: true } }));
    await waitFor(() => responseTo(win, 'r2'), 'the create response');
    expect(calls[1]).to.deep.equal({ method: 'POST', path: '/api/firm/contacts', body: { typeId: 'ct-1', kind: 'business', companyName: 'New Co', active: true } });

    win.send(makeRequest('r3', 'contacts.list', { typeIds: ['ct-1', 'ct-2'] }));
    await waitFor(() => responseTo(win, 'r3'), 'the list response');
    expect(calls[2].path).to.equal('/api/firm/contacts?typeIds=ct-1%2Cct-2');
  });

  it('passes a read on as the REST body\'s own text when the add-in takes JSON text, and answers everything else as a result', async () => {
    const { win } = await installedFrame();
    win.send(makeRequest('j1', 'contacts.list', {}, 'json'));
    const list = await waitFor(() => responseTo(win, 'j1'), 'the list answer');
    expect(list.data).to.deep.include({ kind: 'response', id: 'j1', ok: true, resultJson: JSON.stringify([contact]) });
    expect(list.data).to.not.have.property('result');
    expect(calls).to.deep.equal([{ method: 'GET', path: '/api/firm/contacts', body: undefined }]);

    // A write is not a read: it is answered as a result, and the shell hears of the change.
    win.send(makeRequest('j2', 'contacts.create', { input: { typeId: 'ct-1', kind: 'business', companyName: 'New Co', active: true } }, 'json'));
    const created = await waitFor(() => responseTo(win, 'j2'), 'the create answer');
    expect((created.data as { result: Contact }).result.companyName).to.equal('New Co');
    expect(changes).to.deep.equal(['qbo-sync']);
    // Not a REST read either: host.info is the shell's own answer.
    win.send(makeRequest('j3', 'host.info', {}, 'json'));
    const info = await waitFor(() => responseTo(win, 'j3'), 'host.info');
    expect((info.data as { result: { hostName: string } }).result.hostName).to.equal('OfficeTools');
    // A failed read is an error answer, as without JSON text.
    win.send(makeRequest('j4', 'contacts.get', { id: 'c-404' }, 'json'));
    const missing = await waitFor(() => responseTo(win, 'j4'), 'the failed read');
    expect(missing.data).to.deep.include({ ok: false });
    expect((missing.data as { error: { code: string } }).error.code).to.equal('not_found');
    // Bad params are refused before anything is read.
    win.send(makeRequest('j5', 'contacts.list', { typeIds: 'ct-1' } as never, 'json'));
    const bad = await waitFor(() => responseTo(win, 'j5'), 'the refusal');
    expect((bad.data as { error: { code: string } }).error.code).to.equal('invalid_params');
    expect(calls).to.have.length(3);
  });

  it("tells the shell when the add-in changed records through it (so counts refresh after imports), not when it read them", async () => {
    const { win } = await installedFrame();
    win.send(makeRequest('d1', 'contacts.get', { id: 'c-1' }));
    await waitFor(() => responseTo(win, 'd1'), 'the read');
    expect(changes).to.deep.equal([]);
    win.send(makeRequest('d2', 'contacts.create', { input: { typeId: 'ct-1', kind: 'business', companyName: 'Imported Co', active: true } }));
    await waitFor(() => responseTo(win, 'd2'), 'the create');
    expect(changes).to.deep.equal(['qbo-sync']);
    win.send(makeRequest('d3', 'contacts.get', { id: 'c-404' }));
    await waitFor(() => responseTo(win, 'd3'), 'the failed read');
    expect(changes).to.have.length(1);
  });

  it('answers host.info with the firm and the signed-in user', async () => {
    const { win } = await installedFrame();
    win.send(makeRequest('i1', 'host.info', {}));
    const got = await waitFor(() => responseTo(win, 'i1'), 'host.info');
    expect((got.data as { result: unknown }).result).to.deep.equal({
      protocolVersion: HOST_PROTOCOL_VERSION,
      hostName: 'OfficeTools',
      hostVersion: '1.0.0',
      firmId: 'firm-demo',
      firmName: 'Hartwell & Lee CPAs',
      user: { id: 'u-pat', name: 'Pat Lee', email: 'pat@firm.test', role: 'admin' },
      // No theme or locale option given: the shell's defaults.
      theme: 'light',
      locale: 'en-US',
    });
  });

  describe('auth.getIdentityToken', () => {
    type Answer = { ok: boolean; result?: { token: string; expiresAt: string }; error?: { code: string; message: string } };
    let seq = 0;
    async function ask(win: TestFrameWindow, params: { forceRefresh?: boolean } = {}): Promise<Answer> {
      const id = `t${++seq}`;
      win.send(makeRequest(id, 'auth.getIdentityToken', params));
      return (await waitFor(() => responseTo(win, id), `the answer to ${id}`)).data as unknown as Answer;
    }
    const tokenCalls = () => calls.filter((c) => c.path === '/api/identity/token');

    it("asks the server for a token with the add-in's origin as audience, then answers from the cache", async () => {
      const { win } = await installedFrame();
      const first = await ask(win);
      expect(first).to.deep.include({ ok: true, result: { token: 'token-1', expiresAt: '2026-12-02T10:10:00.000Z' } });
      expect(tokenCalls()).to.deep.equal([{ method: 'POST', path: '/api/identity/token', body: { audience: origin } }]);
      identity.now += 8 * 60_000;
      expect((await ask(win)).result?.token).to.equal('token-1', 'still more than a minute left');
      expect(tokenCalls()).to.have.length(1);
    });

    it('fetches a new token within a minute of expiry, and always with forceRefresh', async () => {
      const { win } = await installedFrame();
      expect((await ask(win)).result?.token).to.equal('token-1');
      expect((await ask(win, { forceRefresh: true })).result?.token).to.equal('token-2');
      expect((await ask(win)).result?.token).to.equal('token-2', 'the refreshed token is cached');
      identity.now += 9 * 60_000 + 1;
      expect((await ask(win)).result?.token).to.equal('token-3');
      expect(tokenCalls()).to.have.length(3);
    });

    it('shares one fetch among concurrent requests; a refusal is answered as not_allowed and not cached', async () => {
      const { win } = await installedFrame();
      identity.delayMs = 50;
      const [a, b] = await Promise.all([ask(win), ask(win)]);
      expect([a.result?.token, b.result?.token]).to.deep.equal(['token-1', 'token-1']);
      expect(tokenCalls()).to.have.length(1);
      identity.refuse = true;
      const refused = await ask(win, { forceRefresh: true });
      expect(refused.ok).to.equal(false);
      expect(refused.error?.code).to.equal('not_allowed');
      expect(refused.error?.message).to.match(/no add-in installed/);
      identity.refuse = false;
      expect((await ask(win)).result?.token).to.equal('token-2', 'after a refusal the next request asks again');
    });

    it('refuses bad params, and forgets the tokens of a removed add-in', async () => {
      const { win } = await installedFrame();
      const bad = await ask(win, { forceRefresh: 'yes' as unknown as boolean });
      expect(bad.error?.code).to.equal('invalid_params');
      expect((await ask(win)).result?.token).to.equal('token-1');
      bridge.unregisterAddin('qbo-sync');
      bridge.registerAddin('qbo-sync', origin);
      bridge.attachFrame('qbo-sync', 'panel', win);
      bridge.markFrameReady('qbo-sync', 'panel');
      expect((await ask(win)).result?.token).to.equal('token-2');
    });
  });

  it('answers errors as protocol error responses with clear codes', async () => {
    const { win } = await installedFrame();
    win.send(makeRequest('e1', 'contacts.get', { id: 'c-404' }));
    win.send(makeRequest('e2', 'contacts.get', {} as { id: string }));
    win.send({ ...makeRequest('e3', 'host.info', {}), method: 'files.delete' });
    win.send({ ...makeRequest('e4', 'host.info', {}), v: 99 });
    win.send(makeRequest('e5', 'ui.showPanel', { view: 'nowhere' as 'integrations' }));
    const error = async (id: string) => ((await waitFor(() => responseTo(win, id), id)).data as { error: { code: string; message: string } }).error;
    expect(await error('e1')).to.deep.equal({ code: 'not_found', message: 'No contact has id "c-404".' });
    expect((await error('e2')).code).to.equal('invalid_params');
    expect(await error('e3')).to.deep.equal({ code: 'unknown_method', message: 'The shell does not know the method "files.delete".' });
    expect((await error('e4')).code).to.equal('version_mismatch');
    expect((await error('e5')).message).to.match(/"nowhere" is not a panel view/);
  });

  it('ignores a request from an origin that is not the add-in\'s, with a warning', async () => {
    const f = await frame();
    bridge.registerAddin('qbo-sync', 'http://127.0.0.1:1');
    bridge.attachFrame('qbo-sync', 'panel', f.win);
    bridge.markFrameReady('qbo-sync', 'panel');
    f.win.send(makeRequest('x1', 'contacts.get', { id: 'c-1' }));
    await settle();
    expect(calls).to.deep.equal([]);
    expect(f.win.received).to.deep.equal([]);
    expect(warnings.join('\n')).to.match(/no installed add-in has that origin/);
  });

  it('ignores a request from a window that is not one of the add-in\'s frames, even on its origin', async () => {
    const { win } = await installedFrame();
    const stranger = await frame();
    stranger.win.send(makeRequest('x2', 'contacts.get', { id: 'c-1' }));
    await settle();
    expect(calls).to.deep.equal([]);
    expect(stranger.win.received).to.deep.equal([]);
    expect(win.received).to.deep.equal([]);
    expect(warnings.join('\n')).to.match(/did not come from one of that add-in's frames/);
  });

  it('stops answering once the add-in is uninstalled', async () => {
    const { win } = await installedFrame();
    bridge.unregisterAddin('qbo-sync');
    win.send(makeRequest('x3', 'host.info', {}));
    await settle();
    expect(win.received).to.deep.equal([]);
  });

  it('sends events to the add-in origin only (a frame on another origin gets nothing)', async () => {
    const right = await installedFrame('commands');
    bridge.emitContactAdded(contact);
    const event = await waitFor(() => right.win.received.find((r) => r.data.kind === 'event'), 'contactAdded');
    expect(event.data).to.deep.include({ kind: 'event', event: 'contactAdded', data: { contact } });

    // The same frame registered under a foreign origin: the browser drops what is addressed to it.
    const other = await frame();
    bridge.registerAddin('other-addin', 'http://127.0.0.1:1');
    bridge.attachFrame('other-addin', 'panel', other.win);
    bridge.markFrameReady('other-addin', 'panel');
    bridge.sendEvent('other-addin', 'panelView', { view: 'contactMatch' });
    await settle();
    expect(other.win.received).to.deep.equal([]);

    // And the targetOrigin itself is the add-in origin, never '*'.
    const posted: Array<{ targetOrigin: string }> = [];
    const spy = { postMessage: (_m: unknown, targetOrigin: string) => posted.push({ targetOrigin }) } as unknown as Window;
    bridge.attachFrame('other-addin', 'commands', spy);
    bridge.markFrameReady('other-addin', 'commands');
    bridge.emitContactChanged({ ...contact, email: 'a@b.co' }, contact);
    expect(posted).to.deep.equal([{ targetOrigin: 'http://127.0.0.1:1' }]);
  });

  it('emits contactChanged with the previous contact to both the panel and the commands runtime', async () => {
    const panel = await installedFrame('panel');
    const commands = await frame();
    bridge.attachFrame('qbo-sync', 'commands', commands.win);
    // Not loaded yet: the event waits for it.
    const changed = { ...contact, phone: '(650) 555-0100' };
    bridge.emitContactChanged(changed, contact);
    await settle();
    expect(commands.win.received).to.deep.equal([]);
    bridge.markFrameReady('qbo-sync', 'commands');
    for (const win of [panel.win, commands.win]) {
      const got = await waitFor(() => win.received.find((r) => r.data.kind === 'event'), 'contactChanged');
      expect(got.data).to.deep.include({ event: 'contactChanged', data: { contact: changed, previous: contact } });
    }
  });

  it('refuses to open a dialog on a foreign URL, with not_allowed', async () => {
    const { win } = await installedFrame();
    win.send(makeRequest('d1', 'ui.openDialog', { url: 'https://appcenter.intuit.com/connect/oauth2' }));
    const got = await waitFor(() => responseTo(win, 'd1'), 'the refusal');
    expect((got.data as { error: { code: string; message: string } }).error.code).to.equal('not_allowed');
    expect((got.data as { error: { message: string } }).error.message).to.contain(origin);
    expect(opened).to.deep.equal([]);
  });

  it('opens a dialog on the add-in origin, relays its dialogMessage and reports when it closes', async () => {
    const { win } = await installedFrame();
    const dialog = await frame();
    nextDialog = dialog.win;
    win.send(makeRequest('d2', 'ui.openDialog', { url: `${origin}/auth/start?t=abc`, width: 500, height: 700 }));
    const got = await waitFor(() => responseTo(win, 'd2'), 'the dialog id');
    const { dialogId } = (got.data as { result: { dialogId: string } }).result;
    expect(opened).to.deep.equal([{ url: `${origin}/auth/start?t=abc`, features: 'popup=yes,width=500,height=700' }]);

    // A request from the dialog is not answered: dialogs may only send dialogMessage.
    dialog.win.send(makeRequest('d3', 'host.info', {}));
    dialog.win.send({ protocol: HOST_PROTOCOL, v: HOST_PROTOCOL_VERSION, kind: 'dialogMessage', message: { status: 'connected', realmId: '9341' } });
    const relayed = await waitFor(() => win.received.find((r) => r.data.kind === 'event' && r.data.event === 'dialogMessage'), 'dialogMessage');
    expect(relayed.data).to.deep.include({ data: { dialogId, message: { status: 'connected', realmId: '9341' } } });
    expect(dialog.win.received).to.deep.equal([]);

    dialog.el.remove();
    const closed = await waitFor(() => win.received.find((r) => r.data.kind === 'event' && r.data.event === 'dialogClosed'), 'dialogClosed');
    expect(closed.data).to.deep.include({ data: { dialogId } });
  });

  it('runs an ExecuteFunction command in the commands runtime until command.completed', async () => {
    const commands = await installedFrame('commands');
    const outcome = bridge.executeFunction('qbo-sync', 'exportInvoiceToQbo', { invoiceId: 'inv-3' });
    const event = await waitFor(() => commands.win.received.find((r) => r.data.kind === 'event' && r.data.event === 'executeFunction'), 'executeFunction');
    const data = (event.data as { data: { callId: string; functionName: string; context: unknown } }).data;
    expect(data.functionName).to.equal('exportInvoiceToQbo');
    expect(data.context).to.deep.equal({ invoiceId: 'inv-3' });
    commands.win.send(makeRequest('c1', 'command.completed', { callId: data.callId, error: 'Contact is not linked.' }));
    expect(await outcome).to.deep.equal({ ok: false, error: 'Contact is not linked.' });
    const ack = await waitFor(() => responseTo(commands.win, 'c1'), 'the ack');
    expect((ack.data as { ok: boolean }).ok).to.equal(true);
    commands.win.send(makeRequest('c2', 'command.completed', { callId: data.callId }));
    const again = await waitFor(() => responseTo(commands.win, 'c2'), 'the second ack');
    expect((again.data as { error: { code: string } }).error.code).to.equal('not_found');
  });

  it('shows the panel and notifications for the add-in', async () => {
    const { win } = await installedFrame('commands');
    win.send(makeRequest('u1', 'ui.showPanel', { view: 'exportInvoices', focusId: 'inv-3' }));
    win.send(makeRequest('u2', 'ui.notify', { level: 'success', title: 'Exported', message: 'Invoice 1003 is in QuickBooks Online.' }));
    await waitFor(() => responseTo(win, 'u2'), 'notify');
    await waitFor(() => responseTo(win, 'u1'), 'showPanel');
    expect(shown).to.deep.equal([{ addinId: 'qbo-sync', view: 'exportInvoices', focusId: 'inv-3' }]);
    expect(notes).to.deep.equal(['success:Exported:Invoice 1003 is in QuickBooks Online.']);
  });

  it('widens and restores the panel on request, and refuses an unknown mode', async () => {
    const { win } = await installedFrame('panel');
    win.send(makeRequest('w1', 'ui.setPanelWidth', { mode: 'wide' }));
    const wide = await waitFor(() => responseTo(win, 'w1'), 'wide');
    expect((wide.data as { result: { width: number } }).result.width).to.equal(1100);
    win.send(makeRequest('w2', 'ui.setPanelWidth', { mode: 'huge' as 'wide' }));
    const bad = await waitFor(() => responseTo(win, 'w2'), 'bad mode');
    expect((bad.data as { error: { code: string } }).error.code).to.equal('invalid_params');
    win.send(makeRequest('w3', 'ui.setPanelWidth', { mode: 'normal' }));
    await waitFor(() => responseTo(win, 'w3'), 'normal');
    expect(widths).to.deep.equal(['qbo-sync:wide', 'qbo-sync:normal']);
  });
});
