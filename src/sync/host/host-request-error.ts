import type { HostErrorCode } from './protocol';

/**
 * Why a host request failed: the host's own error codes, plus `disposed` when the client was
 * shut down while the request was still waiting for an answer.
 */
export type HostRequestErrorCode = HostErrorCode | 'disposed';

/** A host request that did not succeed. `code` is stable and safe to branch on; `message` is for people. */
export class HostRequestError extends Error {
  readonly code: HostRequestErrorCode;
  /** The method that was asked for, e.g. `contactTypes.list`. */
  readonly method: string;

  constructor(code: HostRequestErrorCode, method: string, message: string) {
    super(message);
    this.name = 'HostRequestError';
    this.code = code;
    this.method = method;
  }
}

export function isHostRequestError(value: unknown): value is HostRequestError {
  return value instanceof HostRequestError;
}
