/**
 * Short-lived, single-use values of the OAuth code flow, kept in memory only:
 *
 * - start tickets: `POST /api/auth/start` binds one to the session so that the dialog window
 *   (which cannot send the X-Session-Id header) can start the flow for that session;
 * - CSRF states: `GET /auth/start` sends one to Intuit; the callback must bring it back, and
 *   it is consumed before the code is exchanged, so a replayed callback exchanges nothing;
 * - codes seen: a second callback with a code already used is refused even with a fresh state.
 *
 * Only SHA-256 digests of the codes are kept. A restart forgets everything, which at worst
 * makes a user who was mid-sign-in click Connect again.
 */
import { createHash, randomBytes } from 'node:crypto';

export const PENDING_TTL_MS = 10 * 60 * 1000;

interface Pending {
  sessionKey: string;
  expiresAt: number;
}

export interface StateGrant {
  sessionKey: string;
  /** Random value also set as a cookie on the browser that started the flow. */
  browserBinding: string;
}

const digest = (s: string): string => createHash('sha256').update(s).digest('hex');

export class PendingAuthorizations {
  private readonly tickets = new Map<string, Pending>();
  private readonly states = new Map<string, Pending & { browserBinding: string }>();
  private readonly codesSeen = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  issueTicket(sessionKey: string): string {
    this.sweep();
    const ticket = randomBytes(32).toString('base64url');
    this.tickets.set(digest(ticket), { sessionKey, expiresAt: this.now() + PENDING_TTL_MS });
    return ticket;
  }

  /** The session the ticket was issued to, once; null if unknown, used or expired. */
  redeemTicket(ticket: string): string | null {
    const key = digest(ticket);
    const pending = this.tickets.get(key);
    this.tickets.delete(key);
    if (!pending || pending.expiresAt <= this.now()) return null;
    return pending.sessionKey;
  }

  issueState(sessionKey: string): { state: string; browserBinding: string } {
    this.sweep();
    const state = randomBytes(32).toString('base64url');
    const browserBinding = randomBytes(32).toString('base64url');
    this.states.set(digest(state), { sessionKey, browserBinding, expiresAt: this.now() + PENDING_TTL_MS });
    return { state, browserBinding };
  }

  /** Consumes the state (whatever happens next it cannot be used again); null if unknown, used or expired. */
  consumeState(state: string): StateGrant | null {
    const key = digest(state);
    const pending = this.states.get(key);
    this.states.delete(key);
    if (!pending || pending.expiresAt <= this.now()) return null;
    return { sessionKey: pending.sessionKey, browserBinding: pending.browserBinding };
  }

  /** Records the code; false when it was seen before (then it must not be exchanged). */
  firstUseOfCode(code: string): boolean {
    this.sweep();
    const key = digest(code);
    if (this.codesSeen.has(key)) return false;
    this.codesSeen.set(key, this.now() + PENDING_TTL_MS);
    return true;
  }

  private sweep(): void {
    const now = this.now();
    for (const [k, v] of this.tickets) if (v.expiresAt <= now) this.tickets.delete(k);
    for (const [k, v] of this.states) if (v.expiresAt <= now) this.states.delete(k);
    for (const [k, exp] of this.codesSeen) if (exp <= now) this.codesSeen.delete(k);
  }
}
