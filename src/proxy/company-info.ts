/**
 * Reads the connected company's name and country right after the code exchange, so that the
 * status the add-in shows ("Company: …") and the Canadian-company check need no extra call.
 */
import { IntuitError } from './intuit-error';

export interface CompanySummary {
  companyName: string;
  /** Two-letter country, e.g. `US`, `CA`; empty when QBO did not say. */
  country: string;
}

export async function readCompanyInfo(apiBase: string, realmId: string, accessToken: string): Promise<CompanySummary> {
  const realm = encodeURIComponent(realmId);
  let res: Response;
  try {
    res = await fetch(`${apiBase}/v3/company/${realm}/companyinfo/${realm}?minorversion=75`, {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
      signal: AbortSignal.timeout(30_000),
    });
  } catch {
    throw new IntuitError('companyinfo', 'network', undefined, "Could not reach QuickBooks Online to read the company's information. Check the network and QBO_API_BASE, then connect again.");
  }
  const tid = res.headers.get('intuit_tid') ?? undefined;
  if (!res.ok) {
    throw new IntuitError('companyinfo', `http_${res.status}`, res.status, `QuickBooks Online refused to return the company's information (HTTP ${res.status}). Connect again.`, tid);
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new IntuitError('companyinfo', 'bad_response', res.status, "QuickBooks Online answered the company's information with something other than JSON. Connect again.", tid);
  }
  const info = (body as { CompanyInfo?: { CompanyName?: unknown; Country?: unknown } } | null)?.CompanyInfo;
  if (!info || typeof info.CompanyName !== 'string') {
    throw new IntuitError('companyinfo', 'bad_response', res.status, "QuickBooks Online's company information has no CompanyName. Connect again.", tid);
  }
  return { companyName: info.CompanyName, country: typeof info.Country === 'string' ? info.Country : '' };
}
