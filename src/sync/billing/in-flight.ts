/**
 * Which documents may still be written by a request sent earlier, and how to resend them
 * without a second copy (ADR 0002, "in flight"). QBO replays the first answer only for the
 * same requestid in the same batch (same batch requestid and bIds); a request it has not
 * answered can still commit until QBO's 120 s request timeout has passed. So a document whose
 * earlier send has an unknown outcome is either resent in exactly its earlier batch, or left
 * alone until that batch can no longer commit and its fingerprint is checked again.
 *
 * The bookkeeping lives in the journal entry's `requestId` field (no new field, so every
 * journal store keeps it as it is): while a document is `sent`, the field holds
 * `<requestid> <batch requestid> <bId> <batch size> <last send ms>`, or `<requestid> answered`
 * once an answer arrived; a bare `<requestid>` is a plan, or a send recorded before this
 * bookkeeping existed (then `updatedAt` is taken as its send time).
 */
import type { JournalEntry } from './billing-types';

/** QBO gives up on a request after 120 s (QBO-FACTS §1). */
export const QBO_REQUEST_TIMEOUT_MS = 120_000;
/** While a batch call is outstanding its send time is renewed this often (retries resend it). */
export const SEND_HEARTBEAT_MS = 20_000;
/**
 * After the last recorded send time, how long a request may still commit: QBO's timeout, plus
 * one heartbeat (a retry may have gone out just before the next heartbeat was due), plus slack
 * for the clocks and the network.
 */
export const IN_FLIGHT_WINDOW_MS = QBO_REQUEST_TIMEOUT_MS + SEND_HEARTBEAT_MS + 10_000;

export interface BatchSend {
  batchRequestId: string;
  bId: string;
  size: number;
  sentAtMs: number;
}

export type SendState =
  /** Planned, or failed: nothing of it can be in QBO's hands. */
  | { kind: 'notSent' }
  /** An answer came back (unreadable for this document): no request of it is outstanding. */
  | { kind: 'answered' }
  /** Sent in a batch with no answer yet; `sentAtMs` is the last send (or heartbeat). */
  | { kind: 'inBatch'; batch: BatchSend }
  /** Sent, with no record of the batch (older journal): in flight until updatedAt + window. */
  | { kind: 'unknownBatch'; sentAtMs: number };

/** The plain QBO requestid of a journal entry, whatever bookkeeping rides along with it. */
export function baseRequestId(stored: string): string {
  const space = stored.indexOf(' ');
  return space < 0 ? stored : stored.slice(0, space);
}

export function inBatchRequestId(requestId: string, batch: BatchSend): string {
  return `${baseRequestId(requestId)} ${batch.batchRequestId} ${batch.bId} ${batch.size} ${Math.round(batch.sentAtMs)}`;
}

export function answeredRequestId(requestId: string): string {
  return `${baseRequestId(requestId)} answered`;
}

export function sendStateOf(entry: JournalEntry | undefined): SendState {
  if (!entry || entry.state !== 'sent') return { kind: 'notSent' };
  const parts = entry.requestId.split(' ');
  if (parts.length === 2 && parts[1] === 'answered') return { kind: 'answered' };
  if (parts.length === 5) {
    const size = Number(parts[3]);
    const sentAtMs = Number(parts[4]);
    if (parts[1] && parts[2] && Number.isSafeInteger(size) && size > 0 && Number.isFinite(sentAtMs)) {
      return { kind: 'inBatch', batch: { batchRequestId: parts[1], bId: parts[2], size, sentAtMs } };
    }
  }
  const at = Date.parse(entry.updatedAt);
  // An unreadable time is taken as "just now": waiting is safe, guessing "long ago" is not.
  return { kind: 'unknownBatch', sentAtMs: Number.isFinite(at) ? at : Number.POSITIVE_INFINITY };
}

/** When the earlier send of this document can no longer commit in QBO (ms), or 0 if nothing is outstanding. */
export function settledAfterMs(state: SendState): number {
  switch (state.kind) {
    case 'notSent':
    case 'answered':
      return 0;
    case 'inBatch':
      return state.batch.sentAtMs + IN_FLIGHT_WINDOW_MS;
    case 'unknownBatch':
      return state.sentAtMs + IN_FLIGHT_WINDOW_MS;
  }
}
