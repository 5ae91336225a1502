/**
 * Which QuickBooks Online companies this integration can serve. Only US companies: QBO outside
 * the US uses a different sales-tax model (per-line tax codes), and the product promises no
 * support for the Canadian version in particular (seed: "not currently compatible with the
 * Canadian version of QBO").
 */
export type CompanySupport = { ok: true } | { ok: false; reason: string };

function countryName(code: string): string {
  try {
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

export function checkCompanySupported(status: { country?: string; companyName?: string }): CompanySupport {
  // CompanyInfo.Country is two letters; address objects lately use three, so accept both.
  const country = (status.country ?? '').trim().toUpperCase();
  const company = status.companyName ? `"${status.companyName}"` : 'This company';
  if (country === 'US' || country === 'USA') return { ok: true };
  if (country === 'CA' || country === 'CAN') {
    return {
      ok: false,
      reason:
        `This integration does not support the Canadian version of QuickBooks Online, and ${company} is a Canadian company. ` +
        'Connect a QuickBooks Online company set up for the United States instead.',
    };
  }
  if (!country) {
    return {
      ok: false,
      reason:
        `QuickBooks Online did not say which country ${company} is set up for, and this integration supports only US companies. ` +
        'Try connecting again; if this keeps happening, check the company settings in QuickBooks Online.',
    };
  }
  return {
    ok: false,
    reason:
      `This integration supports only the US version of QuickBooks Online, and ${company} is set up for ${countryName(country)}. ` +
      'Connect a QuickBooks Online company set up for the United States instead.',
  };
}
