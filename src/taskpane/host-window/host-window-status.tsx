/**
 * The panel's one line about its host window, at the panel's normal width: that the window is
 * open (and how to get back to it), that it was closed with what it did, or why it did not open.
 */
import { MessageBar, MessageBarType, Spinner, SpinnerSize } from '@fluentui/react';
import { hostWindowTitle } from './host-window-name';
import type { HostWindowState } from './use-host-window';

export function HostWindowStatus({ state, onDismiss }: { state: HostWindowState; onDismiss(): void }) {
  switch (state.kind) {
    case 'opening':
      return <Spinner size={SpinnerSize.small} label={`Opening ${hostWindowTitle(state.name)}…`} labelPosition="right" />;
    case 'open':
      return (
        <MessageBar messageBarType={MessageBarType.info} isMultiline data-testid="window-status">
          {`${hostWindowTitle(state.name)} is open in its own window. Close it there to come back to this panel.`}
        </MessageBar>
      );
    case 'closed':
      return (
        <MessageBar messageBarType={state.summary ? MessageBarType.success : MessageBarType.info} isMultiline onDismiss={onDismiss} dismissButtonAriaLabel="Close message" data-testid="window-status">
          {state.summary ? `${hostWindowTitle(state.name)}: ${state.summary}` : `${hostWindowTitle(state.name)} was closed.`}
        </MessageBar>
      );
    case 'failed':
      return (
        <MessageBar messageBarType={MessageBarType.error} isMultiline onDismiss={onDismiss} dismissButtonAriaLabel="Close message" data-testid="window-status">
          {state.message}
        </MessageBar>
      );
    default:
      return null;
  }
}
