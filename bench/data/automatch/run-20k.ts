/**
 * Child process for `automatch.contacts20k.*`: a fresh Node (cold JIT, like the first click on
 * Automatch) that builds the 20k set, then measures one automatch call: wall time, peak RSS
 * growth and heap growth. Prints one JSON line.
 */
import { automatch } from '../../../src/sync/match/automatch';
import { evaluatePairs } from '../../../test/fixtures/automatch/evaluate';
import { contacts20k } from '../../../test/fixtures/automatch/sets';

const set = contacts20k();
global.gc?.();
const rssBefore = process.memoryUsage().rss;
const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
const cpuBefore = process.cpuUsage();
const result = automatch(set.input);
const ms = performance.now() - started;
const heapAfter = process.memoryUsage().heapUsed;
// maxRSS is the process's peak (KB): its growth over the pre-run RSS is what automatch added.
const peakRss = process.resourceUsage().maxRSS * 1024;
const quality = evaluatePairs(result.proposals.map((p) => [p.leftId, p.rightId]), set.truth);
process.stdout.write(
  `${JSON.stringify({
    ms,
    cpuMs: (process.cpuUsage(cpuBefore).user + process.cpuUsage(cpuBefore).system) / 1000,
    rssGrowthMb: (peakRss - rssBefore) / 1e6,
    heapGrowthMb: (heapAfter - heapBefore) / 1e6,
    left: set.input.left.length,
    right: set.input.right.length,
    candidatePairs: result.stats.candidatePairs,
    precision: quality.precision,
    recall: quality.recall,
    undecided: result.undecided.length,
  })}\n`,
);
