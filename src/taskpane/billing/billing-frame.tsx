/**
 * The frame of each Time & Billing window: its title, the one MessageBar for failures, the
 * connection it needs, and the billing jobs of the connected company. A fix for a blocked
 * document opens the Integration window right here, over the list, so the user comes back to
 * the same selection; a fix elsewhere (e.g. "export the invoice first") asks OfficeTools to show
 * the panel at that view.
 *
 * In a host window (`page`, docs/decisions/0008-host-windows.md) the frame fills the window: the
 * list scrolls inside it and the footer's Close stays in view; the host's close button and
 * Escape close it too.
 */
import { DefaultButton, mergeStyles, MessageBar, MessageBarType, Stack, Text } from '@fluentui/react';
import { ConnectionGate, usableConnection } from '../shared/connection-gate';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { integrationTabForView, type IntegrationTabContents, type IntegrationTabKey } from '../integration-window/integration-tabs';
// The window and its tabs are fetched when first opened (load budget).
import { IntegrationWindow, TAB_CONTENTS } from '../lazy-views';
import { useWindowDismiss, type HostWindowPage } from '../host-window/host-window-page';
import { describeError } from '../shared/describe-error';
import { FirmStatusBanner, type FirmStatusSource } from '../shared/firm-status-banner';
import type { PanelHost, PanelProxy, PanelSettings } from '../shared/panel-services';
import type { BlockFix } from './billing-run';
import type { BillingService, BillingViewDeps } from './billing-service';
import type { BillingWords } from './billing-words';

export interface BillingBodyContext {
  service: BillingService;
  realmId: string;
  host: PanelHost;
  reportError(action: string, error: unknown): void;
  clearError(): void;
  /** Opens the place to fix a blocked document; `after` runs when the user is back. */
  openFix(fix: BlockFix, after: () => void): void;
  /** Counts changes other staff made to the firm's documents (exported marks); a list re-reads when it moves. */
  revision: number;
}

export interface BillingFrameProps {
  words: BillingWords;
  host: PanelHost;
  proxy: PanelProxy;
  settings: PanelSettings;
  deps: BillingViewDeps;
  /** @defaultvalue TAB_CONTENTS */
  tabs?: IntegrationTabContents;
  onOpenIntegrations(): void;
  /** Where the firm's replication status comes from. Absent: no banner. */
  firm?: FirmStatusSource;
  children(context: BillingBodyContext): ReactNode;
  /** The host window this page is. Absent: the frame is a view of the panel. */
  page?: HostWindowPage;
}

/**
 * The document lists' column headers stay in view while the list scrolls (they scroll inside
 * their own box). In a host window the list's box also shrinks with a short window (1366×768),
 * so the action under it and the footer stay in view; the list scrolls, not the window.
 */
const LIST_LAYOUT = mergeStyles({
  selectors: {
    '& [role="region"][data-is-scrollable="true"] .ms-DetailsList-headerWrapper': { position: 'sticky', top: 0, zIndex: 2 },
    // The list itself must not be a scroll box of its own, or the header sticks to it instead of the region.
    '& [role="region"][data-is-scrollable="true"] .ms-DetailsList': { overflow: 'visible' },
  },
});
const WINDOW_LIST_LAYOUT = mergeStyles({ selectors: { '& [role="region"][data-is-scrollable="true"]': { height: 'min(420px, max(180px, calc(100vh - 310px))) !important' } } });

/** Hidden from sight but read by screen readers: the host window's title bar already shows the title. */
const VISUALLY_HIDDEN = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

type Load =
  | { kind: 'loading' }
  | { kind: 'notConnected'; message: string }
  | { kind: 'failed' }
  | { kind: 'ready'; service: BillingService; realmId: string; companyName: string };

