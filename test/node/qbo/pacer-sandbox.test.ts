/**
 * The bench's sequence (`npm run bench -- match`) against the real sandbox with QBO's limits on:
 * an export of 32 batch calls, then the Contact Match tab opened again in a fresh page — a new
 * Pacer — reading 21 pages one after another, its first request slow on the way (the proxy
 * looks the session up and opens a connection). Counted from each request's start, that made
 * 11 arrivals within 997 ms and the sandbox answered 429 ("more than 10 requests a second"),
 * which costs 60 s. Counted from each answer, nothing is refused.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import { createSandbox } from '../../../dev/qbo-sandbox/server';
import type { SandboxServer } from '../../../dev/qbo-sandbox/server';
import { DEMO_REALMS } from '../../../dev/qbo-sandbox/demo-companies';
import { QboClient } from '../../../src/sync/qbo/qbo-client';
import { DEFAULT_PACER_SLACK_MS, Pacer, QBO_LIMITS, realClock } from '../../../src/sync/qbo/pacer';
import { DEFAULT_RETRY_POLICY } from '../../../src/sync/qbo/retry-policy';

const realmId = DEMO_REALMS.us;
let sandbox: SandboxServer;
let dataDir: string;
let token: string;

const admin = () => axios.create({ baseURL: `${sandbox.url}/__sandbox`, validateStatus: () => true });

interface LogEntry {
  operation: string;
  status: number;
}

/** A page's gateway: its own Pacer (a reload starts a new one), no retries so a 429 shows at once. */
function pageGateway(firstRequestDelayMs: number): QboClient {
  const http = axios.create();
  let first = true;
  http.interceptors.request.use(async (config) => {
    if (first) {
      first = false;
      await new Promise((resolve) => setTimeout(resolve, firstRequestDelayMs));
    }
    return config;
  });
  return new QboClient({
    baseUrl: sandbox.url,
    realmId,
    headers: { Authorization: `Bearer ${token}` },
    axios: http,
    pacer: new Pacer(QBO_LIMITS, realClock, { slackMs: DEFAULT_PACER_SLACK_MS }),
    retryPolicy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 },
  });
}

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-pacer-sandbox-'));
  sandbox = await createSandbox({
    dataDir,
    port: 0,
    fresh: true,
    apps: [{ clientId: 'pacer-test', clientSecret: 'pacer-test-secret', redirectUris: ['http://127.0.0.1/callback'] }],
  });
  const limits = await admin().get<{ limits: unknown }>('/limits');
  assert.notEqual(limits.data.limits, false, 'the sandbox must throttle like QBO for this test');
  const minted = await admin().post<{ access_token: string }>('/tokens', { realmId });
  assert.equal(minted.status, 200, JSON.stringify(minted.data));
  token = minted.data.access_token;
});

after(async () => {
  await sandbox?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('pacing against the sandbox with limits on', () => {
  it('exports 32 batches, then a fresh page reads 21 pages with a slow first request, without a 429', async () => {
    await admin().delete('/log');
    const exporting = pageGateway(0);
    for (let b = 0; b < 32; b++) {
      const answers = await exporting.batch([{ bId: 'q1', query: 'select * from Customer maxresults 1' }]);
      assert.equal(answers[0].ok, true);
    }
    // The tab re-opened 2 s after the export in the bench, as here (bench log: last batch 53.995, first page 56.238).
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const reopened = pageGateway(300);
    let failure: unknown;
    try {
      for (let p = 0; p < 21; p++) await reopened.query(`select * from Customer startposition ${p + 1} maxresults 1`);
    } catch (e) {
      failure = e;
    }
    const log = await admin().get<{ entries: LogEntry[] }>('/log', { params: { realmId, limit: 200 } });
    const refused = log.data.entries.filter((e) => e.status === 429);
    assert.equal(failure, undefined);
    assert.deepEqual(refused, [], JSON.stringify(log.data.entries.map((e) => `${e.operation}:${e.status}`)));
    assert.equal(log.data.entries.filter((e) => e.operation === 'batch' && e.status === 200).length, 32);
    assert.equal(log.data.entries.filter((e) => e.operation.startsWith('query') && e.status === 200).length, 21);
  });
});
