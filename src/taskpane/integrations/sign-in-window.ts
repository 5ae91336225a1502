/**
 * The Intuit sign-in, run in a dialog window the host opens. The proxy's callback page reports
 * the result to the host, which relays it as `dialogMessage`; closing the window gives
 * `dialogClosed`. Events are heard from before the window opens, because a fast answer could
 * otherwise arrive before we know the dialog's id.
 *
 * An `authorized` answer carries the one-time `completion` the panel posts back to attach the
 * company to the firm (docs/firm-contract.md §2); it counts only for the flow this panel
 * started (its `flowId`), so an answer meant for another flow cannot be completed here.
 */
import type { PanelHost } from '../shared/panel-services';

/** What the proxy's callback page sends (docs/firm-contract.md §2, GET /auth/callback). */
export type SignInResult =
  | { status: 'authorized'; completion: string; flowId: string; realmId: string; companyName: string; country: string }
  | { status: 'denied' }
  | { status: 'error'; message: string };

export type SignInOutcome = { kind: 'result'; result: SignInResult } | { kind: 'closed' } | { kind: 'cancelled' };

export interface SignInWindow {
  outcome: Promise<SignInOutcome>;
  /** Gives up waiting and asks the host to close the window. */
  cancel(): void;
  /** Asks the host to close the window (it may be gone already). */
  close(): Promise<void>;
}

export function parseSignInResult(message: unknown): SignInResult | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  const text = (k: string) => (typeof m[k] === 'string' ? (m[k] as string) : '');
  switch (m.status) {
    case 'authorized':
      // Without its completion value the answer cannot be acted on: not a result.
      if (!text('completion') || !text('flowId')) return undefined;
      return {
        status: 'authorized',
        completion: text('completion'),
        flowId: text('flowId'),
        realmId: text('realmId'),
        companyName: text('companyName'),
        country: text('country'),
      };
    case 'denied':
      return { status: 'denied' };
    case 'error':
      return { status: 'error', message: text('message') };
    default:
      return undefined;
  }
}

export const SIGN_IN_WINDOW_SIZE = { width: 520, height: 680 };

export async function openSignInWindow(host: PanelHost, url: string, flowId: string): Promise<SignInWindow> {
  // Set once the host has opened the window; until then events are kept in `early`.
  const opened: { dialogId?: string } = {};
  const early: Array<{ dialogId: string; outcome: SignInOutcome }> = [];
  let settle: ((o: SignInOutcome) => void) | undefined;
  const outcome = new Promise<SignInOutcome>((resolve) => {
    settle = resolve;
  });

  const offer = (id: string, o: SignInOutcome) => {
    if (opened.dialogId === undefined) early.push({ dialogId: id, outcome: o });
    else if (id === opened.dialogId) finish(o);
  };
  const offMessage = host.on('dialogMessage', (d) => {
    const result = parseSignInResult(d.message);
    // Other messages from the page, and another flow's authorization, do not end the wait.
    if (!result || (result.status === 'authorized' && result.flowId !== flowId)) return;
    offer(d.dialogId, { kind: 'result', result });
  });
  const offClosed = host.on('dialogClosed', (d) => offer(d.dialogId, { kind: 'closed' }));
  function finish(o: SignInOutcome): void {
    offMessage();
    offClosed();
    settle?.(o);
    settle = undefined;
  }

  let dialogId: string;
  try {
    ({ dialogId } = await host.request('ui.openDialog', { url, ...SIGN_IN_WINDOW_SIZE }));
  } catch (error) {
    finish({ kind: 'cancelled' });
    throw error;
  }
  opened.dialogId = dialogId;
  const first = early.find((e) => e.dialogId === dialogId);
  if (first) finish(first.outcome);

  const close = async (): Promise<void> => {
    try {
      await host.request('ui.closeDialog', { dialogId });
    } catch {
      // The window has usually closed itself or been closed by the user; nothing is left to do.
    }
  };
  return {
    outcome,
    cancel: () => {
      finish({ kind: 'cancelled' });
      void close();
    },
    close,
  };
}
