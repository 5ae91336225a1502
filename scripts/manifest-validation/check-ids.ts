/**
 * Ids are unique: resource ids (a resid must name exactly one resource) and the ids of tabs,
 * groups, controls, menu items and built-in menus (the shell keys its menu entries by them).
 */
import type { ManifestCheck } from './check-context';
import type { ManifestDiagnostic } from './diagnostic';
import { NS } from './namespaces';
import { versionOverrides } from './resources';
import { attr, descendants } from './xml-tree';

const COMMAND_ID_ELEMENTS = new Set(['CustomTab', 'OfficeTab', 'Group', 'Control', 'Item', 'OfficeMenu']);

export const checkIds: ManifestCheck = ({ root, resources }) => {
  const out: ManifestDiagnostic[] = [];

  const resourceSeen = new Map<string, number>();
  for (const r of resources) {
    const first = resourceSeen.get(r.id);
    if (first !== undefined) {
      out.push({ line: r.line, message: `resource id "${r.id}" is already declared on line ${first}; give each resource its own id` });
    } else {
      resourceSeen.set(r.id, r.line);
    }
  }

  const vo = versionOverrides(root);
  if (!vo) return out;
  const commandSeen = new Map<string, number>();
  for (const el of descendants(vo)) {
    if (el.ns !== NS.taskpane || !COMMAND_ID_ELEMENTS.has(el.local)) continue;
    const id = attr(el, 'id');
    if (!id) continue;
    const first = commandSeen.get(id.value);
    if (first !== undefined) {
      out.push({ line: id.line, message: `id "${id.value}" on <${el.qname}> is already used on line ${first}; tab, group, control and item ids must be unique` });
    } else {
      commandSeen.set(id.value, id.line);
    }
  }
  return out;
};
