/** Pieces shared by transactions (Invoice, Payment): customer, dates, currency, note. */
import { faults } from '../faults';
import type { JsonObject } from '../http-io';
import { pacificDate } from '../pacific-time';
import type { EntityName } from '../store/company-state';
import type { WriteContext } from './entity-spec';
import { homeCurrencyRef } from './company-settings';
import { optionalDate, optionalString, reference, refOut } from './rules';

export function txnCustomer(draft: JsonObject, ctx: WriteContext): JsonObject {
  if (draft.CustomerRef === undefined || draft.CustomerRef === null) throw faults.required('CustomerRef');
  const customer = reference(ctx.state, draft.CustomerRef, { entity: 'Customer', element: 'CustomerRef', activeOnly: true })!;
  draft.CustomerRef = refOut(customer);
  return customer;
}

export function txnBasics(draft: JsonObject, ctx: WriteContext, customer: JsonObject): void {
  draft.TxnDate = optionalDate(draft, 'TxnDate') ?? pacificDate(ctx.now);
  optionalString(draft, 'PrivateNote', 4000);
  const home = homeCurrencyRef(ctx.state);
  const currency = draft.CurrencyRef;
  const customerCurrency = customer.CurrencyRef as JsonObject | undefined;
  if (currency && (typeof currency !== 'object' || Array.isArray(currency) || currency.value !== (customerCurrency?.value ?? home.value))) {
    throw faults.businessValidation("The transaction currency must be the customer's currency.", 'CurrencyRef');
  }
  draft.CurrencyRef = customerCurrency ?? home;
}

/** A transaction that may have been deleted answers 610 "deleted", an unknown one 2500. */
export function txnTarget(ctx: WriteContext, entity: EntityName, id: unknown, element: string): JsonObject {
  if (typeof id !== 'string' || !/^\d+$/.test(id)) throw faults.invalidReference(element);
  const found = ctx.state.tables[entity].get(id);
  if (found) return found;
  if (ctx.state.tombstones.some((t) => t.entity === entity && t.Id === id)) throw faults.deleted();
  throw faults.invalidReference(element);
}

export function bumpMeta(obj: JsonObject, ctx: WriteContext): JsonObject {
  const meta = (obj.MetaData ?? {}) as JsonObject;
  return { ...obj, SyncToken: String(Number(obj.SyncToken ?? 0) + 1), MetaData: { ...meta, LastUpdatedTime: ctx.nowText } };
}
