/**
 * The shell page's client for its own server's REST API (same origin, JSON). Every call carries
 * the signed-in user's id in X-OfficeTools-User; the server scopes each route to that user's
 * firm. This is the stand-in's sign-in, not security: the server believes the header.
 */

/** An answer of the shell server other than 2xx, with its error code and message. */
export class FirmApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'FirmApiError';
  }
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface FirmApi {
  request<T = unknown>(method: HttpMethod, path: string, body?: unknown): Promise<T>;
  /** The raw text of a GET: the add-in manifests, and reads passed on to the add-in as JSON text. */
  text(path: string): Promise<string>;
}

/** The page's client, which also knows who is signed in. */
export interface SignedInFirmApi extends FirmApi {
  /** Calls from now on act for this user (undefined: the server's default, the demo firm's first user). */
  signIn(userId: string | undefined): void;
}

/** The header that names the signed-in user (see dev/shell/firm-api.ts). */
export const USER_HEADER = 'X-OfficeTools-User';

async function fail(res: Response): Promise<never> {
  let code = 'http_error';
  let message = `The shell server answered ${res.status} ${res.statusText}.`;
  try {
    const body = (await res.json()) as { error?: unknown; message?: unknown };
    if (typeof body.error === 'string') code = body.error;
    if (typeof body.message === 'string') message = body.message;
  } catch {
    // Not JSON (e.g. a proxy error page): keep the status line.
  }
  throw new FirmApiError(res.status, code, message);
}

export function createFirmApi(baseUrl = '', fetchImpl: typeof fetch = (...args) => fetch(...args)): SignedInFirmApi {
  let userId: string | undefined;
  const userHeader = (): Record<string, string> => (userId === undefined ? {} : { [USER_HEADER]: userId });
  return {
    signIn(id: string | undefined) {
      userId = id;
    },
    async request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
      let res: Response;
      try {
        res = await fetchImpl(baseUrl + path, {
          method,
          headers: body === undefined ? userHeader() : { ...userHeader(), 'Content-Type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (err) {
        throw new FirmApiError(0, 'network_error', `The shell server could not be reached (${(err as Error).message}). Is it still running?`);
      }
      if (!res.ok) return fail(res);
      return (res.status === 204 ? undefined : await res.json()) as T;
    },
    async text(path: string): Promise<string> {
      let res: Response;
      try {
        res = await fetchImpl(baseUrl + path, { headers: userHeader() });
      } catch (err) {
        throw new FirmApiError(0, 'network_error', `The shell server could not be reached (${(err as Error).message}). Is it still running?`);
      }
      if (!res.ok) return fail(res);
      return res.text();
    },
  };
}
