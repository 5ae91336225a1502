/**
 * axe-core inside one of the add-in's frames. The script goes in through the DevTools protocol
 * (frame.evaluate), not a <script> tag, so the page's strict Content-Security-Policy stays on
 * while it runs.
 */
import { readFileSync } from 'node:fs';
import type { Frame } from 'playwright-core';

let source: string | undefined;

function axeSource(): string {
  source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return source;
}

export interface AxeViolation {
  id: string;
  impact: string;
  nodes: number;
  help: string;
  /** CSS selectors of the first offending nodes, to find them. */
  targets: string[];
  /** axe's own words on what is wrong with the first offending node (e.g. the contrast ratio found). */
  summary: string;
}

/** The serious and critical violations axe finds in the frame's document as it is now. */
export async function seriousViolations(frame: Frame): Promise<AxeViolation[]> {
  const installed = await frame.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!installed) await frame.evaluate(axeSource());
  return frame.evaluate(async () => {
    type Result = { violations: { id: string; impact?: string | null; nodes: { target: unknown[]; failureSummary?: string }[]; help: string }[] };
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<Result> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact ?? '', nodes: v.nodes.length, help: v.help, targets: v.nodes.slice(0, 2).map((n) => n.target.map(String).join(' ')), summary: (v.nodes[0]?.failureSummary ?? '').replace(/\s+/g, ' ').trim() }));
  });
}
