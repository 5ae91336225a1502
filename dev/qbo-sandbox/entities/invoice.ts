/**
 * Invoice (QBO-FACTS §3 Invoice): lines with computed TotalAmt, Balance less applied
 * payments, DocNumber rules, the SubTotalLine added to answers, void and delete.
 */
import { faults } from '../faults';
import { isJsonObject, type Json, type JsonObject } from '../http-io';
import { fromCents, productCents, toScaled } from '../money';
import type { EntitySpec, WriteContext } from './entity-spec';
import { companyCountry, customTxnNumbers } from './company-settings';
import { emailAddr, knownKeys, optionalBoolean, optionalCents, optionalDate, optionalEnum, optionalNumber, optionalObject, optionalString, reference, refOut, address } from './rules';
import { txnBasics, txnCustomer } from './txn-common';

const LINE_KEYS = new Set(['Id', 'LineNum', 'Description', 'Amount', 'DetailType', 'SalesItemLineDetail', 'DiscountLineDetail', 'DescriptionLineDetail', 'SubTotalLineDetail', 'GroupLineDetail', 'LinkedTxn', 'CustomField']);
const SALES_KEYS = new Set(['ItemRef', 'Qty', 'UnitPrice', 'TaxCodeRef', 'ClassRef', 'ServiceDate', 'DiscountRate', 'DiscountAmt', 'ItemAccountRef', 'TaxInclusiveAmt', 'MarkupInfo']);
const DISCOUNT_KEYS = new Set(['PercentBased', 'DiscountPercent', 'DiscountAccountRef', 'TaxCodeRef', 'ClassRef']);
const DETAIL_TYPES = ['SalesItemLineDetail', 'GroupLineDetail', 'DescriptionOnly', 'DiscountLineDetail', 'SubTotalLineDetail'] as const;

function cents(v: Json | undefined): number {
  return typeof v === 'number' ? Math.round(v * 100) : 0;
}

interface BuiltLines {
  lines: JsonObject[];
  totalCents: number;
}

