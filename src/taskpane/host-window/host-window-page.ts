/**
 * What a page shown in a host window can do about its window: close it (leaving a one-line
 * summary for the panel) and hear the user's request to close it (the host's close button), so
 * that it can ask about unsaved changes first (docs/decisions/0007-save-semantics.md).
 */
import { useEffect, useRef } from 'react';
import type { PanelHost } from '../shared/panel-services';

export interface HostWindowPage {
  /** Closes this window; `summary` ("2 invoices exported") is shown by the panel. */
  close(summary?: string): void;
  /** The user asked to close the window; returns the unsubscribe function. */
  onCloseRequest(listener: () => void): () => void;
}

/** The host window this page is shown in; failures to close are reported through `onError`. */
export function hostWindowPage(host: PanelHost, onError: (e: unknown) => void): HostWindowPage {
  return {
    close: (summary) => {
      host.request('ui.closeWindow', summary ? { summary } : {}).catch(onError);
    },
    onCloseRequest: (listener) => host.on('windowCloseRequested', () => listener()),
  };
}

/** True while a pop-up of the page (a question, a report) is open: Escape is its to handle. */
function popupOpen(doc: Document): boolean {
  return doc.querySelector('.ms-Dialog, .ms-Modal, .ms-Layer [role="dialog"], .ms-Layer [role="alertdialog"]') !== null;
}

/**
 * Runs `dismiss` when the user asks to close the page's window: the host's close button, or
 * Escape pressed in the page while no pop-up of its own is open. Does nothing without a window.
 */
export function useWindowDismiss(page: HostWindowPage | undefined, dismiss: () => void, doc: Document = document): void {
  const latest = useRef(dismiss);
  latest.current = dismiss;
  useEffect(() => {
    if (!page) return undefined;
    const off = page.onCloseRequest(() => latest.current());
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || popupOpen(doc)) return;
      latest.current();
    };
    doc.addEventListener('keydown', onKey);
    return () => {
      off();
      doc.removeEventListener('keydown', onKey);
    };
  }, [page, doc]);
}
