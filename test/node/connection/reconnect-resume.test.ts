/**
 * After reconnecting, interrupted work resumes with no duplicates (issue 14, point 7), end to
 * end over real HTTP: the add-in's relay gateway → the proxy (identity, tokens, refresh) → the
 * sandbox. The firm's grant is revoked in the middle of an invoice export, as "Disconnect" in
 * QuickBooks Online would do: the run stops with a Reconnect message, the proxy's status says
 * the connection lapsed (revoked), a staff member reconnects, and running the export again
 * finishes it from the billing journal — each invoice exactly once in QuickBooks, also the
 * batch whose answer was lost when the grant went.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_REALMS } from '../../../dev/qbo-sandbox/demo-companies';
import { executeInvoiceExport } from '../../../src/sync/billing/execute-invoice-export';
import { planInvoiceExport } from '../../../src/sync/billing/plan-invoice-export';
import { connectToProxy } from '../../../src/sync/connection/proxy-connection';
import type { BatchItem, QboGateway, QboRecord } from '../../../src/sync/qbo/gateway';
import { Pacer, QBO_LIMITS, realClock } from '../../../src/sync/qbo/pacer';
import type { QboClient } from '../../../src/sync/qbo/qbo-client';
import { inList } from '../../../src/sync/qbo/query-builder';
import { assertExactlyOnce, exportInput, makeInvoices, sandboxRefs, type SandboxRefs } from '../billing/invoice-fixtures';
import { createMemoryJournal } from '../billing/memory-journal';
import { CLIENT_ID, CLIENT_SECRET, startHarness, type Harness } from '../proxy/support/proxy-harness';
import type { TestUser } from '../proxy/support/test-issuer';

const realmId = DEMO_REALMS.us;
let h: Harness;
let refs: SandboxRefs;
let firms = 0;

function newFirm(): { dana: TestUser; lee: TestUser } {
  const firmId = `resume-firm-${++firms}`;
  return { dana: { firmId, userId: `u-dana-${firms}`, name: 'Dana Whitfield' }, lee: { firmId, userId: `u-lee-${firms}`, name: 'Lee Ortega' } };
}

/** The add-in's relay gateway for `user`, as the panel builds it (identity tokens from the host). */
function relayGateway(user: TestUser): QboGateway {
  const conn = connectToProxy({ baseUrl: h.proxyUrl, getIdentityToken: () => h.issuer.mint(user) });
  return conn.relayGateway(realmId, new Pacer(QBO_LIMITS, realClock, { slackMs: 100 }));
}

async function status(user: TestUser): Promise<{ connected: boolean; attention?: Array<Record<string, unknown>> }> {
  const conn = connectToProxy({ baseUrl: h.proxyUrl, getIdentityToken: () => h.issuer.mint(user) });
  return (await conn.proxy.status()) as { connected: boolean; attention?: Array<Record<string, unknown>> };
}

/** QuickBooks Online > Apps > Disconnect: the sandbox revokes the firm's whole grant. */
async function revokeAtIntuit(firmId: string): Promise<void> {
  const stored = await h.stored(firmId);
  assert.ok(stored, 'the firm is connected');
  const res = await fetch(`${h.sandbox.url}/v2/oauth2/tokens/revoke`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ token: stored.tokens.refreshToken }),
  });
  assert.equal(res.status, 200);
}

async function invoicesInQbo(gateway: QboGateway, numbers: readonly string[]): Promise<QboRecord[]> {
  const out: QboRecord[] = [];
  for (let i = 0; i < numbers.length; i += 100) out.push(...(await gateway.queryAll<QboRecord>('Invoice', `DocNumber IN ${inList(numbers.slice(i, i + 100))}`)));
  return out;
}

/** A gateway whose `batch` runs `around` on the n-th call instead of the plain call. */
function onBatch(real: QboGateway, n: number, around: (items: readonly BatchItem[], o: { requestId?: string } | undefined) => ReturnType<QboGateway['batch']>): QboGateway {
  let calls = 0;
  return Object.assign(Object.create(real) as QboGateway, {
    batch: (items: readonly BatchItem[], o?: { requestId?: string }) => (++calls === n ? around(items, o) : real.batch(items, o)),
  });
}

