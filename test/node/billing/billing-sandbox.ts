/**
 * The real QBO sandbox for the billing executor tests: a fresh temp data folder, an ephemeral
 * port, a minted token, QboClient gateways with short retry waits, fault injection, the
 * request log, and look-ups of what QBO really holds afterwards.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import { createSandbox } from '../../../dev/qbo-sandbox/server';
import type { SandboxServer } from '../../../dev/qbo-sandbox/server';
import { DEMO_REALMS } from '../../../dev/qbo-sandbox/demo-companies';
import { QboClient } from '../../../src/sync/qbo/qbo-client';
import type { QboClientOptions } from '../../../src/sync/qbo/qbo-client';
import type { QboRecord } from '../../../src/sync/qbo/gateway';
import { DEFAULT_RETRY_POLICY } from '../../../src/sync/qbo/retry-policy';
import { Pacer, QBO_LIMITS, realClock } from '../../../src/sync/qbo/pacer';
import { inList } from '../../../src/sync/qbo/query-builder';

export const realmId = DEMO_REALMS.us;

/** The gateway's policy with waits short enough for tests (the decisions are the same). */
export const FAST_RETRIES = {
  ...DEFAULT_RETRY_POLICY,
  throttle: { ...DEFAULT_RETRY_POLICY.throttle, defaultWaitMs: 20, maxWaitMs: 50 },
  backoff: { ...DEFAULT_RETRY_POLICY.backoff, baseMs: 5, maxMs: 20 },
};

export interface BillingSandbox {
  server: SandboxServer;
  token: string;
  gateway(extra?: Partial<QboClientOptions>): QboClient;
  mintToken(): Promise<string>;
  expireTokens(): Promise<void>;
  injectFault(match: object, action: object, count?: number): Promise<void>;
  clearFaults(): Promise<void>;
  clearLog(): Promise<void>;
  operations(): Promise<Record<string, number>>;
  /** QBO invoices with these DocNumbers (all of them, so duplicates show). */
  invoicesByDocNumber(numbers: readonly string[]): Promise<QboRecord[]>;
  close(): Promise<void>;
}

export async function startBillingSandbox(): Promise<BillingSandbox> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-billing-'));
  const server = await createSandbox({
    dataDir,
    port: 0,
    fresh: true,
    limits: false,
    apps: [{ clientId: 'billing-test', clientSecret: 'billing-test-secret', redirectUris: ['http://127.0.0.1/callback'] }],
  });
  const admin = axios.create({ baseURL: `${server.url}/__sandbox`, validateStatus: () => true });
  const pacer = new Pacer(QBO_LIMITS, realClock, { slackMs: 100 });
  const mint = async () => {
    const minted = await admin.post<{ access_token: string }>('/tokens', { realmId });
    assert.equal(minted.status, 200, JSON.stringify(minted.data));
    return minted.data.access_token;
  };
  const sb: BillingSandbox = {
    server,
    token: await mint(),
    gateway(extra = {}) {
      return new QboClient({ baseUrl: server.url, realmId, headers: { Authorization: `Bearer ${sb.token}` }, pacer, retryPolicy: FAST_RETRIES, ...extra });
    },
    async mintToken() {
      sb.token = await mint();
      return sb.token;
    },
    async expireTokens() {
      const res = await admin.post('/tokens/expire', { realmId, kind: 'access' });
      assert.equal(res.status, 200, JSON.stringify(res.data));
    },
    async injectFault(match, action, count = 1) {
      const res = await admin.post('/faults', { match, action, count });
      assert.equal(res.status, 201, JSON.stringify(res.data));
    },
    async clearFaults() {
      await admin.delete('/faults');
    },
    async clearLog() {
      await admin.delete('/log');
    },
    async operations() {
      const res = await admin.get<{ byOperation: Record<string, number> }>('/log', { params: { realmId, limit: 1 } });
      return res.data.byOperation;
    },
    async invoicesByDocNumber(numbers) {
      const g = new QboClient({ baseUrl: server.url, realmId, headers: { Authorization: `Bearer ${await mint()}` }, retryPolicy: FAST_RETRIES });
      const out: QboRecord[] = [];
      for (let i = 0; i < numbers.length; i += 200) {
        out.push(...(await g.queryAll<QboRecord>('Invoice', `DocNumber IN ${inList(numbers.slice(i, i + 200))}`)));
      }
      return out;
    },
    async close() {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return sb;
}
