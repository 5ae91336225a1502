/**
 * The panel: picks the screen from `?view=` and from the host's `panelView` event (a menu
 * command clicked while the panel is open). Without a trusted host it shows only how to open it.
 */
import { MessageBar, MessageBarType, Stack } from '@fluentui/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PanelView } from '../sync/host/protocol';
import { BillingView, isBillingView } from './billing/billing-views';
import type { BillingViewDeps } from './billing/billing-service';
import { integrationTabForView, type IntegrationTabContents } from './integration-window/integration-tabs';
import { IntegrationsView, type WindowRequest } from './integrations/integrations-view';
import { createDefaultPendingUpdatesService, type PendingUpdatesService } from './pending-updates/pending-updates-service';
import { PendingUpdatesView } from './pending-updates/pending-updates-view';
import { openSyncDb } from '../sync/store/schema';
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
  /** @defaultvalue TAB_CONTENTS */
  tabs?: IntegrationTabContents;
  /** Sync History's pending contact changes. @defaultvalue over IndexedDB, the proxy and QBO */
  pendingUpdates?: PendingUpdatesService;
  /** The Time & Billing windows' engine. @defaultvalue over IndexedDB, the proxy and QBO */
  billing?: BillingViewDeps;
}

export function App({ host, noHostMessage = OPEN_FROM_OFFICETOOLS, proxy, settings, initialView, tabs, pendingUpdates, billing }: AppProps) {
  const [view, setView] = useState<PanelView>(initialView);
  const onHistory = view === 'history';
  // Built only when Sync History is shown: it opens a broadcast channel to the commands runtime.
  const pendingService = useMemo(
    () => pendingUpdates ?? (host && onHistory ? createDefaultPendingUpdatesService(host, () => proxy.status(), () => openSyncDb()) : undefined),
    [pendingUpdates, host, proxy, onHistory],
  );
  const nextId = useRef(1);
  const [windowRequest, setWindowRequest] = useState<WindowRequest | undefined>(() => {
    const tab = integrationTabForView(initialView);
    return tab ? { tab, id: 0 } : undefined;
  });

  useEffect(() => {
    if (!host) return undefined;
    return host.on('panelView', ({ view: next }) => {
      setView(next);
      const tab = integrationTabForView(next);
      if (tab) setWindowRequest({ tab, id: nextId.current++ });
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
  if (view === 'history' && pendingService) return <PendingUpdatesView service={pendingService} />;
  if (isBillingView(view)) {
    return <BillingView view={view} host={host} proxy={proxy} settings={settings} tabs={tabs} deps={billing} onOpenIntegrations={() => setView('integrations')} />;
  }
  return <IntegrationsView host={host} proxy={proxy} settings={settings} tabs={tabs} windowRequest={windowRequest} />;
}
