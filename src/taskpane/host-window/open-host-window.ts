/**
 * The panel's side of a host window: asks the host to draw one (ui.openWindow) and resolves when
 * it closes (windowClosed), with the one-line summary its page left. A host that does not know
 * the method (an older OfficeTools) answers `unknown_method`: the caller then shows the window
 * inside the panel as before.
 */
import { isHostRequestError } from '../../sync/host/client';
import type { PanelHost } from '../shared/panel-services';
import { hostWindowSize, hostWindowTitle, hostWindowUrl, type HostWindowName } from './host-window-name';

export interface HostWindowHandle {
  windowId: string;
  /** Resolves when the window closed, by its page or by the user. */
  closed: Promise<{ summary?: string }>;
  /** Closes it from the panel (a no-op once closed). */
  close(): Promise<void>;
}

/** Null when the host cannot draw windows; a refusal (e.g. another window is open) rejects. */
export async function openHostWindow(host: PanelHost, name: HostWindowName, focusId?: string, pageHref = window.location.href): Promise<HostWindowHandle | null> {
  // Listen before asking: a window closed at once must not be missed.
  const early = new Map<string, { summary?: string }>();
  let settle: ((outcome: { summary?: string }) => void) | undefined;
  const own: { id?: string } = {};
  const closed = new Promise<{ summary?: string }>((resolve) => {
    settle = resolve;
  });
  const off = host.on('windowClosed', ({ windowId, summary }) => {
    const outcome = summary ? { summary } : {};
    if (own.id === undefined) early.set(windowId, outcome);
    else if (windowId === own.id) finish(outcome);
  });
  function finish(outcome: { summary?: string }): void {
    off();
    settle?.(outcome);
    settle = undefined;
  }
  let windowId: string;
  try {
    ({ windowId } = await host.request('ui.openWindow', { url: hostWindowUrl(pageHref, name, focusId), title: hostWindowTitle(name), ...hostWindowSize(name) }));
  } catch (e) {
    off();
    if (isHostRequestError(e) && e.code === 'unknown_method') return null;
    throw e;
  }
  own.id = windowId;
  const already = early.get(windowId);
  if (already) finish(already);
  return {
    windowId,
    closed,
    close: async () => {
      await host.request('ui.closeWindow', { windowId }).catch(() => undefined);
    },
  };
}
