/**
 * Finishing Match-tab runs that a reload, a crash or a closed panel cut off (issue 14, point 2).
 * Run on open (the Match tab, under the run lock), it reads the firm's journal and settles every
 * unfinished entry so that nothing stays created-but-unlinked:
 *
 * Exports (QBO names are unique, so the name is the fingerprint):
 * - `created`: QBO has it (the Id is journaled) → link it.
 * - `planned`: never sent (`sent` is journaled before every call) → closed as not sent.
 * - `sent`: its batch is resent identically — same batch requestid, same bIds, every member —
 *   so QBO replays the first answer if it had it and creates it now if it had not; the answers
 *   are linked. When the batch cannot be rebuilt (an entity was deleted, or a member has moved
 *   on), the entry waits until the earlier call can no longer commit (QBO's 120 s timeout plus
 *   a heartbeat and slack after its last send) and is then looked up by name: found → linked,
 *   not found → closed as not created. Never sent again with a new requestid.
 *
 * Imports (the host has no requestid): `created` → link; `sent`/`planned` → the OfficeTools
 * entity with the journaled name that is not linked yet is linked (exactly one), none → closed as
 * not created, several → left for the user with a message.
 *
 * Everything it did is reported once (the tab's MessageBar) and recorded as one Sync History line.
 */
import { displayFormat } from '../format/display-locale';
import type { LocaleFormat } from '../format/locale-format';
import { IN_FLIGHT_WINDOW_MS } from '../billing/in-flight';
import { interruptedRunHistory } from '../history/history-builders';
import type { HistoryRecorder } from '../history/history-recorder';
import type { QboStored } from '../qbo/entities';
import type { BatchItem } from '../qbo/gateway';
import { selectQuery } from '../qbo/query-builder';
import type { LinkKind, LinkRecord } from '../store/schema';
import type { EntityJournal, EntityJournalEntry, EntityJournalWrite, RunInfo } from './entity-journal';
import { exportKind, hasNameFields, importKind, isUnfinished } from './entity-journal';
import type { JobGateway, JobLinks } from './job-ports';
import type { ExportContext, MatchSpec } from './match-spec';
import { MAX_BATCH_ITEMS, nameKey } from './plan-export';

export interface ResumedEntity {
  /** OfficeTools id. */
  otId: string;
  qboId: string;
  name: string;
}

export interface ResumeProblem {
  /** OfficeTools id (exports) or QBO Id (imports). */
  id: string;
  name: string;
  code: string;
  message: string;
}

export interface ResumeReport {
  direction: 'export' | 'import';
  /** The interrupted runs (who started them, when). */
  runs: RunInfo[];
  /** Created by the interrupted run (or by the replay now) and linked now. */
  linked: ResumedEntity[];
  /** Already linked (by the run before it was cut off, or by someone since): nothing to do. */
  alreadyLinked: ResumedEntity[];
  /** Never sent, or found not created: nothing exists on the other side. */
  notCreated: ResumeProblem[];
  /** Still possibly being saved by QBO: checked on a later open (ms when it can be). */
  waiting: Array<ResumeProblem & { untilMs: number }>;
  /** Could not be settled (link refused, name taken, ambiguous). */
  failed: ResumeProblem[];
  /** QBO calls made. */
  requests: number;
}

export interface ResumeExportDeps<OT> {
  gateway: JobGateway;
  links: JobLinks;
  journal: EntityJournal;
  /** The OfficeTools entities now, to rebuild a batch's bodies. */
  ot: readonly OT[];
  context: ExportContext;
  history?: HistoryRecorder;
  /** @defaultvalue Date.now */
  now?: () => number;
  /** How times in its messages read (the user's locale). @defaultvalue displayFormat() */
  format?: LocaleFormat;
}

export interface ResumeImportDeps<OT> {
  links: JobLinks;
  journal: EntityJournal;
  /** The OfficeTools entities now, to find what the interrupted import created. */
  ot: readonly OT[];
  history?: HistoryRecorder;
}

