/**
 * `npm run bench -- proxy`: three proxy replicas (child processes) on one throwaway PostgreSQL
 * behind the tests' round-robin balancer, the sandbox with its limits off, 20 firms connected
 * through the real connect flow, and 200 concurrent clients relaying CompanyInfo reads for
 * about 10 s while every access token is expired twice. Baseline: the same load sent straight
 * to the sandbox with a bearer token.
 *
 * The sandbox and the balancer run in processes of their own (bench/support/bench-server.ts):
 * this process only generates load, so neither side's figure pays for a server sharing the
 * load generator's event loop.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DEMO_REALMS, DEMO_USER } from '../../dev/qbo-sandbox/demo-companies';
import { BrowserLike, parseForms } from '../../test/node/proxy/browser-like';
import { dialogMessage } from '../../test/node/proxy/support/proxy-harness';
import { replica } from '../../test/node/proxy/support/replica-process';
import { startTestIssuer } from '../../test/node/proxy/support/test-issuer';
import { startTokenCounter } from '../../test/node/proxy/support/token-counter';
import { startTestPostgres } from '../../test/support/postgres';
import type { Metric } from '../metric';
import { forkBenchServer } from '../support/bench-server';
import { cpuMs } from '../support/cpu-time';

const FIRMS = 20;
const CLIENTS = 200;
const RUN_MS = 10_000;
const CLIENT_ID = 'bench-proxy';
const CLIENT_SECRET = 'bench-proxy-secret';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** `CLIENTS` loops calling `send` for `ms`; requests per second and latencies. */
async function load(ms: number, send: (client: number) => Promise<boolean>, during?: (elapsed: () => number) => Promise<void>): Promise<{ rps: number; latencies: number[]; failed: number; reasons: string }> {
  const latencies: number[] = [];
  let failed = 0;
  const reasons = new Map<string, number>();
  const began = performance.now();
  const elapsed = () => performance.now() - began;
  await Promise.all([
    ...Array.from({ length: CLIENTS }, async (_, client) => {
      while (elapsed() < ms) {
        const t = performance.now();
        const ok = await send(client).catch((err: unknown) => {
          const reason = (err as Error)?.message ?? String(err);
          reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
          return false;
        });
        if (ok) latencies.push(performance.now() - t);
        else failed++;
      }
    }),
    during?.(elapsed),
  ]);
  return { rps: latencies.length / (elapsed() / 1000), latencies: latencies.sort((a, b) => a - b), failed, reasons: [...reasons].map(([r, n]) => `${n}× ${r}`).join('; ') };
}

