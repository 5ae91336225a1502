/** What `GET /api/status` answers (docs/proxy-api.md). */
export interface DisconnectedStatus {
  connected: false;
}

export interface ConnectedStatus {
  connected: true;
  /** The QBO company id (a digit string). */
  realmId: string;
  companyName: string;
  /** CompanyInfo.Country: two letters, `US` for a US company, `CA` for a Canadian one. */
  country: string;
  connectedAt: string;
  accessTokenExpiresAt: string;
  refreshTokenExpiresAt: string;
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
  return {
    connected: true,
    realmId,
    companyName,
    country: text('country') ?? '',
    connectedAt: text('connectedAt') ?? '',
    accessTokenExpiresAt: text('accessTokenExpiresAt') ?? '',
    refreshTokenExpiresAt: text('refreshTokenExpiresAt') ?? '',
  };
}
