/**
 * The add-in's side of the OfficeTools host protocol (protocol.ts): requests with a correlation
 * id and a timeout, and events pushed by the host.
 *
 * Trust: a message counts only when it comes from the host window itself (`event.source`) AND
 * from one of the trusted origins; everything else is ignored without a word, because a page
 * that answers for the host could feed the add-in false firm data. Requests are posted with an
 * explicit target origin (never '*'), so a navigated or foreign parent never sees them.
 */
import { HostRequestError } from './host-request-error';
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  isHostMessage,
  makeRequest,
  type EventMessage,
  type HostEventName,
  type HostEvents,
  type HostMethod,
  type HostParams,
  type HostResult,
  type ResponseMessage,
} from './protocol';

export { HostRequestError, isHostRequestError, type HostRequestErrorCode } from './host-request-error';
export { readTrustedHostOrigins } from './trusted-origins';

export interface HostClientOptions {
  /** The host window: `window.parent` for the panel and the commands runtime. */
  target: Window;
  /** Origins the host may have (see readTrustedHostOrigins). Empty means nothing is trusted. */
  trustedOrigins: string[];
  /** How long a request waits for its answer. @defaultvalue DEFAULT_REQUEST_TIMEOUT_MS (15 s) */
  timeoutMs?: number;
  /** The window whose `message` events carry the answers. @defaultvalue globalThis.window */
  self?: Window;
}

export interface HostClient {
  request<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>>;
  /**
   * The signed-in user's identity token (docs/firm-contract.md §1), the credential every proxy
   * call carries. `forceRefresh` asks the host for a newly signed one (after the proxy refused
   * the last); otherwise the host may answer from its cache. The add-in's own cache is
   * createAuthFetch's, so this is a thin, typed call.
   */
  getIdentityToken(forceRefresh?: boolean): Promise<string>;
  /** Subscribes to a host event; returns the unsubscribe function. */
  on<E extends HostEventName>(event: E, handler: (data: HostEvents[E]) => void): () => void;
  /** Stops listening; requests still waiting fail with `disposed`. */
  dispose(): void;
}

interface Pending {
  method: string;
  resolve: (result: unknown) => void;
  reject: (error: HostRequestError) => void;
  timer: ReturnType<typeof setTimeout>;
}

type AnyHandler = (data: unknown) => void;

/** A per-client random prefix keeps ids unique across the panel and the commands runtime. */
function idPrefix(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Hands a handler's exception to the page's error reporting without stopping the other handlers. */
function reportHandlerError(error: unknown): void {
  if (typeof reportError === 'function') reportError(error);
  else setTimeout(() => { throw error; });
}

export function createHostClient(opts: HostClientOptions): HostClient {
  const self = opts.self ?? window;
  const target = opts.target;
  const trusted = [...new Set(opts.trustedOrigins)].filter((o) => o !== '*' && o !== 'null');
  const timeoutMs = opts.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const prefix = idPrefix();
  let seq = 0;
  let disposed = false;
  const pending = new Map<string, Pending>();
  const handlers = new Map<HostEventName, Set<AnyHandler>>();

  function settle(message: ResponseMessage): void {
    const waiting = pending.get(message.id);
    if (!waiting) return; // late answer after a timeout, or not ours
    pending.delete(message.id);
    clearTimeout(waiting.timer);
    if (message.ok) {
      if (message.resultJson === undefined) {
        waiting.resolve(message.result);
        return;
      }
      let result: unknown;
      try {
        result = typeof message.resultJson === 'string' ? JSON.parse(message.resultJson) : undefined;
      } catch {
        result = undefined;
      }
      if (result === undefined) {
        waiting.reject(new HostRequestError('host_error', waiting.method, `OfficeTools answered "${waiting.method}" with text that is not JSON. Reload OfficeTools and try again; if it keeps happening, tell whoever runs OfficeTools.`));
        return;
      }
      waiting.resolve(result);
    } else {
      const err = message.error;
      const code = typeof err?.code === 'string' ? err.code : 'host_error';
      const text = typeof err?.message === 'string' && err.message ? err.message : `OfficeTools could not complete "${waiting.method}".`;
      waiting.reject(new HostRequestError(code, waiting.method, text));
    }
  }

  function dispatch(message: EventMessage): void {
    const set = handlers.get(message.event);
    if (!set) return;
    for (const handler of [...set]) {
      try {
        handler(message.data);
      } catch (error) {
        reportHandlerError(error);
      }
    }
  }

  function onMessage(event: MessageEvent): void {
    if (event.source !== target) return;
    if (!trusted.includes(event.origin)) return;
    const data: unknown = event.data;
    if (!isHostMessage(data)) return;
    if (data.kind === 'response') settle(data);
    else if (data.kind === 'event') dispatch(data);
  }

  self.addEventListener('message', onMessage);

  function request<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>> {
    if (disposed) {
      return Promise.reject(new HostRequestError('disposed', method, 'The connection to OfficeTools was closed. Reopen the panel from the OfficeTools menu.'));
    }
    if (trusted.length === 0) {
      return Promise.reject(
        new HostRequestError('not_allowed', method, 'This page does not know which OfficeTools window to trust, so it cannot talk to it. Open the panel from the OfficeTools menu.'),
      );
    }
    const id = `${prefix}-${++seq}`;
    return new Promise<HostResult<M>>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        const seconds = Math.round(timeoutMs / 100) / 10;
        reject(new HostRequestError('timeout', method, `OfficeTools did not answer "${method}" within ${seconds} s. Check that OfficeTools is still open and try again.`));
      }, timeoutMs);
      pending.set(id, { method, resolve: resolve as (r: unknown) => void, reject, timer });
      const message = makeRequest(id, method, params, 'json');
      try {
        // One post per trusted origin: the browser delivers it only where the origin matches,
        // which is how we reach the host without knowing which of its origins it has now.
        for (const origin of trusted) target.postMessage(message, origin);
      } catch (error) {
        pending.delete(id);
        clearTimeout(timer);
        const why = error instanceof Error ? error.message : String(error);
        reject(new HostRequestError('host_error', method, `Could not send "${method}" to OfficeTools (${why}). Reopen the panel and try again.`));
      }
    });
  }

  return {
    request,

    async getIdentityToken(forceRefresh = false): Promise<string> {
      const { token } = await request('auth.getIdentityToken', forceRefresh ? { forceRefresh: true } : {});
      if (typeof token !== 'string' || token.split('.').length !== 3) {
        throw new HostRequestError('host_error', 'auth.getIdentityToken', 'OfficeTools answered the identity request without a token. Reload OfficeTools and try again.');
      }
      return token;
    },

    on<E extends HostEventName>(event: E, handler: (data: HostEvents[E]) => void): () => void {
      let set = handlers.get(event);
      if (!set) {
        set = new Set();
        handlers.set(event, set);
      }
      const h = handler as AnyHandler;
      set.add(h);
      return () => {
        handlers.get(event)?.delete(h);
      };
    },

    dispose(): void {
      if (disposed) return;
      disposed = true;
      self.removeEventListener('message', onMessage);
      handlers.clear();
      for (const [id, waiting] of pending) {
        clearTimeout(waiting.timer);
        waiting.reject(new HostRequestError('disposed', waiting.method, 'The connection to OfficeTools was closed before it answered. Reopen the panel and try again.'));
        pending.delete(id);
      }
    },
  };
}
