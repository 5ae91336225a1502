/** Company-wide facts entity rules depend on: country (tax model) and home currency. */
import type { JsonObject } from '../http-io';
import type { CompanyState } from '../store/company-state';

export function companyCountry(state: CompanyState): string {
  const info = state.tables.CompanyInfo.get('1');
  return typeof info?.Country === 'string' ? info.Country : 'US';
}

export function homeCurrencyRef(state: CompanyState): JsonObject {
  const prefs = state.tables.Preferences.get('1');
  const currency = prefs?.CurrencyPrefs;
  if (currency && typeof currency === 'object' && !Array.isArray(currency)) {
    const home = currency.HomeCurrency;
    if (home && typeof home === 'object' && !Array.isArray(home) && typeof home.value === 'string') {
      return { value: home.value, name: home.value === 'CAD' ? 'Canadian Dollar' : home.value === 'USD' ? 'United States Dollar' : home.value };
    }
  }
  return { value: 'USD', name: 'United States Dollar' };
}

export function customTxnNumbers(state: CompanyState): boolean {
  const prefs = state.tables.Preferences.get('1');
  const sales = prefs?.SalesFormsPrefs;
  return !!(sales && typeof sales === 'object' && !Array.isArray(sales) && sales.CustomTxnNumbers === true);
}
