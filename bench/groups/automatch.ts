/**
 * `npm run bench -- automatch`: quality and speed of automatch (issue 5).
 *
 * - `automatch.<kind>.precision|recall|f1|ms` for contacts, employees and items on the labelled
 *   sets of test/fixtures/automatch, each beside the greedy all-pairs Levenshtein baseline
 *   (threshold chosen as the best on the set itself) as `baseline`, with the exact
 *   case-insensitive equality baseline in `automatch.<kind>.exact.*` and the note.
 * - `automatch.<kind>.small.precision|recall`: the same on the small (about 300 × 320) sets.
 * - All sets are the TEST split; thresholds were chosen on the TUNING split (see sets.ts).
 * - `automatch.contacts20k.precision|recall`: quality of that 20k run against its labels.
 * - `automatch.contacts20k.ms` and `.mb`: one automatch call on ~20,000 × 20,000 contacts in a
 *   fresh Node process (cold, like the first click); baseline = all-pairs Levenshtein on the same
 *   set, extrapolated from a timed slice (running it in full takes minutes).
 * - `automatch.contacts20k.browser.ms`: the same call through runAutomatchInWorker in headless
 *   Chromium (playwright-core), the worker bundled by webpack 5 as the add-in bundles it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import webpack from 'webpack';
import { automatch } from '../../src/sync/match/automatch';
import { levenshteinSimilarity } from '../../src/sync/match/string-similarity';
import { exactNameBaseline, levenshteinBaseline } from '../../test/fixtures/automatch/baselines';
import { evaluatePairs, type Quality } from '../../test/fixtures/automatch/evaluate';
import { contacts20k, QUALITY_SETS, SMALL_SETS } from '../../test/fixtures/automatch/sets';
import { CHROMIUM_FLAGS, findChromium } from '../../test/support/chromium';
import type { Metric } from '../metric';

const REPO = path.resolve(__dirname, '..', '..');
const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;
const fmt = (q: Quality) => `P=${round(q.precision, 3)} R=${round(q.recall, 3)} F1=${round(q.f1, 3)}`;

function timed<T>(f: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = f();
  return { value, ms: performance.now() - started };
}

function qualityMetrics(): Metric[] {
  const out: Metric[] = [];
  for (const [kind, make] of Object.entries(QUALITY_SETS)) {
    const set = make();
    const size = `test split, ${set.input.left.length} × ${set.input.right.length}, ${set.truth.length} true pairs`;
    const ours = timed(() => automatch(set.input));
    const q = evaluatePairs(ours.value.proposals.map((p) => [p.leftId, p.rightId]), set.truth);
    const exact = timed(() => exactNameBaseline(set.input));
    const qe = evaluatePairs(exact.value, set.truth);
    const lev = timed(() => levenshteinBaseline(set.input, set.truth));
    const ql = lev.value.quality;
    const note = `${size}; exact-name baseline ${fmt(qe)}; greedy Levenshtein baseline (best threshold ${lev.value.threshold}) ${fmt(ql)}`;
    out.push(
      { name: `automatch.${kind}.precision`, value: round(q.precision), unit: 'ratio', baseline: round(ql.precision), note },
      { name: `automatch.${kind}.recall`, value: round(q.recall), unit: 'ratio', baseline: round(ql.recall) },
      { name: `automatch.${kind}.f1`, value: round(q.f1), unit: 'ratio', baseline: round(ql.f1) },
      { name: `automatch.${kind}.ms`, value: round(ours.ms, 1), unit: 'ms', baseline: round(lev.ms, 1), note: `baseline: greedy all-pairs Levenshtein; exact equality took ${round(exact.ms, 1)} ms` },
      { name: `automatch.${kind}.exact.precision`, value: round(qe.precision), unit: 'ratio' },
      { name: `automatch.${kind}.exact.recall`, value: round(qe.recall), unit: 'ratio' },
      { name: `automatch.${kind}.exact.f1`, value: round(qe.f1), unit: 'ratio' },
    );
    console.log(`  ${kind}: automatch ${fmt(q)} in ${round(ours.ms, 0)} ms, ${ours.value.undecided.length} undecided | exact ${fmt(qe)} | Levenshtein ${fmt(ql)} in ${round(lev.ms, 0)} ms`);
  }
  // The small sets (about 300 × 320) as well: a small firm's first run must be as good.
  for (const [kind, make] of Object.entries(SMALL_SETS)) {
    const set = make();
    const res = automatch(set.input);
    const q = evaluatePairs(res.proposals.map((p) => [p.leftId, p.rightId]), set.truth);
    const note = `test split, ${set.input.left.length} × ${set.input.right.length}, ${set.truth.length} true pairs, ${res.undecided.length} undecided`;
    out.push(
      { name: `automatch.${kind}.small.precision`, value: round(q.precision), unit: 'ratio', note },
      { name: `automatch.${kind}.small.recall`, value: round(q.recall), unit: 'ratio' },
    );
    console.log(`  ${kind} (small): automatch ${fmt(q)}, ${res.undecided.length} undecided`);
  }
  return out;
}

interface NodeRun {
  ms: number;
  cpuMs: number;
  rssGrowthMb: number;
  heapGrowthMb: number;
  left: number;
  right: number;
  candidatePairs: number;
  precision: number;
  recall: number;
  undecided: number;
}

function node20k(): NodeRun {
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/data/automatch/run-20k.ts'], { cwd: REPO, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the 20k automatch run failed (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-5).join(' | ')}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as NodeRun;
}

/** All-pairs Levenshtein on a slice of the left side, scaled to the whole set. */
function levenshtein20kEstimate(): { ms: number; slice: number } {
  const set = contacts20k();
  const slice = 100;
  const L = set.input.left.slice(0, slice).map((e) => e.name.toLowerCase());
  const R = set.input.right.map((e) => e.name.toLowerCase());
  const started = performance.now();
  let sink = 0;
  for (const a of L) for (const b of R) sink += levenshteinSimilarity(a, b);
  const ms = performance.now() - started;
  if (Number.isNaN(sink)) throw new Error('unreachable: similarity is a number');
  return { ms: (ms * set.input.left.length) / slice, slice };
}

