/**
 * The proxy's API called from outside the browser as one shell user: an identity token asked
 * of the shell (as the host page asks it for the add-in), then plain HTTP with that token. What
 * a test reads here is what the proxy holds for the user's firm, not what a panel shows.
 */
import type { Stack } from './stack';

/** The shell stand-in's sign-in header (dev/shell/app/api-client.ts). */
const USER_HEADER = 'X-OfficeTools-User';

export interface ProxyAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export class ProxyAs {
  private constructor(
    private readonly stack: Stack,
    readonly userId: string,
    private readonly token: string,
  ) {}

  /** Needs the user to have installed the add-in: the shell signs tokens only for installed add-ins. */
  static async signIn(stack: Stack, userId: string): Promise<ProxyAs> {
    const res = await fetch(`${stack.shellUrl}/api/identity/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [USER_HEADER]: userId },
      body: JSON.stringify({ audience: stack.addinUrl }),
    });
    const body = (await res.json()) as { token?: string };
    if (!res.ok || typeof body.token !== 'string') throw new Error(`the shell gave ${userId} no identity token (${res.status}: ${JSON.stringify(body)})`);
    return new ProxyAs(stack, userId, body.token);
  }

  async call<T = Record<string, unknown>>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ProxyAnswer<T>> {
    const res = await fetch(`${this.stack.addinUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.token}`, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
  }

  async status(): Promise<{ connected: boolean; companyName?: string; realmId?: string; connectedBy?: { id: string; name: string } }> {
    return (await this.call<{ connected: boolean }>('GET', '/api/status')).body;
  }

  /** Every live record of one collection the firm keeps for the company, read through the pull feed. */
  async records<B = Record<string, unknown>>(realmId: string, collection: string): Promise<Array<{ id: string; body: B; updatedBy: { id: string; name: string } }>> {
    const out = new Map<string, { id: string; body: B; updatedBy: { id: string; name: string }; deleted: boolean }>();
    let since = '0';
    for (;;) {
      const page = await this.call<{ records: Array<{ collection: string; id: string; body: B; deleted: boolean; updatedBy: { id: string; name: string } }>; checkpoint: string; more: boolean; error?: string }>(
        'GET',
        `/api/firm/${realmId}/changes?since=${since}&limit=10000`,
      );
      if (page.status !== 200) throw new Error(`pull for ${this.userId} answered ${page.status}: ${JSON.stringify(page.body)}`);
      for (const r of page.body.records) if (r.collection === collection) out.set(r.id, r);
      since = page.body.checkpoint;
      if (!page.body.more) break;
    }
    return [...out.values()].filter((r) => !r.deleted);
  }
}
