/** The billing journal's Sync History lines carry who (name and id), the kind, the QBO Id, the error code and intuit_tid. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditForChange } from '../../../src/sync/billing/journal-transitions';
import { kindOf } from '../../../src/sync/history/history-entry';

describe('billing history lines', () => {
  it('a created invoice names the user by name and id, the kind and the QBO Id', () => {
    const line = auditForChange('123', 'invoiceExport', { sourceId: 'inv-7', state: 'done', targetId: '145', how: 'created' }, '2026-12-03T10:00:00.000Z', 'Dana Whitfield', 'u-dana');
    assert.deepEqual(line, {
      realmId: '123',
      at: '2026-12-03T10:00:00.000Z',
      who: 'Dana Whitfield',
      userId: 'u-dana',
      what: 'Export invoice inv-7',
      kind: 'documentExport',
      result: 'ok',
      detail: 'created in QuickBooks Online as 145',
      qboId: '145',
    });
    assert.equal(kindOf(line ?? { what: '' }), 'documentExport');
  });

  it("a refusal keeps QBO's error code and intuit_tid; an imported payment's QBO Id is its source", () => {
    const failed = auditForChange('123', 'paymentExport', { sourceId: 'pay-2', state: 'failed', error: { code: '6000', message: 'Refused.', intuitTid: 'tid-9' } }, 'now', 'Sam Ortiz', 'u-sam');
    assert.equal(failed?.errorCode, '6000');
    assert.equal(failed?.intuitTid, 'tid-9');
    assert.equal(failed?.result, 'failed');
    const imported = auditForChange('123', 'paymentImport', { sourceId: '88', state: 'done', targetId: 'p-5', how: 'created' }, 'now', 'Sam Ortiz');
    assert.equal(imported?.qboId, '88');
    assert.equal(imported?.kind, 'documentImport');
    assert.equal(imported?.userId, undefined, 'no id when the journal was given none');
    assert.equal(auditForChange('123', 'invoiceExport', { sourceId: 'x', state: 'sent' }, 'now', 'Sam'), undefined);
  });
});
