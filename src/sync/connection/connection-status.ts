/** What `GET /api/status` answers for the caller's firm (docs/proxy-api.md). */
export interface DisconnectedStatus {
  connected: false;
  /** Why the firm is no longer connected, when Intuit ended it rather than someone here. */
  attention?: ConnectionAttention[];
}

/**
 * What the firm's connection needs a staff member for (issue 14, point 7), as the proxy says:
 * the refresh token runs out within 7 days; Intuit stopped accepting the grant (`revoked`: it
 * answered invalid_grant; `expired`: its life ran out); or the firm reconnected to another
 * company than the one its links and history belong to.
 */
export type ConnectionAttention =
  | { kind: 'refreshExpiring'; expiresAt: string }
  | { kind: 'lapsed'; reason: 'revoked' | 'expired'; realmId: string; companyName: string; at: string }
  | { kind: 'companyChanged'; previousRealmId: string; previousCompanyName: string; at: string; by?: ConnectedBy };

/** The staff member who connected the firm's company (the identity token's `sub` and `name`). */
export interface ConnectedBy {
  id: string;
  name: string;
}

export interface ConnectedStatus {
  connected: true;
  /** The QBO company id (a digit string). */
  realmId: string;
  companyName: string;
  /** CompanyInfo.Country: two letters, `US` for a US company, `CA` for a Canadian one. */
  country: string;
  connectedAt: string;
  /** Absent when an older proxy answered; the view then names nobody. */
  connectedBy?: ConnectedBy;
  /** The Intuit account that signed in, when Intuit's userinfo gave one. */
  intuitEmail?: string;
  accessTokenExpiresAt: string;
  refreshTokenExpiresAt: string;
  /** Absent when nothing needs attention (or an older proxy answered). */
  attention?: ConnectionAttention[];
  /**
   * Set when the QBO Sync service could not be reached and this is the connection it last
   * reported to this browser: the panel shows the firm's data as of then, marked as such.
   */
  lastKnown?: true;
}

export type ConnectionStatus = DisconnectedStatus | ConnectedStatus;

/** Keeps the attention entries this panel understands; anything else (a newer proxy's) is left out. */
function parseAttention(value: unknown): ConnectionAttention[] {
  if (!Array.isArray(value)) return [];
  const out: ConnectionAttention[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const a = item as Record<string, unknown>;
    const text = (k: string): string | undefined => (typeof a[k] === 'string' ? (a[k] as string) : undefined);
    if (a.kind === 'refreshExpiring' && text('expiresAt')) out.push({ kind: 'refreshExpiring', expiresAt: text('expiresAt') as string });
    if (a.kind === 'lapsed' && (a.reason === 'revoked' || a.reason === 'expired') && text('realmId')) {
      out.push({ kind: 'lapsed', reason: a.reason, realmId: text('realmId') as string, companyName: text('companyName') ?? '', at: text('at') ?? '' });
    }
    if (a.kind === 'companyChanged' && text('previousRealmId')) {
      const change: ConnectionAttention = { kind: 'companyChanged', previousRealmId: text('previousRealmId') as string, previousCompanyName: text('previousCompanyName') ?? '', at: text('at') ?? '' };
      const by = a.by as Record<string, unknown> | undefined;
      if (by && typeof by.id === 'string' && typeof by.name === 'string') change.by = { id: by.id, name: by.name };
      out.push(change);
    }
  }
  return out;
}

/** Checks the proxy's answer field by field: a malformed status must not look like a connection. */
export function parseConnectionStatus(body: unknown): ConnectionStatus | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, unknown>;
  if (b.connected === false) {
    const attention = parseAttention(b.attention);
    return attention.length ? { connected: false, attention } : { connected: false };
  }
  if (b.connected !== true) return undefined;
  const text = (k: string): string | undefined => (typeof b[k] === 'string' ? (b[k] as string) : undefined);
  const realmId = text('realmId');
  const companyName = text('companyName');
  if (!realmId || companyName === undefined) return undefined;
  const status: ConnectedStatus = {
    connected: true,
    realmId,
    companyName,
    country: text('country') ?? '',
    connectedAt: text('connectedAt') ?? '',
    accessTokenExpiresAt: text('accessTokenExpiresAt') ?? '',
    refreshTokenExpiresAt: text('refreshTokenExpiresAt') ?? '',
  };
  const by = b.connectedBy;
  if (typeof by === 'object' && by !== null) {
    const { id, name } = by as Record<string, unknown>;
    if (typeof id === 'string' && typeof name === 'string') status.connectedBy = { id, name };
  }
  const email = text('intuitEmail');
  if (email) status.intuitEmail = email;
  const attention = parseAttention(b.attention);
  if (attention.length) status.attention = attention;
  return status;
}