function emptyReport(direction: 'export' | 'import', entries: readonly EntityJournalEntry[]): ResumeReport {
  const runs = new Map<string, RunInfo>();
  for (const e of entries) if (!runs.has(e.run.id)) runs.set(e.run.id, e.run);
  return { direction, runs: [...runs.values()], linked: [], alreadyLinked: [], notCreated: [], waiting: [], failed: [], requests: 0 };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Links `pairs` (otId → qboId) in one write; on a refusal, one at a time so the rest still link. */
async function linkAll(
  kind: LinkKind,
  origin: 'export' | 'import',
  links: JobLinks,
  pairs: ReadonlyArray<{ otId: string; qboId: string; syncToken?: string }>,
): Promise<{ linked: LinkRecord[]; refused: Map<string, string> }> {
  const refused = new Map<string, string>();
  if (pairs.length === 0) return { linked: [], refused };
  const inputs = pairs.map((p) => ({ kind, otId: p.otId, qboId: p.qboId, origin, syncToken: p.syncToken }));
  try {
    return { linked: await links.linkMany(inputs), refused };
  } catch {
    const linked: LinkRecord[] = [];
    for (const input of inputs) {
      try {
        linked.push(...(await links.linkMany([input])));
      } catch (e) {
        refused.set(input.otId, errorText(e));
      }
    }
    return { linked, refused };
  }
}

/** QBO entities of the tab's kind by name (inactive ones too), ≤30 look-ups per call. */
async function findByNames<OT extends { id: string }, Q extends QboStored, I>(
  spec: MatchSpec<OT, Q, I>,
  gateway: JobGateway,
  names: readonly string[],
  report: ResumeReport,
): Promise<Map<string, Q>> {
  const found = new Map<string, Q>();
  for (let i = 0; i < names.length; i += MAX_BATCH_ITEMS) {
    const chunk = names.slice(i, i + MAX_BATCH_ITEMS);
    const items: BatchItem[] = chunk.map((name, k) => ({
      bId: `f${i + k + 1}`,
      query: selectQuery(spec.qboEntity, { where: [{ field: spec.uniqueField, op: '=', value: name }, { field: 'Active', op: 'IN', value: [true, false] }], maxResults: 10 }),
    }));
    report.requests++;
    const answers = await gateway.batch(items);
    const byBId = new Map(answers.map((a) => [a.bId, a]));
    chunk.forEach((name, k) => {
      const a = byBId.get(items[k].bId);
      if (!a || !a.ok || a.type !== 'query') throw new Error(`QuickBooks Online could not be searched for "${name}"${a && !a.ok ? `: ${a.error.message}` : '.'}`);
      const row = (a.page.rows as unknown as Q[]).find((r) => {
        const n = r[spec.uniqueField as keyof Q];
        return typeof n === 'string' && nameKey(n) === nameKey(name);
      });
      if (row) found.set(nameKey(name), row);
    });
  }
  return found;
}

/**
 * Settles the unfinished entries of this tab's exports. Returns undefined when there were none.
 * Call it while holding the run lock (run-guard.ts): a run in progress elsewhere has unfinished
 * entries too.
 */
export async function resumeExports<OT extends { id: string }, Q extends QboStored, I>(
  spec: MatchSpec<OT, Q, I>,
  deps: ResumeExportDeps<OT>,
): Promise<ResumeReport | undefined> {
  const now = deps.now ?? (() => Date.now());
  const kind = exportKind(spec.kind);
  const open = (await deps.journal.list(kind)).filter(isUnfinished);
  if (open.length === 0) return undefined;
  const report = emptyReport('export', open);
  const writes: EntityJournalWrite[] = [];
  const settle = (e: EntityJournalEntry, patch: Partial<EntityJournalWrite>) => {
    const { updatedAt: _at, ...rest } = e;
    writes.push({ ...rest, ...patch });
  };
  const linkedNow = new Map((await deps.links.list(spec.kind)).map((l) => [l.otId, l.qboId]));
  const otById = new Map(deps.ot.map((o) => [o.id, o]));
  const toLink: Array<{ entry: EntityJournalEntry; qboId: string; syncToken?: string }> = [];

  /** QBO has it (Id known): linked already, or to be linked now. */
  const created = (e: EntityJournalEntry, qboId: string, syncToken?: string) => {
    const held = linkedNow.get(e.sourceId);
    if (held === qboId) {
      report.alreadyLinked.push({ otId: e.sourceId, qboId, name: e.name });
      settle(e, { state: 'linked', targetId: qboId, error: undefined });
    } else if (held !== undefined) {
      const message = `QuickBooks Online ${spec.words.qbo} ${qboId} was created for it, but it has since been linked to QuickBooks Online ${spec.words.qbo} ${held}. Unlink one of them, or make the extra one inactive in QuickBooks Online.`;
      report.failed.push({ id: e.sourceId, name: e.name, code: 'linked_elsewhere', message });
      settle(e, { state: 'created', targetId: qboId, error: { code: 'linked_elsewhere', message } });
    } else {
      toLink.push({ entry: e, qboId, syncToken });
    }
  };
  const notCreated = (e: EntityJournalEntry, code: string, message: string) => {
    report.notCreated.push({ id: e.sourceId, name: e.name, code, message });
    settle(e, { state: 'failed', error: { code, message } });
  };

  const lookups: EntityJournalEntry[] = [];
  const groups = new Map<string, EntityJournalEntry[]>();
  for (const e of open) {
    if (e.state === 'created' && e.targetId) created(e, e.targetId);
    else if (e.state === 'planned' || !e.batch) {
      const held = linkedNow.get(e.sourceId);
      if (held !== undefined && e.state === 'planned') {
        report.alreadyLinked.push({ otId: e.sourceId, qboId: held, name: e.name });
        settle(e, { state: 'linked', targetId: held });
      } else if (e.state === 'planned') notCreated(e, 'notSent', 'It was not sent: the export was interrupted before its turn. Export it again.');
      else lookups.push(e);
    } else groups.set(e.batch.requestId, [...(groups.get(e.batch.requestId) ?? []), e]);
  }

  // Sent batches: resent identically when every member can be rebuilt, otherwise looked up.
  for (const [batchRequestId, members] of groups) {
    const size = members[0].batch?.size ?? 0;
    const byBId = new Map(members.map((m) => [m.batch?.bId ?? '', m]));
    const items: BatchItem[] = [];
    for (const m of [...members].sort((a, b) => bIdOrder(a) - bIdOrder(b))) {
      const entity = otById.get(m.sourceId);
      if (!entity) break;
      let body;
      try {
        body = spec.toQbo(entity, deps.context).payload;
      } catch {
        break;
      }
      items.push({ bId: m.batch?.bId ?? '', operation: 'create', entity: spec.qboEntity, body });
    }
    if (members.length !== size || byBId.size !== size || items.length !== size) {
      lookups.push(...members);
      continue;
    }
    report.requests++;
    let answers;
    try {
      answers = await deps.gateway.batch(items, { requestId: batchRequestId });
    } catch (e) {
      // The resend's outcome is unknown too: it stays `sent` (with a fresh send time) for a later open.
      const untilMs = now() + IN_FLIGHT_WINDOW_MS;
      for (const m of members) {
        const message = `QuickBooks Online could not be asked about it (${errorText(e)}). It is checked again when this tab next opens, after ${(deps.format ?? displayFormat()).clockTime(untilMs)}.`;
        report.waiting.push({ id: m.sourceId, name: m.name, code: 'unknown_outcome', message, untilMs });
        settle(m, { batch: m.batch && { ...m.batch, sentAtMs: now() } });
      }
      continue;
    }
    const answered = new Map(answers.map((a) => [a.bId, a]));
    for (const m of members) {
      const a = answered.get(m.batch?.bId ?? '');
      if (a?.ok && a.type === 'entity' && typeof a.value.Id === 'string') created(m, a.value.Id, typeof a.value.SyncToken === 'string' ? a.value.SyncToken : undefined);
      else if (a && !a.ok && a.error.kind !== 'badResponse') {
        const message = a.error.kind === 'duplicateName' ? `QuickBooks Online already has another record named "${m.name}". Link to it, or rename this one in OfficeTools and export again.` : `QuickBooks Online refused it: ${a.error.message}`;
        report.failed.push({ id: m.sourceId, name: m.name, code: a.error.code || a.error.kind, message });
        settle(m, { state: 'failed', error: { code: a.error.code || a.error.kind, message } });
      } else lookups.push({ ...m, batch: m.batch && { ...m.batch, sentAtMs: 0 } });
    }
  }

  // Look-ups by name, once the earlier call can no longer commit.
  const due: EntityJournalEntry[] = [];
  const checkAt = now();
  for (const e of lookups) {
    const untilMs = (e.batch?.sentAtMs ?? Date.parse(e.updatedAt)) + IN_FLIGHT_WINDOW_MS;
    if (untilMs > checkAt) {
      const message = `An earlier export of it may still be saved by QuickBooks Online until ${(deps.format ?? displayFormat()).clockTime(untilMs)}. Reopen this tab after that: it is checked then and linked if it was created.`;
      report.waiting.push({ id: e.sourceId, name: e.name, code: 'in_flight', message, untilMs });
    } else due.push(e);
  }
  if (due.length > 0) {
    let found: Map<string, Q> | undefined;
    try {
      found = await findByNames(spec, deps.gateway, due.map((e) => e.name), report);
    } catch (e) {
      for (const d of due) report.waiting.push({ id: d.sourceId, name: d.name, code: 'lookup_failed', message: `QuickBooks Online could not be searched for it (${errorText(e)}). It is checked again when this tab next opens.`, untilMs: checkAt });
    }
    if (found) {
      for (const e of due) {
        const hit = found.get(nameKey(e.name));
        if (hit) created(e, hit.Id, hit.SyncToken);
        else notCreated(e, 'notCreated', 'QuickBooks Online did not create it before the export was interrupted. Export it again.');
      }
    }
  }

  await finishLinks(spec, 'export', deps.links, deps.journal, toLink, report, writes, settle);
  await deps.history?.record(interruptedRunHistory('export', spec.words, report));
  return report;
}

/** How far an OfficeTools clock may be behind the journal's when telling old entities from new. */
const CLOCK_SLACK_MS = 5 * 60_000;

/** A name as the set of its words, lower case, punctuation dropped: "Smith, John" = "john smith". */
export function wordsKey(name: string): string {
  return name
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .sort()
    .join(' ');
}

function bIdOrder(e: EntityJournalEntry): number {
  const n = Number(/\d+$/.exec(e.batch?.bId ?? '')?.[0]);
  return Number.isFinite(n) ? n : 0;
}

async function finishLinks<OT extends { id: string }, Q extends QboStored, I>(
  spec: MatchSpec<OT, Q, I>,
  origin: 'export' | 'import',
  links: JobLinks,
  journal: EntityJournal,
  toLink: ReadonlyArray<{ entry: EntityJournalEntry; qboId: string; otId?: string; syncToken?: string }>,
  report: ResumeReport,
  writes: EntityJournalWrite[],
  settle: (e: EntityJournalEntry, patch: Partial<EntityJournalWrite>) => void,
): Promise<void> {
  const pairs = toLink.map((t) => ({ otId: t.otId ?? t.entry.sourceId, qboId: t.qboId, syncToken: t.syncToken }));
  const { refused } = await linkAll(spec.kind, origin, links, pairs);
  toLink.forEach((t, i) => {
    const { otId, qboId } = pairs[i];
    const targetId = origin === 'export' ? qboId : otId;
    const why = refused.get(otId);
    if (why === undefined) {
      report.linked.push({ otId, qboId, name: t.entry.name });
      settle(t.entry, { state: 'linked', targetId, error: undefined });
    } else {
      const message = `It was created (${origin === 'export' ? `QuickBooks Online Id ${qboId}` : `OfficeTools id ${otId}`}) but could not be linked: ${why} Link it by hand.`;
      report.failed.push({ id: t.entry.sourceId, name: t.entry.name, code: 'link_failed', message });
      settle(t.entry, { state: 'created', targetId, error: { code: 'link_failed', message } });
    }
  });
  await journal.put(writes);
}

/** Settles the unfinished entries of this tab's imports. Returns undefined when there were none. */
export async function resumeImports<OT extends { id: string }, Q extends QboStored, I>(
  spec: MatchSpec<OT, Q, I>,
  deps: ResumeImportDeps<OT>,
): Promise<ResumeReport | undefined> {
  const kind = importKind(spec.kind);
  const open = (await deps.journal.list(kind)).filter(isUnfinished);
  if (open.length === 0) return undefined;
  const report = emptyReport('import', open);
  const writes: EntityJournalWrite[] = [];
  const settle = (e: EntityJournalEntry, patch: Partial<EntityJournalWrite>) => {
    const { updatedAt: _at, ...rest } = e;
    writes.push({ ...rest, ...patch });
  };
  const current = await deps.links.list(spec.kind);
  const otLinked = new Map(current.map((l) => [l.otId, l.qboId]));
  const qboLinked = new Map(current.map((l) => [l.qboId, l.otId]));
  // What an interrupted import may have created: unlinked OfficeTools entities with the name
  // fields it sent (or, for entries journaled without them, the same words in the name), changed
  // after the run started when the host says when.
  const unlinked = deps.ot.filter((o) => !otLinked.has(o.id));
  const isCandidate = (e: EntityJournalEntry) => (o: OT) => {
    const named = e.fields && Object.keys(e.fields).length > 0 ? hasNameFields(o, e.fields) : wordsKey(spec.otName(o)) === wordsKey(e.name);
    if (!named) return false;
    const changed = Date.parse(String((o as { updatedAt?: unknown }).updatedAt ?? ''));
    const started = Date.parse(e.run.at);
    return !Number.isFinite(changed) || !Number.isFinite(started) || changed >= started - CLOCK_SLACK_MS;
  };
  const toLink: Array<{ entry: EntityJournalEntry; qboId: string; otId: string }> = [];
  const claimed = new Set<string>();
  for (const e of open) {
    const holder = qboLinked.get(e.sourceId);
    if (holder !== undefined) {
      report.alreadyLinked.push({ otId: holder, qboId: e.sourceId, name: e.name });
      settle(e, { state: 'linked', targetId: holder, error: undefined });
      continue;
    }
    const candidates =
      e.state === 'created' && e.targetId
        ? [e.targetId]
        : unlinked
            .filter(isCandidate(e))
            .map((o) => o.id)
            .filter((id) => !claimed.has(id));
    if (candidates.length === 1) {
      claimed.add(candidates[0]);
      toLink.push({ entry: e, qboId: e.sourceId, otId: candidates[0] });
    } else if (candidates.length === 0) {
      report.notCreated.push({ id: e.sourceId, name: e.name, code: 'notCreated', message: 'OfficeTools did not create it before the import was interrupted. Import it again.' });
      settle(e, { state: 'failed', error: { code: 'notCreated', message: 'Not created: the import was interrupted.' } });
    } else {
      const message = `OfficeTools has ${candidates.length} unlinked ${spec.words.otPlural} named "${e.name}"; the interrupted import may have created one of them. Link the right one by hand and delete any extra one.`;
      report.failed.push({ id: e.sourceId, name: e.name, code: 'ambiguous', message });
      settle(e, { state: 'failed', error: { code: 'ambiguous', message } });
    }
  }
  await finishLinks(spec, 'import', deps.links, deps.journal, toLink, report, writes, settle);
  await deps.history?.record(interruptedRunHistory('import', spec.words, report));
  return report;
}
