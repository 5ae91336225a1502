/**
 * The panel: picks the screen from `?view=` and from the host's `panelView` event (a menu
 * command clicked while the panel is open). Without a trusted host it shows only how to open it.
 */
import { MessageBar, MessageBarType, Stack } from '@fluentui/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PanelView } from '../sync/host/protocol';
import { isBillingView } from './billing/billing-view-name';
import type { BillingViewDeps } from './billing/billing-service';
import { integrationTabForView, type IntegrationTabContents } from './integration-window/integration-tabs';
import { readPanelFocus, WindowFocusContext, type WindowFocus } from './integration-window/window-focus';
import { IntegrationsView, type WindowRequest } from './integrations/integrations-view';
// Sync History and the Time & Billing windows are fetched when first shown (load budget).
import { DefaultSyncHistory, PendingUpdatesView, ReconcileView } from './lazy-views';
import { BillingLauncher } from './host-window/billing-launcher';
import { RECONCILE_WINDOW_TITLE } from './host-window/host-window-name';
import { WindowLauncher } from './host-window/window-launcher';
import type { PendingUpdatesService } from './pending-updates/pending-updates-service';
import type { ReconcileViewDeps } from './reconcile/reconcile-service';
import type { PreflightService } from './integrations/preflight-service';
import { ConnectionAttentionWatch } from './shared/connection-attention-banner';
import type { FirmStatusSource } from './shared/firm-status-banner';
import type { PanelHost, PanelProxy, PanelSettings } from './shared/panel-services';

export const OPEN_FROM_OFFICETOOLS =
  'Open this panel from OfficeTools: Setup > My Company > Information & Settings > Integrations. On its own, outside OfficeTools, it cannot reach your firm’s data.';

export interface AppProps {
  /** Null when the panel is not inside a trusted OfficeTools window. */
  host: PanelHost | null;
  /** Why there is no host, in the user's words. @defaultvalue OPEN_FROM_OFFICETOOLS */
  noHostMessage?: string;
  proxy: PanelProxy;
  settings: PanelSettings;
  initialView: PanelView;
  /** The OfficeTools entity `initialView` opens at (`?focus=`). @defaultvalue the page URL's `focus` parameter */
  initialFocusId?: string;
  /** @defaultvalue TAB_CONTENTS */
  tabs?: IntegrationTabContents;
  /** Sync History's pending contact changes. @defaultvalue over IndexedDB, the proxy and QBO */
  pendingUpdates?: PendingUpdatesService;
  /** The Time & Billing windows' engine. @defaultvalue over the firm's data, the proxy and QBO */
  billing?: BillingViewDeps;
  /** The reconciliation report's engine. @defaultvalue over the firm's links and journal and QBO */
  reconcile?: ReconcileViewDeps;
  /** Where the firm's replication status comes from (offline and not-taken banners). Absent: none shown. */
  firm?: FirmStatusSource;
  /** The pre-flight check of the connected company (Integrations). Absent: not offered. */
  preflight?: PreflightService;
}

/** A window request that may also name the entity to show on its tab. */
type FocusedWindowRequest = WindowRequest & { focusId?: string };

export function App({ host, noHostMessage = OPEN_FROM_OFFICETOOLS, proxy, settings, initialView, initialFocusId, tabs, pendingUpdates, billing, reconcile, firm, preflight }: AppProps) {
  const [view, setView] = useState<PanelView>(initialView);
  // Reconnect in another window's connection banner: Integrations asks, then signs in.
  const [reconnectRequest, setReconnectRequest] = useState(0);
  const nextId = useRef(1);
  // Counts menu requests, so asking again for a Time & Billing window opens it again.
  const [request, setRequest] = useState(0);
  const [windowRequest, setWindowRequest] = useState<FocusedWindowRequest | undefined>(() => {
    const tab = integrationTabForView(initialView);
    const focusId = initialFocusId ?? readPanelFocus(window.location.search);
    return tab ? { tab, id: 0, focusId } : undefined;
  });
  // A new object per request (the window applies each one once); none when nothing is named.
  const windowFocus = useMemo<WindowFocus | undefined>(
    () => (windowRequest?.focusId ? { tab: windowRequest.tab, entity: { otId: windowRequest.focusId } } : undefined),
    [windowRequest],
  );

  useEffect(() => {
    if (!host) return undefined;
    return host.on('panelView', ({ view: next, focusId }) => {
      setView(next);
      setRequest((n) => n + 1);
      const tab = integrationTabForView(next);
      // Another view drops the last window request: Integrations, shown again later, must not reopen that window.
      setWindowRequest(tab ? { tab, id: nextId.current++, focusId } : undefined);
    });
  }, [host]);

  if (!host) {
    return (
      <Stack styles={{ root: { padding: 16 } }}>
        <MessageBar messageBarType={MessageBarType.blocked} isMultiline>
          {noHostMessage}
        </MessageBar>
      </Stack>
    );
  }
  const attention = (
    <ConnectionAttentionWatch
      proxy={proxy}
      onReconnect={() => {
        setView('integrations');
        setReconnectRequest((n) => n + 1);
      }}
    />
  );
  if (view === 'history') return (
    <>
      {attention}
      {pendingUpdates ? <PendingUpdatesView service={pendingUpdates} /> : <DefaultSyncHistory host={host} proxy={proxy} />}
    </>
  );
  if (view === 'reconcile') return (
    <>
      {attention}
      {/* A host window like the billing ones: the tables are wider than the panel. */}
      <WindowLauncher
        key={`reconcile-${request}`}
        name="reconcile"
        title={RECONCILE_WINDOW_TITLE}
        host={host}
        proxy={proxy}
        onOpenIntegrations={() => setView('integrations')}
        renderInPanel={() => <ReconcileView host={host} proxy={proxy} deps={reconcile} onOpenIntegrations={() => setView('integrations')} />}
      />
    </>
  );
  if (isBillingView(view)) {
    // The window opens in the host (docs/decisions/0008-host-windows.md); the panel keeps its width and shows its status.
    return (
      <>
        {attention}
        <BillingLauncher key={`${view}-${request}`} view={view} host={host} proxy={proxy} settings={settings} tabs={tabs} deps={billing} onOpenIntegrations={() => setView('integrations')} firm={firm} />
      </>
    );
  }
  return (
    <WindowFocusContext.Provider value={windowFocus}>
      <IntegrationsView host={host} proxy={proxy} settings={settings} tabs={tabs} windowRequest={windowRequest} firm={firm} preflight={preflight} reconnectRequest={reconnectRequest} />
    </WindowFocusContext.Provider>
  );
}
