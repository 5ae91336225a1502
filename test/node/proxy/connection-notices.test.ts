/**
 * The connection notices repository on both back-ends (SQLite and a real PostgreSQL): a lapse
 * is remembered with the company, a connect ends it and records the company change to show (or
 * none), keeping a company clears the change, a Disconnect clears both but keeps the last
 * company; and the rule for which change to show after a connect.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { companyChangeAfterConnect } from '../../../src/proxy/store/connection-notices';
import { BACKENDS, openTestStore } from './support/backends';

const KEY = Buffer.alloc(32, 9);
const by = { id: 'u-lee', name: 'Lee Ortega' };

for (const backend of BACKENDS) {
  test(`${backend}: lapse, connect with a company change, keep, disconnect`, async (t) => {
    const { store } = await openTestStore(backend, t, { key: KEY });
    const n = store.notices;
    assert.deepEqual(await n.get('firm-a'), {}, 'nothing for a firm never seen');

    await n.recordLapse('firm-a', { reason: 'revoked', realmId: '111', companyName: 'Alder Books', at: '2026-12-01T10:00:00.000Z' });
    assert.deepEqual(await n.get('firm-a'), {
      last: { realmId: '111', companyName: 'Alder Books' },
      lapse: { reason: 'revoked', realmId: '111', companyName: 'Alder Books', at: '2026-12-01T10:00:00.000Z' },
    });
    assert.deepEqual(await n.get('firm-b'), {}, 'another firm is untouched');

    const change = { previousRealmId: '111', previousCompanyName: 'Alder Books', at: '2026-12-02T09:00:00.000Z', by };
    await n.recordConnect('firm-a', { realmId: '222', companyName: 'Birch Ltd' }, change);
    assert.deepEqual(await n.get('firm-a'), { last: { realmId: '222', companyName: 'Birch Ltd' }, companyChange: change }, 'the lapse is over');

    assert.equal(await n.clearCompanyChange('firm-a'), true);
    assert.equal(await n.clearCompanyChange('firm-a'), false, 'nothing left to clear');
    assert.deepEqual(await n.get('firm-a'), { last: { realmId: '222', companyName: 'Birch Ltd' } });

    await n.recordLapse('firm-a', { reason: 'expired', realmId: '222', companyName: 'Birch Ltd', at: '2026-12-03T00:00:00.000Z' });
    await n.clearOnDisconnect('firm-a');
    assert.deepEqual(await n.get('firm-a'), { last: { realmId: '222', companyName: 'Birch Ltd' } }, 'the last company is kept for the next connect');

    await n.recordConnect('firm-c', { realmId: '333', companyName: 'Cedar & Co' }, null);
    assert.deepEqual(await n.get('firm-c'), { last: { realmId: '333', companyName: 'Cedar & Co' } }, 'a first connect changes no company');
  });
}

test('which company change to show after a connect', () => {
  const at = '2026-12-02T09:00:00.000Z';
  const a = { realmId: '111', companyName: 'Alder Books' };
  assert.equal(companyChangeAfterConnect({}, undefined, { realmId: '111' }, at, by), null, 'first connect');
  assert.equal(companyChangeAfterConnect({}, a, { realmId: '111' }, at, by), null, 'the same company again');
  const fromA = companyChangeAfterConnect({}, a, { realmId: '222' }, at, by);
  assert.deepEqual(fromA, { previousRealmId: '111', previousCompanyName: 'Alder Books', at, by });
  assert.equal(companyChangeAfterConnect({ companyChange: fromA ?? undefined }, { realmId: '222', companyName: 'Birch Ltd' }, { realmId: '111' }, at, by), null, 'back to the first company');
  assert.deepEqual(
    companyChangeAfterConnect({ companyChange: fromA ?? undefined }, { realmId: '222', companyName: 'Birch Ltd' }, { realmId: '333' }, '2026-12-05T00:00:00.000Z', by),
    fromA,
    "a third company: the firm's data still belongs to the first",
  );
});
