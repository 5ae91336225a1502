/**
 * What a window shows while it checks the QuickBooks Online connection, when there is none, and
 * when the check failed: one wording for the Time & Billing windows and Reconcile.
 */
import { DefaultButton, MessageBar, MessageBarType, Spinner, SpinnerSize, Stack } from '@fluentui/react';

export type ConnectionLoad = { kind: 'loading' } | { kind: 'notConnected'; message: string } | { kind: 'failed' } | { kind: 'ready' };

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
