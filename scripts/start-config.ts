/** Reads and checks `npm start`'s environment; a bad value stops start-up naming the variable. */
import path from 'node:path';

export class StartConfigError extends Error {}

export interface StartConfig {
  host: string;
  shellPort: number;
  addinPort: number;
  sandboxPort: number;
  dataDir: string;
  fresh: boolean;
  build: boolean;
  /** Build even when dist/ holds a build of the same inputs. */
  rebuild: boolean;
  /** False when INTUIT_TARGET points the proxy at Intuit's real endpoints. */
  useLocalSandbox: boolean;
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535) {
    throw new StartConfigError(`${name} must be a whole number from 1 to 65535, got "${raw}".`);
  }
  return Number(raw);
}

export function loadStartConfig(env: NodeJS.ProcessEnv, argv: string[]): StartConfig {
  const known = new Set(['--fresh', '--no-build', '--rebuild']);
  const unknown = argv.filter((a) => !known.has(a));
  if (unknown.length) throw new StartConfigError(`unknown option ${unknown.join(' ')}; use --fresh, --rebuild or --no-build.`);

  const host = env.HOST || '127.0.0.1';
  if (!/^[\w.-]+$/.test(host)) throw new StartConfigError(`HOST must be a host name or IP address, got "${host}".`);
  const shellPort = port(env, 'SHELL_PORT', 3000);
  const addinPort = port(env, 'ADDIN_PORT', 3001);
  const sandboxPort = port(env, 'SANDBOX_PORT', 3002);
  const ports = [shellPort, addinPort, sandboxPort];
  if (new Set(ports).size !== ports.length) {
    throw new StartConfigError(`SHELL_PORT, ADDIN_PORT and SANDBOX_PORT must differ, got ${ports.join(', ')}.`);
  }
  const target = env.INTUIT_TARGET || 'local';
  if (!['local', 'intuit-sandbox', 'intuit-production'].includes(target)) {
    throw new StartConfigError(`INTUIT_TARGET must be local, intuit-sandbox or intuit-production, got "${target}".`);
  }
  return {
    host,
    shellPort,
    addinPort,
    sandboxPort,
    dataDir: path.resolve(env.DATA_DIR || '.data'),
    fresh: argv.includes('--fresh'),
    build: !argv.includes('--no-build'),
    rebuild: argv.includes('--rebuild'),
    useLocalSandbox: target === 'local',
  };
}
