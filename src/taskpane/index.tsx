/**
 * The panel's entry: wires the real edges (host client, the firm's connection through the proxy)
 * and renders the App. Everything below App receives these as props or takes them from the
 * frame's panel connection.
 */
import { createRoot } from 'react-dom/client';
import { checkCompanySupported } from '../sync/connection/company-support';
import { ProxyError } from '../sync/connection/proxy-error';
import { connectPageToHost } from '../sync/host/page-host';
import { App, OPEN_FROM_OFFICETOOLS } from './app';
import { readHostWindow } from './host-window/host-window-name';
import { WindowApp } from './host-window/window-app';
import { registerPanelIcons } from './icons';
import { integrationTabForView } from './integration-window/integration-tabs';
import { createPanelPreflight } from './integrations/preflight-service';
import { startPanelConnection } from './shared/panel-connection';
import { HostLocaleGate } from './shared/host-locale';
import { PanelThemeProvider } from './shared/panel-theme';
import type { PanelProxy, PanelSettings } from './shared/panel-services';
import { readPanelView } from './shared/panel-view';
import { preloadHostWindow } from './lazy-views';

const UNTRUSTED_PARENT =
  'This panel was opened inside a window it does not recognise as OfficeTools, so it stays switched off. ' +
  'Open it from the OfficeTools menu (Setup > My Company > Information & Settings > Integrations). ' +
  'If OfficeTools now runs at a different address, ask whoever runs QBO Sync to add that address to its trusted OfficeTools origins.';

/** Without a trusted host nobody can be identified, so nothing may reach the proxy. */
function refusingEdges(): { proxy: PanelProxy; settings: PanelSettings; firmData?: undefined } {
  const refuse = (): Promise<never> => Promise.reject(new ProxyError('identity_missing', 0, OPEN_FROM_OFFICETOOLS));
  return {
    proxy: { status: refuse, startAuth: refuse, complete: refuse, cancel: refuse, disconnect: refuse, checkCompanySupported },
    settings: { load: refuse, save: refuse },
  };
}

registerPanelIcons();
const connected = connectPageToHost(window);
const edges = connected.host ? startPanelConnection(connected.host) : refusingEdges();
const root = document.getElementById('root');
if (!root) throw new Error('The panel page has no #root element; the add-in build is broken.');
// The same page shows a host window (`?window=`, docs/decisions/0008-host-windows.md) with its own host connection.
const hostWindow = readHostWindow(window.location.search);
const initialView = readPanelView(window.location.search);
// A host window's code is asked for at once, so that it renders without suspending (lazy-views.tsx onDemand).
if (connected.host && hostWindow) void preloadHostWindow(hostWindow.name);
// A host window at a Match tab starts reading what the tab will show while its code loads (see prefetch-match-list.ts).
if (connected.host && hostWindow && integrationTabForView(hostWindow.name)) {
  const view = hostWindow.name;
  const host = connected.host;
  void import(/* webpackChunkName: "match-prefetch" */ './match/prefetch-match-list').then((m) => m.prefetchMatchList(view, () => edges.proxy.status(), host)).catch(() => undefined);
}
// Panel and window alike paint in the host's theme (light, dark, high contrast) and show dates,
// amounts and counts in the host user's locale.
createRoot(root).render(
  <PanelThemeProvider host={connected.host}>
    <HostLocaleGate host={connected.host}>
      {connected.host && hostWindow ? (
        <WindowApp name={hostWindow.name} focusId={hostWindow.focusId} host={connected.host} proxy={edges.proxy} settings={edges.settings} firm={edges.firmData} />
      ) : (
        <App
          host={connected.host}
          noHostMessage={connected.host ? undefined : connected.reason === 'not-framed' ? OPEN_FROM_OFFICETOOLS : UNTRUSTED_PARENT}
          proxy={edges.proxy}
          settings={edges.settings}
          firm={edges.firmData}
          preflight={connected.host ? createPanelPreflight(connected.host) : undefined}
          initialView={initialView}
        />
      )}
    </HostLocaleGate>
  </PanelThemeProvider>,
);
