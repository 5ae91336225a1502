/**
 * The local development app's OAuth credentials, shared by the sandbox and the proxy under
 * `npm start`. Created on first use in <dataDir>/dev-app.json (mode 0600) so that no client
 * secret is ever in the repository.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SandboxApp } from './sandbox-types';

export class DevAppFileError extends Error {
  constructor(file: string, problem: string) {
    super(`${file} ${problem}. Delete the file to have a new development app created (you will need to connect again).`);
    this.name = 'DevAppFileError';
  }
}

const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomString(length: number): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  // Rejection sampling keeps every character equally likely.
  for (const b of bytes) {
    if (b < 248) out += SECRET_ALPHABET[b % 62];
    if (out.length === length) return out;
  }
  return out + randomString(length - out.length);
}

function isApp(v: unknown): v is SandboxApp {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.clientId === 'string' && typeof o.clientSecret === 'string' && Array.isArray(o.redirectUris) && o.redirectUris.every((u) => typeof u === 'string');
}

export function loadOrCreateDevApp(dataDir: string, redirectUri: string): SandboxApp {
  const file = path.join(dataDir, 'dev-app.json');
  fs.mkdirSync(dataDir, { recursive: true });
  let app: SandboxApp;
  if (fs.existsSync(file)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      throw new DevAppFileError(file, 'is not valid JSON');
    }
    if (!isApp(parsed)) throw new DevAppFileError(file, 'does not hold {clientId, clientSecret, redirectUris}');
    app = parsed;
    if (app.redirectUris.includes(redirectUri)) return app;
    app = { ...app, redirectUris: [...app.redirectUris, redirectUri] };
  } else {
    app = { clientId: `OT-dev-${randomString(24)}`, clientSecret: randomString(40), redirectUris: [redirectUri] };
  }
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(app, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
  fs.chmodSync(file, 0o600);
  return app;
}
