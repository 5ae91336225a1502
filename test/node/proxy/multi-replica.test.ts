/**
 * Three proxy replicas (child processes) on one PostgreSQL database behind a round-robin
 * balancer, the real sandbox, three firms with three staff each calling at once (relayed reads
 * and record pushes), every access token expired at the sandbox several times during the run,
 * and one replica killed (SIGKILL) and started again mid-run. Afterwards: no invalid_grant, no
 * answer from another firm's company, exactly one refresh per expiry per connection, and every
 * acknowledged push and every connection still there. Also: a connect started on one replica
 * completes on others, an event stream on one replica hears pushes made on the others, and a
 * replica killed while holding a refresh (after Intuit rotated the token) loses nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createSandbox } from '../../../dev/qbo-sandbox/server';
import { DEMO_REALMS, DEMO_USER } from '../../../dev/qbo-sandbox/demo-companies';
import { startTestPostgres } from '../../support/postgres';
import { BrowserLike, parseForms } from './browser-like';
import { startBalancer } from './support/balancer';
import { dialogMessage } from './support/proxy-harness';
import { replica } from './support/replica-process';
import { startTestIssuer, type TestUser } from './support/test-issuer';
import { startTokenCounter } from './support/token-counter';

const CLIENT_ID = 'replicas-client';
const CLIENT_SECRET = 'replicas-secret-5d1e';
const KEY = 'k'.repeat(64).replace(/k/g, 'a');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

test('three replicas on PostgreSQL: concurrent firms, expiring tokens, a replica killed mid-run', { timeout: 120_000 }, async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'proxy-replicas-'));
  const pgServer = await startTestPostgres();
  t.after(async () => {
    await pgServer.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const databaseUrl = await pgServer.createDatabase('replicas');
  const balancerPort = await freePort();
  const publicUrl = `http://127.0.0.1:${balancerPort}`;
  const issuer = await startTestIssuer(publicUrl);
  const sandbox = await createSandbox({
    dataDir: path.join(dir, 'sandbox'),
    port: 0,
    apps: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`${publicUrl}/auth/callback`] }],
    fresh: true,
    limits: false,
  });
  const tokens = await startTokenCounter(sandbox.url);
  const ports = await Promise.all([0, 1, 2].map(() => freePort()));
  const env: NodeJS.ProcessEnv = {
    ADDIN_HOST: '127.0.0.1',
    ADDIN_PUBLIC_URL: publicUrl,
    SHELL_ORIGIN: 'http://127.0.0.1:39998',
    IDENTITY_ISSUER: issuer.url,
    IDENTITY_AUDIENCE: publicUrl,
    SANDBOX_PORT: String(sandbox.port),
    INTUIT_TOKEN_URL: `${tokens.url}/oauth2/v1/tokens/bearer`,
    INTUIT_CLIENT_ID: CLIENT_ID,
    INTUIT_CLIENT_SECRET: CLIENT_SECRET,
    DATABASE_URL: databaseUrl,
    TOKEN_ENCRYPTION_KEY: KEY,
    DATA_DIR: path.join(dir, 'data'),
    NODE_ENV: 'test',
    // Nine staff calling flat out from one address: far beyond a person's budget.
    PROXY_LIMITS: 'off',
  };
  const replicas = ports.map((p) => replica(p, env));
  // All three start at the same moment: the migrations run once, under the lock.
  await Promise.all(replicas.map((r) => r.start()));
  const balancer = await startBalancer(() => ports, balancerPort);
  t.after(async () => {
    await Promise.all(replicas.map((r) => r.kill()));
    await balancer.close();
    await tokens.close();
    await sandbox.close();
    await issuer.close();
  });

  // No call may hang: 15 s is far beyond any answer here, and a hang is reported as a failure.
  const api = async (user: TestUser, p: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${publicUrl}${p}`, { signal: AbortSignal.timeout(15_000), ...init, headers: { Authorization: `Bearer ${await issuer.mint(user)}`, ...(init.headers as Record<string, string> | undefined) } });

  // Three firms; two companies exist in the sandbox, so firms A and C connect to the same one
  // through separate authorizations (separate refresh-token chains).
  const firms = [
    { firmId: 'firm-a', realmId: DEMO_REALMS.us, companyName: '' },
    { firmId: 'firm-b', realmId: DEMO_REALMS.ca, companyName: '' },
    { firmId: 'firm-c', realmId: DEMO_REALMS.us, companyName: '' },
  ];
  const staffOf = (firmId: string): TestUser[] => [1, 2, 3].map((n) => ({ firmId, userId: `${firmId}-u${n}`, name: `Staff ${n}` }));

  for (const firm of firms) {
    const [admin] = staffOf(firm.firmId);
    // Each request below lands on the next replica: start, dialog, callback and complete are
    // served by different processes.
    const started = (await (await api(admin, '/api/auth/start', { method: 'POST' })).json()) as { url: string; flowId: string };
    const browser = new BrowserLike();
    const page1 = await browser.navigate(started.url);
    const [signIn] = parseForms(page1.html, page1.url);
    const consent = await browser.submit(signIn, { email: DEMO_USER.email, password: DEMO_USER.password }, /^Sign In$/);
    const [consentForm] = parseForms(consent.html, consent.url);
    const toCallback = await browser.submit(consentForm, { realmId: firm.realmId }, /^Connect$/, (u) => u.startsWith(`${publicUrl}/auth/callback`));
    const callback = await browser.navigate(toCallback.url);
    const message = dialogMessage(callback.html);
    assert.equal(message.status, 'authorized', JSON.stringify(message));
    const done = await api(admin, '/api/auth/complete', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ completion: message.completion }) });
    assert.equal(done.status, 200, await done.clone().text());
    const connected = (await done.json()) as { realmId: string; companyName: string };
    assert.equal(connected.realmId, firm.realmId);
    firm.companyName = connected.companyName;
  }
  assert.equal(tokens.exchanges, 3);
  assert.notEqual(firms[0].companyName, firms[1].companyName, 'the two companies can be told apart');

  // An event stream on one replica hears pushes made through the others (LISTEN/NOTIFY).
  const listener = staffOf('firm-b')[1];
  const stream = await api(listener, '/api/events');
  assert.equal(stream.status, 200);
  const reader = stream.body!.getReader();
  let streamed = '';
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      streamed += Buffer.from(value).toString();
    }
  })();
  for (let i = 0; i < 3; i++) {
    const res = await api(staffOf('firm-b')[0], `/api/firm/${DEMO_REALMS.ca}/changes`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ changes: [{ collection: 'links', id: `item:ev-${i}`, baseRev: null, body: { kind: 'item', otId: `ev-${i}`, qboId: `ev-${i}` } }] }),
    });
    assert.equal(res.status, 200);
  }
  for (let i = 0; i < 50 && (streamed.match(/event: changes/g) ?? []).length < 3; i++) await sleep(50);
  assert.equal((streamed.match(/event: changes/g) ?? []).length, 3, `three change events whichever replica took the push:\n${streamed}`);
  await reader.cancel();
  await reading.catch(() => undefined);

  // A replica killed while it holds the refresh lock, after Intuit rotated the token but before
  // the replica could commit it: the next call, on another replica, refreshes from the stored
  // token (Intuit keeps it valid until its successor is used) and nothing is lost.
  await fetch(`${sandbox.url}/__sandbox/tokens/expire`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ kind: 'access' }) });
  const victimFirm = firms[0];
  const victimUser = staffOf(victimFirm.firmId)[1];
  const held = tokens.holdNextRefreshAnswer();
  const doomed = new Promise<number>((resolve) => {
    // Straight to replica 3 (Host as the balancer would pass it), so we know who holds the lock.
    void issuer.mint(victimUser).then((auth) => {
      const req = httpRequest({ host: '127.0.0.1', port: ports[2], path: `/api/qbo/v3/company/${victimFirm.realmId}/companyinfo/${victimFirm.realmId}`, headers: { Host: new URL(publicUrl).host, Authorization: `Bearer ${auth}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(-1));
      req.end();
    });
  });
  const { release } = await held;
  const refreshesBeforeKill = tokens.refreshes.get(1) ?? 0;
  await replicas[2].kill();
  release();
  assert.equal(await doomed, -1, 'the killed replica never answered');
  const recovered = await api(victimUser, `/api/qbo/v3/company/${victimFirm.realmId}/companyinfo/${victimFirm.realmId}`);
  assert.equal(recovered.status, 200, await recovered.clone().text());
  assert.equal(tokens.invalidGrants, 0, 'the token the dead replica left behind still worked');
  assert.equal(tokens.refreshes.get(1), refreshesBeforeKill + 1, 'one more refresh, from the stored token');
  await replicas[2].start();
  // The other firms refresh on their next call after this expiry.
  for (const other of firms.slice(1)) assert.equal((await api(staffOf(other.firmId)[0], `/api/qbo/v3/company/${other.realmId}/companyinfo/${other.realmId}`)).status, 200);
  const refreshesBeforeLoad = new Map(tokens.refreshes);

  // The load: every staff member alternates a relayed read and a push of a new link.
  const RUN_MS = 13_000;
  const EXPIRE_AT = [2000, 5000, 8000, 11_000];
  const began = Date.now();
  const stats = { relayed: 0, pushed: 0, transport: 0, wrongCompany: 0, failures: [] as string[] };
  let chaosEnd = 0;
  const acknowledged = new Map<string, Set<string>>(firms.map((f) => [f.firmId, new Set<string>()]));
  const loop = async (firm: (typeof firms)[number], user: TestUser): Promise<void> => {
    // Until the last expiry has been answered by everyone (the restart may delay the schedule).
    for (let n = 0; Date.now() - began < RUN_MS || chaosEnd === 0 || Date.now() - chaosEnd < 1500; n++) {
      try {
        if (n % 2 === 0) {
          const res = await api(user, `/api/qbo/v3/company/${firm.realmId}/companyinfo/${firm.realmId}`);
          const text = await res.text();
          if (res.status === 502 && text.startsWith('replica failed')) {
            stats.transport++;
            continue;
          }
          if (res.status !== 200) {
            stats.failures.push(`${user.userId} relay ${res.status} ${text.slice(0, 200)}`);
            continue;
          }
          const info = (JSON.parse(text) as { CompanyInfo?: { CompanyName?: string } }).CompanyInfo;
          if (!info?.CompanyName || info.CompanyName !== firm.companyName) stats.wrongCompany++;
          stats.relayed++;
        } else {
          const id = `${user.userId}-${n}`;
          const res = await api(user, `/api/firm/${firm.realmId}/changes`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ changes: [{ collection: 'links', id: `contact:${id}`, baseRev: null, body: { kind: 'contact', otId: id, qboId: id } }] }),
          });
          const text = await res.text();
          if (res.status === 502 && text.startsWith('replica failed')) {
            stats.transport++;
            continue;
          }
          if (res.status !== 200) {
            stats.failures.push(`${user.userId} push ${res.status} ${text.slice(0, 200)}`);
            continue;
          }
          acknowledged.get(firm.firmId)!.add(`contact:${id}`);
          stats.pushed++;
        }
      } catch (err) {
        if ((err as Error).name === 'TimeoutError') stats.failures.push(`${user.userId} ${n % 2 ? 'push' : 'relay'} hung for 15 s`);
        // Otherwise the balancer's socket to us was cut along with a killed replica's.
        else stats.transport++;
      }
    }
  };
  const chaos = (async () => {
    for (const [round, at] of EXPIRE_AT.entries()) {
      // Rounds stay apart even when the restart delayed the schedule: two expiries with no
      // call between them would need only one refresh.
      await sleep(Math.max(1500, at - (Date.now() - began)));
      const res = await fetch(`${sandbox.url}/__sandbox/tokens/expire`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ kind: 'access' }) });
      assert.equal(res.status, 200);
      if (round === 1) {
        // Between two expiries: replica 2 dies with whatever it was doing, then comes back.
        await sleep(1500);
        await replicas[1].kill();
        await sleep(500);
        await replicas[1].start();
      }
    }
    chaosEnd = Date.now();
  })();
  const sampler = setInterval(() => void Promise.all(replicas.map((r) => r.sample())), 500);
  try {
    await Promise.all([chaos, ...firms.flatMap((f) => staffOf(f.firmId).map((u) => loop(f, u)))]);
  } finally {
    clearInterval(sampler);
  }

  assert.deepEqual(stats.failures, [], 'every call answered 200 (or never reached a replica)');
  assert.equal(tokens.invalidGrants, 0, 'no invalid_grant at the token endpoint');
  assert.equal(stats.wrongCompany, 0, "no answer came from another firm's company");
  assert.ok(stats.relayed > 100 && stats.pushed > 100, `enough load: ${JSON.stringify(stats)}`);
  assert.deepEqual(
    [...tokens.refreshes.entries()].map(([chain, n]) => [chain, n - (refreshesBeforeLoad.get(chain) ?? 0)]).sort(),
    [[1, EXPIRE_AT.length], [2, EXPIRE_AT.length], [3, EXPIRE_AT.length]],
    'exactly one refresh per expiry per connection',
  );

  for (const firm of firms) {
    const admin = staffOf(firm.firmId)[0];
    const status = (await (await api(admin, '/api/status')).json()) as { connected: boolean; realmId: string };
    assert.equal(status.connected, true, `${firm.firmId} is still connected`);
    assert.equal(status.realmId, firm.realmId);
    const pulled = (await (await api(admin, `/api/firm/${firm.realmId}/changes?limit=10000`)).json()) as { records: { id: string; collection: string }[] };
    const ids = new Set(pulled.records.filter((r) => r.collection === 'links').map((r) => r.id));
    const lost = [...acknowledged.get(firm.firmId)!].filter((id) => !ids.has(id));
    assert.deepEqual(lost, [], `every acknowledged push of ${firm.firmId} is in its feed`);
    const foreign = [...ids].filter((id) => id.startsWith('contact:') && !id.startsWith(`contact:${firm.firmId}-`));
    assert.deepEqual(foreign, [], `${firm.firmId} sees only its own records`);
  }
  t.diagnostic(
    `relayed ${stats.relayed}, pushed ${stats.pushed}, cut by the kill ${stats.transport}, refreshes ${JSON.stringify([...tokens.refreshes])}, ` +
      `peak rss ${Math.round(Math.max(...replicas.map((r) => r.peakRssMb)))} MB, served per replica ${JSON.stringify([...balancer.served])}`,
  );
});
