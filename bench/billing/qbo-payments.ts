/**
 * Payments entered in QuickBooks Online itself (no OfficeTools marker), as a bookkeeper would
 * record customers' checks there: the data the Import Payments benchmark imports. Created
 * through the product client's batch call so the setup stays inside QBO's limits; this is
 * setup, not part of any measurement.
 */
import type { BatchItem, QboRecord } from '../../src/sync/qbo/gateway';
import type { QboClient } from '../../src/sync/qbo/qbo-client';

export interface QboPaymentSpec {
  customerId: string;
  invoiceQboId: string;
  amountCents: number;
  date: string;
  reference: string;
}

const dollars = (cents: number) => Number((cents / 100).toFixed(2));

/** Creates the payments 30 per batch call; returns their QBO Ids in order. */
export async function createQboPayments(client: QboClient, specs: readonly QboPaymentSpec[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < specs.length; i += 30) {
    const part = specs.slice(i, i + 30);
    const items: BatchItem[] = part.map((s, k) => ({
      bId: `p${k + 1}`,
      operation: 'create',
      entity: 'Payment',
      body: {
        CustomerRef: { value: s.customerId },
        TotalAmt: dollars(s.amountCents),
        TxnDate: s.date,
        PaymentRefNum: s.reference,
        Line: [{ Amount: dollars(s.amountCents), LinkedTxn: [{ TxnId: s.invoiceQboId, TxnType: 'Invoice' }] }],
      },
    }));
    const answers = await client.batch(items);
    for (const item of items) {
      const a = answers.find((x) => x.bId === item.bId);
      if (!a || !a.ok || a.type !== 'entity') {
        throw new Error(`Setting up QBO payments failed for item ${item.bId}: ${a && !a.ok ? a.error.message : 'no answer'}`);
      }
      ids.push(String((a.value as QboRecord).Id));
    }
  }
  return ids;
}
