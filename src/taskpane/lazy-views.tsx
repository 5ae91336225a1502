/**
 * The panel's heavy screens, loaded on demand (issue 12, load budget: at most 200 KB of gzipped
 * JavaScript before first paint). Each one is a separate webpack chunk served by the add-in's
 * own origin; until it arrives the spot shows a Fluent Spinner with a label, and a chunk that
 * cannot be fetched (the add-in was updated or the service restarted) says to reload instead of
 * blanking the panel. The components themselves are unchanged: tests that import them directly
 * get them synchronously.
 */
import { MessageBar, MessageBarType, Spinner, SpinnerSize, Stack } from '@fluentui/react';
import { Component, lazy, Suspense, useMemo, useState, type ComponentType, type ErrorInfo, type ReactNode } from 'react';
import type { BillingViewProps } from './billing/billing-views';
import type { IntegrationTabKey, IntegrationTabProps } from './integration-window/integration-tabs';
import { isBillingView } from './billing/billing-view-name';
import type { HostWindowName } from './host-window/host-window-name';
import type { ConfirmDialogProps } from './integrations/confirm-dialog';
import type { ContactTypesDialogProps } from './integrations/contact-types-dialog';
import type { IntegrationWindowProps } from './integration-window/integration-window';
import type { PendingUpdatesViewProps } from './pending-updates/pending-updates-view';
import type { PanelHost, PanelProxy } from './shared/panel-services';
import type { ReconcileViewProps } from './reconcile/reconcile-view';

/** The label a screen shows while its code loads. */
export const LOADING_LABEL = 'Loading…';

interface LoadFailureProps {
  what: string;
  children: ReactNode;
}

/** Catches a chunk that failed to load; React.lazy keeps the failure, so only a reload helps. */
class LoadFailure extends Component<LoadFailureProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Kept in the console for whoever reads it; the panel shows what to do.
    console.error(`The panel could not load ${this.props.what}`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <MessageBar messageBarType={MessageBarType.error} isMultiline>
        {`The panel could not load ${this.props.what}: the QBO Sync service may have restarted or been updated. Close and reopen the panel; if it keeps failing, check that the QBO Sync service is running.`}
      </MessageBar>
    );
  }
}

/** A component fetched on demand, whose code can be asked for before it first renders. */
export type OnDemandComponent<P extends object> = ComponentType<P> & {
  /** Starts fetching the code; resolves once it is in (a failure is left to the render, which shows it). */
  preload(): Promise<void>;
};

/**
 * A component whose code is fetched the first time it renders, or earlier by `preload`. `what`
 * names it in the load failure message ("the Integration window").
 *
 * Code already in when an instance first renders is rendered directly, without a Suspense
 * boundary: React holds back the reveal of suspended content until 300 ms after the last
 * fallback was shown (its Suspense throttling), so a host window whose window, tab and hidden
 * tabs each suspended once showed its lists 300 to 600 ms after their data was in. An instance
 * keeps the way it first rendered, so it is never remounted when the code arrives.
 */
export function onDemand<P extends object>(what: string, load: () => Promise<ComponentType<P>>): OnDemandComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const start = (): Promise<ComponentType<P>> => {
    loading ??= load().then((component) => (loaded = component));
    return loading;
  };
  const Lazy = lazy(async () => ({ default: await start() }));
  function OnDemand(props: P) {
    const [Loaded] = useState(() => loaded);
    if (Loaded) {
      return (
        <LoadFailure what={what}>
          <Loaded {...props} />
        </LoadFailure>
      );
    }
    return (
      <LoadFailure what={what}>
        <Suspense
          fallback={
            <Stack horizontalAlign="center" styles={{ root: { padding: 24 } }}>
              <Spinner size={SpinnerSize.large} label={LOADING_LABEL} />
            </Stack>
          }
        >
          <Lazy {...props} />
        </Suspense>
      </LoadFailure>
    );
  }
  OnDemand.displayName = `OnDemand(${what})`;
  return Object.assign(OnDemand, { preload: () => start().then(() => undefined, () => undefined) });
}

export const IntegrationWindow = onDemand<IntegrationWindowProps>('the QuickBooks Online Integration window', () =>
  import(/* webpackChunkName: "integration-window" */ './integration-window/integration-window').then((m) => m.IntegrationWindow),
);

