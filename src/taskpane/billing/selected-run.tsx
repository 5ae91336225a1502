/**
 * The action every billing window ends with: "Export Selected" / "Import Selected" for the
 * checked rows, then the run dialog (plan → progress → confirmation). `useSelectedRun` keeps
 * which rows are running and re-plans after the user fixed something.
 */
import { PrimaryButton, Stack } from '@fluentui/react';
import { useCallback, useState } from 'react';
import type { AnyPlan, RunControl } from './billing-service';
import type { BillingRunReport, BlockAction } from '../../sync/billing/billing-types';
import { BillingRun, type BlockFix } from './billing-run';
import type { BillingWords } from './billing-words';

export interface SelectedRunState {
  run: { ids: string[]; replanKey: number } | null;
  start(ids: string[]): void;
  /** The user fixed something: plan the same rows again. */
  replan(): void;
  close(): void;
}

export function useSelectedRun(): SelectedRunState {
  const [run, setRun] = useState<SelectedRunState['run']>(null);
  const start = useCallback((ids: string[]) => setRun({ ids, replanKey: 0 }), []);
  const replan = useCallback(() => setRun((r) => (r ? { ...r, replanKey: r.replanKey + 1 } : r)), []);
  const close = useCallback(() => setRun(null), []);
  return { run, start, replan, close };
}

export interface SelectedRunProps {
  state: SelectedRunState;
  words: BillingWords;
  checkedIds: string[];
  plan(ids: readonly string[]): Promise<AnyPlan>;
  execute(plan: AnyPlan, control: RunControl): Promise<BillingRunReport>;
  onFix(fix: BlockFix): void;
  /** Fixes applied in place from the plan (see BillingRun). */
  applyFix?(action: BlockAction): Promise<string>;
  onReport(report: BillingRunReport): void;
  reportError(action: string, error: unknown): void;
  clearError(): void;
}

export function SelectedRun({ state, words, checkedIds, plan, execute, onFix, applyFix, onReport, reportError, clearError }: SelectedRunProps) {
  const { run, start, close } = state;
  return (
    <>
      <Stack horizontal>
        <PrimaryButton
          text={words.action}
          disabled={checkedIds.length === 0 || run !== null}
          onClick={() => {
            clearError();
            start(checkedIds);
          }}
        />
      </Stack>
      {run && (
        <BillingRun
          words={words}
          ids={run.ids}
          replanKey={run.replanKey}
          plan={plan}
          execute={execute}
          onFix={onFix}
          {...(applyFix ? { applyFix } : {})}
          onReport={onReport}
          onError={reportError}
          onClose={close}
        />
      )}
    </>
  );
}