function buildLines(draft: JsonObject, ctx: WriteContext, previous: JsonObject | undefined): BuiltLines {
  const input = draft.Line;
  if (input === undefined || input === null) throw faults.required('Line');
  if (!Array.isArray(input)) throw faults.invalidValue('Line', 'must be an array of lines');
  const country = companyCountry(ctx.state);
  const previousIds = new Set(Array.isArray(previous?.Line) ? previous.Line.filter(isJsonObject).map((l) => String(l.Id)) : []);
  let nextLineId = Math.max(0, ...[...previousIds].map(Number).filter(Number.isFinite)) + 1;
  const items: JsonObject[] = [];
  const discounts: JsonObject[] = [];
  let subtotal = 0;
  input.forEach((raw, i) => {
    const el = `Line[${i}]`;
    if (!isJsonObject(raw)) throw faults.invalidValue(el, 'must be an object');
    knownKeys(raw, LINE_KEYS, 'Line');
    const detailType = optionalEnum(raw, 'DetailType', DETAIL_TYPES, `${el}.DetailType`);
    if (!detailType) throw faults.required('Line.DetailType');
    if (detailType === 'SubTotalLineDetail') return; // computed by the server
    if (detailType === 'GroupLineDetail') throw faults.businessValidation('Group (bundle) lines are not available in this sandbox.', `${el}.GroupLineDetail`);
    const description = optionalString(raw, 'Description', 4000, `${el}.Description`);
    const line: JsonObject = {};
    const givenId = typeof raw.Id === 'string' ? raw.Id : typeof raw.Id === 'number' ? String(raw.Id) : undefined;
    // An Id naming an existing line keeps it; anything else is a new line (QBO-FACTS §1 Lines).
    line.Id = givenId && previousIds.has(givenId) ? givenId : String(nextLineId++);
    if (description !== undefined) line.Description = description;
    if (detailType === 'SalesItemLineDetail') {
      const detail = optionalObject(raw, 'SalesItemLineDetail', `${el}.SalesItemLineDetail`) ?? {};
      knownKeys(detail, SALES_KEYS, 'SalesItemLineDetail');
      const amount = optionalCents(raw, 'Amount', `${el}.Amount`);
      if (amount === undefined) throw faults.required('Line.Amount');
      const out: JsonObject = {};
      if (detail.ItemRef !== undefined && detail.ItemRef !== null) {
        out.ItemRef = refOut(reference(ctx.state, detail.ItemRef, { entity: 'Item', element: 'Line.SalesItemLineDetail.ItemRef', activeOnly: true })!, 'Name');
      }
      const qty = optionalNumber(detail, 'Qty', `${el}.SalesItemLineDetail.Qty`);
      const unitPrice = optionalNumber(detail, 'UnitPrice', `${el}.SalesItemLineDetail.UnitPrice`);
      if (qty !== undefined && toScaled(qty, 7) === undefined) throw faults.businessValidation('Qty allows at most 7 decimals.', `${el}.SalesItemLineDetail.Qty`);
      if (unitPrice !== undefined && toScaled(unitPrice, 7) === undefined) throw faults.businessValidation('UnitPrice allows at most 7 decimals.', `${el}.SalesItemLineDetail.UnitPrice`);
      if (qty !== undefined && unitPrice !== undefined && productCents(qty, unitPrice) !== amount) {
        throw faults.amountMismatch(`${el}.Amount`);
      }
      if (qty !== undefined) out.Qty = qty;
      if (unitPrice !== undefined) out.UnitPrice = unitPrice;
      const serviceDate = optionalDate(detail, 'ServiceDate', `${el}.SalesItemLineDetail.ServiceDate`);
      if (serviceDate) out.ServiceDate = serviceDate;
      if (detail.TaxCodeRef !== undefined && detail.TaxCodeRef !== null) {
        out.TaxCodeRef = { value: String(reference(ctx.state, detail.TaxCodeRef, { entity: 'TaxCode', element: 'Line.SalesItemLineDetail.TaxCodeRef' })!.Id) };
      } else if (country !== 'US') {
        // Non-US companies need a tax code on every sales line (QBO-FACTS §8).
        throw faults.businessValidation('Make sure all your transactions have a GST/HST rate before you save.', `${el}.SalesItemLineDetail.TaxCodeRef`);
      }
      if (detail.ClassRef) out.ClassRef = detail.ClassRef;
      line.Amount = fromCents(amount);
      line.DetailType = 'SalesItemLineDetail';
      line.SalesItemLineDetail = out;
      subtotal += amount;
      items.push(line);
    } else if (detailType === 'DescriptionOnly') {
      const amount = optionalCents(raw, 'Amount', `${el}.Amount`) ?? 0;
      if (amount !== 0) throw faults.businessValidation('A description-only line cannot carry an amount.', `${el}.Amount`);
      line.DetailType = 'DescriptionOnly';
      line.DescriptionLineDetail = {};
      items.push(line);
    } else {
      const detail = optionalObject(raw, 'DiscountLineDetail', `${el}.DiscountLineDetail`) ?? {};
      knownKeys(detail, DISCOUNT_KEYS, 'DiscountLineDetail');
      const percentBased = optionalBoolean(detail, 'PercentBased') ?? false;
      let amount: number;
      const out: JsonObject = { PercentBased: percentBased };
      if (percentBased) {
        const percent = optionalNumber(detail, 'DiscountPercent', `${el}.DiscountLineDetail.DiscountPercent`);
        if (percent === undefined) throw faults.required('Line.DiscountLineDetail.DiscountPercent');
        if (percent < 0 || percent > 100) throw faults.businessValidation('DiscountPercent must be between 0 and 100.', `${el}.DiscountLineDetail.DiscountPercent`);
        out.DiscountPercent = percent;
        amount = -1; // computed once the subtotal is known
      } else {
        const given = optionalCents(raw, 'Amount', `${el}.Amount`);
        if (given === undefined) throw faults.required('Line.Amount');
        if (given < 0) throw faults.businessValidation('A discount amount must not be negative.', `${el}.Amount`);
        amount = given;
      }
      if (detail.DiscountAccountRef) out.DiscountAccountRef = refOut(reference(ctx.state, detail.DiscountAccountRef, { entity: 'Account', element: 'Line.DiscountLineDetail.DiscountAccountRef', activeOnly: true })!, 'Name');
      line.Amount = amount;
      line.DetailType = 'DiscountLineDetail';
      line.DiscountLineDetail = out;
      discounts.push(line);
    }
  });
  if (items.length === 0) throw faults.required('Line');
  let discountTotal = 0;
  for (const d of discounts) {
    const detail = d.DiscountLineDetail as JsonObject;
    const amount = detail.PercentBased ? Math.round((subtotal * Number(detail.DiscountPercent)) / 100) : Number(d.Amount);
    d.Amount = fromCents(amount);
    discountTotal += amount;
  }
  if (discountTotal > subtotal) throw faults.businessValidation('The discount is larger than the invoice subtotal.', 'Line');
  const lines: JsonObject[] = [...items, { Amount: fromCents(subtotal), DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} }, ...discounts];
  lines.forEach((l, n) => {
    if (l.DetailType !== 'SubTotalLineDetail') l.LineNum = n + 1;
  });
  const tax = isJsonObject(draft.TxnTaxDetail) ? (optionalCents(draft.TxnTaxDetail, 'TotalTax', 'TxnTaxDetail.TotalTax') ?? 0) : 0;
  return { lines, totalCents: subtotal - discountTotal + tax };
}

