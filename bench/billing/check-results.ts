/**
 * What the benchmark checks after each measured run, so that a fast number can never come from
 * a run that skipped, duplicated or mis-stated documents: exactly one QBO invoice per
 * OfficeTools invoice with every line to the cent, one QBO payment per OfficeTools payment with
 * its total and applications, every imported payment recorded once in the firm.
 */
import type { Invoice, Payment } from '../../src/sync/host/protocol';
import { qboAmountToCents } from '../../src/sync/mappings/money';
import type { QboRecord } from '../../src/sync/qbo/gateway';
import type { QboClient } from '../../src/sync/qbo/qbo-client';
import { inList } from '../../src/sync/qbo/query-builder';

const cents = (v: unknown) => qboAmountToCents(v as number);

function fail(what: string, problems: string[]): void {
  if (problems.length) throw new Error(`${what}: ${problems.length} problem(s), e.g. ${problems.slice(0, 3).join('; ')}`);
}

/** Every OfficeTools invoice is in QBO exactly once, under its number, with its lines to the cent. */
export async function checkInvoicesInQbo(client: QboClient, invoices: readonly Invoice[], customerOf: (contactId: string) => string | undefined): Promise<void> {
  const numbers = invoices.map((i) => i.number);
  const rows: QboRecord[] = [];
  for (let i = 0; i < numbers.length; i += 100) rows.push(...(await client.queryAll<QboRecord>('Invoice', `DocNumber IN ${inList(numbers.slice(i, i + 100))}`)));
  const problems: string[] = [];
  for (const inv of invoices) {
    const found = rows.filter((r) => r.DocNumber === inv.number);
    if (found.length !== 1) {
      problems.push(`${found.length} QBO invoices numbered ${inv.number}`);
      continue;
    }
    const q = found[0];
    if ((q.CustomerRef as { value?: string } | undefined)?.value !== customerOf(inv.contactId)) problems.push(`invoice ${inv.number} is for another customer`);
    if (cents(q.TotalAmt) !== inv.totalCents) problems.push(`invoice ${inv.number} totals ${cents(q.TotalAmt)} cents, not ${inv.totalCents}`);
    const lines = (q.Line as QboRecord[]).filter((l) => l.DetailType === 'SalesItemLineDetail').map((l) => cents(l.Amount));
    if (lines.join() !== inv.lines.map((l) => l.amountCents).join()) problems.push(`invoice ${inv.number} lines ${lines.join()} ≠ ${inv.lines.map((l) => l.amountCents).join()}`);
  }
  fail('Invoices in QBO after the export', problems);
}

/** Each exported payment exists in QBO once, with its total and its applications to the cent. */
export async function checkPaymentsInQbo(client: QboClient, payments: readonly Payment[], qboIdOf: ReadonlyMap<string, string>, qboInvoiceOf: ReadonlyMap<string, string>): Promise<void> {
  const ids = payments.map((p) => qboIdOf.get(p.id)).filter((id): id is string => id !== undefined);
  const problems: string[] = [];
  if (new Set(ids).size !== payments.length) problems.push(`${payments.length} payments but ${new Set(ids).size} distinct QBO payments`);
  const rows = new Map<string, QboRecord>();
  for (let i = 0; i < ids.length; i += 100) for (const r of await client.queryAll<QboRecord>('Payment', `Id IN ${inList(ids.slice(i, i + 100))}`)) rows.set(String(r.Id), r);
  for (const p of payments) {
    const q = rows.get(qboIdOf.get(p.id) ?? '');
    if (!q) {
      problems.push(`payment ${p.id} is not in QBO`);
      continue;
    }
    if (cents(q.TotalAmt) !== p.amountCents) problems.push(`payment ${p.id} is ${cents(q.TotalAmt)} cents in QBO, not ${p.amountCents}`);
    const applied = (q.Line as QboRecord[]).map((l) => `${(l.LinkedTxn as Array<{ TxnId: string }>)[0].TxnId}=${cents(l.Amount)}`).join();
    const expected = p.applications.map((a) => `${qboInvoiceOf.get(a.invoiceId)}=${a.amountCents}`).join();
    if (applied !== expected) problems.push(`payment ${p.id} applies ${applied} in QBO, not ${expected}`);
  }
  fail('Payments in QBO after the export', problems);
}

/** Each QBO payment was recorded once in the firm, applied in full to the invoice it pays. */
export function checkImportedPayments(firmPayments: readonly Payment[], realmId: string, expected: ReadonlyMap<string, { invoiceId: string; amountCents: number }>): void {
  const problems: string[] = [];
  const byQboId = new Map<string, Payment[]>();
  for (const p of firmPayments) {
    if (p.origin.system !== 'qbo' || p.origin.realmId !== realmId) continue;
    byQboId.set(p.origin.qboId, [...(byQboId.get(p.origin.qboId) ?? []), p]);
  }
  for (const [qboId, want] of expected) {
    const got = byQboId.get(qboId) ?? [];
    if (got.length !== 1) {
      problems.push(`QBO payment ${qboId} is in the firm ${got.length} times`);
      continue;
    }
    const p = got[0];
    if (p.amountCents !== want.amountCents || p.applications.length !== 1 || p.applications[0].invoiceId !== want.invoiceId || p.applications[0].amountCents !== want.amountCents) {
      problems.push(`QBO payment ${qboId} was recorded as ${JSON.stringify({ amount: p.amountCents, applications: p.applications })}`);
    }
  }
  fail('Payments in the firm after the import', problems);
}
