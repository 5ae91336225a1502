/**
 * A pass-through in front of the sandbox's token endpoint that follows each grant's chain of
 * refresh tokens: an authorization-code exchange starts a chain, a refresh that presents a
 * chain's token adds the rotated one to it. So tests can count refreshes per connection and
 * every `invalid_grant`, whatever replica sent them.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TokenCounter {
  url: string;
  /** Successful refreshes per chain (chain = one authorization). */
  refreshes: Map<number, number>;
  /** Token-endpoint answers whose error was invalid_grant. */
  invalidGrants: number;
  exchanges: number;
  /**
   * Lets the next refresh reach the sandbox (which rotates the token) but keeps its answer from
   * the caller until `release` is called: resolves once such a refresh has arrived.
   */
  holdNextRefreshAnswer(): Promise<{ release: () => void }>;
  close(): Promise<void>;
}

export async function startTokenCounter(sandboxUrl: string): Promise<TokenCounter> {
  const chainOf = new Map<string, number>();
  let holding: ((held: { release: () => void }) => void) | null = null;
  const counter: TokenCounter = {
    url: '',
    refreshes: new Map(),
    invalidGrants: 0,
    exchanges: 0,
    holdNextRefreshAnswer: () => new Promise((resolve) => (holding = resolve)),
    close: async () => undefined,
  };
  let chains = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const form = new URLSearchParams(body);
      const grant = form.get('grant_type');
      const presented = form.get('refresh_token') ?? '';
      const headers: Record<string, string> = {};
      for (const h of ['authorization', 'content-type', 'accept']) if (typeof req.headers[h] === 'string') headers[h] = req.headers[h] as string;
      fetch(`${sandboxUrl}${req.url}`, { method: req.method, headers, body })
        .then(async (r) => {
          const text = await r.text();
          let json: Record<string, unknown> = {};
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            // not JSON
          }
          if (json.error === 'invalid_grant') counter.invalidGrants++;
          if (r.ok && typeof json.refresh_token === 'string') {
            if (grant === 'authorization_code') {
              counter.exchanges++;
              chainOf.set(json.refresh_token, ++chains);
            } else {
              const chain = chainOf.get(presented) ?? -1;
              chainOf.set(json.refresh_token, chain);
              counter.refreshes.set(chain, (counter.refreshes.get(chain) ?? 0) + 1);
            }
          }
          const answer = (): void => {
            if (res.destroyed) return;
            res.writeHead(r.status, { 'Content-Type': r.headers.get('content-type') ?? 'application/json' });
            res.end(text);
          };
          const hold = grant === 'refresh_token' ? holding : null;
          if (hold) {
            holding = null;
            hold({ release: answer });
          } else answer();
        })
        .catch(() => {
          res.writeHead(502);
          res.end();
        });
    });
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  counter.url = `http://127.0.0.1:${port}`;
  counter.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return counter;
}
