/**
 * The frame of each Time & Billing window: its title, the one MessageBar for failures, the
 * connection it needs, and the billing jobs of the connected company. A fix for a blocked
 * document opens the Integration window right here, over the list, so the user comes back to
 * the same selection; a fix elsewhere (e.g. "export the invoice first") asks OfficeTools to show
 * the panel at that view.
 */
import { MessageBar, MessageBarType, Stack, Text } from '@fluentui/react';
import { ConnectionGate } from '../shared/connection-gate';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { integrationTabForView, type IntegrationTabContents, type IntegrationTabKey } from '../integration-window/integration-tabs';
// The window and its tabs are fetched when first opened (load budget).
import { IntegrationWindow, TAB_CONTENTS } from '../lazy-views';
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
}

type Load =
  | { kind: 'loading' }
  | { kind: 'notConnected'; message: string }
  | { kind: 'failed' }
  | { kind: 'ready'; service: BillingService; realmId: string; companyName: string };

export function BillingFrame({ words, host, proxy, settings, deps, tabs = TAB_CONTENTS, onOpenIntegrations, firm, children }: BillingFrameProps) {
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
      const support = status.connected ? proxy.checkCompanySupported(status) : undefined;
      if (!status.connected || !support?.ok) {
        const why = support && !support.ok ? `${support.reason} ` : '';
        setLoad({
          kind: 'notConnected',
          message: `${words.title} needs a QuickBooks Online connection. ${why}Open QuickBooks Integration Options, choose QuickBooks Online and click Connect to QuickBooks Online, then open ${words.title} again from the Setup menu.`,
        });
        return;
      }
      opened = await deps.openService(status.realmId, host);
      if (!live) {
        opened.close();
        return;
      }
      setLoad({ kind: 'ready', service: opened, realmId: status.realmId, companyName: status.companyName });
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

  // The lists have more columns than a docked panel is wide (the Exported check would sit
  // behind a horizontal scroll): ask the host for the wide panel while a billing window is
  // shown. The Integration window over the list asks for it too and restores "normal" when it
  // closes, so ask again then. A host without the ability leaves the width as it is.
  useEffect(() => {
    host.request('ui.setPanelWidth', { mode: 'wide' }).catch(() => undefined);
    return () => {
      host.request('ui.setPanelWidth', { mode: 'normal' }).catch(() => undefined);
    };
  }, [host]);
  const fixOpen = fixWindow !== null;
  const fixWasOpen = useRef(false);
  useEffect(() => {
    // Runs after the closed window's own clean-up, so this "wide" is the last word.
    if (fixOpen) fixWasOpen.current = true;
    else if (fixWasOpen.current) {
      fixWasOpen.current = false;
      host.request('ui.setPanelWidth', { mode: 'wide' }).catch(() => undefined);
    }
  }, [host, fixOpen]);

  const reportError = useCallback((action: string, e: unknown) => setError(describeError(action, e)), []);
  const clearError = useCallback(() => setError(null), []);
  const openFix = useCallback(
    (fix: BlockFix, after: () => void) => {
      const tab = integrationTabForView(fix.view);
      if (tab) {
        setFixWindow({ tab, focusId: fix.focusId, after });
        return;
      }
      host.request('ui.showPanel', fix.focusId ? { view: fix.view, focusId: fix.focusId } : { view: fix.view }).catch((e: unknown) => setError(describeError(`Could not open "${fix.label}"`, e)));
    },
    [host],
  );

  const body = useMemo(
    () => (load.kind === 'ready' ? { service: load.service, realmId: load.realmId, host, reportError, clearError, openFix, revision } : null),
    [load, host, reportError, clearError, openFix, revision],
  );
  const windowContext = useMemo(
    () => (load.kind === 'ready' ? { realmId: load.realmId, companyName: load.companyName, host, proxy, settings } : null),
    [load, host, proxy, settings],
  );

  return (
    <Stack tokens={{ childrenGap: 12 }} styles={{ root: { padding: 16 } }}>
      <Stack horizontal verticalAlign="baseline" tokens={{ childrenGap: 12 }}>
        <Text as="h1" variant="xLarge" styles={{ root: { margin: 0 } }}>
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
      {body && children(body)}
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
