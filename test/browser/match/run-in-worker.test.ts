/**
 * runAutomatchInWorker in a real browser: linked-id Sets are honoured, the result equals the
 * inline engine's, and input errors come back typed. Under karma the worker chunk is not served
 * (karma-webpack keeps it out of `files`), so here this exercises the browser's fall-back path;
 * the worker proper is exercised by `npm run bench -- automatch`, which serves the webpack
 * output itself and checks that the worker chunk was fetched.
 */
import { expect } from 'chai';
import { automatch } from '../../../src/sync/match/automatch';
import { AutomatchInputError } from '../../../src/sync/match/automatch-input-error';
import { runAutomatchInWorker } from '../../../src/sync/match/run-in-worker';
import type { AutomatchInput } from '../../../src/sync/match/types';
import { generateContacts } from '../../fixtures/automatch/generate';

describe('runAutomatchInWorker (Chromium)', () => {
  const set = generateContacts({ seed: 404, pairs: 200, unmatched: 30, hardNegatives: 30 });

  it('gives the same proposals as automatch on the main thread', async () => {
    const inWorker = await runAutomatchInWorker(set.input);
    const inline = automatch(set.input);
    expect(inWorker.proposals).to.deep.equal(inline.proposals);
    expect(inWorker.proposals.length).to.be.greaterThan(150);
  });

  it('honours linked ids passed as Sets', async () => {
    const linkedLeftIds = new Set(set.truth.slice(0, 20).map(([l]) => l));
    const linkedRightIds = new Set(set.truth.slice(20, 40).map(([, r]) => r));
    const input: AutomatchInput = { ...set.input, linkedLeftIds, linkedRightIds };
    const res = await runAutomatchInWorker(input);
    expect(res.stats.skippedLinkedLeft).to.equal(20);
    expect(res.stats.skippedLinkedRight).to.equal(20);
    for (const p of res.proposals) {
      expect(linkedLeftIds.has(p.leftId)).to.equal(false);
      expect(linkedRightIds.has(p.rightId)).to.equal(false);
    }
  });

  it('rejects bad input with AutomatchInputError', async () => {
    let caught: unknown;
    try {
      await runAutomatchInWorker({ kind: 'vendors' as AutomatchInput['kind'], left: [], right: [] });
    } catch (err) {
      caught = err;
    }
    expect(caught).to.be.instanceOf(AutomatchInputError);
    expect((caught as Error).message).to.match(/kind must be one of/);
  });
});
