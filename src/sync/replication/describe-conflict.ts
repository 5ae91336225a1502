/**
 * Words for what the firm refused or did not take, naming the winning record and who made it,
 * so that a refused write is reported instead of silently lost (issue 10, points 6, 7 and 9).
 */
import { LINK_SIDE_NAMES } from '../store/link-store';
import type { LinkKind } from '../store/schema';
import type { FirmCollection, PushConflict, RemoteRecord } from './firm-remote';
import { splitKindId } from './firm-records';

/** A write or an uploaded record the firm did not take, shown by the panel. */
export interface NotTakenItem {
  collection: FirmCollection;
  id: string;
  /** 'upgrade': offered by the first open after the upgrade; 'offline': a write queued while offline. */
  source: 'upgrade' | 'offline';
  message: string;
}

const by = (r: RemoteRecord | null | undefined): string => r?.updatedBy?.name || 'another staff member';
const str = (v: unknown): string => (typeof v === 'string' ? v : String(v ?? ''));

/** "QuickBooks customer 58 was just linked to OfficeTools contact c-7 by Sam Ortiz." */
export function describeLinkConflict(c: PushConflict): string {
  const [kindText, otId] = splitKindId(c.id);
  const n = LINK_SIDE_NAMES[kindText as LinkKind] ?? { ot: 'record', qbo: 'record' };
  if (c.reason === 'unique' && c.holder?.body) {
    return `QuickBooks ${n.qbo} ${str(c.holder.body.qboId)} was just linked to OfficeTools ${n.ot} ${str(c.holder.body.otId)} by ${by(c.holder)}.`;
  }
  const cur = c.current;
  if (cur && !cur.deleted && cur.body) {
    return `OfficeTools ${n.ot} ${otId} was just linked to QuickBooks ${n.qbo} ${str(cur.body.qboId)} by ${by(cur)}.`;
  }
  return `The link of OfficeTools ${n.ot} ${otId} was just removed by ${by(cur)}.`;
}

/** For settings, documents and history conflicts. */
export function describeRecordConflict(c: PushConflict): string {
  if (c.collection === 'links') return describeLinkConflict(c);
  if (c.collection === 'settings') return `The settings were just changed by ${by(c.current)}.`;
  if (c.collection === 'documents') {
    const [kind, sourceId] = splitKindId(c.id);
    const state = c.current?.body ? ` (now ${str(c.current.body.state)})` : '';
    return `The record of ${kind} ${sourceId} was just changed by ${by(c.current)}${state}.`;
  }
  return `History line ${c.id} already exists.`;
}

/** "Link of contact c-3 to customer 12 was not taken: the firm links c-3 to customer 14 (made by Dana Whitfield)." */
export function describeAdoptNotTaken(item: { collection: FirmCollection; id: string; reason: 'firm_has_other' | 'unique'; firm: RemoteRecord }, mine: Record<string, unknown>): string {
  const firmBody = item.firm.body ?? {};
  const made = `(made by ${by(item.firm)})`;
  switch (item.collection) {
    case 'links': {
      const n = LINK_SIDE_NAMES[str(mine.kind) as LinkKind] ?? { ot: 'record', qbo: 'record' };
      const head = `Link of ${n.ot} ${str(mine.otId)} to ${n.qbo} ${str(mine.qboId)} was not taken:`;
      if (item.reason === 'unique') return `${head} the firm links ${n.qbo} ${str(mine.qboId)} to ${n.ot} ${str(firmBody.otId)} ${made}.`;
      if (item.firm.deleted) return `${head} the firm removed that link ${made}.`;
      return `${head} the firm links ${str(mine.otId)} to ${n.qbo} ${str(firmBody.qboId)} ${made}.`;
    }
    case 'settings':
      return `This browser's settings were not taken: the firm's settings are used ${made}.`;
    case 'documents': {
      const [kind, sourceId] = splitKindId(item.id);
      return `This browser's record of ${kind} ${sourceId} (${str(mine.state)}) was not taken: the firm's record says ${str(firmBody.state) || 'removed'} ${made}.`;
    }
    case 'history':
      return `History line "${str(mine.what)}" was not taken: the firm already has a line with its id ${made}.`;
  }
}
