/**
 * The one-request-per-document baseline: the engine's own planned bodies, each created with
 * its own POST through the product QboClient (its pacing, its retries), all started at once
 * so that only the client's pacing — not the bench — decides how fast they go.
 */
import type { PlannedDocument } from '../../src/sync/billing/billing-types';
import type { QboRecord } from '../../src/sync/qbo/gateway';
import type { QboClient } from '../../src/sync/qbo/qbo-client';

export interface OnePerDocumentResult {
  /** sourceId → the QBO Id created for it. */
  created: Map<string, string>;
  failures: string[];
  ms: number;
}

export async function createOnePerDocument<P extends object>(
  client: QboClient,
  entity: 'Invoice' | 'Payment',
  docs: readonly PlannedDocument<P>[],
): Promise<OnePerDocumentResult> {
  const started = performance.now();
  const outcomes = await Promise.allSettled(docs.map((d) => client.create<QboRecord>(entity, d.payload)));
  const ms = performance.now() - started;
  const created = new Map<string, string>();
  const failures: string[] = [];
  outcomes.forEach((o, k) => {
    if (o.status === 'fulfilled' && typeof o.value.Id === 'string') created.set(docs[k].sourceId, o.value.Id);
    else failures.push(`${docs[k].label}: ${o.status === 'rejected' ? String(o.reason instanceof Error ? o.reason.message : o.reason) : 'no Id in the answer'}`);
  });
  return { created, failures, ms };
}
