/**
 * The in-flight bookkeeping kept in a journal entry's requestId (in-flight.ts) and the journal
 * transition that records it: parsed back exactly, never mistaken for a plain requestid, and an
 * unreadable or older entry is taken as "may still be in flight".
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { JournalEntry } from '../../../src/sync/billing/billing-types';
import {
  IN_FLIGHT_WINDOW_MS,
  QBO_REQUEST_TIMEOUT_MS,
  answeredRequestId,
  baseRequestId,
  inBatchRequestId,
  sendStateOf,
  settledAfterMs,
} from '../../../src/sync/billing/in-flight';
import { applyJournalChange, toJournalEntry } from '../../../src/sync/billing/journal-transitions';

const entry = (requestId: string, state: JournalEntry['state'] = 'sent', updatedAt = '2026-11-26T10:00:00.000Z'): JournalEntry => ({ kind: 'paymentExport', sourceId: 'p1', requestId, state, updatedAt });

describe('in-flight bookkeeping', () => {
  it('round-trips the batch, bId, size and send time, and strips them back to the plain requestid', () => {
    const stored = inBatchRequestId('pay-abc', { batchRequestId: 'b-123', bId: 'd7', size: 30, sentAtMs: 1_764_150_000_000 });
    assert.equal(baseRequestId(stored), 'pay-abc');
    assert.deepEqual(sendStateOf(entry(stored)), { kind: 'inBatch', batch: { batchRequestId: 'b-123', bId: 'd7', size: 30, sentAtMs: 1_764_150_000_000 } });
    assert.equal(settledAfterMs(sendStateOf(entry(stored))), 1_764_150_000_000 + IN_FLIGHT_WINDOW_MS);
    assert.ok(IN_FLIGHT_WINDOW_MS > QBO_REQUEST_TIMEOUT_MS);
    // Re-marking keeps the plain id, not a growing chain.
    assert.equal(baseRequestId(inBatchRequestId(stored, { batchRequestId: 'b-9', bId: 'd1', size: 1, sentAtMs: 1 })), 'pay-abc');
  });

  it('answered, planned and failed entries have nothing outstanding', () => {
    assert.deepEqual(sendStateOf(entry(answeredRequestId('pay-abc'))), { kind: 'answered' });
    assert.equal(settledAfterMs(sendStateOf(entry('pay-abc', 'planned'))), 0);
    assert.equal(settledAfterMs(sendStateOf(entry('pay-abc', 'failed'))), 0);
    assert.equal(settledAfterMs(sendStateOf(undefined)), 0);
  });

  it('a sent entry without bookkeeping (an older journal) is in flight until updatedAt + the window; an unreadable time forever until checked', () => {
    const old = sendStateOf(entry('pay-abc'));
    assert.equal(old.kind, 'unknownBatch');
    assert.equal(settledAfterMs(old), Date.parse('2026-11-26T10:00:00.000Z') + IN_FLIGHT_WINDOW_MS);
    assert.equal(settledAfterMs(sendStateOf(entry('pay-abc', 'sent', 'not a time'))), Number.POSITIVE_INFINITY);
    assert.equal(sendStateOf(entry('pay-abc b-1 d1 x 5')).kind, 'unknownBatch', 'a garbled record is not trusted');
  });

  it('the sent transition stores the bookkeeping when given, and keeps the requestid when not', () => {
    const planned = applyJournalChange('r', 'paymentExport', undefined, { sourceId: 'p1', state: 'planned', requestId: 'pay-abc' }, 'now');
    const marked = applyJournalChange('r', 'paymentExport', planned, { sourceId: 'p1', state: 'sent', requestId: 'pay-abc b-1 d1 1 5' }, 'later');
    assert.equal(toJournalEntry(marked).requestId, 'pay-abc b-1 d1 1 5');
    const plain = applyJournalChange('r', 'paymentExport', marked, { sourceId: 'p1', state: 'sent' }, 'later');
    assert.equal(plain.requestId, 'pay-abc b-1 d1 1 5');
  });
});
