/** What a valid manifest declares, in the few numbers a person checks after `npm run validate`. */
import type { FormFactor } from './commands';
import type { Resource } from './resources';
import { resolve } from './resources';

export interface ManifestSummary {
  /** Every Control and menu Item. */
  controls: number;
  menus: number;
  /** Distinct panel views the commands open, in manifest order. */
  views: string[];
  functions: string[];
}

export function summarize(formFactors: readonly FormFactor[], resources: readonly Resource[]): ManifestSummary {
  const views: string[] = [];
  const functions: string[] = [];
  let controls = 0;
  let menus = 0;
  for (const ff of formFactors) {
    for (const cmd of ff.commands) {
      controls++;
      if (cmd.kind === 'Menu') menus++;
      const action = cmd.action;
      if (action?.type === 'ExecuteFunction' && !functions.includes(action.functionName)) functions.push(action.functionName);
      if (action?.type === 'ShowTaskpane' && action.sourceResid !== undefined) {
        const url = resolve(resources, action.sourceResid, 'url');
        const view = url ? new URL(url.value).searchParams.get('view') : null;
        if (view && !views.includes(view)) views.push(view);
      }
    }
  }
  return { controls, menus, views, functions };
}

export function formatSummary(fileName: string, s: ManifestSummary, productChecks: number): string {
  return [
    `${fileName}: valid (schema and ${productChecks} product checks)`,
    `  controls: ${s.controls} (${s.menus} menus, ${s.controls - s.menus} commands)`,
    `  views:    ${s.views.join(', ') || '(none)'}`,
    `  functions: ${s.functions.join(', ') || '(none)'}`,
  ].join('\n');
}
