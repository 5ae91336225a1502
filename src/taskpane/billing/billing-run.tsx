/**
 * One run of a Time & Billing job, in the steps the issue asks for: the plan (each checked
 * document ready, or why not with a one-click fix), then the run with a progress bar and a
 * Cancel that stops between batches, then a message saying what went and what failed, closed
 * with OK. The rules are the engine's; this only shows them.
 */
import {
  DefaultButton,
  Dialog,
  DialogFooter,
  DialogType,
  MessageBar,
  MessageBarType,
  PrimaryButton,
  ProgressIndicator,
  Spinner,
  SpinnerSize,
  Stack,
  Text,
} from '@fluentui/react';
import { useEffect, useRef, useState } from 'react';
import type { BillingProgress, BillingRunReport, BlockAction, BlockReason } from '../../sync/billing/billing-types';
import type { AnyPlan, RunControl } from './billing-service';
import { count, type BillingWords } from './billing-words';
import { formatCents } from './format-money';
import { JobAnnouncer } from '../shared/job-announcer';
import { formatNumber } from '../shared/locale-format';

export type BlockFix = NonNullable<BlockReason['fix']>;

export interface BillingRunProps {
  words: BillingWords;
  ids: readonly string[];
  plan(ids: readonly string[]): Promise<AnyPlan>;
  execute(plan: AnyPlan, run: RunControl): Promise<BillingRunReport>;
  /** A fix button was clicked; the caller opens the place to fix it. */
  onFix(fix: BlockFix): void;
  /**
   * Applies a fix the plan offers in place (link an existing QuickBooks invoice, change how
   * exported invoices are numbered) and answers what it did; the plan is then made again.
   * Without it those fixes are not offered.
   */
  applyFix?(action: BlockAction): Promise<string>;
  /** Changing it plans again (after the user fixed something). */
  replanKey: number;
  /** The run ended (fully or cancelled): the caller marks what went. */
  onReport(report: BillingRunReport): void;
  onError(action: string, error: unknown): void;
  onClose(): void;
}

type Phase =
  | { kind: 'planning' }
  | { kind: 'review'; plan: AnyPlan }
  | { kind: 'running'; progress: BillingProgress; stopping: boolean }
  | { kind: 'result'; report: BillingRunReport; skipped: number };

/** More rows than this are summarised: the first ones are what a bookkeeper fixes first. */
const SHOWN_ROWS = 200;

const listStyle = { margin: 0, paddingLeft: 18, maxHeight: 180, overflowY: 'auto' } as const;