function nextDocNumber(ctx: WriteContext): string {
  let max = 1000;
  for (const key of ctx.state.docNumbers.keys()) if (/^\d{1,15}$/.test(key)) max = Math.max(max, Number(key));
  return String(max + 1);
}

export const invoiceSpec: EntitySpec = {
  name: 'Invoice',
  resource: 'invoice',
  kind: 'txn',
  writable: new Set([
    'CustomerRef', 'Line', 'TxnDate', 'DueDate', 'DocNumber', 'PrivateNote', 'CustomerMemo', 'BillEmail', 'BillEmailCc',
    'BillEmailBcc', 'EmailStatus', 'PrintStatus', 'BillAddr', 'ShipAddr', 'SalesTermRef', 'GlobalTaxCalculation',
    'TxnTaxDetail', 'CustomField', 'CurrencyRef', 'ExchangeRate', 'ClassRef', 'DepartmentRef', 'ApplyTaxAfterDiscount',
    'AllowOnlineCreditCardPayment', 'AllowOnlineACHPayment', 'ShipDate', 'TrackingNum', 'TxnSource',
  ]),
  readOnly: new Set(['TotalAmt', 'Balance', 'HomeBalance', 'HomeTotalAmt', 'LinkedTxn', 'InvoiceLink', 'Deposit', 'AllowIPNPayment', 'AllowOnlinePayment']),
  filterable: ['Id', 'DocNumber', 'TxnDate', 'DueDate', 'CustomerRef', 'TotalAmt', 'Balance', 'PrivateNote', 'EmailStatus', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
  finish(draft, { ctx, previous }) {
    const customer = txnCustomer(draft, ctx);
    txnBasics(draft, ctx, customer);
    const { lines, totalCents } = buildLines(draft, ctx, previous);
    draft.Line = lines;
    draft.DueDate = optionalDate(draft, 'DueDate') ?? draft.TxnDate;
    if (String(draft.DueDate) < String(draft.TxnDate)) throw faults.businessValidation('DueDate cannot be before TxnDate.', 'DueDate');

    let doc = optionalString(draft, 'DocNumber', 21);
    if (doc === '') doc = undefined;
    if (doc === undefined) {
      if (!customTxnNumbers(ctx.state)) draft.DocNumber = previous?.DocNumber ?? nextDocNumber(ctx);
      else delete draft.DocNumber;
    }
    const docNumber = typeof draft.DocNumber === 'string' ? draft.DocNumber : undefined;
    if (docNumber && !ctx.include.has('allowduplicatedocnum')) {
      const holders = ctx.state.docNumbers.get(docNumber.toLowerCase());
      const other = holders && [...holders].find((id) => id !== String(draft.Id));
      if (other) throw faults.duplicateDocNumber(docNumber, other);
    }

    const memo = optionalObject(draft, 'CustomerMemo');
    if (memo) {
      knownKeys(memo, new Set(['value']), 'MemoRef');
      optionalString(memo, 'value', 1000, 'CustomerMemo.value');
    }
    emailAddr(draft, 'BillEmail');
    emailAddr(draft, 'BillEmailCc');
    emailAddr(draft, 'BillEmailBcc');
    const status = optionalEnum(draft, 'EmailStatus', ['NotSet', 'NeedToSend', 'EmailSent']) ?? 'NotSet';
    draft.EmailStatus = status;
    if (status === 'NeedToSend' && !isJsonObject(draft.BillEmail)) throw faults.businessValidation('BillEmail is required when EmailStatus is NeedToSend.', 'BillEmail');
    draft.PrintStatus = optionalEnum(draft, 'PrintStatus', ['NotSet', 'NeedToPrint', 'PrintComplete']) ?? 'NotSet';
    optionalEnum(draft, 'GlobalTaxCalculation', ['TaxExcluded', 'TaxInclusive', 'NotApplicable']);
    for (const f of ['BillAddr', 'ShipAddr']) {
      const a = address(draft, f);
      if (a) draft[f] = a;
    }
    if (Array.isArray(draft.CustomField) && draft.CustomField.length > 3) throw faults.businessValidation('An invoice has at most 3 custom fields.', 'CustomField');
    if (draft.SalesTermRef !== undefined && draft.SalesTermRef !== null) throw faults.invalidReference('SalesTermRef');

    // Payments already applied stay applied: Balance = TotalAmt − paid.
    const paid = previous ? cents(previous.TotalAmt) - cents(previous.Balance) : 0;
    if (totalCents < paid) throw faults.businessValidation('The invoice total cannot be less than the payments already applied to it.', 'Line');
    draft.TotalAmt = fromCents(totalCents);
    draft.Balance = fromCents(totalCents - paid);
    draft.LinkedTxn = previous?.LinkedTxn ?? [];
    if (isJsonObject(draft.TxnTaxDetail)) draft.TxnTaxDetail = { TotalTax: fromCents(optionalCents(draft.TxnTaxDetail, 'TotalTax', 'TxnTaxDetail.TotalTax') ?? 0) };
    return draft;
  },
  voided(existing) {
    if (hasPayments(existing)) throw faults.businessValidation('This invoice has payments applied. Remove them from the payments before voiding the invoice.', 'LinkedTxn');
    const lines = Array.isArray(existing.Line) ? existing.Line.filter(isJsonObject).map((l) => ({ ...l, Amount: 0 })) : [];
    return { ...existing, Line: lines, TotalAmt: 0, Balance: 0, PrivateNote: 'Voided' };
  },
  beforeDelete(existing) {
    if (hasPayments(existing)) throw faults.businessValidation('This invoice has payments applied. Remove them from the payments before deleting the invoice.', 'LinkedTxn');
  },
};

function hasPayments(invoice: JsonObject): boolean {
  return Array.isArray(invoice.LinkedTxn) && invoice.LinkedTxn.some((l) => isJsonObject(l) && l.TxnType === 'Payment');
}
