/**
 * The Payment Export window (seed "Exporting Payments"): OfficeTools payments with a check
 * column and Exported. A payment can be checked once its contact is linked and the invoices it
 * pays were exported (each row says why not, with a fix); payments imported from QuickBooks
 * Online are never listed. Export Selected runs plan → progress → confirmation. An export cut
 * off by a reload is finished when the window opens, and the window says so.
 */
import { Checkbox, Spinner, SpinnerSize, Stack, Text, type IColumn } from '@fluentui/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BillingReport } from '../../sync/billing/billing-types';
import type { Payment } from '../../sync/host/protocol';
import type { BillingBodyContext } from './billing-frame';
import type { BlockFix } from './billing-run';
import { SelectedRun, useSelectedRun } from './selected-run';
import type { PaymentListing } from './billing-service';
import { count, PAYMENT_EXPORT_WORDS as WORDS } from './billing-words';
import { BlockedCell } from './blocked-cell';
import { DocumentTable } from './document-table';
import { formatCents } from './format-money';
import { useBlockedReasons } from './use-blocked-reasons';
import { useChecked } from './use-checked';
import { FinishedMessage, useFinishInterrupted } from './use-finish-interrupted';
import { formatPlainDate } from '../shared/locale-format';

function newestFirst(a: Payment, b: Payment): number {
  return b.date.localeCompare(a.date) || a.id.localeCompare(b.id, 'en-US', { numeric: true });
}

