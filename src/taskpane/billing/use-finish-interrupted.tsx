/**
 * An export that a reload, a crash or a closed panel cut off is finished once, when its window
 * opens (issue 14, point 2): the service's finishInterrupted (guarded: it waits while someone
 * else runs that export), then a message saying what was finished, and the list read again.
 * Used by Invoice Export and Payment Export alike.
 */
import { MessageBar, MessageBarType } from '@fluentui/react';
import { useEffect, useRef, useState } from 'react';
import type { BillingReport } from '../../sync/billing/billing-types';
import type { BillingService } from './billing-service';
import { count, type BillingWords } from './billing-words';

export interface FinishedNote {
  text: string;
  warn: boolean;
}

/** What the window says after finishing an interrupted export (counts; the failed ones' reasons). */
export function describeFinished(report: BillingReport, words: Pick<BillingWords, 'one' | 'many'>): FinishedNote {
  const ok = report.outcomes.filter((o) => o.result !== 'failed');
  const failed = report.outcomes.filter((o) => o.result === 'failed');
  const article = /^[aeiou]/.test(words.one) ? 'An' : 'A';
  const parts = [
    `${article} ${words.one} export was interrupted before it finished (the page was reloaded or the panel closed). It has been finished now: ${count(ok.length, words)} ${ok.length === 1 ? 'is' : 'are'} in QuickBooks Online and marked exported, none twice.`,
  ];
  if (failed.length) parts.push(`${count(failed.length, words)} could not be finished yet: ${failed.slice(0, 5).map((f) => `${f.label}: ${f.error?.message ?? 'failed'}`).join(' ')}`);
  return { text: parts.join(' '), warn: failed.length > 0 };
}

/**
 * Starts finishing `kind` once per window (also when an effect runs twice under StrictMode: the
 * promise is shared). Returns the note to show (null until something was finished), its
 * dismissal, and a counter that moves when the list should be read again.
 */
export function useFinishInterrupted(
  service: BillingService,
  kind: 'invoiceExport' | 'paymentExport',
  words: Pick<BillingWords, 'one' | 'many'>,
  reportError: (action: string, error: unknown) => void,
): { finished: FinishedNote | null; dismiss(): void; relist: number } {
  const [finished, setFinished] = useState<FinishedNote | null>(null);
  const [relist, setRelist] = useState(0);
  const finishing = useRef<{ service: BillingService; done: Promise<BillingReport | undefined> } | null>(null);
  useEffect(() => {
    if (!service.finishInterrupted) return undefined;
    if (finishing.current?.service !== service) finishing.current = { service, done: service.finishInterrupted(kind) };
    let live = true;
    finishing.current.done.then(
      (report) => {
        if (!live || !report) return;
        setFinished(describeFinished(report, words));
        setRelist((n) => n + 1);
      },
      (e: unknown) => live && reportError(`Could not finish the ${words.one} export that was interrupted`, e),
    );
    return () => {
      live = false;
    };
  }, [service, kind, words, reportError]);
  return { finished, dismiss: () => setFinished(null), relist };
}

/** The note, closable. */
export function FinishedMessage({ note, onDismiss }: { note: FinishedNote | null; onDismiss(): void }) {
  if (!note) return null;
  return (
    <MessageBar messageBarType={note.warn ? MessageBarType.warning : MessageBarType.success} isMultiline onDismiss={onDismiss} dismissButtonAriaLabel="Close">
      {note.text}
    </MessageBar>
  );
}