export function BillingRun({ words, ids, plan, execute, onFix, applyFix, replanKey, onReport, onError, onClose }: BillingRunProps) {
  const [phase, setPhase] = useState<Phase>({ kind: 'planning' });
  // Bumped after a fix applied here, so the plan is made again with it.
  const [fixRound, setFixRound] = useState(0);
  const [fixNote, setFixNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [applying, setApplying] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
      // Closing the panel mid-run stops it between batches; the journal lets it resume later.
      controller.current?.abort();
    };
  }, []);

  useEffect(() => {
    let current = true;
    setPhase({ kind: 'planning' });
    plan(ids).then(
      (p) => current && setPhase({ kind: 'review', plan: p }),
      (e: unknown) => {
        if (!current) return;
        onError(`Could not check the selected ${words.many}`, e);
        onClose();
      },
    );
    return () => {
      current = false;
    };
    // Plans again only when asked (replanKey, or a fix applied here), not when the caller re-renders.
  }, [replanKey, fixRound]);

  async function apply(action: BlockAction): Promise<void> {
    if (!applyFix) return;
    setApplying(true);
    try {
      const text = await applyFix(action);
      if (!live.current) return;
      setFixNote({ ok: true, text });
      setFixRound((n) => n + 1);
    } catch (e) {
      if (!live.current) return;
      setFixNote({ ok: false, text: e instanceof Error ? e.message : String(e) });
    } finally {
      if (live.current) setApplying(false);
    }
  }

  async function run(p: AnyPlan): Promise<void> {
    const abort = new AbortController();
    controller.current = abort;
    setPhase({ kind: 'running', progress: { kind: words.kind, done: 0, total: p.ready.length, failed: 0 }, stopping: false });
    try {
      const report = await execute(p, {
        signal: abort.signal,
        onProgress: (progress) => live.current && setPhase((ph) => (ph.kind === 'running' ? { ...ph, progress } : ph)),
      });
      if (!live.current) return;
      onReport(report);
      setPhase({ kind: 'result', report, skipped: p.blocked.length });
    } catch (e) {
      if (!live.current) return;
      onError(`The ${words.many} were not all ${words.done}; those that went are marked, and the rest can be sent again safely`, e);
      onClose();
    } finally {
      controller.current = null;
    }
  }

  // What a screen reader hears as the run goes (the dialogs below show the same): the first
  // child of every phase's Dialog, so React keeps one live region across the phases.
  const announcer = <JobAnnouncer {...announcement(phase, words, ids.length)} />;

  if (phase.kind === 'planning') {
    return (
      <Dialog hidden={false} dialogContentProps={{ type: DialogType.normal, title: `${words.title}`, showCloseButton: false }} modalProps={{ isBlocking: true }} minWidth="min(480px, 92vw)">
        {announcer}
        <Spinner size={SpinnerSize.medium} label={`Checking ${count(ids.length, words)}…`} ariaLive="off" />
      </Dialog>
    );
  }

  if (phase.kind === 'review') {
    const { ready, blocked } = phase.plan;
    const title = `${words.verb} ${count(ids.length, words)} ${words.toDestination}`;
    const summary =
      blocked.length === 0
        ? `${ready.length === 1 ? 'It is' : `All ${ready.length} are`} ready.`
        : ready.length === 0
          ? `None of them can go yet. Fix what is listed below, then click ${words.action} again.`
          : `${count(ready.length, words)} ${ready.length === 1 ? 'is' : 'are'} ready. ${count(blocked.length, words)} cannot go yet: fix ${blocked.length === 1 ? 'it' : 'them'}, or ${words.verb.toLowerCase()} the ready ones now and come back later.`;
    const total = ready.reduce((sum, d) => sum + d.amountCents, 0);
    return (
      <Dialog
        hidden={false}
        onDismiss={onClose}
        dialogContentProps={{ type: DialogType.normal, title, subText: summary, showCloseButton: false }}
        modalProps={{ isBlocking: true }}
        minWidth="min(640px, 94vw)"
      >
        {announcer}
        <Stack tokens={{ childrenGap: 10 }}>
          {fixNote && (
            <MessageBar messageBarType={fixNote.ok ? MessageBarType.success : MessageBarType.error} isMultiline onDismiss={() => setFixNote(null)}>
              {fixNote.text}
            </MessageBar>
          )}
          {ready.length > 0 && (
            <Stack tokens={{ childrenGap: 4 }}>
              <Text styles={{ root: { fontWeight: 600 } }}>
                Ready ({count(ready.length, words)}, {formatCents(total)})
              </Text>
              <ul style={listStyle} aria-label={`Ready ${words.many}`}>
                {ready.slice(0, SHOWN_ROWS).map((d) => (
                  <li key={d.sourceId}>
                    {/* Payment labels carry their amount already: each amount is shown once. */}
                    {d.label.includes(formatCents(d.amountCents)) ? d.label : `${d.label} — ${formatCents(d.amountCents)}`}
                    {d.detail ? ` ${d.detail}` : ''}
                  </li>
                ))}
                {ready.length > SHOWN_ROWS && <li>…and {ready.length - SHOWN_ROWS} more.</li>}
              </ul>
            </Stack>
          )}
          {blocked.length > 0 && (
            <Stack tokens={{ childrenGap: 4 }}>
              <Text styles={{ root: { fontWeight: 600 } }}>Cannot go yet ({blocked.length})</Text>
              <div style={{ maxHeight: 240, overflowY: 'auto' }} role="list" aria-label={`${words.many} that cannot go yet`}>
                {blocked.slice(0, SHOWN_ROWS).map((b) => (
                  <div key={b.sourceId} role="listitem" style={{ padding: '4px 0', borderBottom: '1px solid #edebe9' }}>
                    <Text styles={{ root: { fontWeight: 600, display: 'block' } }}>{b.label}</Text>
                    {b.reasons.map((r, i) => (
                      <Stack key={i} horizontal verticalAlign="center" tokens={{ childrenGap: 8 }}>
                        <Text styles={{ root: { flex: 1 } }}>{r.message}</Text>
                        {r.fix && <DefaultButton text={r.fix.label} ariaLabel={`${r.fix.label} (${b.label})`} onClick={() => r.fix && onFix(r.fix)} />}
                        {applyFix &&
                          r.actions?.map((a) => (
                            <DefaultButton key={a.label} text={a.label} ariaLabel={`${a.label} (${b.label})`} disabled={applying} onClick={() => void apply(a)} />
                          ))}
                      </Stack>
                    ))}
                  </div>
                ))}
                {blocked.length > SHOWN_ROWS && <Text>…and {blocked.length - SHOWN_ROWS} more.</Text>}
              </div>
            </Stack>
          )}
        </Stack>
        <DialogFooter>
          {ready.length > 0 && <PrimaryButton text={`${words.verb} ${count(ready.length, words)}`} onClick={() => void run(phase.plan)} />}
          <DefaultButton text="Cancel" onClick={onClose} />
        </DialogFooter>
      </Dialog>
    );
  }

  if (phase.kind === 'running') {
    const { done, total, failed } = phase.progress;
    const description = `${formatNumber(done)} of ${formatNumber(total)} done${failed > 0 ? `, ${formatNumber(failed)} failed so far` : ''}`;
    return (
      <Dialog hidden={false} dialogContentProps={{ type: DialogType.normal, title: `${words.doing} ${words.many} ${words.toDestination}`, showCloseButton: false }} modalProps={{ isBlocking: true }} minWidth="min(480px, 92vw)">
        {announcer}
        <ProgressIndicator label={phase.stopping ? 'Stopping after the batch being sent…' : `${words.doing}…`} description={description} percentComplete={total === 0 ? 0 : done / total} />
        <DialogFooter>
          <DefaultButton
            text={phase.stopping ? 'Stopping…' : 'Cancel'}
            disabled={phase.stopping}
            onClick={() => {
              controller.current?.abort();
              setPhase((ph) => (ph.kind === 'running' ? { ...ph, stopping: true } : ph));
            }}
          />
        </DialogFooter>
      </Dialog>
    );
  }

  const { report, skipped } = phase;
  const went = report.outcomes.filter((o) => o.result !== 'failed');
  const linked = report.outcomes.filter((o) => o.result === 'linkedExisting');
  const failed = report.outcomes.filter((o) => o.result === 'failed');
  const headline =
    went.length === 1
      ? `${went[0].label} was ${words.done} ${words.toDestination}.${went[0].detail ? ` ${went[0].detail}` : ''}`
      : `${count(went.length, words)} ${went.length === 1 ? 'was' : 'were'} ${words.done} ${words.toDestination}.`;
  // How each payment is applied (applied, partly applied, unapplied), when there are several.
  const detailed = went.length > 1 ? went.filter((o) => o.detail) : [];
  const type = failed.length > 0 || report.cancelled || report.stoppedBy ? (went.length === 0 ? MessageBarType.error : MessageBarType.warning) : MessageBarType.success;
  return (
    <Dialog hidden={false} onDismiss={onClose} dialogContentProps={{ type: DialogType.normal, title: words.title, showCloseButton: false }} modalProps={{ isBlocking: true }} minWidth="min(560px, 94vw)">
      {announcer}
      <Stack tokens={{ childrenGap: 8 }}>
        <MessageBar messageBarType={type} isMultiline>
          {headline}
        </MessageBar>
        {detailed.length > 0 && (
          <ul style={listStyle} aria-label={`${words.many} ${words.done}`}>
            {detailed.slice(0, SHOWN_ROWS).map((o) => (
              <li key={o.sourceId}>
                {o.label}: {o.detail}
              </li>
            ))}
            {detailed.length > SHOWN_ROWS && <li>…and {detailed.length - SHOWN_ROWS} more.</li>}
          </ul>
        )}
        {linked.length > 0 && (
          <Text>
            {linked.length === 1 ? `${linked[0].label} was` : `${count(linked.length, words)} were`} already in {words.destination} (sent
            earlier, from another computer or by a colleague), so {linked.length === 1 ? 'it was' : 'they were'} linked, not created twice.
          </Text>
        )}
        {failed.length > 0 && (
          <Stack tokens={{ childrenGap: 4 }}>
            <Text styles={{ root: { fontWeight: 600 } }}>
              {count(failed.length, words)} failed. {failed.length === 1 ? 'It was' : 'They were'} not {words.done}; fix what each says, then check {failed.length === 1 ? 'it' : 'them'} and click {words.action} again:
            </Text>
            <ul style={listStyle} aria-label={`${words.many} that failed`}>
              {failed.slice(0, SHOWN_ROWS).map((o) => (
                <li key={o.sourceId}>
                  {o.label}: {o.error?.message ?? 'no reason was given.'}
                </li>
              ))}
              {failed.length > SHOWN_ROWS && <li>…and {failed.length - SHOWN_ROWS} more.</li>}
            </ul>
          </Stack>
        )}
        {report.stoppedBy && (
          <MessageBar messageBarType={MessageBarType.warning} isMultiline>
            The run stopped early: {report.stoppedBy.message} Click {words.action} again to finish; nothing is sent twice.
          </MessageBar>
        )}
        {report.cancelled && (
          <Text>
            You clicked Cancel, so the rest were not sent. Nothing was sent twice: check them and click {words.action} to send the rest.
          </Text>
        )}
        {skipped > 0 && <Text>{count(skipped, words)} that could not go yet stayed as {skipped === 1 ? 'it was' : 'they were'}.</Text>}
      </Stack>
      <DialogFooter>
        <PrimaryButton text="OK" onClick={onClose} />
      </DialogFooter>
    </Dialog>
  );
}

