/**
 * Export Payments, the pure half. The seed's rules: the contact must be linked to a QBO
 * customer and every invoice the payment is applied to must have been exported. Payments that
 * came from QBO are never offered. What is not applied to an invoice stays unapplied in QBO
 * too (TotalAmt above the sum of the lines); DepositToAccountRef is sent only when Account
 * Defaults names a deposit account, so that QBO otherwise puts the money in Undeposited Funds.
 */
import { centsToQboAmount } from '../mappings/money';
import type {
  BillingPlan,
  BlockReason,
  BlockedDocument,
  Payment,
  PaymentExportInput,
  PlannedDocument,
  QboPaymentLinePayload,
  QboPaymentPayload,
} from './billing-types';
import { describeApplications, invoiceName, type AppliedInvoice } from './describe-applications';
import { paymentMarker } from './document-markers';
import { dateProblem, qboText, shownName } from './safe-text';
import { customerReasons } from './target-reasons';
import { displayFormat } from '../format/display-locale';
import type { LocaleFormat } from '../format/locale-format';

export type { PaymentExportInput, QboPaymentPayload } from './billing-types';

/** QBO limits: PaymentRefNum ≤21, PrivateNote ≤4000. */
const MAX_REF = 21;
const MAX_NOTE = 4000;

/** "Payment of $1,234.50 on 03/03/2026 — Acme", amount and date in `format` (the user's locale). */
export function paymentLabel(payment: Payment, contactName?: string, format: LocaleFormat = displayFormat()): string {
  const name = contactName ? shownName(contactName) : '';
  const amount = Number.isSafeInteger(payment.amountCents) ? format.money(payment.amountCents) : 'an amount that is not whole cents';
  return `Payment of ${amount} on ${format.plainDate(shownName(String(payment.date)))}${name ? ` — ${name}` : ''}`;
}

function findMethodId(map: PaymentExportInput['paymentMethodIdByName'], name: string | undefined): string | undefined {
  if (!name) return undefined;
  const direct = map.get(name);
  if (direct) return direct;
  const wanted = name.trim().toLowerCase();
  for (const [k, v] of map) if (k.trim().toLowerCase() === wanted) return v;
  return undefined;
}