before(async () => {
  h = await startHarness();
  const { dana } = newFirm();
  await h.connect(dana);
  refs = await sandboxRefs(relayGateway(dana) as QboClient);
});

after(async () => {
  await h?.close();
});

describe('a connection revoked mid-export, then reconnected', () => {
  it('stops with Reconnect, shows as revoked to the firm, and after a colleague reconnects the same run finishes: each invoice once', async () => {
    const { dana, lee } = newFirm();
    await h.connect(dana);
    const invoices = makeInvoices(`RV${process.pid % 1000}a`, 70);
    const input = exportInput(invoices, refs);
    const journal = createMemoryJournal(realmId);
    const real = relayGateway(dana);
    const gateway = onBatch(real, 2, async (items, o) => {
      await revokeAtIntuit(dana.firmId);
      return real.batch(items, o);
    });

    const first = await executeInvoiceExport(planInvoiceExport(input), { gateway, journal });
    assert.equal(first.stoppedBy?.code, 'auth', JSON.stringify(first.stoppedBy));
    assert.match(first.stoppedBy?.message ?? '', /Connect to QuickBooks Online again|Reconnect/);
    assert.equal(first.outcomes.filter((o) => o.result === 'created').length, 30, 'the first batch went before the revoke');

    const lapsed = await status(lee);
    assert.equal(lapsed.connected, false);
    assert.equal(lapsed.attention?.[0]?.kind, 'lapsed');
    assert.equal(lapsed.attention?.[0]?.reason, 'revoked');

    const reconnected = await h.connect(lee);
    assert.equal(reconnected.connected, true);
    assert.equal(reconnected.attention, undefined);
    const resumed = await executeInvoiceExport(planInvoiceExport({ ...input, done: await journal.doneIds('invoiceExport') }), { gateway: relayGateway(dana), journal });
    assert.equal(resumed.stoppedBy, undefined);
    assert.equal(resumed.outcomes.filter((o) => o.result === 'created').length, 40);
    assert.equal((await journal.doneIds('invoiceExport')).size, 70);
    assertExactlyOnce(invoices, await invoicesInQbo(relayGateway(dana), invoices.map((i) => i.number)), input);
  });

  it('a batch QuickBooks committed whose answer was lost as the grant went: the resume replays it (same requestid), nothing doubles', async () => {
    const { dana } = newFirm();
    await h.connect(dana);
    const invoices = makeInvoices(`RV${process.pid % 1000}b`, 65);
    const input = exportInput(invoices, refs);
    const journal = createMemoryJournal(realmId);
    const real = relayGateway(dana);
    const dying = onBatch(real, 2, async (items, o) => {
      await real.batch(items, o); // QuickBooks commits the second batch …
      await revokeAtIntuit(dana.firmId); // … the grant is revoked …
      throw new Error('The panel was closed'); // … and the answer is never read.
    });
    await executeInvoiceExport(planInvoiceExport(input), { gateway: dying, journal });
    assert.equal((await journal.list('invoiceExport', 'sent')).length, 30, 'the second batch has an unknown outcome');

    // The panel reopens: the connection is gone, the export cannot go on.
    const blocked = await executeInvoiceExport(planInvoiceExport({ ...input, done: await journal.doneIds('invoiceExport') }), { gateway: relayGateway(dana), journal });
    assert.equal(blocked.stoppedBy?.code, 'auth');
    assert.equal((await status(dana)).attention?.[0]?.reason, 'revoked');
    assert.equal((await journal.list('invoiceExport', 'sent')).length, 30, 'still waiting, nothing resent blind');

    await h.connect(dana);
    const resumed = await executeInvoiceExport(planInvoiceExport({ ...input, done: await journal.doneIds('invoiceExport') }), { gateway: relayGateway(dana), journal });
    assert.equal(resumed.stoppedBy, undefined);
    assert.equal(resumed.outcomes.filter((o) => o.result === 'created' || o.result === 'linkedExisting').length, 35);
    assert.equal((await journal.doneIds('invoiceExport')).size, 65);
    assertExactlyOnce(invoices, await invoicesInQbo(relayGateway(dana), invoices.map((i) => i.number)), input);
  });
});
