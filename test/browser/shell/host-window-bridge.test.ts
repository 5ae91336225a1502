/**
 * Host windows (ui.openWindow, docs/decisions/0008-host-windows.md), the shell's side: a window
 * opens only on the add-in's own origin, at a size clamped to the workspace, one at a time, and
 * only from the panel; its page gets the same protocol with the same origin-and-source checks;
 * it closes from its page, from its opener, or from the host's close button (asking a running
 * page first), and the opener hears `windowClosed` with the page's summary.
 */
import { expect } from 'chai';
import type { FirmApi } from '../../../dev/shell/app/api-client';
import { HostBridge, type HostWindowSpec } from '../../../dev/shell/app/host-bridge';
import { makeRequest, type HostMessage } from '../../../src/sync/host/protocol';

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

async function frame(srcdoc = FRAME_SRC): Promise<TestFrameWindow> {
  const el = document.createElement('iframe');
  el.srcdoc = srcdoc;
  const loaded = new Promise((resolve) => el.addEventListener('load', resolve, { once: true }));
  document.body.appendChild(el);
  frames.push(el);
  await loaded;
  return el.contentWindow as TestFrameWindow;
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

const api: FirmApi = {
  async request<T>(): Promise<T> {
    return [] as T;
  },
  async text() {
    return '';
  },
};

type Response = Extract<HostMessage, { kind: 'response' }>;
const responseTo = (win: TestFrameWindow, id: string) => win.received.find((r) => r.data.kind === 'response' && r.data.id === id)?.data as Response | undefined;
const eventsOf = (win: TestFrameWindow, name: string) => win.received.filter((r) => r.data.kind === 'event' && r.data.event === name).map((r) => (r.data as { data: unknown }).data);

describe('shell: host windows (ui.openWindow)', () => {
  const origin = window.location.origin;
  let bridge: HostBridge;
  let drawn: Map<string, HostWindowSpec>;
  let log: string[];
  let warnings: string[];
  let panel: TestFrameWindow;

  beforeEach(async () => {
    drawn = new Map();
    log = [];
    warnings = [];
    bridge = new HostBridge({
      window,
      api,
      ui: {
        showPanel: () => undefined,
        notify: () => undefined,
        setPanelWidth: () => 460,
        openWindow: (addinId, spec) => {
          log.push(`open ${addinId} ${spec.windowId}`);
          drawn.set(spec.windowId, spec);
        },
        closeWindow: (addinId, windowId) => {
          log.push(`close ${addinId} ${windowId}`);
          drawn.delete(windowId);
        },
        windowArea: () => ({ width: 1334, height: 736 }),
      },
      info: () => ({ firmId: 'firm-demo', firmName: 'Hartwell & Lee CPAs', user: { id: 'u-pat', name: 'Pat Lee', email: 'pat@firm.test', role: 'admin' } }),
      warn: (m) => warnings.push(m),
    });
    bridge.registerAddin('qbo-sync', origin);
    panel = await frame();
    bridge.attachFrame('qbo-sync', 'panel', panel);
    bridge.markFrameReady('qbo-sync', 'panel');
  });

  afterEach(() => {
    bridge.dispose();
    for (const el of frames.splice(0)) el.remove();
  });

  /** Opens a window from the panel and attaches its page's frame, as the shell's AddinWindow does. */
  async function openWindow(params = { url: `${origin}/taskpane.html?window=exportInvoices`, title: 'Invoice Export', width: 1100, height: 720 }) {
    panel.send(makeRequest('w1', 'ui.openWindow', params));
    const answer = await waitFor(() => responseTo(panel, 'w1'), 'the ui.openWindow answer');
    if (!answer.ok) throw new Error(`ui.openWindow failed: ${answer.error.message}`);
    const { windowId } = answer.result as { windowId: string };
    const page = await frame();
    bridge.attachFrame('qbo-sync', 'window', page);
    bridge.markFrameReady('qbo-sync', 'window');
    return { windowId, page, result: answer.result as { windowId: string; width: number; height: number } };
  }

  it('draws a window on the add-in origin at the size asked when it fits, and clamps it to the workspace when not', async () => {
    const { windowId, result } = await openWindow();
    expect(result).to.deep.equal({ windowId, width: 1100, height: 720 });
    expect(drawn.get(windowId)).to.deep.equal({ windowId, url: `${origin}/taskpane.html?window=exportInvoices`, title: 'Invoice Export', width: 1100, height: 720 });
    expect(bridge.openWindowOf('qbo-sync')?.title).to.equal('Invoice Export');

    bridge.closeWindow(windowId);
    panel.send(makeRequest('w2', 'ui.openWindow', { url: `${origin}/taskpane.html?window=contactMatch`, title: 'QuickBooks Online Integration', width: 4000, height: 50 }));
    const big = await waitFor(() => responseTo(panel, 'w2'), 'the second answer');
    expect(big.ok && big.result).to.deep.include({ width: 1334, height: 240 });
  });

  it('refuses a foreign URL, a missing title or size, a second window, and a window asked by anything but the panel', async () => {
    const refusals: Array<[string, Record<string, unknown>, string]> = [
      ['f1', { url: 'https://evil.example/page', title: 'X', width: 800, height: 600 }, 'not_allowed'],
      ['f2', { url: 'taskpane.html', title: 'X', width: 800, height: 600 }, 'invalid_params'],
      ['f3', { url: `${origin}/taskpane.html`, title: '  ', width: 800, height: 600 }, 'invalid_params'],
      ['f4', { url: `${origin}/taskpane.html`, title: 'X', width: 'wide', height: 600 }, 'invalid_params'],
    ];
    for (const [id, params, code] of refusals) {
      panel.send(makeRequest(id, 'ui.openWindow', params as never));
      const answer = await waitFor(() => responseTo(panel, id), `the answer to ${id}`);
      expect(answer.ok, id).to.equal(false);
      expect(!answer.ok && answer.error.code, id).to.equal(code);
    }
    expect(drawn.size).to.equal(0);

    const { page } = await openWindow();
    panel.send(makeRequest('f5', 'ui.openWindow', { url: `${origin}/taskpane.html?window=importPayments`, title: 'Payment Import', width: 800, height: 600 }));
    const second = await waitFor(() => responseTo(panel, 'f5'), 'the second window answer');
    expect(!second.ok && second.error).to.deep.include({ code: 'not_allowed' });
    expect(!second.ok && second.error.message).to.contain('"Invoice Export" is still open');
    page.send(makeRequest('f6', 'ui.openWindow', { url: `${origin}/taskpane.html`, title: 'Nested', width: 800, height: 600 }));
    const nested = await waitFor(() => responseTo(page, 'f6'), 'the nested window answer');
    expect(!nested.ok && nested.error.code).to.equal('not_allowed');
    expect(drawn.size).to.equal(1);
  });

  it("answers the window page's requests like the panel's, and ignores another frame on the same origin", async () => {
    const { page } = await openWindow();
    page.send(makeRequest('i1', 'host.info', {}));
    const info = await waitFor(() => responseTo(page, 'i1'), 'host.info from the window');
    expect(info.ok && info.result).to.deep.include({ hostName: 'OfficeTools', firmId: 'firm-demo' });

    const stranger = await frame();
    stranger.send(makeRequest('s1', 'ui.closeWindow', {}));
    await waitFor(() => warnings.length > 0, 'the warning');
    expect(responseTo(stranger, 's1')).to.equal(undefined);
    expect(drawn.size).to.equal(1);
  });

  it('closes when its page asks, and tells the opener with the summary', async () => {
    const { windowId, page } = await openWindow();
    page.send(makeRequest('c1', 'ui.closeWindow', { summary: '2 invoices exported' }));
    const answer = await waitFor(() => responseTo(page, 'c1'), 'the close answer');
    expect(answer.ok && answer.result).to.deep.equal({ closed: true });
    expect(drawn.size).to.equal(0);
    expect(await waitFor(() => eventsOf(panel, 'windowClosed')[0], 'windowClosed')).to.deep.equal({ windowId, summary: '2 invoices exported' });
    expect(log).to.deep.equal([`open qbo-sync ${windowId}`, `close qbo-sync ${windowId}`]);
  });

  it('closes when the opener asks by id; a page may not close without naming a window unless it is the window', async () => {
    const { windowId } = await openWindow();
    panel.send(makeRequest('c2', 'ui.closeWindow', {}));
    const unnamed = await waitFor(() => responseTo(panel, 'c2'), 'the unnamed close answer');
    expect(!unnamed.ok && unnamed.error.code).to.equal('invalid_params');
    panel.send(makeRequest('c3', 'ui.closeWindow', { windowId }));
    const named = await waitFor(() => responseTo(panel, 'c3'), 'the named close answer');
    expect(named.ok && named.result).to.deep.equal({ closed: true });
    await waitFor(() => eventsOf(panel, 'windowClosed').length === 1, 'windowClosed');
    panel.send(makeRequest('c4', 'ui.closeWindow', { windowId }));
    const again = await waitFor(() => responseTo(panel, 'c4'), 'the second close answer');
    expect(again.ok && again.result).to.deep.equal({ closed: false });
  });

  it("the host's close button asks a running page (which may keep the window open) and closes a page that never started at once", async () => {
    const { windowId, page } = await openWindow();
    page.send(makeRequest('h1', 'host.info', {}));
    await waitFor(() => responseTo(page, 'h1'), 'the page has talked');
    bridge.requestWindowClose(windowId);
    expect(await waitFor(() => eventsOf(page, 'windowCloseRequested')[0], 'windowCloseRequested')).to.deep.equal({ windowId });
    expect(drawn.has(windowId), 'the page decides').to.equal(true);
    page.send(makeRequest('h2', 'ui.closeWindow', {}));
    await waitFor(() => eventsOf(panel, 'windowClosed').length === 1, 'windowClosed');

    // A page that never sent a word (its script failed): the close button closes it.
    panel.send(makeRequest('w9', 'ui.openWindow', { url: `${origin}/taskpane.html?window=importPayments`, title: 'Payment Import', width: 900, height: 600 }));
    const answer = await waitFor(() => responseTo(panel, 'w9'), 'the reopen answer');
    const silentId = answer.ok ? (answer.result as { windowId: string }).windowId : '';
    const silent = await frame();
    bridge.attachFrame('qbo-sync', 'window', silent);
    bridge.markFrameReady('qbo-sync', 'window');
    bridge.requestWindowClose(silentId);
    expect(drawn.has(silentId)).to.equal(false);
    expect(eventsOf(silent, 'windowCloseRequested')).to.deep.equal([]);
    await waitFor(() => eventsOf(panel, 'windowClosed').length === 2, 'the second windowClosed');
  });

  it('closes the windows of an add-in that is removed', async () => {
    const { windowId } = await openWindow();
    bridge.unregisterAddin('qbo-sync');
    expect(drawn.size).to.equal(0);
    expect(log).to.include(`close qbo-sync ${windowId}`);
  });
});
