/** What `GET /api/status` answers for the caller's firm (docs/firm-contract.md §2). */
export interface DisconnectedStatus {
  connected: false;
}

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
  /**
   * Set when the QBO Sync service could not be reached and this is the connection it last
   * reported to this browser: the panel shows the firm's data as of then, marked as such.
   */
  lastKnown?: true;
}

export type ConnectionStatus = DisconnectedStatus | ConnectedStatus;

/** Checks the proxy's answer field by field: a malformed status must not look like a connection. */
export function parseConnectionStatus(body: unknown): ConnectionStatus | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, unknown>;
  if (b.connected === false) return { connected: false };
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
  return status;
}
