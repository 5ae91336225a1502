/**
 * Why a contact change could not be sent, in codes the panel and the notifications branch on,
 * with a message that says what happened and what to do.
 */
export type ContactSyncErrorCode =
  /** The outbox record is gone (sent, discarded, or another window changed it). */
  | 'not_found'
  /** The record is not in a state that allows this (say, Retry on a pending change). */
  | 'bad_state'
  /** An update for a contact that has no customer in QBO any more (link removed). */
  | 'not_linked'
  /** A customer of the same name exists in QBO but is linked to another contact. */
  | 'name_taken'
  /** A conflict answer did not cover every conflicting field. */
  | 'incomplete_answer'
  /** The browser's storage refused the write. */
  | 'storage';

export class ContactSyncError extends Error {
  readonly code: ContactSyncErrorCode;
  constructor(code: ContactSyncErrorCode, message: string) {
    super(message);
    this.name = 'ContactSyncError';
    this.code = code;
  }
}
