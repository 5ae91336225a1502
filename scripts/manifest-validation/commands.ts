/** The commands a manifest declares: its form factors, and the controls with their actions. */
import { NS } from './namespaces';
import { versionOverrides } from './resources';
import { attr, child, descendants, xsiType, type XmlElement } from './xml-tree';

export type CommandAction =
  | { type: 'ShowTaskpane'; line: number; taskpaneId: string | undefined; sourceResid: string | undefined; sourceLine: number }
  | { type: 'ExecuteFunction'; line: number; functionName: string };

export interface Command {
  id: string;
  line: number;
  /** `Button` or `Menu` for a Control, `Item` for a menu item. */
  kind: string;
  /** Undefined for a Menu, whose items carry the actions. */
  action: CommandAction | undefined;
}

export interface FormFactor {
  element: XmlElement;
  /** The VersionOverrides Host's xsi:type, e.g. `Workbook`. */
  hostType: string;
  functionFile: { resid: string; line: number } | undefined;
  commands: Command[];
}

function readAction(el: XmlElement): CommandAction | undefined {
  const action = child(el, NS.taskpane, 'Action');
  if (!action) return undefined;
  const type = xsiType(action, NS.xsi)?.local;
  if (type === 'ExecuteFunction') {
    return { type, line: action.line, functionName: child(action, NS.taskpane, 'FunctionName')?.text.trim() ?? '' };
  }
  if (type === 'ShowTaskpane') {
    const source = child(action, NS.taskpane, 'SourceLocation');
    return {
      type,
      line: action.line,
      taskpaneId: child(action, NS.taskpane, 'TaskpaneId')?.text.trim(),
      sourceResid: source ? attr(source, 'resid')?.value : undefined,
      sourceLine: source?.line ?? action.line,
    };
  }
  return undefined;
}

export function collectFormFactors(root: XmlElement): FormFactor[] {
  const vo = versionOverrides(root);
  const hosts = vo && child(vo, NS.taskpane, 'Hosts');
  if (!hosts) return [];
  const out: FormFactor[] = [];
  for (const host of hosts.children) {
    if (host.ns !== NS.taskpane || host.local !== 'Host') continue;
    const hostType = xsiType(host, NS.xsi)?.local ?? '';
    for (const ff of host.children) {
      if (ff.ns !== NS.taskpane || (!ff.local.endsWith('FormFactor') && ff.local !== 'AllFormFactors')) continue;
      const fnFile = child(ff, NS.taskpane, 'FunctionFile');
      const commands: Command[] = [];
      for (const el of descendants(ff)) {
        if (el.ns !== NS.taskpane || (el.local !== 'Control' && el.local !== 'Item')) continue;
        const id = attr(el, 'id');
        commands.push({
          id: id?.value ?? '',
          line: el.line,
          kind: el.local === 'Item' ? 'Item' : (xsiType(el, NS.xsi)?.local ?? 'Control'),
          action: readAction(el),
        });
      }
      out.push({
        element: ff,
        hostType,
        functionFile: fnFile ? { resid: attr(fnFile, 'resid')?.value ?? '', line: fnFile.line } : undefined,
        commands,
      });
    }
  }
  return out;
}
