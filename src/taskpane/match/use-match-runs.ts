/**
 * A Match tab's runs, kept out of the view: Export to QBO and Import from QBO run under the run
 * guard (one at a time per company and kind, in this browser and across staff) and journaled at
 * the firm; when the tab's lists are loaded, a run that a reload or a closed panel cut off is
 * finished (src/sync/jobs/resume-entity-runs.ts) and what that did is reported. While someone
 * else runs the same export the tab says who and since when, and reloads once it is over, so
 * both panels show the same state.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { HistoryRecorder } from '../../sync/history/history-recorder';
import { exportKind, importKind, isUnfinished, type EntityJournal } from '../../sync/jobs/entity-journal';
import { exportContextFrom } from '../../sync/jobs/export-context';
import type { JobGateway } from '../../sync/jobs/job-ports';
import type { MatchSpec } from '../../sync/jobs/match-spec';
import { resumeExports, resumeImports, type ResumeReport } from '../../sync/jobs/resume-entity-runs';
import type { RunGuard } from '../../sync/jobs/run-guard';
import type { QboStored } from '../../sync/qbo/entities';
import type { PanelHost, PanelSettings } from '../shared/panel-services';
import type { JobReport } from './job-report';
import { buildResumeReport, runningElsewhereReport } from './match-reports';
import type { ClosableLinks, MatchTabDeps } from './match-tab-deps';

export type RunDirection = 'export' | 'import';

/** What a guarded run gets: the journal to write through and the name it is recorded under. */
export interface RunContext {
  journal?: EntityJournal;
  runBy: string;
}

export interface MatchRunsInput<OT extends { id: string }, Q extends QboStored, I> {
  spec: MatchSpec<OT, Q, I>;
  deps: MatchTabDeps;
  realmId: string;
  host: PanelHost;
  settings: PanelSettings;
  /** True once the tab's lists are loaded (a new load → a new check for interrupted runs). */
  ready: boolean;
  ot: readonly OT[];
  gateway: () => JobGateway | null;
  links: () => ClosableLinks | null;
  history?: HistoryRecorder;
  setBusy(label: string | null): void;
  setReport(report: JobReport | null): void;
  reportError(action: string, error: unknown): void;
  /** Loads the lists and links again (after a resume linked something, or someone else's run ended). */
  reload(): void;
}

export type Guarded<T> = { ran: true; value: T } | { ran: false };

export interface MatchRuns {
  /**
   * Runs `work` holding the run lock for this tab's kind and direction; when someone else holds
   * it, says who instead and watches for the end.
   */
  guarded<T>(direction: RunDirection, work: (run: RunContext) => Promise<T>): Promise<Guarded<T>>;
}

const runName = (kind: string, direction: RunDirection) => `${kind}${direction === 'export' ? 'Export' : 'Import'}`;

