/** Starts a sandbox in a fresh temp folder for one test file, with helpers for raw HTTP. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSandbox, type SandboxApp, type SandboxOptions, type SandboxServer } from '../../../dev/qbo-sandbox/server';
import { DEMO_REALMS } from '../../../dev/qbo-sandbox/demo-companies';

export const TEST_APP: SandboxApp = {
  clientId: 'OT-test-client',
  clientSecret: 'test-secret-0123456789abcdefghijklmnopqrstu',
  redirectUris: ['http://127.0.0.1:3999/auth/callback'],
};

export const US = DEMO_REALMS.us;
export const CA = DEMO_REALMS.ca;

export interface Harness {
  sandbox: SandboxServer;
  dataDir: string;
  token: string;
  /** Restart on the same data folder (durability tests). */
  restart(extra?: Partial<SandboxOptions>): Promise<void>;
  stop(): Promise<void>;
  api(method: string, pathAfterRealm: string, body?: unknown, opts?: { realm?: string; token?: string; contentType?: string }): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }>;
  admin(method: string, route: string, body?: unknown): Promise<Record<string, unknown>>;
  mint(realm?: string, scopes?: string[]): Promise<Record<string, string>>;
}

export async function startHarness(options: Partial<SandboxOptions> = {}): Promise<Harness> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-sandbox-test-'));
  const base: SandboxOptions = { dataDir, apps: [TEST_APP], limits: false, ...options };
  const h: Harness = {
    sandbox: await createSandbox(base),
    dataDir,
    token: '',
    async restart(extra = {}) {
      await h.sandbox.close();
      h.sandbox = await createSandbox({ ...base, fresh: false, ...extra });
    },
    async stop() {
      await h.sandbox.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    async api(method, pathAfterRealm, body, opts = {}) {
      const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${opts.token ?? h.token}` };
      let payload: string | undefined;
      if (body !== undefined) {
        headers['Content-Type'] = opts.contentType ?? 'application/json';
        payload = typeof body === 'string' ? body : JSON.stringify(body);
      }
      const res = await fetch(`${h.sandbox.url}/v3/company/${opts.realm ?? US}/${pathAfterRealm}`, { method, headers, body: payload });
      const text = await res.text();
      return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: res.headers };
    },
    async admin(method, route, body) {
      const res = await fetch(`${h.sandbox.url}/__sandbox/${route}`, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return (await res.json()) as Record<string, unknown>;
    },
    async mint(realm = US, scopes) {
      return (await h.admin('POST', 'tokens', { realmId: realm, ...(scopes ? { scopes } : {}) })) as Record<string, string>;
    },
  };
  h.token = (await h.mint()).access_token;
  return h;
}

/** Shorthand: the first Fault error of an answer. */
export function faultOf(json: Record<string, unknown>): { code: string; Message: string; Detail: string; element: string } {
  const fault = json.Fault as { Error: Array<{ code: string; Message: string; Detail: string; element: string }> };
  return fault.Error[0];
}
