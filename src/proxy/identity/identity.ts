/** Who is calling: the host-signed identity token's claims the proxy acts on (docs/firm-contract.md §1). */
export interface Identity {
  firmId: string;
  firmName: string;
  userId: string;
  name: string;
  role: 'admin' | 'staff';
  /** The token's `exp`, epoch ms: the event stream ends then. */
  expiresAt: number;
}

export const FIRM_ID = /^[A-Za-z0-9_-]{1,64}$/;
