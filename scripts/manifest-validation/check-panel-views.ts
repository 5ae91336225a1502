/**
 * Every URL that opens the panel names a view the panel knows (`?view=`, one of PANEL_VIEWS),
 * so that a menu command can never land on a blank or wrong panel.
 */
import { PANEL_VIEWS, isPanelView } from '../../src/sync/host/protocol';
import type { ManifestCheck } from './check-context';
import type { ManifestDiagnostic } from './diagnostic';
import { NS } from './namespaces';
import { resolve } from './resources';
import { attr, child } from './xml-tree';

function viewProblem(url: string, subject: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined; // reported by the URL check
  }
  const view = parsed.searchParams.get('view');
  const known = PANEL_VIEWS.join(', ');
  if (view === null) return `${subject} opens "${url}" without ?view=; add ?view= with one of: ${known}`;
  if (!isPanelView(view)) return `${subject} opens the panel at view "${view}", which the panel does not have; use one of: ${known}`;
  return undefined;
}

export const checkPanelViews: ManifestCheck = ({ root, resources, formFactors }) => {
  const out: ManifestDiagnostic[] = [];
  const settings = child(root, NS.app, 'DefaultSettings');
  const source = settings && child(settings, NS.app, 'SourceLocation');
  const value = source && attr(source, 'DefaultValue');
  if (value) {
    const problem = viewProblem(value.value, 'DefaultSettings/SourceLocation');
    if (problem) out.push({ line: value.line, message: problem });
  }
  for (const ff of formFactors) {
    for (const cmd of ff.commands) {
      if (cmd.action?.type !== 'ShowTaskpane' || cmd.action.sourceResid === undefined) continue;
      const url = resolve(resources, cmd.action.sourceResid, 'url');
      if (!url) continue; // reported by the resid check
      const problem = viewProblem(url.value, `"${cmd.id}" (resid "${url.id}")`);
      if (problem) out.push({ line: url.valueLine, message: problem });
    }
  }
  return out;
};