export function PaymentExportView({ service, reportError, clearError, openFix, revision }: BillingBodyContext) {
  const [listing, setListing] = useState<PaymentListing | null>(null);
  const [exported, setExported] = useState<ReadonlySet<string>>(() => new Set());
  const [justExported, setJustExported] = useState<ReadonlySet<string>>(() => new Set());
  const [notYet, setNotYet] = useState(true);
  const selectedRun = useSelectedRun();
  const { replan } = selectedRun;
  const { checked, toggle, setAll, keepOnly } = useChecked();
  // An export a reload or a closed panel cut off is finished once, when the window opens.
  const { finished, dismiss: dismissFinished, relist } = useFinishInterrupted(service, 'paymentExport', WORDS, reportError);

  useEffect(() => {
    let live = true;
    service.listPayments().then(
      (l) => {
        if (!live) return;
        setListing({ ...l, payments: l.payments.filter((p) => p.origin.system === 'officetools').sort(newestFirst) });
        setExported(l.exported);
      },
      (e: unknown) => live && reportError('Could not load the OfficeTools payments', e),
    );
    return () => {
      live = false;
    };
  }, [service, reportError, revision, relist]);

  const contactName = useCallback((id: string) => listing?.contacts.get(id)?.displayName ?? `Contact ${id}`, [listing]);
  const label = useCallback((p: Payment) => `payment of ${formatCents(p.amountCents)} from ${contactName(p.contactId)} on ${formatPlainDate(p.date)}`, [contactName]);

  const pendingIds = useMemo(() => (listing ? listing.payments.filter((p) => !exported.has(p.id)).map((p) => p.id) : null), [listing, exported]);
  const plan = useCallback((ids: readonly string[]) => service.planPaymentExport(ids), [service]);
  const { reasons, recheck } = useBlockedReasons(pendingIds, plan, reportError, 'payments');

  const rows = useMemo(() => (listing?.payments ?? []).filter((p) => !notYet || !exported.has(p.id) || justExported.has(p.id)), [listing, notYet, exported, justExported]);
  const canCheck = useCallback((p: Payment) => !exported.has(p.id) && !(reasons?.get(p.id)?.length), [exported, reasons]);
  const checkable = useMemo(() => rows.filter(canCheck), [rows, canCheck]);
  const checkableIds = useMemo(() => new Set(checkable.map((r) => r.id)), [checkable]);
  useEffect(() => keepOnly(checkableIds), [checkableIds, keepOnly]);

  const checkedRows = checkable.filter((r) => checked.has(r.id));
  const allChecked = checkable.length > 0 && checkedRows.length === checkable.length;

  const onFix = useCallback(
    (fix: BlockFix) =>
      openFix(fix, () => {
        recheck();
        replan();
      }),
    [openFix, recheck],
  );

  const columns = useMemo<IColumn[]>(() => {
    const invoiceNumber = (id: string) => listing?.invoiceNumbers.get(id) ?? `invoice ${id}`;
    return [
      { key: 'date', name: 'Date', minWidth: 80, maxWidth: 90, onRender: (p: Payment) => formatPlainDate(p.date) },
      { key: 'contact', name: 'Contact', minWidth: 110, maxWidth: 200, onRender: (p: Payment) => contactName(p.contactId) },
      { key: 'amount', name: 'Amount', minWidth: 80, maxWidth: 100, onRender: (p: Payment) => <div style={{ textAlign: 'right' }}>{formatCents(p.amountCents)}</div> },
      { key: 'reference', name: 'Reference', minWidth: 70, maxWidth: 100, onRender: (p: Payment) => p.reference ?? '' },
      {
        key: 'invoices',
        name: 'Pays invoices',
        minWidth: 90,
        maxWidth: 150,
        onRender: (p: Payment) => (p.applications.length === 0 ? <Text variant="small">Unapplied</Text> : p.applications.map((a) => invoiceNumber(a.invoiceId)).join(', ')),
      },
    ];
  }, [listing, contactName]);
  const renderNote = useCallback(
    (p: Payment) => (exported.has(p.id) || !reasons?.get(p.id)?.length ? null : <BlockedCell label={label(p)} reasons={reasons.get(p.id)} onFix={onFix} />),
    [label, reasons, exported, onFix],
  );

  const getId = useCallback((p: Payment) => p.id, []);
  const checkLabel = useCallback((p: Payment) => `Check ${label(p)}`, [label]);
  const isDone = useCallback((p: Payment) => exported.has(p.id), [exported]);

  const onReport = useCallback(
    (report: BillingReport) => {
      const went = report.outcomes.filter((o) => o.result !== 'failed').map((o) => o.sourceId);
      setExported((prev) => new Set([...prev, ...went]));
      setJustExported((prev) => new Set([...prev, ...went]));
      setAll(went, false);
    },
    [setAll],
  );

  if (!listing || !reasons) return <Spinner size={SpinnerSize.medium} label="Loading the OfficeTools payments…" />;

  return (
    <Stack tokens={{ childrenGap: 10 }}>
      <FinishedMessage note={finished} onDismiss={dismissFinished} />
      <Text>
        Check the OfficeTools payments to send to QuickBooks Online and click Export Selected. A payment can go once its contact is linked to a QuickBooks Online customer and the invoices it pays
        were exported.
      </Text>
      <Stack horizontal verticalAlign="center" tokens={{ childrenGap: 16 }}>
        <Checkbox label="Not yet exported" checked={notYet} onChange={(_e, on) => setNotYet(!!on)} />
        <Checkbox label="Select all" checked={allChecked} disabled={checkable.length === 0} onChange={(_e, on) => setAll(checkable.map((r) => r.id), !!on)} />
        <Text role="status" aria-label="Selection">
          {checkedRows.length} of {count(rows.length, WORDS)} checked
        </Text>
      </Stack>
      <DocumentTable
        label="OfficeTools payments"
        items={rows}
        getId={getId}
        checked={checked}
        onToggle={toggle}
        canCheck={canCheck}
        checkLabel={checkLabel}
        columns={columns}
        doneColumn={WORDS.doneColumn}
        isDone={isDone}
        renderNote={renderNote}
        emptyText={listing.payments.length === 0 ? 'OfficeTools has no payments entered there to export.' : 'Every payment has been exported. Clear "Not yet exported" to see them.'}
      />
      <SelectedRun
        state={selectedRun}
        words={WORDS}
        checkedIds={checkedRows.map((r) => r.id)}
        plan={plan}
        execute={(p, control) => service.exportPayments(p, control)}
        onFix={onFix}
        onReport={onReport}
        reportError={reportError}
        clearError={clearError}
      />
    </Stack>
  );
}
