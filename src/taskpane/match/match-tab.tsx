/**
 * A Match tab (seed: "These tabs all work the same way; they just match different types of
 * data"): OfficeTools entities on the left, QBO entities on the right, and the buttons Export to
 * QBO, Import from QBO, Link, Unlink, Clear all links, Automatch and Hide Synchronized. Written
 * once for any `MatchSpec`; the business rules are the jobs' in src/sync/jobs.
 *
 * Links are saved when each action succeeds, not on OK: an export has already created the
 * entity in QBO, and a link to it must not be lost by Cancel.
 */
import { DefaultButton, Spinner, SpinnerSize, Stack, Text, type IDropdownOption } from '@fluentui/react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ContactType } from '../../sync/host/protocol';
import { acceptProposals, automatchInput } from '../../sync/jobs/automatch-links';
import { clearAllLinks, undoClearLinks, type ClearedLinks } from '../../sync/jobs/clear-links';
import { executeExport } from '../../sync/jobs/execute-export';
import { executeImport } from '../../sync/jobs/execute-import';
import { linkMadeHistory, linkRemovedHistory } from '../../sync/history/history-builders';
import { exportContextFrom } from '../../sync/jobs/export-context';
import type { JobGateway } from '../../sync/jobs/job-ports';
import { countLinks, LinkIndex } from '../../sync/jobs/link-index';
import { loadMatchData } from '../../sync/jobs/load-match-data';
import type { MatchSpec } from '../../sync/jobs/match-spec';
import { planExport, type NameTaken } from '../../sync/jobs/plan-export';
import { planImport } from '../../sync/jobs/plan-import';
import { pairsToUnlink, planManualLink } from '../../sync/jobs/plan-manual-link';
import type { QboStored } from '../../sync/qbo/entities';
import { ConfirmDialog } from '../integrations/confirm-dialog';
import type { IntegrationTabProps } from '../integration-window/integration-tabs';
import type { EntityFocus } from '../integration-window/window-focus';
import { AutomatchReview, initiallyChecked, rowsToAccept, undecidedRow, type ReviewRow } from './automatch-review';
import { EntityList } from './entity-list';
import { listView, nameMatches, searchRows, toRows } from './list-view';
import { registerTabIcons } from './match-icons';
import { useFirstVisible } from './use-first-visible';
import { JobReportView, type JobReport } from './job-report';
import { linksWhenOpen, type ClosableLinks, type MatchTabDeps } from './match-tab-deps';
import { sharedReads, showEarlyRows } from './early-rows';
import { clickSelection, EMPTY_SELECTION, type ClickModifiers, type ListSelection } from './selection-click';
import { buildExportReport, buildImportReport } from './match-reports';
import { matchShortcutOf } from './match-shortcuts';
import { MatchToolbar, type MatchToolbarActions } from './match-toolbar';
import { useMatchRuns } from './use-match-runs';
import { describeError } from '../shared/describe-error';
import { JobAnnouncer } from '../shared/job-announcer';
import { formatNumber } from '../shared/locale-format';

export interface MatchTabProps<OT extends { id: string }, Q extends QboStored, I> extends IntegrationTabProps {
  spec: MatchSpec<OT, Q, I>;
  deps: MatchTabDeps;
}

type Side = 'left' | 'right';


const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

