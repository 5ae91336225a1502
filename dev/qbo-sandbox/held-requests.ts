/**
 * Requests the `hold` fault keeps waiting after QuickBooks received them and before it
 * commits them: the case where the client hears nothing for a long time (it may reload, time
 * out, send again) while QuickBooks still writes later. A hold ends when its time is up or
 * when a test releases it through /__sandbox/holds/release. QuickBooks gives up on a request
 * after 120 s (QBO-FACTS §1); a hold that ends later than that on the sandbox clock is
 * abandoned without committing, so clients can rely on "sent more than 120 s ago and not found
 * means it never will be".
 */

/** QuickBooks' request timeout (QBO-FACTS §1: "Requests >120 s time out"). */
export const QBO_REQUEST_TIMEOUT_MS = 120_000;

export interface HeldRequestView {
  id: number;
  operation: string;
  realmId?: string;
  /** Sandbox-clock time the request arrived. */
  receivedAt: string;
  /** Sandbox-clock time the hold ends by itself. */
  until: string;
}

interface Held {
  view: HeldRequestView;
  receivedMs: number;
  release: () => void;
  timer: ReturnType<typeof setTimeout>;
}

export type HoldOutcome = 'commit' | 'timedOut';

export class HeldRequests {
  private readonly held = new Map<number, Held>();
  private nextId = 1;

  constructor(private readonly now: () => number) {}

  /**
   * Waits until the hold ends (after `ms` of real time, or on release). Resolves 'timedOut'
   * when by then more than QuickBooks' 120 s have passed on the sandbox clock since arrival.
   */
  hold(ms: number, facts: { operation: string; realmId?: string }): Promise<HoldOutcome> {
    const id = this.nextId++;
    const receivedMs = this.now();
    return new Promise<HoldOutcome>((resolve) => {
      const finish = () => {
        const entry = this.held.get(id);
        if (!entry) return;
        clearTimeout(entry.timer);
        this.held.delete(id);
        resolve(this.now() - receivedMs > QBO_REQUEST_TIMEOUT_MS ? 'timedOut' : 'commit');
      };
      const view: HeldRequestView = {
        id,
        operation: facts.operation,
        ...(facts.realmId ? { realmId: facts.realmId } : {}),
        receivedAt: new Date(receivedMs).toISOString(),
        until: new Date(receivedMs + ms).toISOString(),
      };
      this.held.set(id, { view, receivedMs, release: finish, timer: setTimeout(finish, ms) });
    });
  }

  list(): HeldRequestView[] {
    return [...this.held.values()].map((h) => h.view);
  }

  /** Ends the given holds (all when `ids` is omitted); returns how many were released. */
  release(ids?: readonly number[]): number {
    const chosen = ids ? ids.map((id) => this.held.get(id)).filter((h): h is Held => h !== undefined) : [...this.held.values()];
    for (const h of chosen) h.release();
    return chosen.length;
  }
}
