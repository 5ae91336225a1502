/**
 * The QBO accounts chosen on Account Defaults, by what they are for: the settings key them by
 * OfficeTools account id, while an export asks "which income account do work codes use".
 */
import type { AccountPurpose, OfficeToolsAccount } from '../host/protocol';
import type { SettingsRecord } from '../store/schema';
import type { ExportContext } from './match-spec';

export function exportContextFrom(
  settings: Pick<SettingsRecord, 'accountDefaults' | 'depositAccountId'>,
  accounts: readonly OfficeToolsAccount[],
): ExportContext {
  const qboAccountByPurpose: Partial<Record<AccountPurpose, string>> = {};
  for (const a of accounts) {
    const chosen = a.purpose === 'paymentDeposit' ? settings.depositAccountId : settings.accountDefaults[a.id];
    // The first account of a purpose wins: OfficeTools has one per purpose, and a second would be a data error.
    if (chosen && qboAccountByPurpose[a.purpose] === undefined) qboAccountByPurpose[a.purpose] = chosen;
  }
  return { qboAccountByPurpose };
}