const matchTabs = () => import(/* webpackChunkName: "match-tabs" */ './match/match-tabs');

/** The Integration window's tabs: Account Defaults and the four Match tabs, each fetched when mounted. */
export const TAB_CONTENTS: Record<IntegrationTabKey, OnDemandComponent<IntegrationTabProps>> = {
  accountDefaults: onDemand<IntegrationTabProps>('the Account Defaults tab', () =>
    import(/* webpackChunkName: "account-defaults" */ './account-defaults/account-defaults-tabs').then((m) => m.AccountDefaultsWindowTab),
  ),
  contactMatch: onDemand<IntegrationTabProps>('the Contact Match tab', () => matchTabs().then((m) => m.ContactMatchTab)),
  employeeMatch: onDemand<IntegrationTabProps>('the Employee Match tab', () => matchTabs().then((m) => m.EmployeeMatchTab)),
  workCodeMatch: onDemand<IntegrationTabProps>('the Work Code Match tab', () => matchTabs().then((m) => m.WorkCodeMatchTab)),
  expenseCodeMatch: onDemand<IntegrationTabProps>('the Expense Code Match tab', () => matchTabs().then((m) => m.ExpenseCodeMatchTab)),
};

/** The pop-up dialogs of the Integrations screen, rendered only while asked (Fluent's Dialog and Modal stay out of the first load). */
export const ConfirmDialog = onDemand<ConfirmDialogProps>('this question', () =>
  import(/* webpackChunkName: "dialogs" */ './integrations/confirm-dialog').then((m) => m.ConfirmDialog),
);

export const ContactTypesDialog = onDemand<ContactTypesDialogProps>('the Select Contact Types window', () =>
  import(/* webpackChunkName: "dialogs" */ './integrations/contact-types-dialog').then((m) => m.ContactTypesDialog),
);

export const BillingView = onDemand<BillingViewProps>('this Time & Billing window', () =>
  import(/* webpackChunkName: "billing" */ './billing/billing-views').then((m) => m.BillingView),
);

export const PendingUpdatesView = onDemand<PendingUpdatesViewProps>('Sync History', () =>
  import(/* webpackChunkName: "sync-history" */ './pending-updates/pending-updates-view').then((m) => m.PendingUpdatesView),
);

export interface DefaultSyncHistoryProps {
  host: PanelHost;
  proxy: PanelProxy;
}

/**
 * Sync History over the real pending-updates service (IndexedDB, the proxy and QBO), both
 * fetched with the view. The service is built while Sync History is shown: it opens a broadcast
 * channel to the commands runtime.
 */
export const DefaultSyncHistory = onDemand<DefaultSyncHistoryProps>('Sync History', async () => {
  const [view, service, schema] = await Promise.all([
    import(/* webpackChunkName: "sync-history" */ './pending-updates/pending-updates-view'),
    import(/* webpackChunkName: "sync-history" */ './pending-updates/pending-updates-service'),
    import('../sync/store/schema'),
  ]);
  function DefaultSyncHistoryView({ host, proxy }: DefaultSyncHistoryProps) {
    const pending = useMemo(() => service.createDefaultPendingUpdatesService(host, () => proxy.status(), () => schema.openSyncDb()), [host, proxy]);
    return <view.PendingUpdatesView service={pending} />;
  }
  return DefaultSyncHistoryView;
});

export const ReconcileView = onDemand<ReconcileViewProps>('Reconcile with QuickBooks Online', () =>
  import(/* webpackChunkName: "reconcile" */ './reconcile/reconcile-view').then((m) => m.ReconcileView),
);

/**
 * The code a host window at `name` renders first, fetched as its page starts, so that nothing in
 * it suspends (see onDemand): the Integration window with every tab (the hidden tabs mount too),
 * a Time & Billing window, or Reconcile.
 */
export function preloadHostWindow(name: HostWindowName): Promise<void> {
  if (name === 'reconcile') return ReconcileView.preload();
  if (isBillingView(name)) return BillingView.preload();
  return Promise.all([IntegrationWindow.preload(), ...Object.values(TAB_CONTENTS).map((tab) => tab.preload())]).then(() => undefined);
}
