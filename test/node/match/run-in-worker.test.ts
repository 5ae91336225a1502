/** Without a Worker global (Node, or a browser that forbids workers) the same call runs inline. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { automatch } from '../../../src/sync/match/automatch';
import { AutomatchInputError } from '../../../src/sync/match/automatch-input-error';
import { runAutomatchInWorker } from '../../../src/sync/match/run-in-worker';
import { fromRequest, toRequest } from '../../../src/sync/match/worker-message';
import { generateEmployees } from '../../fixtures/automatch/generate';

describe('runAutomatchInWorker without Worker', () => {
  it('falls back to running inline, with the same result', async () => {
    assert.equal(typeof (globalThis as { Worker?: unknown }).Worker, 'undefined');
    const set = generateEmployees({ seed: 3, pairs: 50, unmatched: 5, hardNegatives: 5 });
    const res = await runAutomatchInWorker(set.input);
    assert.deepEqual(res.proposals, automatch(set.input).proposals);
  });
  it('rejects (not throws) on bad input', async () => {
    await assert.rejects(runAutomatchInWorker({ kind: 'contacts', left: 'nope' as never, right: [] }), AutomatchInputError);
  });
  it('linked ids cross the boundary as arrays and come back as Sets', () => {
    const req = toRequest({ kind: 'items', left: [], right: [], linkedLeftIds: new Set(['a']), linkedRightIds: new Set(['b', 'c']) });
    assert.deepEqual(JSON.parse(JSON.stringify(req)).linkedRightIds, ['b', 'c']);
    assert.deepEqual([...(fromRequest(req).linkedRightIds ?? [])], ['b', 'c']);
  });
});
