/**
 * The add-in's FirmRemote against the real proxy (not a stand-in): the contract between
 * src/sync/replication and src/proxy, over HTTP with identity tokens from a test issuer. Two staff
 * of one firm and one person of another firm.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHttpFirmRemote } from '../../../src/sync/replication/http-firm-remote';
import { FirmConflictError } from '../../../src/sync/replication/firm-remote-errors';
import type { FirmEvent, FirmRemote } from '../../../src/sync/replication/firm-remote';
import { startHarness, type Harness } from '../proxy/support/proxy-harness';
import type { TestUser } from '../proxy/support/test-issuer';

const REALM = '9341450000000001';
const dana: TestUser = { firmId: 'firm-a', firmName: 'Hartwell & Lee', userId: 'u-dana', name: 'Dana Whitfield', role: 'staff' };
const sam: TestUser = { firmId: 'firm-a', firmName: 'Hartwell & Lee', userId: 'u-sam', name: 'Sam Ortiz', role: 'staff' };
const carmen: TestUser = { firmId: 'firm-b', firmName: 'Ortiz Tax Group', userId: 'u-carmen', name: 'Carmen Ortiz', role: 'admin' };

let h: Harness;
const remoteAs = (user: TestUser): FirmRemote => createHttpFirmRemote((p, init) => h.api(user, p, init), { retryBaseMs: 50, retryMaxMs: 200 });
const link = (otId: string, qboId: string, who: string) => ({
  collection: 'links' as const,
  id: `contact:${otId}`,
  baseRev: null,
  body: { kind: 'contact', otId, qboId, origin: 'manual', createdAt: '2026-12-02T10:00:00.000Z', createdBy: who },
});

before(async () => {
  h = await startHarness();
});
after(() => h.close());

describe('FirmRemote over the real proxy', () => {
  it('a push is answered with the written records in the order pushed, and pulled by a colleague', async () => {
    const written = await remoteAs(dana).push(REALM, [link('c-1', '11', 'Dana Whitfield'), link('c-2', '12', 'Dana Whitfield')]);
    assert.deepEqual(written.records.map((r) => [r.id, r.rev]), [['contact:c-1', 1], ['contact:c-2', 1]]);
    const pulled = await remoteAs(sam).pull(REALM, '0');
    assert.deepEqual(pulled.records.filter((r) => r.collection === 'links').map((r) => [r.id, r.updatedBy.name]), [['contact:c-1', 'Dana Whitfield'], ['contact:c-2', 'Dana Whitfield']]);
    assert.equal(pulled.more, false);
  });

  it('two staff linking the same QuickBooks customer at once: one wins, the other is told who holds it', async () => {
    const results = await Promise.allSettled([remoteAs(dana).push(REALM, [link('c-7', '58', 'Dana Whitfield')]), remoteAs(sam).push(REALM, [link('c-8', '58', 'Sam Ortiz')])]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(won.length, 1, 'exactly one wins');
    assert.equal(lost.length, 1);
    const error = lost[0].reason as FirmConflictError;
    assert.ok(error instanceof FirmConflictError, `a conflict, not ${String(error)}`);
    const conflict = error.conflicts[0];
    assert.equal(conflict.reason, 'unique');
    assert.equal((conflict.holder?.body as { qboId?: string } | undefined)?.qboId, '58');
    assert.ok(['Dana Whitfield', 'Sam Ortiz'].includes(conflict.holder?.updatedBy.name ?? ''), 'names who made the winning link');
  });

  it('a stale rev is refused with the current record; a delete leaves a tombstone that pulls see', async () => {
    const pulled = await remoteAs(sam).pull(REALM, '0');
    const c1 = pulled.records.find((r) => r.id === 'contact:c-1');
    assert.ok(c1);
    await remoteAs(dana).push(REALM, [{ collection: 'links', id: 'contact:c-1', baseRev: c1.rev, deleted: true }]);
    await assert.rejects(remoteAs(sam).push(REALM, [{ collection: 'links', id: 'contact:c-1', baseRev: c1.rev, deleted: true }]), (e: unknown) => {
      assert.ok(e instanceof FirmConflictError);
      assert.equal(e.conflicts[0].reason, 'stale');
      assert.equal(e.conflicts[0].current?.deleted, true);
      return true;
    });
    const after = await remoteAs(sam).pull(REALM, pulled.checkpoint);
    assert.deepEqual(after.records.map((r) => [r.id, r.deleted, r.body]), [['contact:c-1', true, null]]);
  });

  it("adopt takes what the firm does not have and leaves the firm's value where it differs", async () => {
    const result = await remoteAs(sam).adopt(REALM, [
      { collection: 'links', id: 'contact:c-2', body: link('c-2', '99', 'Sam Ortiz').body },
      { collection: 'links', id: 'contact:c-30', body: link('c-30', '300', 'Sam Ortiz').body },
      { collection: 'links', id: 'contact:c-31', body: link('c-31', '12', 'Sam Ortiz').body },
      // Unlinked at the firm (a tombstone): an old browser's copy must not bring it back.
      { collection: 'links', id: 'contact:c-1', body: link('c-1', '11', 'Sam Ortiz').body },
    ]);
    assert.equal(result.taken, 1);
    assert.deepEqual(result.notTaken.map((n) => [n.id, n.reason]).sort(), [['contact:c-1', 'firm_has_other'], ['contact:c-2', 'firm_has_other'], ['contact:c-31', 'unique']]);
    assert.equal((result.notTaken.find((n) => n.id === 'contact:c-2')?.firm.body as { qboId: string }).qboId, '12');
  });

  it('a colleague’s push reaches an open event stream; another firm sees no event and no record', async () => {
    const danaEvents: FirmEvent[] = [];
    const carmenEvents: FirmEvent[] = [];
    const closeDana = remoteAs(dana).events((e) => danaEvents.push(e));
    const closeCarmen = remoteAs(carmen).events((e) => carmenEvents.push(e));
    try {
      const until = async (check: () => boolean, what: string) => {
        for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
        assert.ok(check(), what);
      };
      await until(() => danaEvents.some((e) => e.type === 'open') && carmenEvents.some((e) => e.type === 'open'), 'both streams open');
      const { checkpoint } = await remoteAs(sam).push(REALM, [link('c-40', '400', 'Sam Ortiz')]);
      await until(() => danaEvents.some((e) => e.type === 'changes' && e.realmId === REALM && e.checkpoint === checkpoint), "Dana's stream hears Sam's change");
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(carmenEvents.filter((e) => e.type === 'changes').length, 0, 'the other firm hears nothing');
      assert.deepEqual((await remoteAs(carmen).pull(REALM, '0')).records, [], 'the other firm pulls nothing');
    } finally {
      closeDana();
      closeCarmen();
    }
  });
});
