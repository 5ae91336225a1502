/**
 * Runs the proxy alone from the environment (`npx tsx src/proxy/main.ts`): prints its URL,
 * stops on SIGINT/SIGTERM; a configuration error prints its message and exits 1.
 */
import { ConfigError, loadProxyConfig } from './config';
import { createProxy, type ProxyServer } from './server';
import { SchemaTooNewError } from './store/migrate';
import { TokenKeyError } from './token-key';

async function main(): Promise<void> {
  let proxy: ProxyServer;
  try {
    const config = loadProxyConfig(process.env);
    proxy = await createProxy(config);
    console.log(`QBO proxy listening at ${proxy.url} (Intuit target: ${config.target}; identity from ${config.identityIssuer})`);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof TokenKeyError || err instanceof SchemaTooNewError || (err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`Cannot start the proxy: ${(err as Error).message}`);
      process.exit(1);
    }
    throw err;
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the proxy…`);
    proxy.close().then(
      () => process.exit(0),
      (err: Error) => {
        console.error(`The proxy did not stop cleanly: ${err.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('The proxy failed to start:', err);
  process.exit(1);
});