/** The run's progress (polite), its outcome when all went (polite), or what did not go (assertive). */
function announcement(phase: Phase, words: BillingWords, checked: number): { progress?: string; result?: string; failure?: string } {
  switch (phase.kind) {
    case 'planning':
      return { progress: `Checking ${count(checked, words)}…` };
    case 'review':
      return {};
    case 'running': {
      const { done, total, failed } = phase.progress;
      // Tens of announcements a minute would drown the user: one per tenth of the run, and the last.
      const step = Math.max(1, Math.ceil(total / 10));
      const said = done === total ? done : done - (done % step);
      const failedSoFar = failed > 0 ? `, ${failed} failed so far` : '';
      return { progress: phase.stopping ? 'Stopping after the batch being sent…' : `${words.doing} ${words.many}: ${said} of ${total} done${failedSoFar}.` };
    }
    case 'result': {
      const { report } = phase;
      const failed = report.outcomes.filter((o) => o.result === 'failed').length;
      const went = report.outcomes.length - failed;
      const wentText = `${count(went, words)} ${went === 1 ? 'was' : 'were'} ${words.done} ${words.toDestination}.`;
      if (failed === 0 && !report.cancelled && !report.stoppedBy) return { result: wentText };
      const why = report.stoppedBy ? ` The run stopped early: ${report.stoppedBy.message}` : report.cancelled ? ' The rest were not sent: you clicked Cancel.' : '';
      return { failure: `${wentText}${failed > 0 ? ` ${count(failed, words)} failed.` : ''}${why}` };
    }
  }
}
