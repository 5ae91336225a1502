/**
 * `npm run sandbox`: the QuickBooks Online sandbox on its own.
 *   SANDBOX_PORT (3002)  SANDBOX_HOST (127.0.0.1)  DATA_DIR (.data; sandbox data in <DATA_DIR>/sandbox)
 *   SANDBOX_FRESH=1 (start from fresh demo data)  SANDBOX_LIMITS=off (no throttling)
 *   ADDIN_PORT (3001; the dev app's redirect URI is http://127.0.0.1:<ADDIN_PORT>/auth/callback)
 */
import path from 'node:path';
import { createSandbox } from './server';
import { loadOrCreateDevApp } from './dev-app';
import { DEMO_REALMS, DEMO_USER } from './demo-companies';

class ConfigError extends Error {}

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) throw new ConfigError(`${name} must be a port number from 0 to 65535 (0 = any free port), not "${raw}".`);
  return Number(raw);
}

function flag(name: string, allowed: string[]): string | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!allowed.includes(raw.toLowerCase())) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, not "${raw}".`);
  return raw.toLowerCase();
}

async function main(): Promise<void> {
  const sandboxPort = port('SANDBOX_PORT', 3002);
  const addinPort = port('ADDIN_PORT', 3001);
  const host = process.env.SANDBOX_HOST || '127.0.0.1';
  const fresh = flag('SANDBOX_FRESH', ['1', '0', 'true', 'false']);
  const limits = flag('SANDBOX_LIMITS', ['on', 'off']);
  const dataDir = path.resolve(process.env.DATA_DIR || '.data', 'sandbox');
  const app = loadOrCreateDevApp(dataDir, `http://127.0.0.1:${addinPort}/auth/callback`);
  const sandbox = await createSandbox({ dataDir, host, port: sandboxPort, apps: [app], fresh: fresh === '1' || fresh === 'true', limits: limits === 'off' ? false : undefined });
  console.log(`QuickBooks Online sandbox at ${sandbox.url}`);
  console.log(`  data: ${dataDir}   companies: US ${DEMO_REALMS.us}, CA ${DEMO_REALMS.ca}`);
  console.log(`  sign in as ${DEMO_USER.email} / ${DEMO_USER.password}; dev app ${app.clientId} (secret in ${path.join(dataDir, 'dev-app.json')})`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the sandbox…`);
    sandbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('The sandbox did not stop cleanly:', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(`Sandbox configuration error: ${err.message}`);
  else if (err instanceof Error && 'code' in err && err.code === 'EADDRINUSE') console.error(`The sandbox port is in use; set SANDBOX_PORT to a free port. (${err.message})`);
  else console.error('The sandbox failed to start:', err);
  process.exit(1);
});
