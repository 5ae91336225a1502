/**
 * Reconcile with QuickBooks Online (Setup > QuickBooks Online > Time & Billing): for a period,
 * each client's invoiced, paid and open balance in OfficeTools beside QuickBooks Online, the
 * documents on one side only or differing, a drill-down to one client's documents with both
 * systems' numbers, and CSV export. The table shows clients 100 at a time (a firm may have
 * 20,000), those with differences first and, by default, only those.
 */
import { DefaultButton, MessageBar, MessageBarType, PrimaryButton, Spinner, SpinnerSize, Stack, Text, Checkbox, Link } from '@fluentui/react';
import { ConnectionGate, usableConnection } from '../shared/connection-gate';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { clientDocuments } from '../../sync/reconcile/compare-books';
import { checkPeriod } from '../../sync/reconcile/load-reconciliation';
import { clientsCsv, DIFFERENCE_WORDS, documentsCsv, STATUS_WORDS } from '../../sync/reconcile/reconcile-csv';
import type { BookTotals, ClientReconciliation, ReconcileDocument, ReconcilePeriod, ReconcileReport } from '../../sync/reconcile/reconcile-types';
import { formatCents } from '../billing/format-money';
import { useWindowDismiss, type HostWindowPage } from '../host-window/host-window-page';
import { describeError } from '../shared/describe-error';
import type { PanelHost, PanelProxy } from '../shared/panel-services';
import { PlainDatePicker } from '../shared/plain-date-picker';
import { DEFAULT_RECONCILE_VIEW_DEPS } from './default-reconcile-service';
import type { Reconciler, ReconcileViewDeps } from './reconcile-service';
import { formatNumber, formatPlainDate } from '../shared/locale-format';

export const RECONCILE_TITLE = 'Reconcile with QuickBooks Online';
const PAGE = 100;

export interface ReconcileViewProps {
  host: PanelHost;
  proxy: PanelProxy;
  /** @defaultvalue DEFAULT_RECONCILE_VIEW_DEPS (the firm's links and journal, the panel's gateway) */
  deps?: ReconcileViewDeps;
  onOpenIntegrations(): void;
  /** The period first shown. @defaultvalue this calendar year */
  initialPeriod?: ReconcilePeriod;
  /** The host window this view is shown in (docs/decisions/0008-host-windows.md). Absent: a view of the panel. */
  page?: HostWindowPage;
}

/** Hidden from sight but read by screen readers: the host window's title bar already shows the title. */
const VISUALLY_HIDDEN = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

