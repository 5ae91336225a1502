/**
 * Runs the OfficeTools shell alone: `npx tsx dev/shell/main.ts [--fresh]`.
 *
 * Environment (each optional):
 * - SHELL_PORT (default 3000), SHELL_HOST (default 127.0.0.1);
 * - DATA_DIR (default .data at the repository root; firm data goes to `<DATA_DIR>/shell`);
 * - ADDIN_PUBLIC_URL (default http://127.0.0.1:3001): the add-in server whose
 *   `/manifest.xml` the catalog offers.
 * - SHELL_IDENTITY_ISSUER: the `iss` of identity tokens (default: the origin the browser used,
 *   `http://<Host header>`); set it when the proxy expects a fixed issuer.
 * `--fresh` (or SHELL_FRESH=1) starts from the demo firms, discarding saved firm data.
 */
import path from 'node:path';
import { qboCatalogEntry } from './catalog';
import { createShell } from './server';

class ConfigError extends Error {}

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > 65535) throw new ConfigError(`${name}="${raw}" is not a port number; use a whole number from 0 to 65535 (0 picks a free port).`);
  return value;
}

function httpUrl(name: string, fallback: string): string {
  const raw = process.env[name] || fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name}="${raw}" is not a URL; use e.g. ${fallback}.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${name}="${raw}" must start with http:// or https://.`);
  if (url.pathname !== '/' || url.search || url.hash) throw new ConfigError(`${name}="${raw}" must be an origin only (scheme, host, port), e.g. ${fallback}.`);
  return url.origin;
}

async function main(): Promise<void> {
  const shellPort = port('SHELL_PORT', 3000);
  const host = process.env.SHELL_HOST || '127.0.0.1';
  const dataDir = path.join(path.resolve(process.env.DATA_DIR || path.resolve(__dirname, '../../.data')), 'shell');
  const addinUrl = httpUrl('ADDIN_PUBLIC_URL', 'http://127.0.0.1:3001');
  const fresh = process.argv.includes('--fresh') || process.env.SHELL_FRESH === '1';
  const identityIssuer = process.env.SHELL_IDENTITY_ISSUER ? httpUrl('SHELL_IDENTITY_ISSUER', 'http://127.0.0.1:3000') : undefined;
  const shell = await createShell({ dataDir, host, port: shellPort, catalog: [qboCatalogEntry(addinUrl)], fresh, identityIssuer });
  console.log(`OfficeTools shell: ${shell.url}/ (firm data in ${dataDir}${fresh ? ', fresh demo firm' : ''})`);
  const stop = () => {
    shell.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('Shell did not close cleanly:', err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? `Configuration error: ${err.message}` : err);
  process.exit(1);
});
