/**
 * The Invoice Export window (seed "Exporting Invoices"): OfficeTools invoices with a check
 * column, Number, Date, Contact, Amount and Exported; filters "Not yet exported" (on), a date
 * range and a contact; Select all; Export Selected runs plan → progress → confirmation.
 */
import { Checkbox, Dropdown, Spinner, SpinnerSize, Stack, Text, type IColumn, type IDropdownOption } from '@fluentui/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BillingReport } from '../../sync/billing/billing-types';
import type { Invoice } from '../../sync/host/protocol';
import type { BillingBodyContext } from './billing-frame';
import type { BlockFix } from './billing-run';
import { SelectedRun, useSelectedRun } from './selected-run';
import type { InvoiceListing } from './billing-service';
import { count, INVOICE_EXPORT_WORDS as WORDS } from './billing-words';
import { DocumentTable } from './document-table';
import { formatCents } from './format-money';
import { useChecked } from './use-checked';
import { FinishedMessage, useFinishInterrupted } from './use-finish-interrupted';
import { formatPlainDate } from '../shared/locale-format';
import { PlainDatePicker } from '../shared/plain-date-picker';

const ALL_CONTACTS = '';

function byNumber(a: Invoice, b: Invoice): number {
  return a.number.localeCompare(b.number, 'en-US', { numeric: true }) || a.id.localeCompare(b.id);
}