function downloadCsv(fileName: string, text: string): void {
  // A byte order mark, so spreadsheet programs read names as UTF-8.
  const url = URL.createObjectURL(new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function thisYear(): ReconcilePeriod {
  const y = new Date().getFullYear();
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}

type Load = { kind: 'loading' } | { kind: 'notConnected'; message: string } | { kind: 'failed' } | { kind: 'ready'; reconciler: Reconciler; companyName: string };

const cellStyle = { padding: '4px 8px', borderBottom: '1px solid #edebe9', textAlign: 'right' as const, whiteSpace: 'nowrap' as const };
const textCell = { ...cellStyle, textAlign: 'left' as const, whiteSpace: 'normal' as const };
// Headings wrap ("Open balance" over "(QuickBooks)"), so the tables fit a 1366×768 screen's window.
const headCell = { ...cellStyle, whiteSpace: 'normal' as const, verticalAlign: 'bottom' as const };
// A row of actions that wraps on a narrow screen; a plain flex row, since a wrapping Fluent Stack is wider than its box.
const ACTION_ROW = { display: 'flex', flexWrap: 'wrap' as const, alignItems: 'center', gap: 12 };
const clientHead = { ...textCell, verticalAlign: 'bottom' as const, minWidth: 180 };

function Money({ ot, qbo }: { ot: number; qbo: number }) {
  return (
    <>
      <td style={cellStyle}>{formatCents(ot)}</td>
      <td style={{ ...cellStyle, fontWeight: ot === qbo ? undefined : 600 }} data-differs={ot === qbo ? undefined : 'true'}>
        {formatCents(qbo)}
      </td>
    </>
  );
}

function TotalsCells({ ot, qbo }: { ot: BookTotals; qbo: BookTotals }) {
  return (
    <>
      <Money ot={ot.invoicedCents} qbo={qbo.invoicedCents} />
      <Money ot={ot.paidCents} qbo={qbo.paidCents} />
      <Money ot={ot.openCents} qbo={qbo.openCents} />
    </>
  );
}

function MoneyHeads() {
  return (
    <>
      {['Invoiced', 'Paid', 'Open balance'].flatMap((what) => [
        <th key={`${what}-ot`} scope="col" style={headCell}>
          {what} (OfficeTools)
        </th>,
        <th key={`${what}-qbo`} scope="col" style={headCell}>
          {what} (QuickBooks)
        </th>,
      ])}
    </>
  );
}

function describeStatus(d: ReconcileDocument): string {
  if (d.status !== 'differs') return STATUS_WORDS[d.status];
  return `${STATUS_WORDS.differs}: ${d.differences.map((x) => DIFFERENCE_WORDS[x]).join(', ')}`;
}

const MATCHED_BY_WORDS = { journal: 'export record', marker: 'OfficeTools marker', docNumber: 'number and customer', origin: 'imported from QuickBooks' } as const;

function DocumentsTable({ documents, clientId }: { documents: ReconcileDocument[]; clientId: string }) {
  return (
    <table aria-label="Documents" style={{ borderCollapse: 'collapse', width: '100%' }}>
      <thead>
        <tr>
          {['Document', 'Status', 'OfficeTools number', 'OfficeTools date', 'OfficeTools amount', 'OfficeTools balance', 'QuickBooks number', 'QuickBooks customer', 'QuickBooks date', 'QuickBooks amount', 'QuickBooks balance', 'Paired by'].map((h) => (
            <th key={h} scope="col" style={{ ...textCell, verticalAlign: 'bottom' }}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {documents.map((d, k) => (
          <tr key={`${d.kind}-${d.ot?.id ?? ''}-${d.qbo?.id ?? ''}-${k}`} data-status={d.status}>
            <td style={textCell}>{d.kind === 'invoice' ? 'Invoice' : 'Payment'}</td>
            <td style={textCell}>
              {describeStatus(d)}
              {d.ot && d.ot.contactId !== clientId ? ' (another client in OfficeTools)' : ''}
              {d.warning ? ` ${d.warning}` : ''}
            </td>
            <td style={textCell}>{d.ot ? (d.ot.number ?? '') : '—'}</td>
            <td style={textCell}>{d.ot?.date ? formatPlainDate(d.ot.date) : ''}</td>
            <td style={cellStyle}>{d.ot ? formatCents(d.ot.amountCents) : ''}</td>
            <td style={cellStyle}>{d.ot?.balanceCents !== undefined ? formatCents(d.ot.balanceCents) : ''}</td>
            <td style={textCell}>{d.qbo ? (d.qbo.docNumber ?? `Id ${d.qbo.id}`) : '—'}</td>
            <td style={textCell}>{d.qbo ? (d.qbo.customerName ?? `Customer ${d.qbo.customerId}`) : ''}</td>
            <td style={textCell}>{d.qbo?.date ? formatPlainDate(d.qbo.date) : ''}</td>
            <td style={cellStyle}>{d.qbo ? formatCents(d.qbo.amountCents) : ''}</td>
            <td style={cellStyle}>{d.qbo?.balanceCents !== undefined ? formatCents(d.qbo.balanceCents) : ''}</td>
            <td style={textCell}>{d.matchedBy ? MATCHED_BY_WORDS[d.matchedBy] : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ClientsTable({ clients, onOpen }: { clients: ClientReconciliation[]; onOpen(c: ClientReconciliation): void }) {
  return (
    <table aria-label="Clients" style={{ borderCollapse: 'collapse', width: '100%' }}>
      <thead>
        <tr>
          <th scope="col" style={clientHead}>
            Client
          </th>
          <MoneyHeads />
          <th scope="col" style={headCell}>
            Differences
          </th>
        </tr>
      </thead>
      <tbody>
        {clients.map((c) => (
          <tr key={c.contactId}>
            <td style={textCell}>
              <Link onClick={() => onOpen(c)} aria-label={`Show the documents of ${c.name}`}>
                {c.name}
              </Link>
              {c.customerId ? '' : ' (not linked to a QuickBooks customer)'}
            </td>
            <TotalsCells ot={c.ot} qbo={c.qbo} />
            <td style={cellStyle}>{formatNumber(c.issues)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ReconcileView({ host, proxy, deps = DEFAULT_RECONCILE_VIEW_DEPS, onOpenIntegrations, initialPeriod, page }: ReconcileViewProps) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [period, setPeriod] = useState<ReconcilePeriod>(() => initialPeriod ?? thisYear());
  const [running, setRunning] = useState<{ rows: number } | null>(null);
  const [report, setReport] = useState<ReconcileReport | null>(null);
  const [onlyIssues, setOnlyIssues] = useState(true);
  const [shown, setShown] = useState(PAGE);
  const [client, setClient] = useState<ClientReconciliation | null>(null);

  useEffect(() => {
    let live = true;
    let opened: Reconciler | undefined;
    setLoad({ kind: 'loading' });
    (async () => {
      const status = await proxy.status();
      if (!live) return;
      const usable = usableConnection(proxy, status, RECONCILE_TITLE);
      if ('refused' in usable) {
        setLoad(usable.refused);
        return;
      }
      opened = await deps.openReconciler(usable.connected.realmId, host);
      if (!live) return opened.close();
      setLoad({ kind: 'ready', reconciler: opened, companyName: usable.connected.companyName });
    })().catch((e: unknown) => {
      if (!live) return;
      setLoad({ kind: 'failed' });
      setError(describeError(`Could not open ${RECONCILE_TITLE}`, e));
    });
    return () => {
      live = false;
      opened?.close();
    };
  }, [proxy, deps, host, attempt]);

  // Shown in the panel (a host without windows), the tables have more columns than a docked
  // panel is wide: ask for the wide panel while shown. In a host window the host gave the room.
  const inPanel = !page;
  useEffect(() => {
    if (!inPanel) return undefined;
    host.request('ui.setPanelWidth', { mode: 'wide' }).catch(() => undefined);
    return () => {
      host.request('ui.setPanelWidth', { mode: 'normal' }).catch(() => undefined);
    };
  }, [host, inPanel]);
  // The host's close button and Escape close the window.
  useWindowDismiss(page, () => page?.close());

  const compare = useCallback(async () => {
    if (load.kind !== 'ready') return;
    setError(null);
    // Said in the dates' own format; the engine's check below stays the backstop.
    if (!period.from || !period.to) {
      setError('Choose the first and the last day of the period (From and To).');
      return;
    }
    if (period.from > period.to) {
      setError(`The period starts on ${formatPlainDate(period.from)}, after it ends on ${formatPlainDate(period.to)}. Swap the two dates.`);
      return;
    }
    try {
      checkPeriod(period);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return;
    }
    setRunning({ rows: 0 });
    try {
      const next = await load.reconciler.reconcile(period, (p) => setRunning({ rows: p.qboRows }));
      setReport(next);
      setClient(null);
      setShown(PAGE);
    } catch (e) {
      setError(describeError('Could not compare the books', e));
    } finally {
      setRunning(null);
    }
  }, [load, period]);

  const clients = useMemo(() => (report ? (onlyIssues ? report.clients.filter((c) => c.issues > 0) : report.clients) : []), [report, onlyIssues]);
  const documents = useMemo(() => (report && client ? clientDocuments(report, client.contactId) : []), [report, client]);
  const nameOf = useMemo(() => {
    const names = new Map((report?.clients ?? []).map((c) => [c.contactId, c.name]));
    return (id: string) => names.get(id) ?? id;
  }, [report]);
  const save = deps.download ?? downloadCsv;
  const stamp = `${period.from}_${period.to}`;

  const results = (
    <>
      {running && <Spinner size={SpinnerSize.medium} label={`Reading QuickBooks Online… ${formatNumber(running.rows)} documents so far`} />}
      {report && !client && (
        <Stack tokens={{ childrenGap: 8 }}>
          <Text role="status">
            {formatNumber(report.clients.length)} clients, {formatNumber(report.totals.documents)} documents from {formatPlainDate(report.period.from)} to {formatPlainDate(report.period.to)};{' '}
            {report.totals.issues === 0 ? 'the books agree.' : `${formatNumber(report.totals.issues)} on one side only or differing.`}
          </Text>
          <table aria-label="Totals" style={{ borderCollapse: 'collapse', width: '100%' }}>
            <thead>
              <tr>
                <MoneyHeads />
              </tr>
            </thead>
            <tbody>
              <tr>
                <TotalsCells ot={report.totals.ot} qbo={report.totals.qbo} />
              </tr>
            </tbody>
          </table>
          <div style={ACTION_ROW}>
            <Checkbox label="Only clients with differences" checked={onlyIssues} onChange={(_, v) => (setOnlyIssues(!!v), setShown(PAGE))} />
            <DefaultButton text="Export clients (CSV)" onClick={() => save(`reconcile-clients_${stamp}.csv`, clientsCsv(report))} />
            <DefaultButton
              text="Export differences (CSV)"
              onClick={() => save(`reconcile-differences_${stamp}.csv`, documentsCsv(report.documents.filter((d) => d.status !== 'matched'), nameOf))}
            />
          </div>
          {clients.length === 0 ? (
            <Text>{onlyIssues ? 'No client has a difference in this period.' : 'No client has a document in this period.'}</Text>
          ) : (
            <ClientsTable clients={clients.slice(0, shown)} onOpen={setClient} />
          )}
          {clients.length > shown && (
            <Stack horizontal>
              <DefaultButton text={`Show ${Math.min(PAGE, clients.length - shown)} more of ${formatNumber(clients.length - shown)}`} onClick={() => setShown((n) => n + PAGE)} />
            </Stack>
          )}
        </Stack>
      )}
      {report && client && (
        <Stack tokens={{ childrenGap: 8 }}>
          <div style={ACTION_ROW}>
            <DefaultButton text="Back to all clients" onClick={() => setClient(null)} />
            <Text as="h2" variant="large" styles={{ root: { margin: 0 } }}>
              {client.name}
            </Text>
            <DefaultButton text="Export documents (CSV)" onClick={() => save(`reconcile-${client.contactId}_${stamp}.csv`, documentsCsv(documents, nameOf))} />
          </div>
          <DocumentsTable documents={documents} clientId={client.contactId} />
        </Stack>
      )}
    </>
  );

  return (
    <Stack tokens={{ childrenGap: 12 }} styles={{ root: page ? { padding: '12px 16px', height: '100%', boxSizing: 'border-box' } : { padding: 16 } }}>
      <Stack horizontal verticalAlign="baseline" tokens={{ childrenGap: 12 }}>
        <Text as="h1" variant="xLarge" styles={{ root: page ? VISUALLY_HIDDEN : { margin: 0 } }}>
          {RECONCILE_TITLE}
        </Text>
        {load.kind === 'ready' && <Text variant="small">QuickBooks Online company: {load.companyName}</Text>}
      </Stack>
      {error && (
        <MessageBar messageBarType={MessageBarType.error} isMultiline onDismiss={() => setError(null)} dismissButtonAriaLabel="Close message">
          {error}
        </MessageBar>
      )}
      <ConnectionGate load={load} onOpenIntegrations={onOpenIntegrations} onRetry={() => setAttempt((n) => n + 1)} />
      {load.kind === 'ready' && (
        <div style={{ ...ACTION_ROW, alignItems: 'flex-end' }}>
          <PlainDatePicker label="From" value={period.from} onChange={(v) => setPeriod((p) => ({ ...p, from: v ?? '' }))} styles={{ root: { width: 160 } }} />
          <PlainDatePicker label="To" value={period.to} onChange={(v) => setPeriod((p) => ({ ...p, to: v ?? '' }))} styles={{ root: { width: 160 } }} />
          <PrimaryButton text="Compare" onClick={() => void compare()} disabled={running !== null} />
        </div>
      )}
      {/* In a host window the results scroll here (both ways: the documents table is wide), so Close never leaves the window. */}
      {page ? (
        <Stack.Item grow shrink styles={{ root: { minHeight: 0, overflow: 'auto' } }} data-testid="window-body">
          {results}
        </Stack.Item>
      ) : (
        results
      )}
      {page && (
        <Stack horizontal horizontalAlign="end" styles={{ root: { flex: 'none', borderTop: '1px solid #edebe9', paddingTop: 12 } }} data-testid="window-footer">
          <DefaultButton text="Close" onClick={() => page.close()} />
        </Stack>
      )}
    </Stack>
  );
}
