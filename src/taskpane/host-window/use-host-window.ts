/**
 * The panel's state of its host window: opening, open (the panel shows a status line), closed
 * (with the page's summary), or shown in the panel itself when the host cannot draw windows.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from '../shared/describe-error';
import type { PanelHost } from '../shared/panel-services';
import { hostWindowTitle, type HostWindowName } from './host-window-name';
import { openHostWindow } from './open-host-window';

export type HostWindowState =
  | { kind: 'none' }
  | { kind: 'opening' | 'open'; name: HostWindowName }
  | { kind: 'closed'; name: HostWindowName; summary?: string }
  /** The host has no windows (an older OfficeTools): the caller shows the window in the panel. */
  | { kind: 'inPanel'; name: HostWindowName; focusId?: string }
  | { kind: 'failed'; name: HostWindowName; message: string };

export interface UseHostWindow {
  state: HostWindowState;
  open(name: HostWindowName, focusId?: string): void;
  /** The window shown in the panel was closed. */
  closeInPanel(summary?: string): void;
  /** Forget the last outcome (its status line was dismissed). */
  clear(): void;
}

/** `onClosed` runs whenever the window closes (in a host window or in the panel), to re-read what it may have changed. */
export function useHostWindow(host: PanelHost, onClosed?: (name: HostWindowName) => void): UseHostWindow {
  const [state, setState] = useState<HostWindowState>({ kind: 'none' });
  const live = useRef(true);
  const busy = useRef(false);
  const closedRef = useRef(onClosed);
  closedRef.current = onClosed;
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const stateRef = useRef(state);
  stateRef.current = state;

  const open = useCallback(
    (name: HostWindowName, focusId?: string) => {
      // One window at a time: a second request while one opens would be refused by the host anyway.
      if (busy.current) return;
      // Already shown in the panel (the host has no windows): switch it, without unmounting it.
      if (stateRef.current.kind === 'inPanel') {
        setState({ kind: 'inPanel', name, focusId });
        return;
      }
      busy.current = true;
      setState({ kind: 'opening', name });
      openHostWindow(host, name, focusId).then(
        (handle) => {
          if (!handle) {
            busy.current = false;
            if (live.current) setState({ kind: 'inPanel', name, focusId });
            return;
          }
          if (live.current) setState({ kind: 'open', name });
          void handle.closed.then(({ summary }) => {
            busy.current = false;
            if (!live.current) return;
            setState({ kind: 'closed', name, summary });
            closedRef.current?.(name);
          });
        },
        (e: unknown) => {
          busy.current = false;
          if (live.current) setState({ kind: 'failed', name, message: describeError(`Could not open ${hostWindowTitle(name)}`, e) });
        },
      );
    },
    [host],
  );

  const closeInPanel = useCallback((summary?: string) => {
    const shown = stateRef.current;
    if (shown.kind !== 'inPanel') return;
    // Closed in the panel, the window is gone from sight already: only a summary is worth a line.
    setState(summary ? { kind: 'closed', name: shown.name, summary } : { kind: 'none' });
    closedRef.current?.(shown.name);
  }, []);

  const clear = useCallback(() => setState({ kind: 'none' }), []);
  return { state, open, closeInPanel, clear };
}
