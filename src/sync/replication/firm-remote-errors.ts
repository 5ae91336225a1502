/**
 * The errors a FirmRemote raises. A 409 from the firm is a FirmConflictError carrying each
 * conflict with the firm's current record (and, for a taken QBO id, the link that holds it), so
 * the stores can apply the winner locally and name it and who made it. Everything else is a
 * FirmRemoteError; `offline` is true when the proxy could not be reached at all, which is the
 * one case where link and settings writes wait in the local queue.
 */
import type { PushConflict } from './firm-remote';

export class FirmRemoteError extends Error {
  /** The proxy's error code (e.g. `bad_change`, `identity_expired`), or `unreachable`/`bad_answer`. */
  readonly code: string;
  /** HTTP status, when the proxy answered. */
  readonly status?: number;
  /** True when the proxy could not be reached (network failure): writes may be queued. */
  readonly offline: boolean;
  constructor(code: string, message: string, options: { status?: number; offline?: boolean } = {}) {
    super(message);
    this.name = 'FirmRemoteError';
    this.code = code;
    if (options.status !== undefined) this.status = options.status;
    this.offline = options.offline ?? false;
  }
}

/** The firm refused a push because a record changed first (`stale`) or a QBO id is taken (`unique`). */
export class FirmConflictError extends FirmRemoteError {
  readonly conflicts: readonly PushConflict[];
  constructor(conflicts: PushConflict[], message = 'Someone else changed the same records first; nothing was written.') {
    super('conflict', message, { status: 409 });
    this.name = 'FirmConflictError';
    this.conflicts = conflicts;
  }
}

export function unreachable(what: string, cause: unknown): FirmRemoteError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new FirmRemoteError('unreachable', `${what}: the add-in's server could not be reached (${why}). Showing the last known state; check the connection.`, { offline: true });
}
