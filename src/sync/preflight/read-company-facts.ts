/**
 * Reads what the pre-flight checks need from QBO through the company's gateway: Preferences,
 * the Undeposited Funds account, and only the Items and Accounts the firm's settings and links
 * name (100 Ids to a query, inactive ones included, so "inactive" and "deleted" can be told
 * apart). A handful of requests whatever the size of the firm.
 */
import type { QboGateway, QboRecord } from '../qbo/gateway';
import { inList } from '../qbo/query-builder';
import type { CompanyFacts, FirmSide, QboTarget } from './preflight-types';

const IDS_PER_QUERY = 100;

type Reader = Pick<QboGateway, 'queryAll'>;

function section(prefs: QboRecord | undefined, name: string): Record<string, unknown> {
  const value = prefs?.[name];
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

function target(r: QboRecord): QboTarget {
  const out: QboTarget = { name: typeof r.Name === 'string' ? r.Name : String(r.Id), active: r.Active !== false };
  if (typeof r.AccountType === 'string') out.type = r.AccountType;
  if (typeof r.Taxable === 'boolean') out.taxable = r.Taxable;
  return out;
}

async function byIds(gateway: Reader, entity: 'Item' | 'Account', ids: Iterable<string>): Promise<Map<string, QboTarget>> {
  const unique = [...new Set(ids)].filter((id) => id !== '');
  const out = new Map<string, QboTarget>();
  for (let i = 0; i < unique.length; i += IDS_PER_QUERY) {
    const rows = await gateway.queryAll<QboRecord>(entity, `Id IN ${inList(unique.slice(i, i + IDS_PER_QUERY))}`, { includeInactive: true });
    for (const r of rows) out.set(String(r.Id), target(r));
  }
  return out;
}

export async function readCompanyFacts(gateway: Reader, companyName: string, firm: FirmSide): Promise<CompanyFacts> {
  const { settings } = firm;
  const itemIds = [...Object.values(settings.lineItemDefaults), ...firm.linkedCodes.map((c) => c.qboId)];
  const accountIds = [...Object.values(settings.accountDefaults), settings.depositAccountId];
  const [[prefs], undeposited, items, accounts] = await Promise.all([
    gateway.queryAll<QboRecord>('Preferences'),
    gateway.queryAll<QboRecord>('Account', "AccountSubType = 'UndepositedFunds'", { includeInactive: true }),
    byIds(gateway, 'Item', itemIds),
    byIds(gateway, 'Account', accountIds),
  ]);
  const currency = section(prefs, 'CurrencyPrefs');
  const home = currency.HomeCurrency as { value?: unknown } | undefined;
  const facts: CompanyFacts = {
    companyName,
    preferences: {
      multiCurrencyEnabled: bool(currency.MultiCurrencyEnabled),
      homeCurrency: typeof home?.value === 'string' ? home.value : undefined,
      customTxnNumbers: bool(section(prefs, 'SalesFormsPrefs').CustomTxnNumbers),
      usingSalesTax: bool(section(prefs, 'TaxPrefs').UsingSalesTax),
    },
    items,
    accounts,
  };
  // An active one wins over inactive leftovers.
  const uf = undeposited.map(target).sort((a, b) => Number(b.active) - Number(a.active))[0];
  if (uf) facts.undepositedFunds = uf;
  return facts;
}
