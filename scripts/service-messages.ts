/**
 * What `npm start` (scripts/start.ts) and each service's own process (scripts/start-service.ts)
 * say to each other over the IPC channel of `child_process.fork`. Options travel as a message,
 * not in the environment, so the dev app's secret is not readable from /proc/<pid>/environ.
 */
import type { SandboxApp } from '../dev/qbo-sandbox/sandbox-types';

export type ServiceName = 'sandbox' | 'proxy' | 'shell';

export type ServiceOptions =
  | { service: 'sandbox'; dataDir: string; host: string; port: number; app: SandboxApp; fresh: boolean }
  /** The proxy reads its whole configuration from this environment (src/proxy/config.ts). */
  | { service: 'proxy'; env: Record<string, string> }
  | { service: 'shell'; dataDir: string; host: string; port: number; manifestUrl: string; fresh: boolean; identityIssuer: string };

/** Parent to service: start with these options (sent once, right after fork). */
export interface StartMessage {
  kind: 'start';
  options: ServiceOptions;
}

/** Service to parent. */
export type ServiceMessage =
  | { kind: 'ready'; url: string }
  /** Start-up failed; `message` is meant for the person who ran `npm start`. */
  | { kind: 'failed'; message: string; code?: string; port?: number }
  /** The service received a stop signal (e.g. Ctrl-C reached the whole process group). */
  | { kind: 'stopping'; signal: string };

export function isStartMessage(v: unknown): v is StartMessage {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'start' && typeof (v as { options?: unknown }).options === 'object';
}

export function isServiceMessage(v: unknown): v is ServiceMessage {
  const kind = typeof v === 'object' && v !== null ? (v as { kind?: unknown }).kind : undefined;
  return kind === 'ready' || kind === 'failed' || kind === 'stopping';
}
