/**
 * `npm start`: builds the add-in and the shell, then starts the QuickBooks sandbox, the proxy
 * (which also serves the add-in's pages) and the OfficeTools shell on 127.0.0.1, each in its
 * own process, and prints the one URL to open. Ctrl-C stops everything.
 *
 *   npm start                 keep the data in DATA_DIR (default .data) from the last run
 *   npm start -- --fresh      start from fresh demo data (wipes DATA_DIR first)
 *   npm start -- --rebuild    build even when the sources are unchanged
 *   npm start -- --no-build   serve the existing dist/ (used by the end-to-end tests)
 *
 * The build is skipped when dist/ holds a build of the same sources, configuration and lockfile
 * (scripts/build-stamp.ts), so a restart with unchanged sources is ready in a few seconds.
 *
 * Why three processes: a flood on one server (thousands of sockets, a busy event loop, memory)
 * must not stop the others. Each service runs scripts/start-service.ts in a child process
 * (service-process.ts). A service that stops unexpectedly is reported and restarted on its
 * data folder (never wiped again), at most MAX_RESTARTS times a minute; past that npm start
 * stops everything and exits 1, rather than limp on without it. A child also stops when this
 * process goes away, however it went, so no server is left behind.
 */
import { rmSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadStartConfig, StartConfigError, type StartConfig } from './start-config';
import { buildIfChanged } from './build';
import { loadOrCreateDevApp } from '../dev/qbo-sandbox/dev-app';
import { loadProxyConfig, ConfigError } from '../src/proxy/config';
import { ServiceProcess, ServiceStartError } from './service-process';
import type { ServiceName, ServiceOptions } from './service-messages';

const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;

/** In sentences ("The proxy stopped…"). */
const NAMES: Record<ServiceName, string> = { sandbox: 'QuickBooks sandbox', proxy: 'proxy', shell: 'OfficeTools shell' };

/** In the table of URLs printed when ready. */
const LABELS: Record<ServiceName, string> = {
  sandbox: 'QuickBooks sandbox',
  proxy: 'Add-in and proxy',
  shell: 'OfficeTools shell',
};

interface Service {
  process: ServiceProcess;
  /** Options for a restart: like the first start's, but never fresh (null until known). */
  restartOptions: ServiceOptions | null;
  crashes: number[];
}

/** Options for each service, in the order their lines are printed and the reverse of stopping. */
function serviceOptions(config: StartConfig): ServiceOptions[] {
  const addinUrl = `http://${config.host}:${config.addinPort}`;
  // The local sandbox and the proxy share one dev app whose secret is generated into the data
  // folder on first start, so no secret ever lives in the repo.
  const devApp = config.useLocalSandbox ? loadOrCreateDevApp(config.dataDir, `${addinUrl}/auth/callback`) : null;
  const proxyEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ADDIN_PORT: String(config.addinPort),
    ADDIN_HOST: config.host,
    SHELL_PORT: String(config.shellPort),
    SANDBOX_PORT: String(config.sandboxPort),
    DATA_DIR: config.dataDir,
  };
  if (devApp) {
    proxyEnv.INTUIT_CLIENT_ID = devApp.clientId;
    proxyEnv.INTUIT_CLIENT_SECRET = devApp.clientSecret;
  }
  // Checked here, before any process starts, so a bad variable stops start-up with its message.
  const proxyConfig = loadProxyConfig(proxyEnv);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(proxyEnv)) if (v !== undefined) env[k] = v;

  const options: ServiceOptions[] = [];
  if (devApp) {
    options.push({ service: 'sandbox', dataDir: path.join(config.dataDir, 'sandbox'), host: config.host, port: config.sandboxPort, app: devApp, fresh: config.fresh });
  }
  options.push({ service: 'proxy', env });
  options.push({
    service: 'shell',
    dataDir: path.join(config.dataDir, 'shell'),
    host: config.host,
    port: config.shellPort,
    manifestUrl: `${proxyConfig.publicUrl}/manifest.xml`,
    fresh: config.fresh,
    // Signed as the issuer the proxy trusts, whatever name the browser opened the shell under
    // (localhost or 127.0.0.1): otherwise every token would be refused as identity_wrong_issuer.
    identityIssuer: proxyConfig.identityIssuer,
  });
  return options;
}

function cannotStart(err: unknown): void {
  if (err instanceof ConfigError || err instanceof StartConfigError) console.error(`Cannot start: ${err.message}`);
  else if (err instanceof ServiceStartError && err.code === 'EADDRINUSE') {
    console.error(`Cannot start: port ${err.port ?? ''} is already in use. Stop the other program or choose another port (SHELL_PORT, ADDIN_PORT, SANDBOX_PORT).`);
  } else if (err instanceof ServiceStartError) console.error(`Cannot start: ${err.message}`);
  else console.error('Cannot start:', err);
}