export function BillingFrame({ words, host, proxy, settings, deps, tabs = TAB_CONTENTS, onOpenIntegrations, firm, children, page }: BillingFrameProps) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [error, setError] = useState<string | null>(null);
  const [fixWindow, setFixWindow] = useState<{ tab: IntegrationTabKey; focusId?: string; after: () => void } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    let live = true;
    let opened: BillingService | undefined;
    setLoad({ kind: 'loading' });
    (async () => {
      const status = await proxy.status();
      if (!live) return;
      const usable = usableConnection(proxy, status, words.title);
      if ('refused' in usable) {
        setLoad(usable.refused);
        return;
      }
      opened = await deps.openService(usable.connected.realmId, host);
      if (!live) {
        opened.close();
        return;
      }
      setLoad({ kind: 'ready', service: opened, realmId: usable.connected.realmId, companyName: usable.connected.companyName });
    })().catch((e: unknown) => {
      if (!live) return;
      setLoad({ kind: 'failed' });
      setError(describeError(`Could not open ${words.title}`, e));
    });
    return () => {
      live = false;
      opened?.close();
    };
  }, [proxy, deps, host, words, attempt]);

  // Another staff member exported or imported: the lists re-read their marks from the firm's journal.
  const readyRealm = load.kind === 'ready' ? load.realmId : undefined;
  useEffect(() => {
    if (!readyRealm || !deps.watch) return undefined;
    return deps.watch(readyRealm, ['documents'], () => setRevision((n) => n + 1));
  }, [readyRealm, deps]);

  // Shown in the panel (a host without windows), the lists have more columns than a docked
  // panel is wide: ask the host for the wide panel while a billing window is shown (ADR 0003).
  // The Integration window over the list asks for it too and restores "normal" when it closes,
  // so ask again then. In a host window the host gave the window its room already.
  const inPanel = !page;
  useEffect(() => {
    if (!inPanel) return undefined;
    host.request('ui.setPanelWidth', { mode: 'wide' }).catch(() => undefined);
    return () => {
      host.request('ui.setPanelWidth', { mode: 'normal' }).catch(() => undefined);
    };
  }, [host, inPanel]);
  const fixOpen = fixWindow !== null;
  const fixWasOpen = useRef(false);
  useEffect(() => {
    if (!inPanel) return;
    // Runs after the closed window's own clean-up, so this "wide" is the last word.
    if (fixOpen) fixWasOpen.current = true;
    else if (fixWasOpen.current) {
      fixWasOpen.current = false;
      host.request('ui.setPanelWidth', { mode: 'wide' }).catch(() => undefined);
    }
  }, [host, fixOpen, inPanel]);

  const reportError = useCallback((action: string, e: unknown) => setError(describeError(action, e)), []);
  const clearError = useCallback(() => setError(null), []);
  const openFix = useCallback(
    (fix: BlockFix, after: () => void) => {
      const tab = integrationTabForView(fix.view);
      if (tab) {
        setFixWindow({ tab, focusId: fix.focusId, after });
        return;
      }
      // From a host window, the panel shows the other window only once this one is closed (windows are modal).
      page?.close();
      host.request('ui.showPanel', fix.focusId ? { view: fix.view, focusId: fix.focusId } : { view: fix.view }).catch((e: unknown) => setError(describeError(`Could not open "${fix.label}"`, e)));
    },
    [host, page],
  );
  // The host's close button and Escape close the window (the Integration window over it handles its own).
  useWindowDismiss(fixWindow ? undefined : page, () => page?.close());

  const body = useMemo(
    () => (load.kind === 'ready' ? { service: load.service, realmId: load.realmId, host, reportError, clearError, openFix, revision } : null),
    [load, host, reportError, clearError, openFix, revision],
  );
  const windowContext = useMemo(
    () => (load.kind === 'ready' ? { realmId: load.realmId, companyName: load.companyName, host, proxy, settings } : null),
    [load, host, proxy, settings],
  );

  return (
    <Stack className={page ? `${LIST_LAYOUT} ${WINDOW_LIST_LAYOUT}` : LIST_LAYOUT} tokens={{ childrenGap: 12 }} styles={{ root: page ? { padding: '12px 16px', height: '100%', boxSizing: 'border-box' } : { padding: 16 } }}>
      <Stack horizontal verticalAlign="baseline" tokens={{ childrenGap: 12 }}>
        <Text as="h1" variant="xLarge" styles={{ root: page ? VISUALLY_HIDDEN : { margin: 0 } }}>
          {words.title}
        </Text>
        {load.kind === 'ready' && <Text variant="small">QuickBooks Online company: {load.companyName}</Text>}
      </Stack>
      {error && (
        <MessageBar messageBarType={MessageBarType.error} isMultiline onDismiss={clearError} dismissButtonAriaLabel="Close message">
          {error}
        </MessageBar>
      )}
      {load.kind === 'ready' && firm && <FirmStatusBanner realmId={load.realmId} source={firm} />}
      <ConnectionGate load={load} onOpenIntegrations={onOpenIntegrations} onRetry={() => setAttempt((n) => n + 1)} />
      {/* In a host window the body scrolls here, so the footer below never leaves the window. */}
      {page ? (
        <Stack.Item grow shrink styles={{ root: { minHeight: 0, overflowY: 'auto', overflowX: 'hidden' } }} data-testid="window-body">
          {body && children(body)}
        </Stack.Item>
      ) : (
        body && children(body)
      )}
      {page && (
        <Stack horizontal horizontalAlign="end" styles={{ root: { flex: 'none', borderTop: '1px solid #edebe9', paddingTop: 12 } }} data-testid="window-footer">
          <DefaultButton text="Close" onClick={() => page.close()} />
        </Stack>
      )}
      {fixWindow && windowContext && (
        <IntegrationWindow
          tab={fixWindow.tab}
          focusId={fixWindow.focusId}
          tabs={tabs}
          context={windowContext}
          onClose={() => {
            const { after } = fixWindow;
            setFixWindow(null);
            after();
          }}
        />
      )}
    </Stack>
  );
}
