/**
 * `npm start`: builds the add-in and the shell, then starts the QuickBooks sandbox, the proxy
 * (which also serves the add-in's pages) and the OfficeTools shell on 127.0.0.1, and prints
 * the one URL to open. Ctrl-C stops everything.
 *
 *   npm start                 keep the data in DATA_DIR (default .data) from the last run
 *   npm start -- --fresh      start from fresh demo data (wipes DATA_DIR first)
 *   npm start -- --rebuild    build even when the sources are unchanged
 *   npm start -- --no-build   serve the existing dist/ (used by the end-to-end tests)
 *
 * The build is skipped when dist/ holds a build of the same sources, configuration and lockfile
 * (scripts/build-stamp.ts), so a restart with unchanged sources is ready in a few seconds.
 */
import { rmSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadStartConfig, StartConfigError, type StartConfig } from './start-config';
import { buildIfChanged } from './build';
import { createSandbox } from '../dev/qbo-sandbox/server';
import { loadOrCreateDevApp } from '../dev/qbo-sandbox/dev-app';
import { createShell } from '../dev/shell/server';
import { createProxy } from '../src/proxy/server';
import { loadProxyConfig, ConfigError } from '../src/proxy/config';

interface Running {
  name: string;
  close(): Promise<void>;
}

async function start(config: StartConfig): Promise<Running[]> {
  const running: Running[] = [];
  if (config.fresh) rmSync(config.dataDir, { recursive: true, force: true });
  mkdirSync(config.dataDir, { recursive: true });

  if (config.build) {
    const t = Date.now();
    process.stdout.write('Building the add-in and the shell… ');
    const outcome = await buildIfChanged(['addin', 'shell'], { force: config.rebuild });
    if (outcome.built) console.log(`done in ${((Date.now() - t) / 1000).toFixed(1)} s (${outcome.reason})`);
    else console.log(`unchanged since the last build, reusing dist/ (checked in ${Date.now() - t} ms; --rebuild forces a build)`);
  }

  const addinUrl = `http://${config.host}:${config.addinPort}`;
  const shellUrl = `http://${config.host}:${config.shellPort}`;
  const sandboxUrl = `http://${config.host}:${config.sandboxPort}`;

  // The local sandbox and the proxy share one dev app whose secret is generated into the data
  // folder on first start, so no secret ever lives in the repo.
  const devApp = loadOrCreateDevApp(config.dataDir, `${addinUrl}/auth/callback`);
  if (config.useLocalSandbox) {
    const sandbox = await createSandbox({
      dataDir: path.join(config.dataDir, 'sandbox'),
      host: config.host,
      port: config.sandboxPort,
      apps: [devApp],
      fresh: config.fresh,
    });
    running.push({ name: 'sandbox', close: () => sandbox.close() });
    console.log(`  QuickBooks sandbox   ${sandbox.url}`);
  }

  const proxyEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ADDIN_PORT: String(config.addinPort),
    ADDIN_HOST: config.host,
    SHELL_PORT: String(config.shellPort),
    SANDBOX_PORT: String(config.sandboxPort),
    DATA_DIR: config.dataDir,
  };
  if (config.useLocalSandbox) {
    proxyEnv.INTUIT_CLIENT_ID = devApp.clientId;
    proxyEnv.INTUIT_CLIENT_SECRET = devApp.clientSecret;
  }
  const proxyConfig = loadProxyConfig(proxyEnv);
  const proxy = await createProxy(proxyConfig);
  running.unshift({ name: 'proxy', close: () => proxy.close() });
  console.log(`  Add-in and proxy     ${proxy.url}`);

  const shell = await createShell({
    dataDir: path.join(config.dataDir, 'shell'),
    host: config.host,
    port: config.shellPort,
    catalog: [{ id: 'qbo-sync', manifestUrl: `${proxy.url}/manifest.xml` }],
    fresh: config.fresh,
    // Signed as the issuer the proxy trusts, whatever name the browser opened the shell under
    // (localhost or 127.0.0.1): otherwise every token would be refused as identity_wrong_issuer.
    identityIssuer: proxyConfig.identityIssuer,
  });
  running.unshift({ name: 'shell', close: () => shell.close() });
  console.log(`  OfficeTools shell    ${shell.url}`);
  console.log(`  Data folder          ${config.dataDir}`);
  console.log(`\nReady — open ${shellUrl}\n(Ctrl-C stops everything.)`);
  if (!config.useLocalSandbox) console.log(`Using Intuit endpoints (INTUIT_TARGET=${process.env.INTUIT_TARGET}); the local sandbox at ${sandboxUrl} is not started.`);
  return running;
}

async function main(): Promise<void> {
  let config: StartConfig;
  try {
    config = loadStartConfig(process.env, process.argv.slice(2));
  } catch (err) {
    if (err instanceof StartConfigError) {
      console.error(`Cannot start: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }

  let running: Running[] = [];
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    for (const r of running) {
      try {
        await r.close();
        console.log(`  stopped ${r.name}`);
      } catch (err) {
        console.error(`  ${r.name} did not stop cleanly: ${(err as Error).message}`);
      }
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    running = await start(config);
  } catch (err) {
    if (err instanceof ConfigError) console.error(`Cannot start: ${err.message}`);
    else if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      const e = err as NodeJS.ErrnoException & { port?: number };
      console.error(`Cannot start: port ${e.port ?? ''} is already in use. Stop the other program or choose another port (SHELL_PORT, ADDIN_PORT, SANDBOX_PORT).`);
    } else console.error('Cannot start:', err);
    for (const r of running) await r.close().catch(() => undefined);
    process.exit(1);
  }
}

void main();
