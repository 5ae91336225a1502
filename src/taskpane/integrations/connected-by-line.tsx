/**
 * "Connected by Dana Whitfield on 2 December 2026 (Intuit account dana@example.com)": the
 * connection is the firm's, so every staff member sees who made it and when.
 */
import { Text } from '@fluentui/react';
import type { ConnectedStatus } from '../../sync/connection/connection-status';
import { formatInstant } from '../shared/locale-format';

function formatDate(iso: string): string | undefined {
  return iso ? formatInstant(iso, { year: 'numeric', month: 'long', day: 'numeric' }) : undefined;
}

export function connectedByText(status: Pick<ConnectedStatus, 'connectedBy' | 'connectedAt' | 'intuitEmail' | 'lastKnown'>): string | undefined {
  const who = status.connectedBy?.name;
  const when = formatDate(status.connectedAt);
  const stale = status.lastKnown ? ' The QBO Sync service cannot be reached now: this is the connection it last reported.' : '';
  if (!who && !when) return stale.trim() || undefined;
  const parts = ['Connected'];
  if (who) parts.push(`by ${who}`);
  if (when) parts.push(`on ${when}`);
  const email = status.intuitEmail ? ` (Intuit account ${status.intuitEmail})` : '';
  return `${parts.join(' ')}${email}.${stale}`;
}

export function ConnectedByLine({ status }: { status: ConnectedStatus }) {
  const text = connectedByText(status);
  if (!text) return null;
  return (
    <Text variant="small" data-testid="connected-by">
      {text}
    </Text>
  );
}
