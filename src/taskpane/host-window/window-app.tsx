/**
 * The page shown in a host window (taskpane.html?window=…, docs/decisions/0008-host-windows.md):
 * the QuickBooks Online Integration window at a tab, a Time & Billing window or Reconcile, filling the
 * window the host drew. It has its own host connection; closing it (its Close, OK, Cancel, the
 * host's close button or Escape) goes through `ui.closeWindow`, and the panel hears of it. Every
 * window is headed by the connection-attention banner when the connection needs someone.
 */
import { DefaultButton, MessageBar, MessageBarType, Spinner, SpinnerSize, Stack } from '@fluentui/react';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { isBillingView } from '../billing/billing-view-name';
import type { BillingViewDeps } from '../billing/billing-service';
import type { IntegrationTabContents, IntegrationTabKey } from '../integration-window/integration-tabs';
import { BillingView, IntegrationWindow, ReconcileView, TAB_CONTENTS } from '../lazy-views';
import type { ReconcileViewDeps } from '../reconcile/reconcile-service';
import { ConnectionAttentionWatch } from '../shared/connection-attention-banner';
import { describeError } from '../shared/describe-error';
import type { FirmStatusSource } from '../shared/firm-status-banner';
import type { PanelHost, PanelProxy, PanelSettings } from '../shared/panel-services';
import { hostWindowPage, useWindowDismiss, type HostWindowPage } from './host-window-page';
import { hostWindowTitle, type HostWindowName } from './host-window-name';

export interface WindowAppProps {
  name: HostWindowName;
  focusId?: string;
  host: PanelHost;
  proxy: PanelProxy;
  settings: PanelSettings;
  /** @defaultvalue TAB_CONTENTS */
  tabs?: IntegrationTabContents;
  /** The Time & Billing engine. @defaultvalue over the firm's data, the proxy and QBO */
  billing?: BillingViewDeps;
  /** The reconciliation engine. @defaultvalue over the firm's links and journal and QBO */
  reconcile?: ReconcileViewDeps;
  firm?: FirmStatusSource;
  /** @defaultvalue the host window of this page (ui.closeWindow, windowCloseRequested) */
  page?: HostWindowPage;
}

export function WindowApp({ name, focusId, host, proxy, settings, tabs = TAB_CONTENTS, billing, reconcile, firm, page: givenPage }: WindowAppProps) {
  const [closeError, setCloseError] = useState<string>();
  const page = useMemo(() => givenPage ?? hostWindowPage(host, (e) => setCloseError(describeError('Could not close this window', e))), [givenPage, host]);
  const closeNotice = closeError && (
    <MessageBar messageBarType={MessageBarType.error} isMultiline>
      {closeError}
    </MessageBar>
  );
  const openIntegrations = () => {
    page.close();
    host.request('ui.showPanel', { view: 'integrations' }).catch((e: unknown) => setCloseError(describeError('Could not open QuickBooks Integration Options', e)));
  };
  // The connection-attention banner heads the window, as it heads the panel: Reconnect opens
  // QuickBooks Integration Options in the panel, where the connection is made again.
  const top = (
    <>
      {closeNotice}
      <ConnectionAttentionWatch proxy={proxy} onReconnect={openIntegrations} />
    </>
  );
  if (name === 'reconcile') {
    return (
      <WindowLayout top={top}>
        <ReconcileView host={host} proxy={proxy} deps={reconcile} page={page} onOpenIntegrations={openIntegrations} />
      </WindowLayout>
    );
  }
  if (isBillingView(name)) {
    return (
      <WindowLayout top={top}>
        <BillingView
          view={name}
          host={host}
          proxy={proxy}
          settings={settings}
          tabs={tabs}
          deps={billing}
          firm={firm}
          page={page}
          onOpenIntegrations={openIntegrations}
        />
      </WindowLayout>
    );
  }
  return (
    <WindowLayout top={top}>
      <IntegrationWindowPage tab={name} focusId={focusId} host={host} proxy={proxy} settings={settings} tabs={tabs} page={page} />
    </WindowLayout>
  );
}

/**
 * What heads the window (notices, the banner) above a body that fills the rest of it, so that the
 * body's own footer (Close, OK/Cancel) stays in view however tall the head grows.
 */
function WindowLayout({ top, children }: { top: ReactNode; children: ReactNode }) {
  return (
    <div style={{ height: '100vh', display: 'flex', flexDirection: 'column' }}>
      <div style={{ flex: 'none' }}>{top}</div>
      <div style={{ flex: '1 1 0', minHeight: 0, overflow: 'hidden' }} data-testid="window-page-body">
        {children}
      </div>
    </div>
  );
}

type Company = { kind: 'checking' } | { kind: 'ready'; realmId: string; companyName: string } | { kind: 'notConnected'; message: string };

/** The Integration window needs the connected company; without one it says so and offers Close. */
function IntegrationWindowPage(props: { tab: IntegrationTabKey; focusId?: string; host: PanelHost; proxy: PanelProxy; settings: PanelSettings; tabs: IntegrationTabContents; page: HostWindowPage }) {
  const { host, proxy, settings, page } = props;
  const [company, setCompany] = useState<Company>({ kind: 'checking' });
  useEffect(() => {
    let live = true;
    proxy.status().then(
      (status) => {
        if (!live) return;
        const support = status.connected ? proxy.checkCompanySupported(status) : undefined;
        if (status.connected && support?.ok) setCompany({ kind: 'ready', realmId: status.realmId, companyName: status.companyName });
        else setCompany({ kind: 'notConnected', message: `${hostWindowTitle(props.tab)} needs a QuickBooks Online connection. ${support && !support.ok ? `${support.reason} ` : ''}Close this window and connect in QuickBooks Integration Options.` });
      },
      (e: unknown) => live && setCompany({ kind: 'notConnected', message: describeError('Could not check the QuickBooks Online connection', e) }),
    );
    return () => {
      live = false;
    };
  }, [proxy, props.tab]);
  const context = useMemo(() => (company.kind === 'ready' ? { realmId: company.realmId, companyName: company.companyName, host, proxy, settings } : null), [company, host, proxy, settings]);
  useWindowDismiss(context ? undefined : page, () => page.close());

  if (context) return <IntegrationWindow tab={props.tab} focusId={props.focusId} tabs={props.tabs} context={context} page={page} onClose={() => page.close()} />;
  return (
    <Stack tokens={{ childrenGap: 12 }} styles={{ root: { padding: 16 } }}>
      {company.kind !== 'notConnected' ? (
        <Spinner size={SpinnerSize.medium} label="Checking the QuickBooks Online connection…" />
      ) : (
        <MessageBar messageBarType={MessageBarType.warning} isMultiline>
          {company.message}
        </MessageBar>
      )}
      <Stack horizontal horizontalAlign="end">
        <DefaultButton text="Close" onClick={() => page.close()} />
      </Stack>
    </Stack>
  );
}