export function useMatchRuns<OT extends { id: string }, Q extends QboStored, I>(input: MatchRunsInput<OT, Q, I>): MatchRuns {
  const latest = useRef(input);
  latest.current = input;
  const { deps, realmId, ready, spec } = input;
  const guard: RunGuard | undefined = deps.runs?.();
  const watching = useRef<(() => void) | null>(null);
  // Interrupted runs are finished once per opening of the tab, not after the reloads that follow.
  const resumed = useRef(false);

  const who = useCallback(async (): Promise<string> => {
    const info = await latest.current.host.request('host.info', {});
    return info.user.name || info.user.email || info.user.id;
  }, []);

  const waitFor = useCallback(
    (direction: RunDirection) => {
      if (!guard || watching.current) return;
      watching.current = guard.watch(realmId, runName(spec.kind, direction), () => {
        watching.current = null;
        const { words } = latest.current.spec;
        latest.current.setReport({ type: 'info', headline: `The ${direction} of ${words.otPlural} that was running elsewhere has finished; the lists below show its result.`, rows: [], offers: [] });
        latest.current.reload();
      });
    },
    [guard, realmId, spec.kind],
  );
  useEffect(
    () => () => {
      watching.current?.();
      watching.current = null;
    },
    [],
  );

  const guarded = useCallback(
    async <T>(direction: RunDirection, work: (run: RunContext) => Promise<T>): Promise<Guarded<T>> => {
      const { deps: d } = latest.current;
      const journal = d.entityJournal ? await d.entityJournal(realmId) : undefined;
      const runBy = await who();
      if (!guard) return { ran: true, value: await work({ journal, runBy }) };
      const ticket = await guard.acquire(realmId, runName(spec.kind, direction));
      if (!ticket.ok) {
        latest.current.setReport(runningElsewhereReport(latest.current.spec.words, direction, ticket.holder));
        waitFor(direction);
        return { ran: false };
      }
      try {
        return { ran: true, value: await work({ journal, runBy }) };
      } finally {
        await ticket.release();
      }
    },
    [guard, realmId, spec.kind, who, waitFor],
  );

  // Once the lists are loaded: finish what a reload or a closed panel cut off, exports first.
  useEffect(() => {
    if (!ready || !deps.entityJournal || resumed.current) return undefined;
    resumed.current = true;
    let live = true;
    (async () => {
      const reports: ResumeReport[] = [];
      // Only a run the journal shows unfinished takes the run's lease: taking it on every open
      // left it held when the window closed at once, and colleagues then read "… is exporting".
      const journal = await deps.entityJournal?.(realmId);
      for (const direction of ['export', 'import'] as const) {
        if (!live) return;
        const entries = journal ? await journal.list(direction === 'export' ? exportKind(spec.kind) : importKind(spec.kind)) : [];
        if (!entries.some(isUnfinished)) continue;
        const { ran } = await guarded(direction, async ({ journal }) => {
          if (!journal) return;
          const cur = latest.current;
          const links = cur.links();
          if (!links) return;
          let report: ResumeReport | undefined;
          if (direction === 'export') {
            const gateway = cur.gateway();
            if (!gateway) return;
            const open = (await journal.list(`${spec.kind}Export`)).some((e) => e.state === 'planned' || e.state === 'sent' || e.state === 'created');
            if (!open) return;
            cur.setBusy(`Finishing an interrupted export of ${cur.spec.words.otPlural}…`);
            const [saved, accounts] = await Promise.all([cur.settings.load(realmId), cur.host.request('accounts.list', {})]);
            report = await resumeExports(cur.spec, { gateway, links, journal, ot: cur.ot, context: exportContextFrom(saved, accounts), history: cur.history });
          } else {
            cur.setBusy(`Checking for an interrupted import of QuickBooks Online ${cur.spec.words.qboPlural}…`);
            report = await resumeImports(cur.spec, { links, journal, ot: cur.ot, history: cur.history });
          }
          if (report) reports.push(report);
        });
        if (!ran) return; // someone else is running it: the tab says so and reloads when it ends
      }
      if (!live || reports.length === 0) return;
      const cur = latest.current;
      const shown = reports.map((r) => buildResumeReport(cur.spec.words, r));
      cur.setReport({
        type: shown.some((s) => s.type === 'warning') ? 'warning' : 'success',
        headline: shown.map((s) => s.headline).join(' '),
        rows: shown.flatMap((s) => s.rows),
        offers: [],
      });
      // The lists are read again so that what was linked (and created by a replay) shows.
      if (reports.some((r) => r.linked.length + r.alreadyLinked.length > 0)) cur.reload();
    })()
      .catch((e: unknown) => live && latest.current.reportError(`Could not finish the interrupted ${latest.current.spec.words.ot} export or import`, e))
      .finally(() => live && latest.current.setBusy(null));
    return () => {
      live = false;
    };
    // Once per load of the lists: `ready` turns true after each load.
  }, [ready, deps, realmId, spec.kind, guarded]);

  return { guarded };
}
