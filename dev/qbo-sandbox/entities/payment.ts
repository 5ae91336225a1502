/**
 * Payment (QBO-FACTS §3 Payment): lines link invoices and lower their Balance; omitted
 * DepositToAccountRef means Undeposited Funds; UnappliedAmt = TotalAmt − applied. Over-
 * application is refused (QuickBooks' error UNCONFIRMED; 6000 used).
 */
import { faults } from '../faults';
import { isJsonObject, type JsonObject } from '../http-io';
import { fromCents } from '../money';
import type { EntityName } from '../store/company-state';
import type { EntitySpec, WriteContext } from './entity-spec';
import { knownKeys, optionalCents, optionalString, reference, refOut } from './rules';
import { bumpMeta, txnBasics, txnCustomer, txnTarget } from './txn-common';

const LINE_KEYS = new Set(['Amount', 'LinkedTxn', 'LineEx', 'Id', 'LineNum', 'Description']);

function applied(payment: JsonObject | undefined): Map<string, number> {
  const out = new Map<string, number>();
  if (!payment || !Array.isArray(payment.Line)) return out;
  for (const line of payment.Line) {
    if (!isJsonObject(line) || !Array.isArray(line.LinkedTxn)) continue;
    for (const link of line.LinkedTxn) {
      // A voided payment keeps its lines at 0: it no longer applies to anything.
      if (isJsonObject(link) && link.TxnType === 'Invoice' && typeof link.TxnId === 'string' && Number(line.Amount) !== 0) {
        out.set(link.TxnId, (out.get(link.TxnId) ?? 0) + Math.round(Number(line.Amount) * 100));
      }
    }
  }
  return out;
}

function undepositedFunds(ctx: WriteContext): JsonObject {
  for (const account of ctx.state.tables.Account.values()) if (account.AccountSubType === 'UndepositedFunds' && account.Active !== false) return account;
  throw faults.businessValidation('This company has no Undeposited Funds account; pass DepositToAccountRef.', 'DepositToAccountRef');
}

