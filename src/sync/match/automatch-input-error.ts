/** Thrown when automatch is handed something it cannot read; the message says which field and what to send. */
export class AutomatchInputError extends Error {
  readonly code = 'AUTOMATCH_BAD_INPUT';
  constructor(message: string) {
    super(message);
    this.name = 'AutomatchInputError';
  }
}
