/**
 * The Payment Import window (seed "Importing Payments"): QuickBooks Online payments with a check
 * column, Date, Customer, Amount, Reference, the invoices each pays and Sync'd. Only payments of
 * customers linked to OfficeTools contacts can be checked (the others say why); payments that
 * came from OfficeTools are never listed. Import Selected runs plan → progress → confirmation.
 */
import { Checkbox, Spinner, SpinnerSize, Stack, Text, type IColumn } from '@fluentui/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BillingReport, QboPaymentRow } from '../../sync/billing/billing-types';
import type { BillingBodyContext } from './billing-frame';
import type { BlockFix } from './billing-run';
import { SelectedRun, useSelectedRun } from './selected-run';
import { count, PAYMENT_IMPORT_WORDS as WORDS } from './billing-words';
import { BlockedCell } from './blocked-cell';
import { DocumentTable } from './document-table';
import { paysColumn } from '../../sync/billing/describe-applications';
import { formatCents } from './format-money';
import { useBlockedReasons } from './use-blocked-reasons';
import { useChecked } from './use-checked';
import { formatPlainDate } from '../shared/locale-format';

function newestFirst(a: QboPaymentRow, b: QboPaymentRow): number {
  return b.date.localeCompare(a.date) || a.qboId.localeCompare(b.qboId, 'en-US', { numeric: true });
}

function paymentLabel(p: QboPaymentRow): string {
  return `payment of ${formatCents(p.amountCents)} from ${p.customerName} on ${formatPlainDate(p.date)}`;
}

export function PaymentImportView({ service, reportError, clearError, openFix, revision }: BillingBodyContext) {
  const [payments, setPayments] = useState<QboPaymentRow[] | null>(null);
  const [synced, setSynced] = useState<ReadonlySet<string>>(() => new Set());
  const [justSynced, setJustSynced] = useState<ReadonlySet<string>>(() => new Set());
  const [notYet, setNotYet] = useState(true);
  const selectedRun = useSelectedRun();
  const { replan } = selectedRun;
  const { checked, toggle, setAll, keepOnly } = useChecked();

  useEffect(() => {
    let live = true;
    service.listQboPayments().then(
      (l) => {
        if (!live) return;
        setPayments(l.payments.filter((p) => !p.fromOfficeTools).sort(newestFirst));
        setSynced(l.synced);
      },
      (e: unknown) => live && reportError('Could not load the QuickBooks Online payments', e),
    );
    return () => {
      live = false;
    };
  }, [service, reportError, revision]);

  const pendingIds = useMemo(() => (payments ? payments.filter((p) => !synced.has(p.qboId)).map((p) => p.qboId) : null), [payments, synced]);
  const plan = useCallback((ids: readonly string[]) => service.planPaymentImport(ids), [service]);
  const { reasons, recheck } = useBlockedReasons(pendingIds, plan, reportError, 'payments');

  const rows = useMemo(() => (payments ?? []).filter((p) => !notYet || !synced.has(p.qboId) || justSynced.has(p.qboId)), [payments, notYet, synced, justSynced]);
  const canCheck = useCallback((p: QboPaymentRow) => !synced.has(p.qboId) && !(reasons?.get(p.qboId)?.length), [synced, reasons]);
  const checkable = useMemo(() => rows.filter(canCheck), [rows, canCheck]);
  const checkableIds = useMemo(() => new Set(checkable.map((r) => r.qboId)), [checkable]);
  useEffect(() => keepOnly(checkableIds), [checkableIds, keepOnly]);

  const checkedRows = checkable.filter((r) => checked.has(r.qboId));
  const allChecked = checkable.length > 0 && checkedRows.length === checkable.length;

  const onFix = useCallback(
    (fix: BlockFix) =>
      openFix(fix, () => {
        recheck();
        replan();
      }),
    [openFix, recheck],
  );

  const columns = useMemo<IColumn[]>(
    () => [
      { key: 'date', name: 'Date', minWidth: 80, maxWidth: 90, onRender: (p: QboPaymentRow) => formatPlainDate(p.date) },
      { key: 'customer', name: 'Customer', minWidth: 110, maxWidth: 200, onRender: (p: QboPaymentRow) => p.customerName },
      { key: 'amount', name: 'Amount', minWidth: 80, maxWidth: 100, onRender: (p: QboPaymentRow) => <div style={{ textAlign: 'right' }}>{formatCents(p.amountCents)}</div> },
      { key: 'reference', name: 'Reference', minWidth: 70, maxWidth: 100, onRender: (p: QboPaymentRow) => p.reference ?? '' },
      {
        key: 'invoices',
        name: 'Pays invoices',
        minWidth: 100,
        maxWidth: 160,
        onRender: (p: QboPaymentRow) => (p.invoices.length === 0 ? <Text variant="small">Unapplied</Text> : paysColumn(p.invoices)),
      },
    ],
    [],
  );
  const renderNote = useCallback(
    (p: QboPaymentRow) => (synced.has(p.qboId) || !reasons?.get(p.qboId)?.length ? null : <BlockedCell label={paymentLabel(p)} reasons={reasons.get(p.qboId)} onFix={onFix} />),
    [reasons, synced, onFix],
  );

  const getId = useCallback((p: QboPaymentRow) => p.qboId, []);
  const checkLabel = useCallback((p: QboPaymentRow) => `Check ${paymentLabel(p)}`, []);
  const isDone = useCallback((p: QboPaymentRow) => synced.has(p.qboId), [synced]);

  const onReport = useCallback(
    (report: BillingReport) => {
      const went = report.outcomes.filter((o) => o.result !== 'failed').map((o) => o.sourceId);
      setSynced((prev) => new Set([...prev, ...went]));
      setJustSynced((prev) => new Set([...prev, ...went]));
      setAll(went, false);
    },
    [setAll],
  );

  if (!payments || !reasons) return <Spinner size={SpinnerSize.medium} label="Loading the QuickBooks Online payments…" />;

  return (
    <Stack tokens={{ childrenGap: 10 }}>
      <Text>Check the QuickBooks Online payments to record in OfficeTools and click Import Selected. A payment can come in once its customer is linked to an OfficeTools contact.</Text>
      <Stack horizontal verticalAlign="center" tokens={{ childrenGap: 16 }}>
        <Checkbox label="Not yet imported" checked={notYet} onChange={(_e, on) => setNotYet(!!on)} />
        <Checkbox label="Select all" checked={allChecked} disabled={checkable.length === 0} onChange={(_e, on) => setAll(checkable.map((r) => r.qboId), !!on)} />
        <Text role="status" aria-label="Selection">
          {checkedRows.length} of {count(rows.length, WORDS)} checked
        </Text>
      </Stack>
      <DocumentTable
        label="QuickBooks Online payments"
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
        emptyText={payments.length === 0 ? 'QuickBooks Online has no payments entered there to import.' : 'Every payment has been imported. Clear "Not yet imported" to see them.'}
      />
      <SelectedRun
        state={selectedRun}
        words={WORDS}
        checkedIds={checkedRows.map((r) => r.qboId)}
        plan={plan}
        execute={(p, control) => service.importPayments(p, control)}
        onFix={onFix}
        onReport={onReport}
        reportError={reportError}
        clearError={clearError}
      />
    </Stack>
  );
}
