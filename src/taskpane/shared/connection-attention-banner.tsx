/**
 * The panel's word when the firm's QuickBooks connection needs someone (issue 14, point 7): the
 * refresh token runs out within 7 days, Intuit stopped accepting the connection (revoked or
 * expired), or the firm reconnected to another company than the one its links and history
 * belong to. Each says what happened and offers Reconnect; a company change also offers to keep
 * the new company. An export cut off by a lapse finishes when it is run again after reconnecting
 * (the billing journal settles what was sent and never sends a document twice), which the
 * message says, so nobody re-enters anything by hand.
 */
import { DefaultButton, MessageBar, MessageBarType, PrimaryButton, Stack } from '@fluentui/react';
import { useEffect, useState } from 'react';
import type { ConnectionAttention, ConnectionStatus } from '../../sync/connection/connection-status';
import { describeError } from './describe-error';
import { formatInstant } from './locale-format';
import type { PanelProxy } from './panel-services';

const DAY_MS = 86_400_000;

function day(iso: string): string {
  return formatInstant(iso, { month: 'short', day: 'numeric', year: 'numeric' }) ?? 'recently';
}

function named(name: string, fallback: string): string {
  return name ? `"${name}"` : fallback;
}

/** The banner's sentence for one attention entry; `current` names the company now connected. */
export function attentionText(a: ConnectionAttention, current: string, now: number): string {
  switch (a.kind) {
    case 'refreshExpiring': {
      const days = Math.max(0, Math.ceil((Date.parse(a.expiresAt) - now) / DAY_MS));
      const when = days <= 1 ? 'within a day' : `in ${days} days`;
      return `QuickBooks Online will end the connection to ${named(current, 'the company')} ${when} (on ${day(a.expiresAt)}). Reconnect now so that exports and contact updates keep working.`;
    }
    case 'lapsed': {
      const company = named(a.companyName, 'the QuickBooks Online company');
      const why =
        a.reason === 'revoked'
          ? `QuickBooks Online stopped accepting the connection to ${company} on ${day(a.at)}: it was disconnected in QuickBooks Online, or the user who connected it lost access.`
          : `The connection to ${company} expired on ${day(a.at)}: QuickBooks Online ends connections that go unused for 100 days.`;
      return `${why} Exports, imports and contact updates wait until someone reconnects. After that, an export that was cut off finishes where it stopped when it is run again, and nothing is sent twice.`;
    }
    case 'companyChanged': {
      const who = a.by?.name ? ` by ${a.by.name}` : '';
      return `OfficeTools was reconnected${who} on ${day(a.at)} to ${named(current, 'another company')}, but the firm's links, settings and history belong to ${named(a.previousCompanyName, 'the company it used before')}. Reconnect to that company, or keep this one if the change is meant (links will then have to be made again for it).`;
    }
  }
}

export interface ConnectionAttentionBannerProps {
  status: ConnectionStatus | undefined;
  onReconnect(): void;
  /** Keeps the company reconnected to. Absent: only Reconnect is offered. */
  onKeepCompany?(): void;
  /** While a reconnect or keep is under way the buttons wait. */
  busy?: boolean;
  /** @defaultvalue Date.now */
  now?: () => number;
}

/** What of `status` the banner shows: nothing for a remembered status (the service unreachable), which may be stale. */
export function shownAttention(status: ConnectionStatus | undefined): ConnectionAttention[] {
  if (!status || (status.connected && status.lastKnown)) return [];
  return status.attention ?? [];
}

export function ConnectionAttentionBanner({ status, onReconnect, onKeepCompany, busy = false, now = Date.now }: ConnectionAttentionBannerProps) {
  const attention = shownAttention(status);
  if (!status || attention.length === 0) return null;
  const current = status.connected ? status.companyName : '';
  return (
    <Stack tokens={{ childrenGap: 8 }} role="region" aria-label="QuickBooks Online connection needs attention">
      {attention.map((a) => (
        <MessageBar
          key={a.kind}
          messageBarType={a.kind === 'lapsed' ? MessageBarType.severeWarning : MessageBarType.warning}
          isMultiline
          actions={
            <Stack horizontal tokens={{ childrenGap: 8 }}>
              <PrimaryButton text="Reconnect" onClick={onReconnect} disabled={busy} />
              {a.kind === 'companyChanged' && onKeepCompany && current && <DefaultButton text={`Keep ${current}`} onClick={onKeepCompany} disabled={busy} />}
            </Stack>
          }
        >
          {attentionText(a, current, now())}
        </MessageBar>
      ))}
    </Stack>
  );
}

/**
 * The banner for windows that do not show the connection themselves (Time & Billing,
 * Reconcile, Sync History): reads the firm's status and follows its changes.
 */
export function ConnectionAttentionWatch({ proxy, onReconnect }: { proxy: PanelProxy; onReconnect(): void }) {
  const [status, setStatus] = useState<ConnectionStatus | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    const read = () =>
      proxy.status().then(
        (s) => live && setStatus(s),
        () => undefined, // the window itself reports a status it cannot read
      );
    void read();
    const off = proxy.onConnectionChange?.(() => void read());
    return () => {
      live = false;
      off?.();
    };
  }, [proxy]);

  async function keep(): Promise<void> {
    if (!proxy.keepCompany) return;
    setBusy(true);
    setError(null);
    try {
      setStatus(await proxy.keepCompany());
    } catch (e) {
      setError(describeError('Could not keep the company', e));
    } finally {
      setBusy(false);
    }
  }

  if (!error && shownAttention(status).length === 0) return null;
  return (
    <Stack tokens={{ childrenGap: 8 }} styles={{ root: { padding: '12px 16px 0' } }}>
      {error && (
        <MessageBar messageBarType={MessageBarType.error} isMultiline onDismiss={() => setError(null)} dismissButtonAriaLabel="Close message">
          {error}
        </MessageBar>
      )}
      <ConnectionAttentionBanner status={status} onReconnect={onReconnect} onKeepCompany={proxy.keepCompany ? () => void keep() : undefined} busy={busy} />
    </Stack>
  );
}
