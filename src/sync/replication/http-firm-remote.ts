/**
 * The FirmRemote over the proxy's HTTP API (docs/firm-contract.md §3): pull, push and adopt as
 * JSON calls, and the event stream read with fetch (it must carry the Authorization header,
 * which EventSource cannot), reconnecting with capped exponential backoff and jitter.
 */
import type { AdoptRecord, AdoptResult, AuthFetch, FirmEvent, FirmRemote, PullPage, PushConflict, RemoteChange, RemoteRecord } from './firm-remote';
import { FirmConflictError, FirmRemoteError, unreachable } from './firm-remote-errors';
import { createSseParser } from './sse-parser';
import { isIdentityErrorCode } from '../connection/proxy-auth';
import { isProxyError } from '../connection/proxy-error';

export interface HttpFirmRemoteOptions {
  /** First reconnect delay. @defaultvalue 500 */
  retryBaseMs?: number;
  /** Longest reconnect delay. @defaultvalue 30000 */
  retryMaxMs?: number;
  /** @defaultvalue Math.random */
  random?: () => number;
}

async function call<T>(authFetch: AuthFetch, what: string, path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await authFetch(path, init);
  } catch (e) {
    if (e instanceof FirmRemoteError) throw e;
    // The host gave no identity: not an outage (nothing to queue for), the user must reload.
    if (isProxyError(e) && isIdentityErrorCode(e.code)) throw new FirmRemoteError(e.code, e.message);
    throw unreachable(what, e);
  }
  const text = await res.text().catch(() => '');
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  const fields = (typeof body === 'object' && body !== null ? body : {}) as { error?: unknown; message?: unknown; conflicts?: unknown };
  if (res.status === 409 && Array.isArray(fields.conflicts)) {
    throw new FirmConflictError(fields.conflicts as PushConflict[], typeof fields.message === 'string' ? fields.message : undefined);
  }
  if (!res.ok) {
    const code = typeof fields.error === 'string' ? fields.error : `http_${res.status}`;
    const message = typeof fields.message === 'string' ? fields.message : `${what} failed: the add-in's server answered ${res.status}. Try again in a moment.`;
    throw new FirmRemoteError(code, message, { status: res.status });
  }
  if (body === undefined) throw new FirmRemoteError('bad_answer', `${what}: the add-in's server sent an answer that is not JSON. Try again; if it persists, restart the server.`, { status: res.status });
  return body as T;
}

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const realmPath = (realmId: string) => `/api/firm/${encodeURIComponent(realmId)}`;

export function createHttpFirmRemote(authFetch: AuthFetch, options: HttpFirmRemoteOptions = {}): FirmRemote {
  const baseMs = options.retryBaseMs ?? 500;
  const maxMs = options.retryMaxMs ?? 30_000;
  const random = options.random ?? Math.random;

  return {
    pull(realmId, since, limit) {
      const q = new URLSearchParams({ since: since || '0' });
      if (limit !== undefined) q.set('limit', String(limit));
      return call<PullPage>(authFetch, "Reading the firm's changes", `${realmPath(realmId)}/changes?${q}`);
    },
    push(realmId, changes: RemoteChange[]) {
      return call<{ records: RemoteRecord[]; checkpoint: string }>(authFetch, "Saving to the firm's data", `${realmPath(realmId)}/changes`, json({ changes }));
    },
    adopt(realmId, records: AdoptRecord[]) {
      return call<AdoptResult>(authFetch, "Uploading this browser's data to the firm", `${realmPath(realmId)}/adopt`, json({ records }));
    },
    events(listener: (e: FirmEvent) => void) {
      const abort = new AbortController();
      let failures = 0;
      let timer: ReturnType<typeof setTimeout> | undefined;

      async function connectOnce(): Promise<void> {
        const res = await authFetch('/api/events', { headers: { Accept: 'text/event-stream' }, signal: abort.signal });
        if (!res.ok || !res.body) {
          await res.body?.cancel().catch(() => undefined);
          throw new Error(`events answered ${res.status}`);
        }
        failures = 0;
        listener({ type: 'open' });
        const parser = createSseParser((e) => {
          if (e.event === 'changes') {
            try {
              const d = JSON.parse(e.data) as { realmId?: unknown; checkpoint?: unknown };
              if (typeof d.realmId === 'string') listener({ type: 'changes', realmId: d.realmId, checkpoint: String(d.checkpoint ?? '') });
            } catch {
              // A malformed event is skipped; the next pull catches up anyway.
            }
          } else if (e.event === 'connection') {
            listener({ type: 'connection' });
          }
        });
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            parser.push(value);
          }
        } finally {
          parser.end();
          reader.releaseLock();
        }
      }

      function loop(): void {
        if (abort.signal.aborted) return;
        connectOnce()
          .catch(() => undefined)
          .then(() => {
            if (abort.signal.aborted) return;
            listener({ type: 'down' });
            // Capped exponential backoff with full jitter, so many panels do not reconnect in step.
            const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(failures, 16));
            failures++;
            timer = setTimeout(loop, Math.round(ceiling / 2 + (random() * ceiling) / 2));
          });
      }
      loop();
      return () => {
        abort.abort();
        if (timer) clearTimeout(timer);
      };
    },
  };
}