export function InvoiceExportView({ service, reportError, clearError, openFix, revision }: BillingBodyContext) {
  const [listing, setListing] = useState<InvoiceListing | null>(null);
  const [exported, setExported] = useState<ReadonlySet<string>>(() => new Set());
  // Exported while this window is open: still listed under "Not yet exported", so the check shows.
  const [justExported, setJustExported] = useState<ReadonlySet<string>>(() => new Set());
  const [notYet, setNotYet] = useState(true);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [contactId, setContactId] = useState(ALL_CONTACTS);
  const selectedRun = useSelectedRun();
  const { replan } = selectedRun;
  const { checked, toggle, setAll, keepOnly } = useChecked();
  // An export a reload or a closed panel cut off is finished once, when the window opens.
  const { finished, dismiss: dismissFinished, relist } = useFinishInterrupted(service, 'invoiceExport', WORDS, reportError);

  useEffect(() => {
    let live = true;
    service.listInvoices().then(
      (l) => {
        if (!live) return;
        setListing({ ...l, invoices: [...l.invoices].sort(byNumber) });
        setExported(l.exported);
      },
      (e: unknown) => live && reportError('Could not load the OfficeTools invoices', e),
    );
    return () => {
      live = false;
    };
  }, [service, reportError, revision, relist]);

  const contactName = useCallback((id: string) => listing?.contacts.get(id)?.displayName ?? `Contact ${id}`, [listing]);

  const contactOptions = useMemo<IDropdownOption[]>(() => {
    if (!listing) return [];
    const ids = [...new Set(listing.invoices.map((i) => i.contactId))];
    const named = ids.map((id) => ({ key: id, text: contactName(id) })).sort((a, b) => a.text.localeCompare(b.text));
    return [{ key: ALL_CONTACTS, text: 'All contacts' }, ...named];
  }, [listing, contactName]);

  const rows = useMemo(() => {
    if (!listing) return [];
    return listing.invoices.filter(
      (i) =>
        (!notYet || !exported.has(i.id) || justExported.has(i.id)) &&
        (!from || i.date >= from) &&
        (!to || i.date <= to) &&
        (contactId === ALL_CONTACTS || i.contactId === contactId),
    );
  }, [listing, notYet, exported, justExported, from, to, contactId]);

  const shownIds = useMemo(() => new Set(rows.map((r) => r.id)), [rows]);
  useEffect(() => keepOnly(shownIds), [shownIds, keepOnly]);

  const checkedRows = rows.filter((r) => checked.has(r.id));
  const allChecked = rows.length > 0 && checkedRows.length === rows.length;

  const columns = useMemo<IColumn[]>(
    () => [
      { key: 'number', name: 'Number', minWidth: 48, maxWidth: 80, onRender: (i: Invoice) => i.number },
      { key: 'date', name: 'Date', minWidth: 74, maxWidth: 90, onRender: (i: Invoice) => formatPlainDate(i.date) },
      { key: 'contact', name: 'Contact', minWidth: 90, onRender: (i: Invoice) => contactName(i.contactId) },
      { key: 'amount', name: 'Amount', minWidth: 72, maxWidth: 110, styles: { cellTitle: { justifyContent: 'flex-end' } }, onRender: (i: Invoice) => <div style={{ textAlign: 'right' }}>{formatCents(i.totalCents)}</div> },
    ],
    [contactName],
  );

  const getId = useCallback((i: Invoice) => i.id, []);
  const checkLabel = useCallback((i: Invoice) => `Check invoice ${i.number}`, []);
  const isDone = useCallback((i: Invoice) => exported.has(i.id), [exported]);

  const onReport = useCallback((report: BillingReport) => {
    const went = report.outcomes.filter((o) => o.result !== 'failed').map((o) => o.sourceId);
    setExported((prev) => new Set([...prev, ...went]));
    setJustExported((prev) => new Set([...prev, ...went]));
    setAll(went, false);
  }, [setAll]);

  const onFix = useCallback(
    (fix: BlockFix) => openFix(fix, () => replan()),
    [openFix],
  );

  if (!listing) return <Spinner size={SpinnerSize.medium} label="Loading the OfficeTools invoices…" />;

  const selectedTotal = checkedRows.reduce((sum, i) => sum + i.totalCents, 0);
  return (
    <Stack tokens={{ childrenGap: 10 }}>
      <FinishedMessage note={finished} onDismiss={dismissFinished} />
      <Text>Check the invoices to send to QuickBooks Online and click Export Selected. An invoice can go once its contact is linked to a QuickBooks Online customer.</Text>
      <Stack horizontal wrap verticalAlign="end" tokens={{ childrenGap: 12 }}>
        <Checkbox label="Not yet exported" checked={notYet} onChange={(_e, on) => setNotYet(!!on)} styles={{ root: { marginBottom: 6 } }} />
        <PlainDatePicker label="From" value={from} onChange={(v) => setFrom(v ?? '')} styles={{ root: { width: 150 } }} />
        <PlainDatePicker label="To" value={to} onChange={(v) => setTo(v ?? '')} styles={{ root: { width: 150 } }} />
        <Dropdown label="Contact" options={contactOptions} selectedKey={contactId} onChange={(_e, o) => setContactId(o ? String(o.key) : ALL_CONTACTS)} styles={{ root: { width: 220 } }} />
      </Stack>
      <Stack horizontal verticalAlign="center" tokens={{ childrenGap: 16 }}>
        <Checkbox label="Select all" checked={allChecked} disabled={rows.length === 0} onChange={(_e, on) => setAll(rows.map((r) => r.id), !!on)} />
        <Text role="status" aria-label="Selection">
          {checkedRows.length} of {count(rows.length, WORDS)} checked{checkedRows.length > 0 ? `, ${formatCents(selectedTotal)}` : ''}
        </Text>
      </Stack>
      <DocumentTable
        label="OfficeTools invoices"
        items={rows}
        getId={getId}
        checked={checked}
        onToggle={toggle}
        checkLabel={checkLabel}
        columns={columns}
        doneColumn={WORDS.doneColumn}
        isDone={isDone}
        emptyText={listing.invoices.length === 0 ? 'OfficeTools has no invoices yet.' : 'No invoices match the filters. Clear "Not yet exported" or widen the dates to see more.'}
      />
      <SelectedRun
        state={selectedRun}
        words={WORDS}
        checkedIds={checkedRows.map((r) => r.id)}
        plan={(ids) => service.planInvoiceExport(ids)}
        execute={(plan, control) => service.exportInvoices(plan, control)}
        onFix={onFix}
        applyFix={(action) => service.applyFix(action)}
        onReport={onReport}
        reportError={reportError}
        clearError={clearError}
      />
    </Stack>
  );
}