export const paymentSpec: EntitySpec = {
  name: 'Payment',
  resource: 'payment',
  kind: 'txn',
  writable: new Set([
    'CustomerRef', 'TotalAmt', 'TxnDate', 'Line', 'DepositToAccountRef', 'PaymentMethodRef', 'PaymentRefNum', 'PrivateNote',
    'ARAccountRef', 'CurrencyRef', 'ExchangeRate', 'TxnSource', 'ProcessPayment', 'CreditCardPayment', 'TxnStatus',
  ]),
  readOnly: new Set(['UnappliedAmt', 'HomeTotalAmt']),
  filterable: ['Id', 'TxnDate', 'CustomerRef', 'TotalAmt', 'UnappliedAmt', 'PaymentRefNum', 'PrivateNote', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
  finish(draft, { ctx }) {
    const customer = txnCustomer(draft, ctx);
    txnBasics(draft, ctx, customer);
    const total = optionalCents(draft, 'TotalAmt');
    if (total === undefined) throw faults.required('TotalAmt');
    if (total < 0) throw faults.businessValidation('TotalAmt cannot be negative.', 'TotalAmt');
    const inputLines = draft.Line ?? [];
    if (!Array.isArray(inputLines)) throw faults.invalidValue('Line', 'must be an array of lines');
    let appliedCents = 0;
    draft.Line = inputLines.map((raw, i) => {
      const el = `Line[${i}]`;
      if (!isJsonObject(raw)) throw faults.invalidValue(el, 'must be an object');
      knownKeys(raw, LINE_KEYS, 'Line');
      const amount = optionalCents(raw, 'Amount', `${el}.Amount`);
      if (amount === undefined) throw faults.required('Line.Amount');
      if (amount <= 0) throw faults.businessValidation('A payment line amount must be positive.', `${el}.Amount`);
      if (!Array.isArray(raw.LinkedTxn) || raw.LinkedTxn.length !== 1 || !isJsonObject(raw.LinkedTxn[0])) throw faults.required('Line.LinkedTxn');
      const link = raw.LinkedTxn[0];
      knownKeys(link, new Set(['TxnId', 'TxnType', 'TxnLineId']), 'LinkedTxn');
      if (link.TxnType !== 'Invoice') throw faults.businessValidation(`Applying a payment to a ${String(link.TxnType)} is not available in this sandbox; link Invoices.`, `${el}.LinkedTxn.TxnType`);
      const invoice = txnTarget(ctx, 'Invoice', link.TxnId, 'Line.LinkedTxn.TxnId');
      const invoiceCustomer = (invoice.CustomerRef as JsonObject).value;
      if (invoiceCustomer !== (draft.CustomerRef as JsonObject).value) {
        throw faults.businessValidation(`Invoice ${String(invoice.Id)} belongs to another customer.`, `${el}.LinkedTxn.TxnId`);
      }
      appliedCents += amount;
      return { Amount: fromCents(amount), LinkedTxn: [{ TxnId: String(invoice.Id), TxnType: 'Invoice' }] };
    });
    if (appliedCents > total) throw faults.businessValidation('The amounts applied to invoices exceed the payment total.', 'Line');
    draft.TotalAmt = fromCents(total);
    draft.UnappliedAmt = fromCents(total - appliedCents);
    optionalString(draft, 'PaymentRefNum', 21);
    const deposit = draft.DepositToAccountRef
      ? reference(ctx.state, draft.DepositToAccountRef, { entity: 'Account', element: 'DepositToAccountRef', activeOnly: true })!
      : undepositedFunds(ctx);
    if (deposit.AccountType !== 'Bank' && deposit.AccountType !== 'Other Current Asset') {
      throw faults.businessValidation('DepositToAccountRef must be a Bank or Other Current Asset account.', 'DepositToAccountRef');
    }
    draft.DepositToAccountRef = refOut(deposit, 'Name');
    if (draft.PaymentMethodRef) draft.PaymentMethodRef = refOut(reference(ctx.state, draft.PaymentMethodRef, { entity: 'PaymentMethod', element: 'PaymentMethodRef', activeOnly: true })!, 'Name');
    if (draft.ARAccountRef) {
      const ar = reference(ctx.state, draft.ARAccountRef, { entity: 'Account', element: 'ARAccountRef', activeOnly: true })!;
      if (ar.AccountType !== 'Accounts Receivable') throw faults.businessValidation('ARAccountRef must be an Accounts Receivable account.', 'ARAccountRef');
      draft.ARAccountRef = refOut(ar, 'Name');
    }
    draft.ProcessPayment = false;
    return draft;
  },
  sideEffects(before, after, ctx) {
    const old = applied(before);
    const now = applied(after);
    const ids = new Set([...old.keys(), ...now.keys()]);
    const out: Array<[EntityName, JsonObject]> = [];
    const paymentId = String((after ?? before)?.Id);
    for (const id of [...ids].sort((a, b) => Number(a) - Number(b))) {
      const delta = (now.get(id) ?? 0) - (old.get(id) ?? 0);
      const invoice = ctx.state.tables.Invoice.get(id);
      if (!invoice) continue; // deleted invoices were refused in finish; nothing to restore
      const linkedBefore = old.has(id);
      const linkedAfter = now.has(id);
      if (delta === 0 && linkedBefore === linkedAfter) continue;
      const balance = Math.round(Number(invoice.Balance) * 100) - delta;
      if (balance < 0) throw faults.businessValidation(`The payment applies more than invoice ${id}'s open balance.`, 'Line.Amount');
      let links = Array.isArray(invoice.LinkedTxn) ? invoice.LinkedTxn.filter((l) => !(isJsonObject(l) && l.TxnType === 'Payment' && l.TxnId === paymentId)) : [];
      if (linkedAfter) links = [...links, { TxnId: paymentId, TxnType: 'Payment' }];
      out.push(['Invoice', { ...bumpMeta(invoice, ctx), Balance: fromCents(balance), LinkedTxn: links }]);
    }
    return out;
  },
  voided(existing) {
    const lines = Array.isArray(existing.Line) ? existing.Line.filter(isJsonObject).map((l) => ({ ...l, Amount: 0 })) : [];
    return { ...existing, TotalAmt: 0, UnappliedAmt: 0, Line: lines, PrivateNote: 'Voided' };
  },
};
