/**
 * The firm's side of the firm benchmark, reached the way any caller reaches it: an identity
 * token from the shell (POST /api/identity/token for a signed-in user, as the host would ask
 * for one), then the proxy's firm API (docs/firm-contract.md §3) to push links and read the
 * change feed. Only the token's use is shown, never the token.
 */
import type { Contact } from '../../src/sync/host/protocol';

export interface FirmApi {
  /** Pushes links contact → customer in chunks (all or nothing per chunk); returns the feed's checkpoint. */
  pushLinks(pairs: ReadonlyArray<{ otId: string; qboId: string }>, createdBy: string): Promise<string>;
  /** The firm's live contact links changed since a checkpoint, with when the proxy stored each. */
  linksSince(since: string): Promise<{ links: Array<{ otId: string; qboId: string; storedAt: number }>; checkpoint: string }>;
  checkpoint(): Promise<string>;
}

const PUSH_CHUNK = 5_000;

async function json<T>(res: Response, what: string): Promise<T> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** An identity token for `userId` with the add-in's origin as audience (the add-in must be installed for that user). */
export async function identityToken(shellUrl: string, addinUrl: string, userId: string): Promise<string> {
  const res = await fetch(`${shellUrl}/api/identity/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-OfficeTools-User': userId },
    body: JSON.stringify({ audience: addinUrl }),
  });
  return (await json<{ token: string }>(res, `the shell's identity token for ${userId}`)).token;
}

interface FeedRecord {
  collection: string;
  id: string;
  deleted: boolean;
  body: { kind?: string; otId?: string; qboId?: string } | null;
  updatedAt: string;
}

export function firmApi(addinUrl: string, realmId: string, token: () => Promise<string>): FirmApi {
  const base = `${addinUrl}/api/firm/${realmId}/changes`;
  async function pull(since: string, limit: number): Promise<{ records: FeedRecord[]; checkpoint: string; more: boolean }> {
    const res = await fetch(`${base}?since=${since}&limit=${limit}`, { headers: { Authorization: `Bearer ${await token()}` } });
    return json(res, "the proxy's change feed");
  }
  return {
    async pushLinks(pairs, createdBy) {
      let checkpoint = '0';
      const createdAt = new Date().toISOString();
      for (let i = 0; i < pairs.length; i += PUSH_CHUNK) {
        const changes = pairs.slice(i, i + PUSH_CHUNK).map((p) => ({
          collection: 'links',
          id: `contact:${p.otId}`,
          baseRev: null,
          body: { kind: 'contact', otId: p.otId, qboId: p.qboId, origin: 'manual', createdAt, createdBy },
        }));
        const res = await fetch(base, {
          method: 'POST',
          headers: { Authorization: `Bearer ${await token()}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ changes }),
        });
        checkpoint = (await json<{ checkpoint: string }>(res, `pushing links ${i + 1}-${i + changes.length} to the proxy`)).checkpoint;
      }
      return checkpoint;
    },
    async linksSince(since) {
      const links: Array<{ otId: string; qboId: string; storedAt: number }> = [];
      let at = since;
      for (;;) {
        const page = await pull(at, 10_000);
        for (const r of page.records) {
          if (r.collection === 'links' && !r.deleted && r.body?.kind === 'contact') {
            links.push({ otId: String(r.body.otId), qboId: String(r.body.qboId), storedAt: Date.parse(r.updatedAt) });
          }
        }
        if (!page.more || page.checkpoint === at) return { links, checkpoint: page.checkpoint };
        at = page.checkpoint;
      }
    },
    async checkpoint() {
      let at = '0';
      for (;;) {
        const page = await pull(at, 10_000);
        if (!page.more || page.checkpoint === at) return page.checkpoint;
        at = page.checkpoint;
      }
    },
  };
}

/**
 * Every active customer of the company (Id and DisplayName), read from the sandbox with a minted
 * token, paced under its limit of 10 requests a second per company (the product shares it).
 */
export async function allCustomers(sandboxUrl: string, realmId: string, token: string): Promise<Array<{ id: string; name: string }>> {
  const out: Array<{ id: string; name: string }> = [];
  for (let start = 1; ; start += 1000) {
    const q = encodeURIComponent(`select * from Customer STARTPOSITION ${start} MAXRESULTS 1000`);
    const res = await fetch(`${sandboxUrl}/v3/company/${realmId}/query?query=${q}`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
    const page = await json<{ QueryResponse: { Customer?: Array<{ Id: string; DisplayName: string }> } }>(res, 'reading customers from the sandbox');
    const rows = page.QueryResponse.Customer ?? [];
    out.push(...rows.map((c) => ({ id: c.Id, name: c.DisplayName })));
    if (rows.length < 1000) return out;
    await new Promise((r) => setTimeout(r, 150));
  }
}

const byName = <T>(name: (x: T) => string) => (a: T, b: T) => name(a).toLowerCase().localeCompare(name(b).toLowerCase());

/**
 * Pairs contacts with customers for `count` links, leaving every other one of the first
 * 2 × `free` of each list (by name) unlinked: the Link clicks of the benchmark find free rows at
 * the top of both lists, and the first rows a panel renders are still half linked, which shows
 * whether the lists came up before the firm's links.
 */
export function pairsLeavingTopFree(contacts: readonly Contact[], customers: ReadonlyArray<{ id: string; name: string }>, count: number, free: number): Array<{ otId: string; qboId: string }> {
  const taken = <T>(list: T[]) => list.filter((_, i) => i >= 2 * free || i % 2 === 1);
  const left = taken([...contacts].sort(byName((c: Contact) => c.displayName)));
  const right = taken([...customers].sort(byName((c: { name: string }) => c.name)));
  const n = Math.min(count, left.length, right.length);
  if (n < count) throw new Error(`only ${n} contact/customer pairs are available for ${count} links; seed more`);
  return Array.from({ length: n }, (_, i) => ({ otId: left[i].id, qboId: right[i].id }));
}
