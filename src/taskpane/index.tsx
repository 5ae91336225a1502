/**
 * The panel's entry: wires the real edges (host client, proxy client, IndexedDB settings) and
 * renders the App. Everything below App receives these as props.
 */
import { createRoot } from 'react-dom/client';
import { createMemorySessionStore, createProxyClient, createStorageSessionStore, type SessionStore } from '../sync/connection/proxy-client';
import { connectPageToHost } from '../sync/host/page-host';
import { openSyncDb } from '../sync/store/schema';
import { App, OPEN_FROM_OFFICETOOLS } from './app';
import { registerPanelIcons } from './icons';
import { createIdbPanelSettings } from './shared/panel-services';
import { readPanelView } from './shared/panel-view';

const UNTRUSTED_PARENT =
  'This panel was opened inside a window it does not recognise as OfficeTools, so it stays switched off. ' +
  'Open it from the OfficeTools menu (Setup > My Company > Information & Settings > Integrations). ' +
  'If OfficeTools now runs at a different address, ask whoever runs QBO Sync to add that address to its trusted OfficeTools origins.';

function sessionStore(): SessionStore {
  try {
    return createStorageSessionStore(window.localStorage);
  } catch {
    // Storage blocked by the browser: the connection then lasts as long as the page.
    return createMemorySessionStore();
  }
}

registerPanelIcons();
const connected = connectPageToHost(window);
const root = document.getElementById('root');
if (!root) throw new Error('The panel page has no #root element; the add-in build is broken.');
createRoot(root).render(
  <App
    host={connected.host}
    noHostMessage={connected.host ? undefined : connected.reason === 'not-framed' ? OPEN_FROM_OFFICETOOLS : UNTRUSTED_PARENT}
    proxy={createProxyClient(window.location.origin, sessionStore())}
    settings={createIdbPanelSettings(() => openSyncDb())}
    initialView={readPanelView(window.location.search)}
  />,
);
