/**
 * The upgrade (issue 10, point 9): the first time a browser opens a company with replication,
 * what it already holds from before (links, settings, documents, history lines with no rev
 * known) is offered to the firm with `adopt`, in chunks. The firm takes what it does not have
 * and answers the rest with its own record, which is applied here: the firm's value wins. What
 * was not taken is reported with words (NotTakenItem); records the firm holds with exactly our
 * value (a chunk retried after an interruption) are not worth a message. History lines get
 * their firm id locally, so the pull that follows does not add them twice. When every chunk
 * is through, the company is marked adopted and this never runs again for it.
 */
import type { AuditRecord, ReplicaCollection } from '../store/schema';
import type { NotTakenItem } from './describe-conflict';
import { describeAdoptNotTaken } from './describe-conflict';
import type { AdoptRecord } from './firm-remote';
import { SETTINGS_ID, documentBody, documentId, historyBody, linkBody, linkId, newHistoryId, sameBody, settingsBody } from './firm-records';
import { REPLICA_STORES, applyRemoteRecords } from './replica-apply';
import type { ReplicaContext } from './replica-context';
import { RevBook } from './replica-revs';
import { readRealm, updateRealm } from './replica-meta';

const CHUNK = 2000;

interface Offer {
  record: AdoptRecord;
  /** For history lines: the local row to give the firm id. */
  auditSeq?: number;
}

/** What this browser holds for the company that the firm has never acknowledged. */
async function collectOffers(ctx: ReplicaContext): Promise<Offer[]> {
  const { db, realmId } = ctx;
  // readwrite only because the rev book is typed for the replica's transactions; nothing is written.
  const tx = db.transaction(REPLICA_STORES, 'readwrite');
  const book = await RevBook.load(tx, realmId, 'all');
  const known = (collection: ReplicaCollection, id: string) => book.get(collection, id) !== undefined;
  const offers: Offer[] = [];
  const links = await tx.objectStore('links').getAll(IDBKeyRange.bound([realmId], [realmId, []]));
  for (const l of links) {
    const id = linkId(l.kind, l.otId);
    if (!known('links', id)) offers.push({ record: { collection: 'links', id, body: linkBody(l) } });
  }
  const settings = await tx.objectStore('settings').get(realmId);
  if (settings && !known('settings', SETTINGS_ID)) offers.push({ record: { collection: 'settings', id: SETTINGS_ID, body: settingsBody(settings) } });
  const documents = await tx.objectStore('documents').getAll(IDBKeyRange.bound([realmId], [realmId, []]));
  for (const d of documents) {
    const id = documentId(d.kind, d.sourceId);
    if (!known('documents', id)) offers.push({ record: { collection: 'documents', id, body: documentBody(d) } });
  }
  const audit: AuditRecord[] = await tx.objectStore('audit').index('byRealm').getAll(realmId);
  for (const a of audit) {
    if (a.id === undefined) offers.push({ record: { collection: 'history', id: newHistoryId(), body: historyBody(a) }, auditSeq: a.seq });
  }
  await tx.done;
  return offers;
}

/** Runs the upgrade upload once per company; resolves at once when it already ran. */
export async function adoptLocalData(ctx: ReplicaContext): Promise<void> {
  const { db, realmId, remote } = ctx;
  if ((await readRealm(db, realmId)).adoptedAt) return;
  const offers = await collectOffers(ctx);
  const notTaken: NotTakenItem[] = [];
  for (let i = 0; i < offers.length; i += CHUNK) {
    const chunk = offers.slice(i, i + CHUNK);
    const answer = await remote.adopt(realmId, chunk.map((o) => o.record));
    ctx.reachable(true);
    const refused = new Map(answer.notTaken.map((n) => [`${n.collection}\u0000${n.id}`, n]));
    const tx = db.transaction(REPLICA_STORES, 'readwrite');
    const audit = tx.objectStore('audit');
    const taken = chunk.filter((o) => o.auditSeq !== undefined && !refused.has(`history\u0000${o.record.id}`));
    const book = await RevBook.load(tx, realmId, taken.map((o) => o.record as { collection: ReplicaCollection; id: string }));
    for (const o of taken) {
      const row = await audit.get(o.auditSeq as number);
      if (row) await audit.put({ ...row, id: o.record.id });
      book.set('history', o.record.id, { rev: 1, deleted: false });
    }
    await book.save();
    const firm = answer.notTaken.map((n) => n.firm);
    const changed = await applyRemoteRecords(tx, realmId, firm);
    if (i + CHUNK >= offers.length) await updateRealm(tx, realmId, { adoptedAt: ctx.now().toISOString() });
    await tx.done;
    ctx.changed(changed);
    for (const n of answer.notTaken) {
      const mine = chunk.find((o) => o.record.collection === n.collection && o.record.id === n.id);
      if (!mine || (n.reason === 'firm_has_other' && !n.firm.deleted && sameBody(n.firm.body, mine.record.body))) continue;
      notTaken.push({ collection: n.collection, id: n.id, source: 'upgrade', message: describeAdoptNotTaken(n, mine.record.body) });
    }
  }
  if (offers.length === 0) {
    const tx = db.transaction(REPLICA_STORES, 'readwrite');
    await updateRealm(tx, realmId, { adoptedAt: ctx.now().toISOString() });
    await tx.done;
  }
  if (notTaken.length > 0) ctx.notTaken(notTaken);
}