export async function run(): Promise<Metric[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-proxy-'));
  const pg = await startTestPostgres();
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const databaseUrl = await pg.createDatabase('bench');
    const balancerPort = await freePort();
    const publicUrl = `http://127.0.0.1:${balancerPort}`;
    const issuer = await startTestIssuer(publicUrl);
    cleanups.push(() => issuer.close());
    const sandbox = await forkBenchServer({ kind: 'sandbox', dataDir: path.join(dir, 'sandbox'), apps: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`${publicUrl}/auth/callback`] }] });
    cleanups.push(() => sandbox.stop());
    const tokens = await startTokenCounter(sandbox.url);
    cleanups.push(() => tokens.close());
    const ports = await Promise.all([0, 1, 2].map(() => freePort()));
    const replicas = ports.map((port) =>
      replica(port, {
        ADDIN_PUBLIC_URL: publicUrl,
        SHELL_ORIGIN: 'http://127.0.0.1:39997',
        IDENTITY_ISSUER: issuer.url,
        IDENTITY_AUDIENCE: publicUrl,
        SANDBOX_PORT: String(sandbox.port),
        INTUIT_TOKEN_URL: `${tokens.url}/oauth2/v1/tokens/bearer`,
        INTUIT_CLIENT_ID: CLIENT_ID,
        INTUIT_CLIENT_SECRET: CLIENT_SECRET,
        DATABASE_URL: databaseUrl,
        TOKEN_ENCRYPTION_KEY: 'b'.repeat(64),
        DATA_DIR: path.join(dir, 'data'),
        PROXY_LIMITS: 'off',
      }),
    );
    cleanups.push(async () => {
      await Promise.all(replicas.map((r) => r.stop()));
    });
    await Promise.all(replicas.map((r) => r.start()));
    const balancer = await forkBenchServer({ kind: 'balancer', port: balancerPort, backends: ports });
    cleanups.push(() => balancer.stop());

    // 20 firms, alternately on the two demo companies, each through the real connect flow.
    const realms = [DEMO_REALMS.us, DEMO_REALMS.ca];
    const firmTokens: string[] = [];
    for (let f = 0; f < FIRMS; f++) {
      const user = { firmId: `bench-firm-${f}`, userId: `bench-user-${f}`, name: `Bench ${f}` };
      const auth = await issuer.mint(user, { expiresIn: 600 });
      firmTokens.push(auth);
      const started = (await (await fetch(`${publicUrl}/api/auth/start`, { method: 'POST', headers: { Authorization: `Bearer ${auth}` } })).json()) as { url: string };
      const browser = new BrowserLike();
      const page1 = await browser.navigate(started.url);
      const consent = await browser.submit(parseForms(page1.html, page1.url)[0], { email: DEMO_USER.email, password: DEMO_USER.password }, /^Sign In$/);
      const toCallback = await browser.submit(parseForms(consent.html, consent.url)[0], { realmId: realms[f % 2] }, /^Connect$/, (u) => u.startsWith(`${publicUrl}/auth/callback`));
      const message = dialogMessage((await browser.navigate(toCallback.url)).html);
      const done = await fetch(`${publicUrl}/api/auth/complete`, { method: 'POST', headers: { Authorization: `Bearer ${auth}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ completion: message.completion }) });
      if (done.status !== 200) throw new Error(`connecting firm ${f} failed: ${done.status} ${await done.text()}`);
    }

    // Baseline: straight to the sandbox.
    const direct = (await (await fetch(`${sandbox.url}/__sandbox/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ realmId: DEMO_REALMS.us, clientId: CLIENT_ID }) })).json()) as { access_token: string };
    const sandboxCpuBefore = await cpuMs(sandbox.pid);
    const baseline = await load(RUN_MS, async () => {
      const res = await fetch(`${sandbox.url}/v3/company/${DEMO_REALMS.us}/companyinfo/${DEMO_REALMS.us}`, { headers: { Authorization: `Bearer ${direct.access_token}`, Accept: 'application/json' } });
      await res.arrayBuffer();
      return res.status === 200;
    });

    const sandboxCpuPerDirect = (await cpuMs(sandbox.pid)) - sandboxCpuBefore;

    // Through the proxy, every access token expired twice during the run.
    const replicaCpu = () => Promise.all(replicas.map((r) => cpuMs(r.pid()!)));
    const replicaCpuBefore = await replicaCpu();
    const sampler = setInterval(() => void Promise.all(replicas.map((r) => r.sample())), 250);
    const proxied = await load(
      RUN_MS,
      async (client) => {
        const f = client % FIRMS;
        const realm = realms[f % 2];
        const res = await fetch(`${publicUrl}/api/qbo/v3/company/${realm}/companyinfo/${realm}`, { headers: { Authorization: `Bearer ${firmTokens[f]}` } });
        const body = await res.text();
        if (res.status !== 200) throw new Error(`${res.status} ${body.slice(0, 80)}`);
        return true;
      },
      async (elapsed) => {
        // Two expiries at least a quarter of the run apart, even when a loaded machine delays the
        // first: back to back, the second would expire tokens refreshed a moment earlier, which
        // is not "every token expires twice" but a token rejected right after its refresh.
        let earliest = 0;
        for (const at of [RUN_MS / 3, (2 * RUN_MS) / 3]) {
          await new Promise((r) => setTimeout(r, Math.max(0, Math.max(at, earliest) - elapsed())));
          await fetch(`${sandbox.url}/__sandbox/tokens/expire`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ kind: 'access' }) });
          earliest = elapsed() + RUN_MS / 4;
        }
      },
    );
    clearInterval(sampler);
    const replicaCpuUsed = (await replicaCpu()).reduce((sum, ms, i) => sum + ms - replicaCpuBefore[i], 0);
    const perRequestUs = (ms: number, requests: number) => Math.round((ms * 1000) / Math.max(1, requests));
    const refreshes = [...tokens.refreshes.values()];
    return [
      { name: 'proxy.relay.rps', value: Math.round(proxied.rps), unit: 'req/s', baseline: Math.round(baseline.rps), note: `3 replicas on PostgreSQL behind a round-robin balancer, ${CLIENTS} clients over ${FIRMS} firms, ${RUN_MS / 1000} s; baseline = same load straight to the sandbox; ${proxied.failed} failed${proxied.reasons ? ` (${proxied.reasons})` : ''}` },
      {
        name: 'proxy.relay.cpu.us',
        value: perRequestUs(replicaCpuUsed, proxied.latencies.length + proxied.failed),
        unit: 'µs/req',
        baseline: perRequestUs(sandboxCpuPerDirect, baseline.latencies.length + baseline.failed),
        note: "CPU time of all replicas per relayed request (10 ms ticks), which the neighbours' load moves far less than rps; baseline: the sandbox's CPU per direct request",
      },
      { name: 'proxy.relay.p50.ms', value: Math.round(percentile(proxied.latencies, 50) * 10) / 10, unit: 'ms', baseline: Math.round(percentile(baseline.latencies, 50) * 10) / 10 },
      { name: 'proxy.relay.p99.ms', value: Math.round(percentile(proxied.latencies, 99) * 10) / 10, unit: 'ms', baseline: Math.round(percentile(baseline.latencies, 99) * 10) / 10 },
      { name: 'proxy.refreshRace.invalidGrants', value: tokens.invalidGrants, unit: 'count', note: `every access token expired twice; refreshes per connection: min ${Math.min(...refreshes)}, max ${Math.max(...refreshes)}` },
      { name: 'proxy.rss.mb', value: Math.round(Math.max(...replicas.map((r) => r.peakRssMb))), unit: 'MB', note: 'largest resident memory of one replica, sampled every 250 ms' },
    ];
  } finally {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