export function MatchTab<OT extends { id: string }, Q extends QboStored, I>({ context, focus, spec, deps }: MatchTabProps<OT, Q, I>) {
  registerTabIcons();
  const { realmId, host, settings, reportError } = context;
  const { words } = spec;
  // 'partial': the lists are shown while the QuickBooks list still arrives (see the load below).
  const [loadState, setLoadState] = useState<'loading' | 'partial' | 'ready' | 'failed'>('loading');
  const [qboLoading, setQboLoading] = useState<{ shown: number; total?: number } | null>(null);
  const [ot, setOt] = useState<OT[]>([]);
  const [qbo, setQbo] = useState<Q[]>([]);
  const [index, setIndex] = useState<LinkIndex>(() => LinkIndex.empty());
  const [left, setLeft] = useState<ListSelection>(EMPTY_SELECTION);
  const [right, setRight] = useState<ListSelection>(EMPTY_SELECTION);
  const [searchLeft, setSearchLeft] = useState('');
  const [searchRight, setSearchRight] = useState('');
  const [hideSynced, setHideSynced] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [report, setReport] = useState<JobReport | null>(null);
  // The last action's failure, for screen readers (the window's message bar shows it on screen).
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [askClear, setAskClear] = useState(false);
  const [review, setReview] = useState<{ rows: ReviewRow[]; checked: ReadonlySet<number> } | null>(null);
  const [scrollLeft, setScrollLeft] = useState<{ id: string } | undefined>();
  const [scrollRight, setScrollRight] = useState<{ id: string } | undefined>();
  const [contactTypes, setContactTypes] = useState<ContactType[]>([]);
  const [importTypeId, setImportTypeId] = useState<string>('');
  const store = useRef<ClosableLinks | null>(null);
  const gateway = useRef<JobGateway | null>(null);
  const [reloads, setReloads] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const shown = useFirstVisible(root);
  // Sync History: every action of this tab is recorded as the signed-in user.
  const history = useMemo(() => deps.history?.(realmId, host), [deps, realmId, host]);
  // Export and Import run one at a time and journaled; an interrupted one is finished on open.
  const runs = useMatchRuns({
    spec,
    deps,
    realmId,
    host,
    settings,
    ready: loadState === 'ready',
    ot,
    gateway: () => gateway.current,
    links: () => store.current,
    history,
    setBusy,
    setReport,
    reportError,
    reload: () => setReloads((n) => n + 1),
  });

  useEffect(() => {
    if (!shown) return undefined;
    let live = true;
    let opened: ClosableLinks | null = null;
    setLoadState('loading');
    let stopEarly = (): void => undefined;
    setQboLoading(null);
    (async () => {
      // The firm's links open (a first open pulls them all) while the lists are read.
      const opening = deps.openLinks(realmId, host);
      gateway.current = deps.gateway(realmId);
      // The early view below reads the OfficeTools list too: one request serves both.
      const reads = sharedReads(host);
      stopEarly = showEarlyRows({
        spec,
        deps,
        realmId,
        host: reads,
        opening,
        live: () => live,
        show: (early) => {
          setOt(early.ot);
          setQbo(early.qbo);
          setIndex(early.index);
          setQboLoading({ shown: early.shown, total: early.total });
          setLoadState('partial');
        },
      });
      const [links, data] = await Promise.all([opening, loadMatchData(spec, { host: reads, gateway: gateway.current, links: linksWhenOpen(realmId, opening) })]);
      stopEarly();
      opened = links;
      if (!live) return;
      store.current = opened;
      setOt(data.ot);
      setQbo(data.qbo);
      setIndex(data.links);
      setQboLoading(null);
      setLoadState('ready');
    })().catch((e: unknown) => {
      stopEarly();
      if (!live) return;
      setQboLoading(null);
      setLoadState('failed');
      reportError(`Could not load the ${words.otPlural} and QuickBooks Online ${words.qboPlural}`, e);
    });
    return () => {
      live = false;
      stopEarly();
      opened?.close();
      store.current = null;
    };
  }, [shown, realmId, host, spec, deps, reportError, words, reloads]);

  // Links made or removed by other staff: re-read this kind's links into the lists (QBO and
  // OfficeTools rows stay as loaded; only the pairing changes).
  useEffect(() => {
    if (!shown || loadState !== 'ready' || !deps.watch) return undefined;
    let live = true;
    const off = deps.watch(realmId, ['links'], () => {
      const links = store.current;
      if (!links) return;
      links.list(spec.kind).then(
        (records) => live && setIndex(LinkIndex.from(records)),
        (e: unknown) => live && reportError(`Could not show the ${words.otPlural} other staff linked`, e),
      );
    });
    return () => {
      live = false;
      off();
    };
  }, [shown, loadState, deps, realmId, spec.kind, reportError, words]);

  useEffect(() => {
    if (!shown || spec.kind !== 'contact') return undefined;
    let live = true;
    host.request('contactTypes.list', {}).then(
      (types) => {
        if (!live) return;
        setContactTypes(types);
        // "Client" is what a customer in QBO is to an accounting firm; otherwise the first type.
        setImportTypeId((current) => current || (types.find((t) => t.name.toLowerCase() === 'client') ?? types[0])?.id || '');
      },
      (e: unknown) => live && reportError('Could not load the contact types from OfficeTools', e),
    );
    return () => {
      live = false;
    };
  }, [shown, spec.kind, host, reportError]);

  const otById = useMemo(() => new Map(ot.map((e) => [e.id, e])), [ot]);
  const qboById = useMemo(() => new Map(qbo.map((q) => [q.Id, q])), [qbo]);
  const leftRows = useMemo(() => toRows(ot, (e) => e.id, spec.otName), [ot, spec]);
  const rightRows = useMemo(() => toRows(qbo, (q) => q.Id, spec.qboName), [qbo, spec]);
  const otNameOf = useCallback((id: string) => { const e = otById.get(id); return e ? spec.otName(e) : undefined; }, [otById, spec]);
  const qboNameOf = useCallback((id: string) => { const q = qboById.get(id); return q ? spec.qboName(q) : undefined; }, [qboById, spec]);

  // Hide Synchronized swaps whole arrays: the unlinked rows and their positions are built when
  // the lists or links change, so that the toggle itself only picks the other array.
  const unlinkedLeft = useMemo(() => listView(leftRows.filter((r) => !index.hasOt(r.id))).rows, [leftRows, index]);
  const unlinkedRight = useMemo(() => listView(rightRows.filter((r) => !index.hasQbo(r.id))).rows, [rightRows, index]);
  const viewLeft = useMemo(() => listView(searchRows(hideSynced ? unlinkedLeft : leftRows, searchLeft)), [hideSynced, unlinkedLeft, leftRows, searchLeft]);
  const viewRight = useMemo(() => listView(searchRows(hideSynced ? unlinkedRight : rightRows, searchRight)), [hideSynced, unlinkedRight, rightRows, searchRight]);

  // While the QuickBooks list still arrives, a partner not in it yet is not "not listed".
  const partial = loadState === 'partial';
  const partnerOfLeft = useCallback((id: string) => { const q = index.qboFor(id); return q === undefined ? undefined : (qboNameOf(q) ?? `QuickBooks Online Id ${q} (${partial ? 'loading…' : 'not listed'})`); }, [index, qboNameOf, partial]);
  const partnerOfRight = useCallback((id: string) => { const o = index.otFor(id); return o === undefined ? undefined : (otNameOf(o) ?? `OfficeTools id ${o} (not listed)`); }, [index, otNameOf]);

  const counts = useMemo(() => countLinks(leftRows.map((r) => r.id), rightRows.map((r) => r.id), index), [leftRows, rightRows, index]);

  // A fix elsewhere (e.g. an invoice blocked by an unlinked contact) opens this tab at one
  // entity: once the lists are loaded, highlight it and its partner and bring both into view,
  // clearing whatever filter would hide them. Each request is applied once.
  const focused = useRef<EntityFocus | undefined>(undefined);
  useEffect(() => {
    if (!focus || focused.current === focus || loadState !== 'ready') return;
    focused.current = focus;
    const { otId } = focus;
    const name = otNameOf(otId);
    if (name === undefined) {
      setReport({
        type: 'warning',
        headline: `The OfficeTools ${words.ot} to show (id ${otId}) is not in the list on the left: it may have been deleted in OfficeTools meanwhile. Close this window and refresh the list that sent you here.`,
        rows: [],
        offers: [],
      });
      return;
    }
    const partner = index.qboFor(otId);
    if (hideSynced && partner !== undefined) setHideSynced(false);
    if (!nameMatches(name, searchLeft)) setSearchLeft('');
    setLeft({ ids: new Set([otId]), anchor: otId });
    setScrollLeft({ id: otId });
    const partnerName = partner === undefined ? undefined : qboNameOf(partner);
    if (partner === undefined || partnerName === undefined) return;
    if (!nameMatches(partnerName, searchRight)) setSearchRight('');
    setRight({ ids: new Set([partner]), anchor: partner });
    setScrollRight({ id: partner });
  }, [focus, loadState, otNameOf, qboNameOf, index, hideSynced, searchLeft, searchRight, words]);

  /** A click on one side; when it leaves exactly one linked entity highlighted, its partner is highlighted and shown. */
  const onClick = useCallback(
    (side: Side, id: string, mods: ClickModifiers) => {
      const isLeft = side === 'left';
      const view = isLeft ? viewLeft : viewRight;
      const next = clickSelection(isLeft ? left : right, id, mods, view.ids, view.position);
      (isLeft ? setLeft : setRight)(next);
      if (next.ids.size !== 1) return;
      const [only] = next.ids;
      const partner = isLeft ? index.qboFor(only) : index.otFor(only);
      if (partner === undefined) return;
      (isLeft ? setRight : setLeft)({ ids: new Set([partner]), anchor: partner });
      (isLeft ? setScrollRight : setScrollLeft)({ id: partner });
    },
    [left, right, viewLeft, viewRight, index],
  );
  const onLeftClick = useCallback((id: string, mods: ClickModifiers) => onClick('left', id, mods), [onClick]);
  const onRightClick = useCallback((id: string, mods: ClickModifiers) => onClick('right', id, mods), [onClick]);

  async function run(label: string, failure: string, work: () => Promise<void>): Promise<void> {
    setBusy(label);
    setFailure(undefined);
    try {
      await work();
    } catch (e) {
      reportError(failure, e);
      setFailure(describeError(failure, e));
    } finally {
      setBusy(null);
    }
  }

  const links = (): ClosableLinks => {
    if (!store.current) throw new Error('The link store is not open yet.');
    return store.current;
  };

  function selectedOt(): OT[] {
    return [...left.ids].map((id) => otById.get(id)).filter((e): e is OT => e !== undefined);
  }
  function selectedQbo(): Q[] {
    return [...right.ids].map((id) => qboById.get(id)).filter((q): q is Q => q !== undefined);
  }

  const exportSelected = () => {
    const chosen = selectedOt();
    if (chosen.length === 0) {
      setReport({ type: 'warning', headline: `Highlight one or more OfficeTools ${words.otPlural} on the left, then click Export to QBO.`, rows: [], offers: [] });
      return;
    }
    setReport(null);
    void run(`Exporting ${plural(chosen.length, words.ot, words.otPlural)} to QuickBooks Online…`, `Could not export the ${words.otPlural} to QuickBooks Online`, async () => {
      const [saved, accounts] = await Promise.all([settings.load(realmId), host.request('accounts.list', {})]);
      const plan = planExport(spec, { selected: chosen, links: index, qboEntities: qbo, context: exportContextFrom(saved, accounts) });
      const gw = gateway.current;
      if (!gw) throw new Error('The QuickBooks Online connection is not ready yet.');
      const outcome = await runs.guarded('export', ({ journal, runBy }) =>
        executeExport(spec, plan, {
          gateway: gw,
          links: links(),
          history,
          journal,
          runBy,
          onProgress: (done, total) => setBusy(`Exporting to QuickBooks Online… ${done} of ${total}`),
        }),
      );
      if (!outcome.ran) return;
      const result = outcome.value;
      if (result.created.length > 0) {
        setQbo((prev) => [...prev, ...result.created.map((c) => c.qbo)]);
        setIndex((prev) => prev.with(result.links));
        const first = result.created[0].qbo.Id;
        // A leftover search on the right would hide what was just created there.
        setSearchRight('');
        setRight({ ids: new Set(result.created.map((c) => c.qbo.Id)), anchor: first });
        setScrollRight({ id: first });
      }
      setReport(buildExportReport(words, result));
    });
  };

  const importSelected = () => {
    const chosen = selectedQbo();
    if (chosen.length === 0) {
      setReport({ type: 'warning', headline: `Highlight one or more QuickBooks Online ${words.qboPlural} on the right, then click Import from QBO.`, rows: [], offers: [] });
      return;
    }
    setReport(null);
    void run(`Importing ${plural(chosen.length, words.qbo, words.qboPlural)} into OfficeTools…`, `Could not import the QuickBooks Online ${words.qboPlural}`, async () => {
      const plan = planImport(spec, { selected: chosen, links: index, context: { contactTypeId: importTypeId || undefined } });
      const outcome = await runs.guarded('import', ({ journal, runBy }) =>
        executeImport(spec, plan, {
          host,
          links: links(),
          history,
          journal,
          runBy,
          onProgress: (done, total) => setBusy(`Importing into OfficeTools… ${done} of ${total}`),
        }),
      );
      if (!outcome.ran) return;
      const result = outcome.value;
      if (result.created.length > 0) {
        setOt((prev) => [...prev, ...result.created.map((c) => c.ot)]);
        setIndex((prev) => prev.with(result.links));
        const first = result.created[0].ot.id;
        setSearchLeft('');
        setLeft({ ids: new Set(result.created.map((c) => c.ot.id)), anchor: first });
        setScrollLeft({ id: first });
      }
      setReport(buildImportReport(words, result));
    });
  };

  const linkSelected = () => {
    const plan = planManualLink({
      kind: spec.kind,
      words,
      left: [...left.ids].map((id) => ({ id, name: otNameOf(id) ?? id })),
      right: [...right.ids].map((id) => ({ id, name: qboNameOf(id) ?? id })),
      links: index,
      otName: otNameOf,
      qboName: qboNameOf,
    });
    if (!plan.ok) {
      setReport({ type: 'warning', headline: plan.message, rows: [], offers: [] });
      return;
    }
    void run('Linking…', 'Could not link them', async () => {
      const written = await links().linkMany([plan.link]);
      setIndex((prev) => prev.with(written));
      await history?.record(linkMadeHistory(words, written.map((w) => ({ otId: w.otId, qboId: w.qboId, name: otNameOf(w.otId) }))));
      setReport({ type: 'success', headline: `Linked "${otNameOf(plan.link.otId)}" to "${qboNameOf(plan.link.qboId)}".`, rows: [], offers: [] });
    });
  };

  const unlinkSelected = () => {
    const pairs = pairsToUnlink([...left.ids], [...right.ids], index);
    if (pairs.length === 0) {
      setReport({ type: 'warning', headline: `Highlight a linked ${words.ot} or ${words.qbo} (its partner is highlighted on the other side), then click Unlink.`, rows: [], offers: [] });
      return;
    }
    void run('Unlinking…', 'Could not unlink them', async () => {
      for (const p of pairs) await links().unlink(spec.kind, p.otId);
      setIndex((prev) => prev.withoutOt(pairs.map((p) => p.otId)));
      await history?.record(linkRemovedHistory(words, pairs.map((p) => ({ otId: p.otId, qboId: p.qboId, name: otNameOf(p.otId) }))));
      const headline =
        pairs.length === 1
          ? `Unlinked "${otNameOf(pairs[0].otId) ?? pairs[0].otId}" from "${qboNameOf(pairs[0].qboId) ?? pairs[0].qboId}".`
          : `Unlinked ${plural(pairs.length, 'pair', 'pairs')}.`;
      setReport({ type: 'success', headline, rows: [], offers: [] });
    });
  };

  const undoClear = (cleared: ClearedLinks) => {
    void run('Restoring the links…', 'Could not undo Clear all links', async () => {
      const restored = await undoClearLinks(links(), cleared, history && { recorder: history, words });
      setIndex((prev) => prev.with(restored));
      setReport({ type: 'success', headline: `Restored ${plural(restored.length, 'link', 'links')}.`, rows: [], offers: [] });
    });
  };

  const clearAll = () => {
    setAskClear(false);
    void run('Clearing all links…', 'Could not clear the links', async () => {
      const cleared = await clearAllLinks(links(), spec.kind, history && { recorder: history, words });
      setIndex(LinkIndex.empty());
      setReport({
        type: 'info',
        headline: `Cleared ${plural(cleared.removed.length, 'link', 'links')} between OfficeTools ${words.otPlural} and QuickBooks Online ${words.qboPlural}. Undo puts them back while this window is open.`,
        rows: [],
        offers: [],
        undo: cleared.removed.length > 0 ? { label: 'Undo', run: () => undoClear(cleared) } : undefined,
      });
    });
  };

  const startAutomatch = () => {
    setReport(null);
    void run('Automatch is comparing names…', 'Automatch did not finish', async () => {
      const result = await deps.proposeMatches(automatchInput(spec, ot, qbo, index));
      const rows: ReviewRow[] = result.proposals.map((p) => ({ ...p, leftName: otNameOf(p.leftId) ?? p.leftId, rightName: qboNameOf(p.rightId) ?? p.rightId }));
      rows.push(...result.undecided.map((u) => undecidedRow(u, otNameOf(u.leftId) ?? u.leftId, qboNameOf(u.rightId) ?? u.rightId)));
      if (rows.length === 0) {
        setReport({ type: 'info', headline: `Automatch found no ${words.otPlural} whose names clearly match an unlinked QuickBooks Online ${words.qbo}. Link the rest by hand.`, rows: [], offers: [] });
        return;
      }
      setReview({ rows, checked: initiallyChecked(rows) });
    });
  };

  const acceptReview = (which: 'all' | 'selected') => {
    if (!review) return;
    const accepted = rowsToAccept(review.rows, review.checked, which);
    void run('Saving the links…', 'Could not save the Automatch links', async () => {
      const saved = await acceptProposals(spec.kind, accepted, index, links(), history && { recorder: history, words, names: otNameOf });
      setIndex((prev) => prev.with(saved.links));
      setReview(null);
      setReport({
        type: saved.skipped.length ? 'warning' : 'success',
        headline: `Automatch linked ${plural(saved.links.length, 'pair', 'pairs')}.`,
        rows: saved.skipped.map((p) => `"${otNameOf(p.leftId) ?? p.leftId}" ↔ "${qboNameOf(p.rightId) ?? p.rightId}" was not linked: one of them was linked meanwhile.`),
        offers: [],
      });
    });
  };

  const toggleProposal = useCallback((i: number) => {
    setReview((r) => {
      if (!r) return r;
      const checked = new Set(r.checked);
      if (checked.has(i)) checked.delete(i);
      else checked.add(i);
      return { ...r, checked };
    });
  }, []);

  const linkExisting = (offers: NameTaken[]) => {
    const usable = offers.filter((o) => o.existing);
    const refused: string[] = [];
    const toLink = usable.flatMap((o) => {
      const existing = o.existing;
      if (!existing) return [];
      const plan = planManualLink({ kind: spec.kind, words, left: [{ id: o.otId, name: o.name }], right: [{ id: existing.qboId, name: existing.name }], links: index, otName: otNameOf, qboName: qboNameOf });
      if (!plan.ok) {
        refused.push(plan.message);
        return [];
      }
      return [{ ...plan.link, syncToken: existing.syncToken }];
    });
    void run('Linking…', 'Could not link to the existing entities', async () => {
      const written = toLink.length ? await links().linkMany(toLink) : [];
      setIndex((prev) => prev.with(written));
      if (written.length > 0) await history?.record(linkMadeHistory(words, written.map((w) => ({ otId: w.otId, qboId: w.qboId, name: otNameOf(w.otId) }))));
      const done = new Set(written.map((w) => w.otId));
      setReport((prev) => {
        const offersLeft = (prev?.offers ?? []).filter((o) => !done.has(o.otId));
        return {
          type: refused.length ? 'warning' : 'success',
          headline: `Linked ${plural(written.length, words.ot, words.otPlural)} to the existing QuickBooks Online ${written.length === 1 ? words.qbo : words.qboPlural}.`,
          rows: refused,
          offers: offersLeft,
        };
      });
    });
  };

  const importTypeOptions = useMemo<IDropdownOption[]>(() => contactTypes.map((t) => ({ key: t.id, text: t.name })), [contactTypes]);
  const disabled = busy !== null || loadState !== 'ready';

  // The toolbar keeps one set of handlers; each calls the newest closure of this render.
  const latest = useRef({ exportSelected, importSelected, linkSelected, unlinkSelected, startAutomatch });
  useLayoutEffect(() => {
    latest.current = { exportSelected, importSelected, linkSelected, unlinkSelected, startAutomatch };
  });
  const toolbarActions = useMemo<MatchToolbarActions>(
    () => ({
      exportSelected: () => latest.current.exportSelected(),
      importSelected: () => latest.current.importSelected(),
      linkSelected: () => latest.current.linkSelected(),
      unlinkSelected: () => latest.current.unlinkSelected(),
      startAutomatch: () => latest.current.startAutomatch(),
      askClearAll: () => setAskClear(true),
      setHideSynced,
      setImportTypeId,
    }),
    [],
  );

  // Alt+X, Alt+I, Alt+L, Alt+U from anywhere in the tab (match-shortcuts.ts), as the buttons would.
  const onShortcut = (e: KeyboardEvent<HTMLDivElement>) => {
    const action = matchShortcutOf(e);
    if (!action || review || disabled) return;
    e.preventDefault();
    latest.current[action]();
  };

  // Polite: progress and what went; assertive: what failed, or what the user must do first.
  const reportIsProblem = report?.type === 'error' || report?.type === 'warning';
  const announcer = (
    <JobAnnouncer
      progress={busy ?? undefined}
      result={report && !reportIsProblem ? report.headline : undefined}
      failure={failure ?? (report && reportIsProblem ? report.headline : undefined)}
    />
  );

  if (loadState === 'loading') {
    return (
      <div ref={root}>
        <Spinner size={SpinnerSize.medium} label={`Loading OfficeTools ${words.otPlural} and QuickBooks Online ${words.qboPlural}…`} styles={{ root: { paddingTop: 24 } }} />
      </div>
    );
  }
  if (loadState === 'failed') {
    return (
      <Stack tokens={{ childrenGap: 8 }} styles={{ root: { paddingTop: 12 } }}>
        <Text>The lists could not be loaded; the message above says why.</Text>
        <Stack horizontal>
          <DefaultButton text="Try again" onClick={() => setReloads((n) => n + 1)} />
        </Stack>
      </Stack>
    );
  }

  return (
    <Stack tokens={{ childrenGap: 10 }} styles={{ root: { paddingTop: 12 } }} onKeyDown={onShortcut}>
      {announcer}
      {report && <JobReportView report={report} busy={busy !== null} onDismiss={() => setReport(null)} onLinkExisting={linkExisting} />}
      {/* Announced by the JobAnnouncer above, once. */}
      {busy && <Spinner size={SpinnerSize.small} label={busy} labelPosition="right" ariaLive="off" />}
      {review ? (
        <AutomatchReview rows={review.rows} checked={review.checked} words={words} busy={busy !== null} onToggle={toggleProposal} onAccept={acceptReview} onCancel={() => setReview(null)} />
      ) : (
        <>
          <MatchToolbar
            actions={toolbarActions}
            disabled={disabled}
            noLinks={index.size === 0}
            hideSynced={hideSynced}
            importTypes={spec.kind === 'contact' ? importTypeOptions : undefined}
            importTypeId={importTypeId}
          />
          <Stack horizontal tokens={{ childrenGap: 12 }}>
            <EntityList
              label={`OfficeTools ${words.otPlural}`}
              rows={viewLeft.rows}
              selected={left.ids}
              partnerName={partnerOfLeft}
              search={searchLeft}
              onSearch={setSearchLeft}
              onRowClick={onLeftClick}
              scrollRequest={scrollLeft}
              position={viewLeft.position}
            />
            <EntityList
              label={`QuickBooks Online ${words.qboPlural}`}
              rows={viewRight.rows}
              selected={right.ids}
              partnerName={partnerOfRight}
              search={searchRight}
              onSearch={setSearchRight}
              onRowClick={onRightClick}
              scrollRequest={scrollRight}
              position={viewRight.position}
            />
          </Stack>
        </>
      )}
      {qboLoading ? (
        <Stack horizontal tokens={{ childrenGap: 8 }} verticalAlign="center">
          <Spinner size={SpinnerSize.xSmall} ariaLive="off" />
          <Text role="status" aria-label="Link counts" variant="small">
            {`Loading QuickBooks Online ${words.qboPlural}… ${formatNumber(qboLoading.shown)}${qboLoading.total !== undefined ? ` of ${formatNumber(qboLoading.total)}` : ''} so far; the buttons wait for the whole list.`}
          </Text>
        </Stack>
      ) : (
        <Text role="status" aria-label="Link counts" variant="small">
          OfficeTools: {plural(counts.ot.total, words.ot, words.otPlural)}, {formatNumber(counts.ot.linked)} linked, {formatNumber(counts.ot.unlinked)} unlinked ·
          QuickBooks Online: {plural(counts.qbo.total, words.qbo, words.qboPlural)}, {formatNumber(counts.qbo.linked)} linked, {formatNumber(counts.qbo.unlinked)} unlinked
        </Text>
      )}
      {askClear && (
        <ConfirmDialog
          title="Clear all links"
          text={`Clear all ${plural(index.size, 'link', 'links')} between OfficeTools ${words.otPlural} and QuickBooks Online ${words.qboPlural}? Nothing is deleted in OfficeTools or QuickBooks Online; only the links are removed. You can undo this while this window is open.`}
          onYes={clearAll}
          onNo={() => setAskClear(false)}
        />
      )}
    </Stack>
  );
}

