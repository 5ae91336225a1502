/**
 * Finds a Chromium to drive, in the order DESIGN.md fixes: CHROME_BIN, Debian's
 * /usr/bin/chromium, then the npm package @sparticuz/chromium (a dev dependency, so that a
 * fresh machine needs nothing but `npm install`).
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function findChromium(): Promise<string> {
  const fromEnv = process.env.CHROME_BIN;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sparticuz = require('@sparticuz/chromium');
  const mod = sparticuz.default ?? sparticuz;
  return mod.executablePath();
}
