/**
 * A small HTTP server on 127.0.0.1 that speaks the proxy's identity contract
 * (docs/firm-contract.md §2): it accepts only the bearer tokens the test says are valid, and
 * answers the status / start / complete / cancel / disconnect calls for one firm. A test double
 * of the contract, not of src/proxy, so the add-in's tests pin the contract.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyCall {
  method: string;
  path: string;
  authorization?: string;
  body?: string;
}

export interface FakeIdentityProxy {
  base: string;
  calls: ProxyCall[];
  /** Tokens the proxy accepts now; anything else is 401 `refusal.code`. */
  valid: Set<string>;
  refusal: { code: string; message: string };
  /** The firm's connection, or undefined. */
  connection?: Record<string, unknown>;
  authUrl?: string;
  statusBody?: string;
  /** Pending completions: value → the status they attach. */
  completions: Map<string, Record<string, unknown>>;
  cancelled: string[];
  /** The relay answers QuickBooks' own 401 (not an identity refusal). */
  qboUnauthorized?: boolean;
  close(): Promise<void>;
}

/** A JWT-shaped token (not signed: the add-in never verifies) whose payload has `exp`. */
export function fakeToken(label: string, expSeconds: number): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'ES256', typ: 'JWT' })}.${part({ sub: label, exp: expSeconds })}.c2ln`;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

export async function startFakeIdentityProxy(): Promise<FakeIdentityProxy> {
  const state: FakeIdentityProxy = {
    base: '',
    calls: [],
    valid: new Set(),
    refusal: { code: 'identity_expired', message: 'The identity token has expired.' },
    completions: new Map(),
    cancelled: [],
    close: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const auth = req.headers.authorization;
      state.calls.push({ method: req.method ?? '', path: req.url ?? '', authorization: auth, body: body || undefined });
      const bearer = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
      if (!bearer) return send(res, 401, { error: 'identity_missing', message: 'No identity token was sent.' });
      if (!state.valid.has(bearer)) return send(res, 401, { error: state.refusal.code, message: state.refusal.message });
      const json = (): Record<string, unknown> => {
        try {
          return JSON.parse(body) as Record<string, unknown>;
        } catch {
          return {};
        }
      };
      if (req.method === 'GET' && req.url === '/api/status') {
        if (state.statusBody !== undefined) return send(res, 200, state.statusBody);
        return send(res, 200, state.connection ? { connected: true, ...state.connection } : { connected: false });
      }
      if (req.method === 'POST' && req.url === '/api/auth/start') {
        return send(res, 200, { url: state.authUrl ?? `${state.base}/auth/start?t=one-time`, flowId: 'flow-1' });
      }
      if (req.method === 'POST' && req.url === '/api/auth/complete') {
        const completion = json().completion;
        const pending = typeof completion === 'string' ? state.completions.get(completion) : undefined;
        if (!pending || typeof completion !== 'string') return send(res, 400, { error: 'completion_unknown', message: 'This sign-in is unknown, used or expired. Click Connect again.' });
        state.completions.delete(completion);
        state.connection = pending;
        return send(res, 200, { connected: true, ...pending });
      }
      if (req.method === 'POST' && req.url === '/api/auth/cancel') {
        const completion = json().completion;
        if (typeof completion !== 'string' || !state.completions.delete(completion)) {
          return send(res, 400, { error: 'completion_unknown', message: 'This sign-in is unknown, used or expired.' });
        }
        state.cancelled.push(completion);
        return send(res, 200, { cancelled: true });
      }
      if (req.method === 'POST' && req.url === '/api/disconnect') {
        state.connection = undefined;
        return send(res, 200, { connected: false });
      }
      if (req.url === '/api/echo') return send(res, 200, { ok: true, body });
      if (req.url?.startsWith('/api/qbo/v3/company/')) {
        // The relay: a QBO 401 (the firm's grant was revoked) when told so, else a customer.
        if (state.qboUnauthorized) return send(res, 401, { fault: { error: [{ message: 'AuthenticationFailed', detail: 'Token revoked', code: '3200' }], type: 'AUTHENTICATION' } });
        return send(res, 200, { Customer: { Id: '58', SyncToken: '0', DisplayName: 'Amy' } });
      }
      return send(res, 500, 'not json at all');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
