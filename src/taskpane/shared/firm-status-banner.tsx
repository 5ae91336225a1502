/**
 * How the firm's data stands in this panel: when the QBO Sync service cannot be reached, the
 * panel says it shows the last known state and keeps the changes made meanwhile; what the firm
 * did not take (the upgrade upload, or a change made offline that someone else beat) is listed
 * once, with its details on demand, until the user closes it.
 */
import { Link, MessageBar, MessageBarType, Stack, Text } from '@fluentui/react';
import { useEffect, useState } from 'react';
import type { FirmData, NotTakenItem, ReplicationStatus } from '../../sync/replication/open-firm-data';
import { formatInstant } from './locale-format';

export type FirmStatusSource = { open(realmId: string): Promise<Pick<FirmData, 'replication'>> };

function formatTime(iso: string | undefined): string {
  return (iso && formatInstant(iso, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' })) || 'the last time it was reached';
}

export function offlineText(status: Pick<ReplicationStatus, 'lastSyncedAt' | 'pendingWrites'>): string {
  const waiting =
    status.pendingWrites > 0 ? ` ${status.pendingWrites} ${status.pendingWrites === 1 ? 'change is' : 'changes are'} waiting to be sent.` : '';
  return `QBO Sync service unreachable — showing the firm's data as of ${formatTime(status.lastSyncedAt)}. Changes you make are kept and sent when it is back.${waiting}`;
}

const keyOf = (item: NotTakenItem): string => `${item.source}|${item.collection}|${item.id}|${item.message}`;

function notTakenHeadline(items: readonly NotTakenItem[]): string {
  const upgrade = items.filter((i) => i.source === 'upgrade').length;
  const offline = items.length - upgrade;
  const parts: string[] = [];
  if (upgrade > 0) parts.push(`${upgrade} ${upgrade === 1 ? 'record' : 'records'} this browser kept from before were not taken, because the firm already holds other values (the firm's values are kept)`);
  if (offline > 0) parts.push(`${offline} ${offline === 1 ? 'change' : 'changes'} made while the service was unreachable ${offline === 1 ? 'was' : 'were'} refused, because someone else changed the same record first`);
  return `${parts.join('; ')}.`;
}

export function FirmStatusView({ status }: { status: ReplicationStatus }) {
  // Items the user has closed stay closed; new ones open the bar again.
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const [expanded, setExpanded] = useState(false);
  const fresh = status.notTaken.filter((i) => !dismissed.has(keyOf(i)));
  return (
    <Stack tokens={{ childrenGap: 8 }}>
      {status.mode === 'offline' && (
        <MessageBar messageBarType={MessageBarType.warning} isMultiline>
          {offlineText(status)}
        </MessageBar>
      )}
      {status.mode !== 'offline' && status.pendingWrites > 0 && (
        <Text variant="small">
          Sending {status.pendingWrites} {status.pendingWrites === 1 ? 'change' : 'changes'} made while the QBO Sync service was unreachable…
        </Text>
      )}
      {fresh.length > 0 && (
        <MessageBar
          messageBarType={MessageBarType.warning}
          isMultiline
          onDismiss={() => {
            setDismissed((d) => new Set([...d, ...fresh.map(keyOf)]));
            setExpanded(false);
          }}
          dismissButtonAriaLabel="Close the list of changes not taken"
        >
          <Stack tokens={{ childrenGap: 4 }}>
            <span>
              {notTakenHeadline(fresh)}{' '}
              <Link onClick={() => setExpanded((e) => !e)} aria-expanded={expanded}>
                {expanded ? 'Hide details' : 'Show details'}
              </Link>
            </span>
            {expanded && (
              <ul aria-label="Changes not taken" style={{ margin: 0, paddingLeft: 18 }}>
                {fresh.map((item) => (
                  <li key={keyOf(item)}>{item.message}</li>
                ))}
              </ul>
            )}
          </Stack>
        </MessageBar>
      )}
    </Stack>
  );
}

/** The banner for one company: follows its replication's status events. */
export function FirmStatusBanner({ realmId, source }: { realmId: string; source: FirmStatusSource }) {
  const [status, setStatus] = useState<ReplicationStatus | undefined>(undefined);
  useEffect(() => {
    let live = true;
    let off: (() => void) | undefined;
    setStatus(undefined);
    source.open(realmId).then(
      ({ replication }) => {
        if (!live) return;
        setStatus(replication.status());
        off = replication.subscribe(() => {
          if (live) setStatus(replication.status());
        });
      },
      () => undefined, // the views that read the data report a failure to open it
    );
    return () => {
      live = false;
      off?.();
    };
  }, [realmId, source]);
  return status ? <FirmStatusView status={status} /> : null;
}
