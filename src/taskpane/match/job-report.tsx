/**
 * The tab's one message area for what its last action did: a headline, the rows that failed or
 * carry a mapping warning (each with its own sentence), offers to link to the QBO entity that
 * already has a name (6240), and Undo after Clear all links. A long result shows its headline
 * and a one-line count with the details behind "Show details", so it never pushes the lists off
 * the window (issue 12).
 */
import { ActionButton, DefaultButton, MessageBar, MessageBarType, Stack, Text } from '@fluentui/react';
import { useId, useState } from 'react';
import { formatNumber } from '../shared/locale-format';
import type { NameTaken } from '../../sync/jobs/plan-export';

export interface JobReport {
  type: 'success' | 'info' | 'warning' | 'error';
  headline: string;
  rows: string[];
  offers: NameTaken[];
  undo?: { label: string; run(): void };
}

const TYPES: Record<JobReport['type'], MessageBarType> = {
  success: MessageBarType.success,
  info: MessageBarType.info,
  warning: MessageBarType.warning,
  error: MessageBarType.error,
};

/** More rows than this are summarised: a bookkeeper reads the first ones and fixes them first. */
const SHOWN_ROWS = 100;

/** Up to this many details are shown at once; more are folded behind "Show details". */
export const INLINE_DETAILS = 3;

export interface JobReportViewProps {
  report: JobReport;
  onDismiss(): void;
  onLinkExisting(offers: NameTaken[]): void;
  busy: boolean;
}

export function JobReportView({ report, onDismiss, onLinkExisting, busy }: JobReportViewProps) {
  const linkable = report.offers.filter((o) => o.existing);
  const details = report.rows.length + report.offers.length;
  const folds = details > INLINE_DETAILS;
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  // Folded details stay in the page (hidden), so "Show details" only reveals them.
  const hidden = folds && !open;
  return (
    <MessageBar
      messageBarType={TYPES[report.type]}
      isMultiline
      onDismiss={onDismiss}
      dismissButtonAriaLabel="Close message"
      actions={report.undo ? <DefaultButton text={report.undo.label} onClick={report.undo.run} disabled={busy} /> : undefined}
    >
      <Stack tokens={{ childrenGap: 6 }}>
        <Text styles={{ root: { fontWeight: 600 } }}>{report.headline}</Text>
        {folds && (
          <Stack horizontal verticalAlign="center" tokens={{ childrenGap: 8 }}>
            <Text>{`${formatNumber(details)} details${linkable.length > 0 ? `, ${formatNumber(linkable.length)} can be linked to existing ones` : ''}.`}</Text>
            <ActionButton aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen((o) => !o)} styles={{ root: { height: 24 } }}>
              {open ? 'Hide details' : 'Show details'}
            </ActionButton>
          </Stack>
        )}
        <div id={detailsId} hidden={hidden}>
        {report.rows.length > 0 && (
          <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 160, overflowY: 'auto' }} aria-label="Details">
            {report.rows.slice(0, SHOWN_ROWS).map((r, i) => (
              <li key={i}>{r}</li>
            ))}
            {report.rows.length > SHOWN_ROWS && <li>…and {report.rows.length - SHOWN_ROWS} more.</li>}
          </ul>
        )}
        {report.offers.length > 0 && (
          <Stack tokens={{ childrenGap: 4 }} aria-label="Names already in QuickBooks Online">
            {report.offers.slice(0, SHOWN_ROWS).map((o) => (
              <Stack key={o.otId} horizontal verticalAlign="center" tokens={{ childrenGap: 8 }}>
                <Text styles={{ root: { flex: 1 } }}>{o.message}</Text>
                {o.existing && (
                  <DefaultButton
                    text="Link to existing"
                    ariaLabel={`Link "${o.name}" to existing "${o.existing.name}"`}
                    onClick={() => onLinkExisting([o])}
                    disabled={busy}
                  />
                )}
              </Stack>
            ))}
            {linkable.length > 1 && (
              <Stack horizontal>
                <DefaultButton text={`Link all ${linkable.length} to the existing ones`} onClick={() => onLinkExisting(linkable)} disabled={busy} />
              </Stack>
            )}
          </Stack>
        )}
        </div>
      </Stack>
    </MessageBar>
  );
}
