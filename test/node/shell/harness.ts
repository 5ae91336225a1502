/** Starts a shell on an ephemeral loopback port with a fresh temp data folder, for one test. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createShell, type ShellOptions, type ShellServer } from '../../../dev/shell/server';

export interface Harness {
  shell: ShellServer;
  dataDir: string;
  /** JSON request; returns status and parsed body. */
  call<T = unknown>(method: string, urlPath: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
  restart(extra?: Partial<ShellOptions>): Promise<void>;
  dispose(): Promise<void>;
}

export const TEST_CATALOG = [{ id: 'qbo-sync', manifestUrl: 'http://127.0.0.1:9/manifest.xml' }];

export async function startShell(extra: Partial<ShellOptions> = {}): Promise<Harness> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'shell-test-'));
  const options = (more: Partial<ShellOptions> = {}): ShellOptions => ({ dataDir, host: '127.0.0.1', port: 0, catalog: TEST_CATALOG, ...extra, ...more });
  const h: Harness = {
    shell: await createShell(options()),
    dataDir,
    async call<T>(method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}) {
      const res = await fetch(h.shell.url + urlPath, {
        method,
        headers: { 'Content-Type': 'application/json', ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
    async restart(more = {}) {
      await h.shell.close();
      h.shell = await createShell(options(more));
    },
    async dispose() {
      await h.shell.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return h;
}
