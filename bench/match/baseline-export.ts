/**
 * The one-request-per-contact baseline for `match.export1000.requests`: the same mapping the
 * product's export uses (contactSpec.toQbo), each customer created with its own POST through
 * the product's QboClient, straight at the sandbox with a minted token. The sandbox's limits
 * are switched off first and the client is given a wide pacer, because the point is to count
 * requests, not to wait the two minutes QBO's 500-per-minute limit would impose.
 */
import { contactSpec } from '../../src/sync/jobs/match-spec';
import { Pacer } from '../../src/sync/qbo/pacer';
import { createQboGateway } from '../../src/sync/qbo/qbo-client';
import type { Contact } from '../../src/sync/host/protocol';
import { accountingRequests, describeOps, logDelta, sandboxAdmin } from './sandbox-admin';

export interface BaselineResult {
  requests: number;
  created: number;
  failed: number;
  ms: number;
  ops: string;
}

export async function oneRequestPerContact(sandboxUrl: string, realmId: string, contacts: readonly Contact[]): Promise<BaselineResult> {
  const admin = sandboxAdmin(sandboxUrl);
  await admin.disableLimits();
  const token = await admin.accessToken(realmId);
  const gateway = createQboGateway({
    baseUrl: sandboxUrl,
    realmId,
    headers: { Authorization: `Bearer ${token}` },
    pacer: new Pacer({ maxInFlight: 10, perSecond: 100_000, perMinute: 1_000_000, batchPerMinute: 100_000 }),
  });
  const bodies = contacts.map((c) => contactSpec.toQbo(c, { qboAccountByPurpose: {} }).payload);
  const before = await admin.log(realmId);
  const started = performance.now();
  const outcomes = await Promise.allSettled(bodies.map((body) => gateway.create('Customer', body)));
  const ms = performance.now() - started;
  const delta = logDelta(before, await admin.log(realmId));
  const created = outcomes.filter((o) => o.status === 'fulfilled').length;
  return { requests: accountingRequests(delta.byOperation), created, failed: outcomes.length - created, ms, ops: describeOps(delta.byOperation) };
}