async function bundleBrowserEntry(outDir: string): Promise<void> {
  const compiler = webpack({
    mode: 'production',
    target: 'web',
    devtool: false,
    entry: path.join(REPO, 'test/fixtures/automatch/browser-entry.ts'),
    output: { path: outDir, filename: 'bench.js', publicPath: 'auto' },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: 'ts-loader', options: { transpileOnly: true, configFile: path.join(REPO, 'tsconfig.json') } } }],
    },
    performance: { hints: false },
  });
  await new Promise<void>((resolve, reject) => {
    compiler.run((err, stats) => {
      compiler.close(() => undefined);
      if (err) reject(err);
      else if (!stats || stats.hasErrors()) reject(new Error(`bundling the automatch browser bench failed: ${stats?.toString('errors-only')}`));
      else resolve();
    });
  });
}

function serve(dir: string): Promise<{ url: string; served: string[]; close: () => Promise<void> }> {
  const served: string[] = [];
  const server = http.createServer((req, res) => {
    const name = (req.url ?? '/').split('?')[0];
    const file = name === '/' ? 'index.html' : path.basename(name);
    served.push(file);
    try {
      const body = readFileSync(path.join(dir, file));
      res.writeHead(200, { 'Content-Type': file.endsWith('.html') ? 'text/html' : 'text/javascript' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${addr.port}/`, served, close: () => new Promise<void>((done) => server.close(() => done())) });
    });
  });
}

async function browser20k(): Promise<{ ms: number; proposals: number; workerChunk: boolean }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'automatch-bench-'));
  try {
    await bundleBrowserEntry(dir);
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>automatch bench</title><script src="bench.js"></script>');
    const server = await serve(dir);
    const browser = await chromium.launch({ executablePath: await findChromium(), args: CHROMIUM_FLAGS, headless: true });
    try {
      const page = await browser.newPage();
      await page.goto(server.url);
      await page.waitForFunction(() => typeof window.automatchBench === 'function');
      const r = await page.evaluate(async () => {
        const run = window.automatchBench as NonNullable<typeof window.automatchBench>;
        return run();
      });
      // The page itself loads only bench.js: any other script fetched is the worker chunk.
      const workerChunk = server.served.some((f) => f.endsWith('.js') && f !== 'bench.js');
      if (!workerChunk) throw new Error('the automatch worker chunk was never fetched: the browser run fell back to the main thread');
      return { ms: r.ms, proposals: r.proposals, workerChunk };
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Metric[]> {
  const metrics = qualityMetrics();
  const nodeRun = node20k();
  const lev = levenshtein20kEstimate();
  const size = `${nodeRun.left} × ${nodeRun.right} contacts`;
  console.log(`  contacts20k (Node): ${round(nodeRun.ms, 0)} ms, peak RSS +${round(nodeRun.rssGrowthMb, 0)} MB, P=${round(nodeRun.precision, 4)} R=${round(nodeRun.recall, 4)}`);
  metrics.push(
    {
      name: 'automatch.contacts20k.ms',
      value: round(nodeRun.ms, 0),
      unit: 'ms',
      baseline: round(lev.ms, 0),
      note: `${size}, fresh Node process (cold JIT), CPU ${round(nodeRun.cpuMs, 0)} ms; ${nodeRun.candidatePairs} pairs scored; P=${round(nodeRun.precision, 4)} R=${round(nodeRun.recall, 4)}; baseline = all-pairs Levenshtein extrapolated from ${lev.slice} left rows`,
    },
    { name: 'automatch.contacts20k.mb', value: round(nodeRun.rssGrowthMb, 1), unit: 'MB', note: `peak RSS growth during the call; heap growth ${round(nodeRun.heapGrowthMb, 1)} MB` },
    { name: 'automatch.contacts20k.precision', value: round(nodeRun.precision), unit: 'ratio', note: `${size}, test split (seed 20000); thresholds chosen on the tuning split` },
    { name: 'automatch.contacts20k.recall', value: round(nodeRun.recall), unit: 'ratio', note: `${nodeRun.undecided} pairs held back as "needs a decision"` },
  );
  const b = await browser20k();
  console.log(`  contacts20k (Chromium worker): ${round(b.ms, 0)} ms, ${b.proposals} proposals`);
  metrics.push({
    name: 'automatch.contacts20k.browser.ms',
    value: round(b.ms, 0),
    unit: 'ms',
    baseline: round(nodeRun.ms, 0),
    note: `runAutomatchInWorker in headless Chromium, in its Web Worker (chunk fetched: ${b.workerChunk}), worker start and message copies included; baseline = the Node run`,
  });
  return metrics;
}
