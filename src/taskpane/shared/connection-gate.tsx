/**
 * What a window shows while it checks the QuickBooks Online connection, when there is none, and
 * when the check failed: one wording for the Time & Billing windows and Reconcile.
 */
import { DefaultButton, MessageBar, MessageBarType, Spinner, SpinnerSize, Stack } from '@fluentui/react';
import type { ConnectedStatus, ConnectionStatus, ProxyClient } from '../../sync/connection/proxy-client';

export type ConnectionLoad = { kind: 'loading' } | { kind: 'notConnected'; message: string } | { kind: 'failed' } | { kind: 'ready' };

/**
 * The connection `title` can work with, or the notConnected load that says why not (no
 * connection, or a company the add-in does not support) and how to connect.
 */
export function usableConnection(
  proxy: Pick<ProxyClient, 'checkCompanySupported'>,
  status: ConnectionStatus,
  title: string,
): { connected: ConnectedStatus } | { refused: Extract<ConnectionLoad, { kind: 'notConnected' }> } {
  const support = status.connected ? proxy.checkCompanySupported(status) : undefined;
  if (status.connected && support?.ok) return { connected: status };
  const why = support && !support.ok ? `${support.reason} ` : '';
  return {
    refused: {
      kind: 'notConnected',
      message: `${title} needs a QuickBooks Online connection. ${why}Open QuickBooks Integration Options, choose QuickBooks Online and click Connect to QuickBooks Online, then open ${title} again from the Setup menu.`,
    },
  };
}

export function ConnectionGate({ load, onOpenIntegrations, onRetry }: { load: ConnectionLoad; onOpenIntegrations(): void; onRetry(): void }) {
  switch (load.kind) {
    case 'loading':
      return <Spinner size={SpinnerSize.medium} label="Checking the QuickBooks Online connection…" />;
    case 'notConnected':
      return (
        <Stack tokens={{ childrenGap: 12 }}>
          <MessageBar messageBarType={MessageBarType.warning} isMultiline>
            {load.message}
          </MessageBar>
          <Stack horizontal>
            <DefaultButton text="Open QuickBooks Integration Options" onClick={onOpenIntegrations} />
          </Stack>
        </Stack>
      );
    case 'failed':
      return (
        <Stack horizontal>
          <DefaultButton text="Try again" onClick={onRetry} />
        </Stack>
      );
    default:
      return null;
  }
}
