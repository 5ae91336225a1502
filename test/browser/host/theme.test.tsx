/**
 * The host's theme, both ways over real postMessage: the shell's HostBridge tells it in
 * host.info and pushes themeChanged to the add-in's frames on their origin; the panel's
 * PanelThemeProvider, on a real host client, paints with what the host said and follows its
 * changes, while a themeChanged from anywhere but the host window on a trusted origin is ignored.
 */
import { PrimaryButton } from '@fluentui/react';
import { expect } from 'chai';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { FirmApi } from '../../../dev/shell/app/api-client';
import { HostBridge } from '../../../dev/shell/app/host-bridge';
import { createHostClient, type HostClient } from '../../../src/sync/host/client';
import { makeEvent, makeRequest, type HostMessage, type HostTheme } from '../../../src/sync/host/protocol';
import { panelTheme, PanelThemeProvider } from '../../../src/taskpane/shared/panel-theme';
import { delay, openFakeHostFrame, reloadAndPost, type FakeHostFrame } from './fake-host-frame';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

async function waitFor<T>(probe: () => T | undefined | false, what: string, ms = 3000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}.`);
    await delay(10);
  }
}

describe('host theme: shell side (HostBridge)', () => {
  interface RecordingWindow extends Window {
    received: Array<{ data: HostMessage; origin: string }>;
    send(message: unknown): void;
  }
  const SRC = `<!doctype html><script>
    window.received = [];
    addEventListener('message', (e) => window.received.push({ data: e.data, origin: e.origin }));
    window.send = (m) => parent.postMessage(m, '*');
  </script>`;
  let iframes: HTMLIFrameElement[] = [];
  let bridge: HostBridge;
  let theme: HostTheme;

  async function frame(): Promise<RecordingWindow> {
    const el = document.createElement('iframe');
    el.srcdoc = SRC;
    const loaded = new Promise((r) => el.addEventListener('load', r, { once: true }));
    document.body.appendChild(el);
    iframes.push(el);
    await loaded;
    return el.contentWindow as RecordingWindow;
  }

  beforeEach(() => {
    theme = 'dark';
    const api: FirmApi = { request: () => Promise.reject(new Error('no REST call expected')), text: () => Promise.resolve('') };
    bridge = new HostBridge({
      window,
      api,
      ui: { showPanel: () => undefined, notify: () => undefined, setPanelWidth: () => 0, openWindow: () => undefined, closeWindow: () => undefined, windowArea: () => ({ width: 800, height: 600 }) },
      info: () => ({ firmId: 'firm-demo', firmName: 'Hartwell & Lee CPAs', user: { id: 'u-pat', name: 'Pat Lee', email: 'pat@firm.test', role: 'admin' } }),
      theme: () => theme,
      warn: () => undefined,
    });
  });

  afterEach(() => {
    bridge.dispose();
    for (const el of iframes) el.remove();
    iframes = [];
  });

  it('answers host.info with the theme the shell shows now', async () => {
    const win = await frame();
    bridge.registerAddin('qbo-sync', window.location.origin);
    bridge.attachFrame('qbo-sync', 'panel', win);
    bridge.markFrameReady('qbo-sync', 'panel');
    win.send(makeRequest('i1', 'host.info', {}));
    const answer = await waitFor(() => win.received.find((r) => r.data.kind === 'response' && r.data.id === 'i1'), 'host.info answer');
    expect((answer.data as { result: { theme: string } }).result.theme).to.equal('dark');
    theme = 'highContrast';
    win.send(makeRequest('i2', 'host.info', {}));
    const second = await waitFor(() => win.received.find((r) => r.data.kind === 'response' && r.data.id === 'i2'), 'second host.info answer');
    expect((second.data as { result: { theme: string } }).result.theme).to.equal('highContrast');
  });

  it('sends themeChanged to every frame of every add-in on its own origin, and to no other window', async () => {
    const panel = await frame();
    const commands = await frame();
    const stranger = await frame();
    bridge.registerAddin('qbo-sync', window.location.origin);
    bridge.attachFrame('qbo-sync', 'panel', panel);
    bridge.attachFrame('qbo-sync', 'commands', commands);
    bridge.markFrameReady('qbo-sync', 'panel');
    bridge.markFrameReady('qbo-sync', 'commands');
    bridge.emitThemeChanged('highContrast');
    for (const win of [panel, commands]) {
      const got = await waitFor(() => win.received.find((r) => r.data.kind === 'event'), 'the themeChanged event');
      expect(got.origin).to.equal(window.location.origin);
      expect(got.data).to.deep.include({ kind: 'event', event: 'themeChanged', data: { theme: 'highContrast' } });
    }
    await delay(50);
    expect(stranger.received).to.deep.equal([]);
  });
});

describe('host theme: add-in side (PanelThemeProvider on a real host client)', () => {
  let host: FakeHostFrame;
  let client: HostClient;
  let container: HTMLDivElement;
  let root: Root;

  const painted = (): string | undefined => document.body.dataset.theme;

  beforeEach(async () => {
    host = await openFakeHostFrame();
    host.win.respond = (request) =>
      request.method === 'host.info'
        ? { ok: true, result: { protocolVersion: 1, hostName: 'OfficeTools', hostVersion: '1.0.0', firmId: 'f', firmName: 'F', user: { id: 'u', name: 'U', email: 'u@f.test', role: 'staff' }, theme: 'dark' } }
        : 'silent';
    client = createHostClient({ target: host.win, trustedOrigins: [window.location.origin] });
    container = document.createElement('div');
    document.body.appendChild(container);
    root = createRoot(container);
    await act(async () =>
      root.render(
        <PanelThemeProvider host={client}>
          <PrimaryButton text="Export to QBO" />
        </PanelThemeProvider>,
      ),
    );
  });

  afterEach(async () => {
    await act(async () => root.unmount());
    container.remove();
    client.dispose();
    host.remove();
  });

  it('paints with the theme host.info names: the page body and the Fluent components in it', async () => {
    await waitFor(() => painted() === 'dark', 'the dark theme from host.info');
    expect(host.win.requests.some((r) => r.method === 'host.info')).to.equal(true);
    const background = getComputedStyle(document.body).backgroundColor;
    expect(background).to.equal(hexToRgb(panelTheme('dark').semanticColors.bodyBackground));
    const button = container.querySelector('button');
    if (!button) throw new Error('no button');
    expect(getComputedStyle(button).backgroundColor).to.equal(hexToRgb(panelTheme('dark').semanticColors.primaryButtonBackground));
  });

  it('follows themeChanged from the host, ignoring theme names it does not know', async () => {
    await waitFor(() => painted() === 'dark', 'the dark theme from host.info');
    await act(async () => {
      host.win.post(makeEvent('themeChanged', { theme: 'highContrast' }));
      await delay(50);
    });
    await waitFor(() => painted() === 'highContrast', 'the high contrast theme');
    expect(getComputedStyle(document.body).backgroundColor).to.equal('rgb(0, 0, 0)');
    // Fluent's own components follow: the primary button turns Windows high-contrast yellow.
    const button = container.querySelector('button');
    expect(button && getComputedStyle(button).backgroundColor).to.equal('rgb(255, 255, 0)');
    await act(async () => {
      host.win.post(makeEvent('themeChanged', { theme: 'sepia' as HostTheme }));
      await delay(80);
    });
    expect(painted()).to.equal('highContrast');
    await act(async () => {
      host.win.post(makeEvent('themeChanged', { theme: 'light' }));
      await delay(50);
    });
    await waitFor(() => painted() === 'light', 'the light theme again');
  });

  it('ignores themeChanged from the same frame on another origin, and from another window', async () => {
    await waitFor(() => painted() === 'dark', 'the dark theme from host.info');
    // Same window, opaque origin: the source matches but the origin is not trusted.
    await act(async () => {
      await reloadAndPost(host, makeEvent('themeChanged', { theme: 'light' }), true);
      await delay(80);
    });
    expect(painted()).to.equal('dark');
    // Trusted origin, but not the host window.
    const impostor = await openFakeHostFrame();
    await act(async () => {
      impostor.win.post(makeEvent('themeChanged', { theme: 'light' }));
      await delay(80);
    });
    impostor.remove();
    expect(painted()).to.equal('dark');
  });
});

function hexToRgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}
