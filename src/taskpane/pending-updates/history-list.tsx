/**
 * Sync History's record of what was done: every operation of every staff member on this
 * company, newest first, with filters (kind, user, result, date range) and a CSV export of what
 * the filters show. The list shows the newest PAGE lines; the CSV has them all.
 */
import { DefaultButton, Dropdown, MessageBar, MessageBarType, Spinner, Stack, Text, type IDropdownOption } from '@fluentui/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { HISTORY_KINDS, HISTORY_KIND_LABELS, type HistoryLine } from '../../sync/history/history-entry';
import { historyCsv, historyCsvFileName } from '../../sync/history/history-csv';
import { filterHistory, historyUsers, type HistoryFilter } from '../../sync/history/history-filter';
import { historyText } from '../../sync/history/history-wording';
import { describeError } from '../shared/describe-error';
import type { SyncHistorySource } from './history-source';
import { displayFormat, formatNumber, formatTimestamp } from '../shared/locale-format';
import { PlainDatePicker } from '../shared/plain-date-picker';

export interface HistoryListProps {
  realmId: string;
  source: SyncHistorySource;
  /** Asked to refresh from outside (the outbox changed, so a contact update may have been recorded). */
  refreshKey?: number;
  /** @defaultvalue a browser download through an object URL */
  download?: (fileName: string, text: string) => void;
  /** @defaultvalue () => new Date() */
  now?: () => Date;
}

const PAGE = 200;
const ALL = '';

function downloadCsv(fileName: string, text: string): void {
  // A byte order mark, so spreadsheet programs read the names as UTF-8.
  const url = URL.createObjectURL(new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function when(at: string): string {
  return formatTimestamp(at);
}

/** The line's ids and codes, as one short sentence for the reader who has to ask Intuit. */
function references(line: HistoryLine): string {
  const parts: string[] = [];
  if (line.qboId) parts.push(`QuickBooks Id ${line.qboId}`);
  if (line.errorCode) parts.push(`error ${line.errorCode}`);
  if (line.intuitTid) parts.push(`intuit_tid ${line.intuitTid}`);
  return parts.join(' · ');
}

export function HistoryList({ realmId, source, refreshKey = 0, download = downloadCsv, now = () => new Date() }: HistoryListProps) {
  const [lines, setLines] = useState<HistoryLine[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [filter, setFilter] = useState<HistoryFilter>({});

  const refresh = useCallback(async () => {
    try {
      const all = await source.list(realmId);
      // Newest first; ISO timestamps sort as text.
      setLines([...all].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)));
      setError(undefined);
    } catch (e) {
      setError(describeError('Could not read the Sync History', e));
    }
  }, [source, realmId]);

  useEffect(() => {
    void refresh();
    return source.subscribe?.(realmId, () => void refresh());
  }, [source, realmId, refresh, refreshKey]);

  const shown = useMemo(() => (lines ? filterHistory(lines, filter) : []), [lines, filter]);
  const kindOptions = useMemo<IDropdownOption[]>(
    () => [{ key: ALL, text: 'All kinds' }, ...HISTORY_KINDS.map((k) => ({ key: k, text: HISTORY_KIND_LABELS[k] })), { key: 'other', text: 'Other' }],
    [],
  );
  const userOptions = useMemo<IDropdownOption[]>(() => [{ key: ALL, text: 'All users' }, ...historyUsers(lines ?? []).map((u) => ({ key: u.key, text: u.name }))], [lines]);
  const resultOptions: IDropdownOption[] = [
    { key: ALL, text: 'Any result' },
    { key: 'ok', text: 'Succeeded' },
    { key: 'failed', text: 'Failed' },
  ];
  const set = (patch: Partial<HistoryFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const badRange = Boolean(filter.from && filter.to && filter.from > filter.to);

  return (
    <Stack tokens={{ childrenGap: 8 }} aria-label="History of operations">
      <Text as="h2" variant="mediumPlus" styles={{ root: { margin: 0, fontWeight: 600 } }}>
        What was done
      </Text>
      <Stack horizontal wrap tokens={{ childrenGap: 8 }} verticalAlign="end">
        <Dropdown label="Kind" options={kindOptions} selectedKey={filter.kind ?? ALL} onChange={(_e, o) => o && set({ kind: o.key === ALL ? undefined : (o.key as HistoryFilter['kind']) })} styles={{ root: { minWidth: 200 } }} />
        <Dropdown label="User" options={userOptions} selectedKey={filter.user ?? ALL} onChange={(_e, o) => o && set({ user: o.key === ALL ? undefined : String(o.key) })} styles={{ root: { minWidth: 150 } }} />
        <Dropdown label="Result" options={resultOptions} selectedKey={filter.result ?? ALL} onChange={(_e, o) => o && set({ result: o.key === ALL ? undefined : (o.key as 'ok' | 'failed') })} styles={{ root: { minWidth: 120 } }} />
        <PlainDatePicker label="From" value={filter.from} onChange={(v) => set({ from: v })} styles={{ root: { width: 150 } }} />
        <PlainDatePicker label="To" value={filter.to} onChange={(v) => set({ to: v })} styles={{ root: { width: 150 } }} />
        <DefaultButton
          text="Export CSV"
          disabled={!lines}
          onClick={() => download(historyCsvFileName(now()), historyCsv(shown))}
          title="Download the lines the filters show as a .csv file"
        />
      </Stack>
      {badRange && <MessageBar messageBarType={MessageBarType.warning}>The From date is after the To date, so no line can match. Change one of them.</MessageBar>}
      {error && (
        <MessageBar messageBarType={MessageBarType.error} isMultiline onDismiss={() => setError(undefined)}>
          {error}
        </MessageBar>
      )}
      {lines === undefined && !error && <Spinner label="Loading the history…" />}
      {lines && lines.length === 0 && <Text>Nothing has been done with QuickBooks Online for this company yet.</Text>}
      {lines && lines.length > 0 && (
        <Text variant="small" role="status">
          {shown.length === lines.length
            ? `${formatNumber(lines.length)} ${lines.length === 1 ? 'entry' : 'entries'}`
            : `${formatNumber(shown.length)} of ${formatNumber(lines.length)} entries match the filters`}
          {shown.length > PAGE ? `; the newest ${PAGE} are shown, Export CSV has them all.` : '.'}
        </Text>
      )}
      {shown.length > 0 && (
        <Stack as="ul" tokens={{ childrenGap: 6 }} styles={{ root: { listStyle: 'none', padding: 0, margin: 0 } }} aria-label="History entries">
          {shown.slice(0, PAGE).map((line, i) => {
            // Its counts and times in this reader's locale (the line may be a colleague's).
            const text = historyText(line, displayFormat());
            return (
              <Stack
                as="li"
                key={line.id ?? `${line.at}-${i}`}
                data-kind={line.kind}
                data-result={line.result}
                tokens={{ childrenGap: 2 }}
                styles={{ root: { borderBottom: '1px solid #edebe9', paddingBottom: 6 } }}
              >
                <Text styles={{ root: { fontWeight: 600, color: line.result === 'failed' ? '#a4262c' : undefined } }}>
                  {line.result === 'failed' ? 'Failed: ' : ''}
                  {text.what}
                </Text>
                <Text variant="small">
                  {when(line.at)} · {line.who} · {line.kind === 'other' ? 'Other' : HISTORY_KIND_LABELS[line.kind]}
                </Text>
                {text.detail && <Text variant="small">{text.detail}</Text>}
                {references(line) && <Text variant="small">{references(line)}</Text>}
              </Stack>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
