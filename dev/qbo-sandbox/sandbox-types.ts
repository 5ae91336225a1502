/** Public option and handle types of the sandbox; server.ts re-exports them. */

/** An OAuth app registered with the sandbox (Intuit's "development keys"). */
export interface SandboxApp {
  clientId: string;
  clientSecret: string;
  /** Exact redirect URIs accepted by the authorize page and the code exchange. */
  redirectUris: string[];
}

/** QuickBooks' documented throttles; all windows run on the sandbox clock. */
export interface SandboxLimits {
  /** Requests a minute per company (all apps). @defaultvalue 500 */
  perRealmPerMinute: number;
  /** Requests a second per company and app. @defaultvalue 10 */
  perAppPerSecond: number;
  /** Requests in flight at once per company and app. @defaultvalue 10 */
  concurrentPerApp: number;
  /** Batch calls a minute per company and app. @defaultvalue 40 */
  batchPerAppPerMinute: number;
  /** Batch calls a minute per company (all apps). @defaultvalue 120 */
  batchPerRealmPerMinute: number;
}

export const DEFAULT_LIMITS: SandboxLimits = {
  perRealmPerMinute: 500,
  perAppPerSecond: 10,
  concurrentPerApp: 10,
  batchPerAppPerMinute: 40,
  batchPerRealmPerMinute: 120,
};

export interface SandboxOptions {
  /** Folder for companies, tokens and keys; created when missing. */
  dataDir: string;
  /** @defaultvalue '127.0.0.1' */
  host?: string;
  /** 0 picks an ephemeral port. @defaultvalue 0 */
  port?: number;
  apps: SandboxApp[];
  /** Wipe the data folder and load the demo companies. Also happens when the folder is empty. */
  fresh?: boolean;
  /** Partial overrides of DEFAULT_LIMITS, or false to switch throttling off. */
  limits?: Partial<SandboxLimits> | false;
}

export interface SandboxServer {
  /** e.g. http://127.0.0.1:3002 (no trailing slash). */
  url: string;
  port: number;
  close(): Promise<void>;
}
