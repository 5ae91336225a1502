/**
 * "Check QuickBooks company": runs the pre-flight check of the connected company on demand and
 * whenever `autoRunKey` changes (the view bumps it after each connect), and lists what it found,
 * errors first, each with what to do and its one-click fix. Nothing found says what was checked.
 * The parent keys it by company, so what was found never outlives the company it was found in.
 */
import { DefaultButton, MessageBar, MessageBarType, Spinner, SpinnerSize, Stack, Text } from '@fluentui/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PreflightFix, PreflightReport } from '../../sync/preflight/preflight-types';
import { describeError } from '../shared/describe-error';
import type { PreflightService } from './preflight-service';

type CheckState = { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; report: PreflightReport } | { kind: 'failed'; message: string };

export interface PreflightSectionProps {
  service: PreflightService;
  realmId: string;
  companyName: string;
  /** A change runs the check (0: not on its own). */
  autoRunKey: number;
  /** Applies a fix; the check runs again when it resolves. */
  onFix(fix: PreflightFix): Promise<void>;
}

export function PreflightSection({ service, realmId, companyName, autoRunKey, onFix }: PreflightSectionProps) {
  const [state, setState] = useState<CheckState>({ kind: 'idle' });
  const [fixError, setFixError] = useState<string | null>(null);
  const run = useRef(0);

  const check = useCallback(async (): Promise<void> => {
    const mine = ++run.current;
    setState({ kind: 'running' });
    try {
      const report = await service.check(realmId, companyName);
      if (run.current === mine) setState({ kind: 'done', report });
    } catch (e) {
      if (run.current === mine) setState({ kind: 'failed', message: describeError(`Could not check ${companyName || 'the QuickBooks Online company'}`, e) });
    }
  }, [service, realmId, companyName]);

  useEffect(() => {
    if (autoRunKey > 0) void check();
  }, [autoRunKey, check]);

  async function fix(f: PreflightFix): Promise<void> {
    setFixError(null);
    try {
      await onFix(f);
    } catch (e) {
      setFixError(describeError(`Could not ${f.label.charAt(0).toLowerCase()}${f.label.slice(1)}`, e));
      return;
    }
    if (f.kind === 'setInvoiceNumbering') await check();
  }

  return (
    <Stack tokens={{ childrenGap: 8 }} role="region" aria-label="QuickBooks company check">
      <Stack horizontal verticalAlign="center" tokens={{ childrenGap: 12 }}>
        <DefaultButton text="Check QuickBooks company" onClick={() => void check()} disabled={state.kind === 'running'} />
        {state.kind === 'running' && <Spinner size={SpinnerSize.small} label={`Checking ${companyName}…`} labelPosition="right" />}
      </Stack>
      {fixError && (
        <MessageBar messageBarType={MessageBarType.error} isMultiline onDismiss={() => setFixError(null)} dismissButtonAriaLabel="Close message">
          {fixError}
        </MessageBar>
      )}
      {state.kind === 'failed' && (
        <MessageBar messageBarType={MessageBarType.error} isMultiline>
          {state.message}
        </MessageBar>
      )}
      {state.kind === 'done' && state.report.findings.length === 0 && (
        <MessageBar messageBarType={MessageBarType.success} isMultiline>
          {`Nothing in ${state.report.companyName} stands in the way of exports and imports. Checked: ${state.report.checked.join('; ')}.`}
        </MessageBar>
      )}
      {state.kind === 'done' && state.report.findings.length > 0 && (
        <Stack tokens={{ childrenGap: 6 }}>
          <Text variant="small">
            {summary(state.report)}
          </Text>
          <ul aria-label="What the check found" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {state.report.findings.map((f, i) => (
              <li key={`${f.check}-${i}`} style={{ marginBottom: 6 }}>
                <MessageBar
                  messageBarType={f.severity === 'error' ? MessageBarType.error : MessageBarType.warning}
                  isMultiline
                  actions={f.fix ? <DefaultButton text={f.fix.label} onClick={() => void fix(f.fix as PreflightFix)} /> : undefined}
                >
                  {`${f.message} ${f.todo}`}
                </MessageBar>
              </li>
            ))}
          </ul>
        </Stack>
      )}
    </Stack>
  );
}

function summary(report: PreflightReport): string {
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.length - errors;
  const parts = [errors ? `${errors} ${errors === 1 ? 'problem' : 'problems'} that would make an export fail` : '', warnings ? `${warnings} ${warnings === 1 ? 'thing' : 'things'} to look at` : ''].filter(Boolean);
  return `${report.companyName}: ${parts.join(' and ')}.`;
}
