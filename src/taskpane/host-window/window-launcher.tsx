/**
 * A menu command whose screen is a host window (a Time & Billing window, Reconcile): checks the
 * QuickBooks Online connection at the panel's normal width (a missing connection is a one-line
 * notice, not a window), then opens the window in the host (docs/decisions/0008-host-windows.md)
 * and shows its status. A host without windows gets the screen inside the panel, as before.
 */
import { DefaultButton, MessageBar, MessageBarType, Stack, Text } from '@fluentui/react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ConnectionGate, usableConnection, type ConnectionLoad } from '../shared/connection-gate';
import { describeError } from '../shared/describe-error';
import type { PanelHost, PanelProxy } from '../shared/panel-services';
import type { HostWindowName } from './host-window-name';
import { HostWindowStatus } from './host-window-status';
import { useHostWindow } from './use-host-window';

export interface WindowLauncherProps {
  name: HostWindowName;
  title: string;
  host: PanelHost;
  proxy: Pick<PanelProxy, 'status' | 'checkCompanySupported'>;
  onOpenIntegrations(): void;
  /** The screen itself, shown in the panel when the host cannot draw windows. */
  renderInPanel(): ReactNode;
}

/** Mounted once per menu request (the panel keys it), so each request opens the window again. */
export function WindowLauncher({ name, title, host, proxy, onOpenIntegrations, renderInPanel }: WindowLauncherProps) {
  const [load, setLoad] = useState<ConnectionLoad>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [checkError, setCheckError] = useState<string>();
  const windows = useHostWindow(host);
  const opened = useRef(false);
  const { open } = windows;

  useEffect(() => {
    let live = true;
    setLoad({ kind: 'loading' });
    setCheckError(undefined);
    proxy.status().then(
      (status) => {
        if (!live) return;
        const usable = usableConnection(proxy, status, title);
        if ('refused' in usable) {
          setLoad(usable.refused);
          return;
        }
        setLoad({ kind: 'ready' });
      },
      (e: unknown) => {
        if (!live) return;
        setLoad({ kind: 'failed' });
        setCheckError(describeError(`Could not open ${title}`, e));
      },
    );
    return () => {
      live = false;
    };
  }, [proxy, title, attempt]);

  useEffect(() => {
    if (load.kind !== 'ready' || opened.current) return;
    opened.current = true;
    open(name);
  }, [load, open, name]);

  if (windows.state.kind === 'inPanel') return <>{renderInPanel()}</>;
  return (
    <Stack tokens={{ childrenGap: 12 }} styles={{ root: { padding: 16 } }}>
      <Text as="h1" variant="xLarge" styles={{ root: { margin: 0 } }}>
        {title}
      </Text>
      {checkError && (
        <MessageBar messageBarType={MessageBarType.error} isMultiline>
          {checkError}
        </MessageBar>
      )}
      <ConnectionGate load={load} onOpenIntegrations={onOpenIntegrations} onRetry={() => setAttempt((n) => n + 1)} />
      <HostWindowStatus state={windows.state} onDismiss={windows.clear} />
      {(windows.state.kind === 'closed' || windows.state.kind === 'failed' || windows.state.kind === 'none') && load.kind === 'ready' && (
        <Stack horizontal>
          <DefaultButton text={`Open ${title}`} onClick={() => open(name)} />
        </Stack>
      )}
    </Stack>
  );
}