export function planPaymentExport(input: PaymentExportInput): BillingPlan<QboPaymentPayload> {
  const format = input.format ?? displayFormat();
  const money = format.money;
  const ready: PlannedDocument<QboPaymentPayload>[] = [];
  const blocked: BlockedDocument[] = [];
  const facts = input.qbo;
  // QBO invoice balances as this plan uses them up, so two payments never over-apply one invoice.
  const qboBalance = new Map<string, number>();
  for (const [id, inv] of facts?.invoices ?? []) qboBalance.set(id, inv.balanceCents);
  for (const payment of input.payments) {
    const contactName = input.contactsById?.get(payment.contactId)?.displayName;
    const label = paymentLabel(payment, contactName, format);
    if (payment.origin?.system === 'qbo') {
      blocked.push({ sourceId: payment.id, label, reasons: [{ code: 'from_other_side', message: 'It was imported from QuickBooks Online, so it is not exported back.' }] });
      continue;
    }
    if (input.done.has(payment.id)) {
      blocked.push({ sourceId: payment.id, label, reasons: [{ code: 'already_done', message: 'Already exported to QuickBooks Online.' }] });
      continue;
    }
    const reasons: BlockReason[] = [];
    const customerId = input.links.contact.get(payment.contactId);
    if (!customerId) {
      reasons.push({
        code: 'contact_not_linked',
        message: `${(contactName && shownName(contactName)) || 'The contact'} is not linked to a QuickBooks Online customer. Link the contact on the Contact Match tab, then export again.`,
        fix: { label: 'Open Contact Match', view: 'contactMatch', focusId: payment.contactId },
      });
    } else {
      reasons.push(...customerReasons(contactName, payment.contactId, customerId, facts));
    }
    const lines: QboPaymentLinePayload[] = [];
    const named: AppliedInvoice[] = [];
    const uses = new Map<string, number>();
    let applied = 0;
    for (const a of Array.isArray(payment.applications) ? payment.applications : []) {
      const number = input.invoiceNumbers?.get(a.invoiceId);
      const qboInvoiceId = input.qboInvoiceIdByOtInvoiceId.get(a.invoiceId);
      const qboInvoice = qboInvoiceId ? facts?.invoices.get(qboInvoiceId) : undefined;
      const name = invoiceName({ otNumber: number ?? a.invoiceId, ...(qboInvoice?.docNumber ? { qboNumber: qboInvoice.docNumber } : {}) });
      if (!qboInvoiceId) {
        reasons.push({
          code: 'invoice_not_exported',
          message: `It pays ${name}, which has not been exported to QuickBooks Online. Export that invoice first.`,
          fix: { label: 'Open Export Invoices', view: 'exportInvoices', focusId: a.invoiceId },
        });
        continue;
      }
      if (!Number.isSafeInteger(a.amountCents) || a.amountCents < 0) {
        reasons.push({ code: 'invalid', message: `The amount applied to ${name} is not a positive whole number of cents. Correct the payment in OfficeTools.` });
        continue;
      }
      if (facts && a.amountCents > 0) {
        if (!qboInvoice) {
          reasons.push({ code: 'invoice_balance', message: `It pays ${name}, which no longer exists in QuickBooks Online (deleted or voided there). Apply the payment to another invoice in OfficeTools, or leave it unapplied.` });
          continue;
        }
        // What it still owes after earlier payments of this plan and earlier lines of this one.
        const open = (qboBalance.get(qboInvoiceId) ?? 0) - (uses.get(qboInvoiceId) ?? 0);
        if (a.amountCents > open) {
          reasons.push({
            code: 'invoice_balance',
            message: `It applies ${money(a.amountCents)} to ${name}, which owes only ${money(open)} in QuickBooks Online${open < qboInvoice.balanceCents ? ' after the other payments being exported' : ''}; QuickBooks Online refuses paying more than an invoice owes. Check for a payment entered in QuickBooks Online already, or correct the payment in OfficeTools.`,
          });
          continue;
        }
        uses.set(qboInvoiceId, (uses.get(qboInvoiceId) ?? 0) + a.amountCents);
      }
      applied += a.amountCents;
      named.push({ otNumber: number ?? a.invoiceId, ...(qboInvoice?.docNumber ? { qboNumber: qboInvoice.docNumber } : {}), amountCents: a.amountCents });
      // A zero application links nothing; QBO refuses zero-amount payment lines.
      if (a.amountCents > 0) lines.push({ Amount: centsToQboAmount(a.amountCents), LinkedTxn: [{ TxnId: qboInvoiceId, TxnType: 'Invoice' }] });
    }
    if (!Number.isSafeInteger(payment.amountCents) || payment.amountCents <= 0) {
      reasons.push({ code: 'invalid', message: 'A payment must be more than $0.00 in whole cents. Correct it in OfficeTools.' });
    } else if (applied > payment.amountCents) {
      reasons.push({ code: 'amounts_do_not_add_up', message: `It applies ${money(applied)} to invoices, more than the payment itself. Correct the applications in OfficeTools.` });
    }
    if (payment.reference && (payment.reference.length > MAX_REF || /[\t\r\n]/.test(payment.reference))) {
      reasons.push({ code: 'invalid', message: `The reference "${shownName(payment.reference)}" is longer than the ${MAX_REF} characters on one line that QuickBooks Online keeps. Shorten it in OfficeTools.` });
    }
    const dateWhy = dateProblem(payment.date);
    if (dateWhy) reasons.push({ code: 'invalid', message: `The payment date "${shownName(String(payment.date))}" ${dateWhy}. Correct it in OfficeTools.` });
    if (facts) {
      if (input.depositAccountId) {
        const account = facts.depositAccount;
        const fix = { label: 'Open Account Defaults', view: 'accountDefaults' as const };
        if (!account) reasons.push({ code: 'account_missing', message: 'The deposit account chosen in Account Defaults no longer exists in QuickBooks Online. Choose another one there.', fix });
        else if (!account.active) reasons.push({ code: 'account_missing', message: `The deposit account "${shownName(account.name)}" chosen in Account Defaults is inactive in QuickBooks Online. Make it active there, or choose another one.`, fix });
        else if (account.type && account.type !== 'Bank' && account.type !== 'Other Current Asset') {
          reasons.push({ code: 'account_missing', message: `The deposit account "${shownName(account.name)}" is a ${account.type} account; QuickBooks Online deposits payments only to Bank or Other Current Asset accounts. Choose another one in Account Defaults.`, fix });
        }
      } else if (!facts.hasUndepositedFunds) {
        reasons.push({
          code: 'account_missing',
          message: 'QuickBooks Online has no Undeposited Funds account, where payments go when Account Defaults names no deposit account. Choose a deposit account in Account Defaults.',
          fix: { label: 'Open Account Defaults', view: 'accountDefaults' },
        });
      }
    }
    if (reasons.length > 0 || !customerId) {
      blocked.push({ sourceId: payment.id, label, reasons });
      continue;
    }
    for (const [id, cents] of uses) qboBalance.set(id, (qboBalance.get(id) ?? 0) - cents);
    const marker = paymentMarker(payment.id);
    const payload: QboPaymentPayload = {
      CustomerRef: { value: customerId },
      TotalAmt: centsToQboAmount(payment.amountCents),
      TxnDate: payment.date,
      Line: lines,
      // The marker comes first so that no truncation of the memo can cut it.
      PrivateNote: payment.memo ? qboText(`${marker}\n${payment.memo}`, MAX_NOTE) : marker,
    };
    if (payment.reference) payload.PaymentRefNum = payment.reference;
    const methodId = findMethodId(input.paymentMethodIdByName, payment.method);
    if (methodId) payload.PaymentMethodRef = { value: methodId };
    if (input.depositAccountId) payload.DepositToAccountRef = { value: input.depositAccountId };
    ready.push({ sourceId: payment.id, label, amountCents: payment.amountCents, payload, fingerprint: marker, detail: describeApplications(payment.amountCents, named, undefined, format) });
  }
  return { ready, blocked };
}
