/**
 * The fingerprints that identify an OfficeTools document inside QBO, and the requestids that
 * make its writes idempotent. Both are derived from the document alone, so a second computer
 * or a second staff member (with an empty journal) derives the same ones.
 */
import type { BillingJobKind } from './billing-types';

export const INVOICE_MARKER_PREFIX = 'OT-INV:';
export const PAYMENT_MARKER_PREFIX = 'OT-PAY:';

export function invoiceMarker(invoiceId: string): string {
  return `${INVOICE_MARKER_PREFIX}${invoiceId}`;
}

export function paymentMarker(paymentId: string): string {
  return `${PAYMENT_MARKER_PREFIX}${paymentId}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * True when `note` carries exactly `marker`: `OT-INV:12` must not match a note holding
 * `OT-INV:123`, so the marker has to end at a character that cannot continue an id.
 */
export function noteHasMarker(note: unknown, marker: string): boolean {
  if (typeof note !== 'string') return false;
  return new RegExp(`(^|[^A-Za-z0-9_-])${escapeRegExp(marker)}(?![A-Za-z0-9_-])`).test(note);
}

/** Every id after `prefix` in a note (e.g. all `OT-INV:` ids), in order. */
export function markerIds(note: unknown, prefix: string): string[] {
  if (typeof note !== 'string') return [];
  const out: string[] = [];
  const re = new RegExp(`(?:^|[^A-Za-z0-9_-])${escapeRegExp(prefix)}([A-Za-z0-9_-]+)`, 'g');
  for (let m = re.exec(note); m; m = re.exec(note)) out.push(m[1]);
  return out;
}

/** Lower-case hex SHA-256 (WebCrypto: the same in the panel and in Node 20). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const KIND_TAG: Record<BillingJobKind, string> = { invoiceExport: 'inv', paymentExport: 'pay', paymentImport: 'imp' };

/**
 * The first requestid of a document: the same on every computer, so even two staff members
 * sending the same single document at the same moment send the same requestid (≤36 chars,
 * so it also fits where QBO wants a batch requestid).
 */
export async function firstRequestId(realmId: string, kind: BillingJobKind, sourceId: string): Promise<string> {
  return `${KIND_TAG[kind]}-${(await sha256Hex(`${realmId}\u0000${kind}\u0000${sourceId}`)).slice(0, 32)}`;
}

/**
 * A new requestid after QBO gave a definitive answer (a fault) for the previous one: QBO would
 * replay that fault for the old id, so a corrected document needs a new one. Derived from the
 * previous id, so it is still reproducible.
 */
export async function renewedRequestId(previous: string): Promise<string> {
  const tag = previous.split('-')[0] || 'doc';
  return `${tag}-${(await sha256Hex(`renew\u0000${previous}`)).slice(0, 32)}`;
}

/**
 * The requestid of one batch call: derived from its items' bIds and the documents'
 * requestids, so resending the same documents in the same batch after an unknown outcome
 * reuses it (QBO then replays its first answer instead of writing again), and a batch of one
 * document uses that document's own requestid. ≤36 chars, QBO's limit for batch.
 */
export async function batchRequestId(items: ReadonlyArray<{ bId: string; requestId: string }>): Promise<string> {
  if (items.length === 1 && items[0].requestId.length <= 36) return items[0].requestId;
  return `b-${(await sha256Hex(items.map((i) => `${i.bId}=${i.requestId}`).join('\n'))).slice(0, 32)}`;
}
