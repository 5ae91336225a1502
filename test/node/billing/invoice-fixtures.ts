/** OfficeTools invoices for the executor tests, linked to real sandbox customers and items. */
import assert from 'node:assert/strict';
import type { Invoice, InvoiceLine } from '../../../src/sync/host/protocol';
import type { InvoiceExportInput } from '../../../src/sync/billing/billing-types';
import type { QboRecord } from '../../../src/sync/qbo/gateway';
import type { QboClient } from '../../../src/sync/qbo/qbo-client';
import { qboAmountToCents } from '../../../src/sync/mappings/money';
import { noteHasMarker } from '../../../src/sync/billing/document-markers';

export interface SandboxRefs {
  customerIds: string[];
  itemIds: string[];
}

export async function sandboxRefs(gateway: QboClient): Promise<SandboxRefs> {
  const customers = await gateway.queryAll<QboRecord>('Customer');
  const items = await gateway.queryAll<QboRecord>('Item', "Type = 'Service'");
  const customerIds = customers.filter((c) => c.Job !== true && !c.ParentRef).map((c) => String(c.Id));
  const itemIds = items.map((i) => String(i.Id));
  assert.ok(customerIds.length >= 5 && itemIds.length >= 3, 'the demo company has customers and service items');
  return { customerIds, itemIds };
}

let seq = 0;

function line(kind: InvoiceLine['kind'], quantity: number, rateCents: number, extra: Partial<InvoiceLine>): InvoiceLine {
  return { id: `l${++seq}`, kind, description: `${kind} line`, quantity, rateCents, amountCents: Math.round(quantity * rateCents), ...extra };
}

/** `count` invoices numbered `${prefix}-1…`, with awkward quantities and a discount line. */
export function makeInvoices(prefix: string, count: number, contacts = 5): Invoice[] {
  const out: Invoice[] = [];
  for (let i = 1; i <= count; i++) {
    const lines: InvoiceLine[] = [
      line('time', 0.25, 13333, { workCodeId: 'wc-1', serviceDate: '2026-10-01' }),
      line('time', 1 + (i % 7) * 0.5, 17500, { workCodeId: 'wc-2' }),
      line('expense', 3, 1999 + i, { expenseCodeId: 'ec-1' }),
      line('item', 1, -1000, { lineItemId: 'li-discount', description: 'Courtesy discount' }),
    ];
    const total = lines.reduce((n, l) => n + l.amountCents, 0);
    out.push({
      id: `${prefix}-id-${i}`,
      number: `${prefix}-${i}`,
      contactId: `ct-${i % contacts}`,
      date: '2026-11-02',
      dueDate: '2026-12-02',
      lines,
      totalCents: total,
      balanceCents: total,
      updatedAt: '2026-11-02T10:00:00.000Z',
    });
  }
  return out;
}

export function exportInput(invoices: Invoice[], refs: SandboxRefs, contacts = 5): InvoiceExportInput {
  const contact = new Map<string, string>();
  const contactsById = new Map<string, { displayName: string }>();
  for (let c = 0; c < contacts; c++) {
    contact.set(`ct-${c}`, refs.customerIds[c]);
    contactsById.set(`ct-${c}`, { displayName: `Contact ${c}` });
  }
  return {
    invoices,
    contactsById,
    links: {
      contact,
      workCode: new Map([['wc-1', refs.itemIds[0]], ['wc-2', refs.itemIds[1]]]),
      expenseCode: new Map([['ec-1', refs.itemIds[2]]]),
    },
    lineItemDefaults: { 'li-discount': refs.itemIds[0] },
    done: new Set(),
  };
}

/** Exactly one QBO invoice per OfficeTools invoice, its customer, marker and every amount to the cent. */
export function assertExactlyOnce(invoices: readonly Invoice[], qbo: readonly QboRecord[], input: InvoiceExportInput): void {
  for (const inv of invoices) {
    const matches = qbo.filter((q) => String(q.DocNumber).toLowerCase() === inv.number.toLowerCase());
    assert.equal(matches.length, 1, `exactly one QBO invoice numbered ${inv.number}, found ${matches.length}`);
    const q = matches[0];
    assert.equal((q.CustomerRef as { value: string }).value, input.links.contact.get(inv.contactId));
    assert.ok(noteHasMarker(q.PrivateNote, `OT-INV:${inv.id}`), `marker on ${inv.number}`);
    assert.equal(qboAmountToCents(q.TotalAmt as number), inv.totalCents, `total of ${inv.number}`);
    const sales = (q.Line as QboRecord[]).filter((l) => l.DetailType === 'SalesItemLineDetail');
    assert.deepEqual(sales.map((l) => qboAmountToCents(l.Amount as number)), inv.lines.map((l) => l.amountCents), `lines of ${inv.number}`);
  }
}
