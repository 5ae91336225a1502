/** The table `npm run bench` prints: name, value, unit, baseline, ratio (= value / baseline). */
import type { Metric } from './metric';

function num(n: number | undefined): string {
  if (n === undefined) return '';
  const abs = Math.abs(n);
  return abs >= 100 ? n.toFixed(0) : abs >= 10 ? n.toFixed(1) : n.toFixed(2);
}

export function formatTable(metrics: readonly Metric[]): string {
  const header = ['name', 'value', 'unit', 'baseline', 'ratio'];
  const rows = metrics.map((m) => [m.name, num(m.value), m.unit, num(m.baseline), m.ratio === undefined ? '' : `${m.ratio.toFixed(2)}×`]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  // Names and units read left to right; numbers line up on the right.
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c === 0 || c === 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd();
  const notes = metrics.filter((m) => m.note).map((m) => `  ${m.name}: ${m.note}`);
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), ...(notes.length ? ['', 'notes:', ...notes] : [])].join('\n');
}