async function main(): Promise<void> {
  let config: StartConfig;
  try {
    config = loadStartConfig(process.env, process.argv.slice(2));
  } catch (err) {
    cannotStart(err);
    process.exit(1);
  }

  const services = new Map<ServiceName, Service>();
  let stopping = false;
  const stop = async (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${reason}: stopping…`);
    // All at once (each waits for its own close), reported shell first as before.
    const outcomes = [...services.values()].reverse().map((s) => ({ name: s.process.name, outcome: s.process.stop() }));
    for (const { name, outcome } of outcomes) {
      const how = await outcome;
      if (how === 'stopped') console.log(`  stopped ${name}`);
      else console.error(`  ${name} did not stop within 10 s and was killed`);
    }
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stop('SIGINT', 0));
  process.on('SIGTERM', () => void stop('SIGTERM', 0));

  const events = {
    // Ctrl-C in a terminal signals every process of the group; whichever hears it first stops all.
    onStopSignal: (_name: ServiceName, signal: string) => void stop(signal === 'disconnect' ? 'SIGTERM' : signal, 0),
    onCrash: (name: ServiceName, how: string) => void restart(name, how),
  };
  const restart = async (name: ServiceName, how: string) => {
    const s = services.get(name);
    if (!s || !s.restartOptions || stopping) return;
    const now = Date.now();
    s.crashes = s.crashes.filter((t) => now - t < RESTART_WINDOW_MS);
    s.crashes.push(now);
    if (s.crashes.length > MAX_RESTARTS) {
      console.error(`\nThe ${NAMES[name]} stopped unexpectedly (${how}) ${s.crashes.length} times within a minute; its output above says why.`);
      return stop('Giving up', 1);
    }
    console.error(`\nThe ${NAMES[name]} stopped unexpectedly (${how}); restarting it (${s.crashes.length} of ${MAX_RESTARTS} within a minute)…`);
    try {
      const url = await s.process.start(s.restartOptions);
      if (!stopping) console.log(`  The ${NAMES[name]} is back at ${url}`);
    } catch (err) {
      if (stopping) return;
      console.error(`  The ${NAMES[name]} did not start again: ${(err as Error).message}`);
      void restart(name, 'failed to restart');
    }
  };

  const names: ServiceName[] = config.useLocalSandbox ? ['sandbox', 'proxy', 'shell'] : ['proxy', 'shell'];
  for (const name of names) {
    const p = new ServiceProcess(name, events);
    p.prepare();
    services.set(name, { process: p, restartOptions: null, crashes: [] });
  }
  try {
    if (config.fresh) rmSync(config.dataDir, { recursive: true, force: true });
    mkdirSync(config.dataDir, { recursive: true });
    if (config.build) {
      const t = Date.now();
      process.stdout.write('Building the add-in and the shell… ');
      const outcome = await buildIfChanged(['addin', 'shell'], { force: config.rebuild });
      if (outcome.built) console.log(`done in ${((Date.now() - t) / 1000).toFixed(1)} s (${outcome.reason})`);
      else console.log(`unchanged since the last build, reusing dist/ (checked in ${Date.now() - t} ms; --rebuild forces a build)`);
    }
    const all = serviceOptions(config);
    for (const options of all) services.get(options.service)!.restartOptions = 'fresh' in options ? { ...options, fresh: false } : options;
    // Started together: none needs another to listen first (the shell reads the add-in's
    // manifest only when a user installs it; the proxy calls the sandbox per request).
    const urls = await Promise.all(all.map((o) => services.get(o.service)!.process.start(o)));
    if (stopping) return;
    all.forEach((o, i) => console.log(`  ${LABELS[o.service].padEnd(20)} ${urls[i]}`));
    console.log(`  ${'Data folder'.padEnd(20)} ${config.dataDir}`);
    const shellUrl = urls[all.findIndex((o) => o.service === 'shell')];
    console.log(`\nReady — open ${shellUrl}\n(Ctrl-C stops everything.)`);
    if (!config.useLocalSandbox) {
      console.log(`Using Intuit endpoints (INTUIT_TARGET=${process.env.INTUIT_TARGET}); the local sandbox at http://${config.host}:${config.sandboxPort} is not started.`);
    }
  } catch (err) {
    if (stopping) return;
    stopping = true;
    cannotStart(err);
    await Promise.all([...services.values()].map((s) => s.process.stop()));
    process.exit(1);
  }
}

void main();
