/**
 * The panel's heavy screens, loaded on demand (issue 12, load budget: at most 200 KB of gzipped
 * JavaScript before first paint). Each one is a separate webpack chunk served by the add-in's
 * own origin; until it arrives the spot shows a Fluent Spinner with a label, and a chunk that
 * cannot be fetched (the add-in was updated or the service restarted) says to reload instead of
 * blanking the panel. The components themselves are unchanged: tests that import them directly
 * get them synchronously.
 */
import { MessageBar, MessageBarType, Spinner, SpinnerSize, Stack } from '@fluentui/react';
import { Component, lazy, Suspense, useMemo, type ComponentType, type ErrorInfo, type ReactNode } from 'react';
import type { BillingViewProps } from './billing/billing-views';
import type { IntegrationTabContents, IntegrationTabProps } from './integration-window/integration-tabs';
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

/**
 * A component whose code is fetched the first time it renders. `what` names it in the load
 * failure message ("the Integration window").
 */
export function onDemand<P extends object>(what: string, load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Lazy = lazy(async () => ({ default: await load() }));
  function OnDemand(props: P) {
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
  return OnDemand;
}

export const IntegrationWindow = onDemand<IntegrationWindowProps>('the QuickBooks Online Integration window', () =>
  import(/* webpackChunkName: "integration-window" */ './integration-window/integration-window').then((m) => m.IntegrationWindow),
);

const matchTabs = () => import(/* webpackChunkName: "match-tabs" */ './match/match-tabs');

/** The Integration window's tabs: Account Defaults and the four Match tabs, each fetched when mounted. */
export const TAB_CONTENTS: IntegrationTabContents = {
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
