/**
 * A request the shell cannot accept. `status` is the HTTP status to answer with and `code` the
 * machine-readable error; `message` says what was wrong and what to send instead.
 */
export type InputErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'over_application'
  | 'not_installed'
  /** The X-OfficeTools-User header names nobody of any firm. */
  | 'unknown_user'
  /** An identity token was asked for an audience that is not an add-in the user installed. */
  | 'audience_not_installed';

const STATUS: Record<InputErrorCode, number> = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  over_application: 422,
  not_installed: 404,
  unknown_user: 401,
  audience_not_installed: 403,
};

export class InputError extends Error {
  readonly status: number;
  constructor(
    readonly code: InputErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'InputError';
    this.status = STATUS[code];
  }
}
