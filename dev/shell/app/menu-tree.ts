/**
 * The shell's menu bar: its own menus with the installed add-ins' commands merged in. A
 * manifest CustomTab whose label matches a shell menu (e.g. "Setup") joins that menu; sub-menus
 * with the same label merge too, so two add-ins can share "Setup > My Company". A tab with a
 * new label becomes its own menu, placed before Help.
 */
import type { AddinManifest, CommandAction, CommandNode } from './manifest-commands';

/** Commands the shell itself implements. */
export type ShellCommand = 'addins' | 'firmInfo' | 'reload' | 'about' | 'newContact';

export type MenuItem =
  | { kind: 'menu'; key: string; label: string; children: MenuItem[] }
  | { kind: 'shell'; key: string; label: string; command: ShellCommand }
  | { kind: 'addin'; key: string; label: string; tip?: string; addinId: string; action: CommandAction };

export interface InstalledAddin {
  /** The catalog id (what installs are stored under). */
  addinId: string;
  manifest: AddinManifest;
}

/** The shell's own menus, before any add-in joins them. */
export function shellMenus(): MenuItem[] {
  return [
    {
      kind: 'menu',
      key: 'shell:file',
      label: 'File',
      children: [
        { kind: 'shell', key: 'shell:new-contact', label: 'New Contact…', command: 'newContact' },
        { kind: 'shell', key: 'shell:reload', label: 'Refresh', command: 'reload' },
      ],
    },
    {
      kind: 'menu',
      key: 'shell:setup',
      label: 'Setup',
      children: [
        { kind: 'shell', key: 'shell:firm', label: 'Firm Information…', command: 'firmInfo' },
        { kind: 'shell', key: 'shell:addins', label: 'Add-ins…', command: 'addins' },
      ],
    },
    { kind: 'menu', key: 'shell:help', label: 'Help', children: [{ kind: 'shell', key: 'shell:about', label: 'About OfficeTools WorkSpace', command: 'about' }] },
  ];
}

function fromCommand(addinId: string, node: CommandNode): MenuItem {
  const key = `${addinId}:${node.id}`;
  if (node.kind === 'menu') return { kind: 'menu', key, label: node.label, children: node.children.map((c) => fromCommand(addinId, c)) };
  return { kind: 'addin', key, label: node.label, ...(node.tip ? { tip: node.tip } : {}), addinId, action: node.action };
}

const sameLabel = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/** Adds `incoming` to `into`, merging sub-menus of the same label; returns a new list. */
function mergeInto(into: MenuItem[], incoming: MenuItem[]): MenuItem[] {
  const out = into.map((item) => (item.kind === 'menu' ? { ...item, children: [...item.children] } : item));
  for (const item of incoming) {
    const existing = item.kind === 'menu' ? out.find((o) => o.kind === 'menu' && sameLabel(o.label, item.label)) : undefined;
    if (existing && existing.kind === 'menu' && item.kind === 'menu') {
      out[out.indexOf(existing)] = { ...existing, children: mergeInto(existing.children, item.children) };
    } else {
      out.push(item);
    }
  }
  return out;
}

export function buildMenuBar(installed: readonly InstalledAddin[], base: MenuItem[] = shellMenus()): MenuItem[] {
  let bar = base;
  for (const { addinId, manifest } of installed) {
    for (const tab of manifest.tabs) {
      const groups = tab.children.map((g) => fromCommand(addinId, g));
      const target = bar.find((m) => m.kind === 'menu' && sameLabel(m.label, tab.label));
      if (target && target.kind === 'menu') {
        bar = bar.map((m) => (m === target ? { ...target, children: mergeInto(target.children, groups) } : m));
      } else {
        const help = bar.findIndex((m) => sameLabel(m.label, 'Help'));
        const menu: MenuItem = { kind: 'menu', key: `${addinId}:${tab.id}`, label: tab.label, children: groups };
        bar = help < 0 ? [...bar, menu] : [...bar.slice(0, help), menu, ...bar.slice(help)];
      }
    }
  }
  return bar;
}

/** The installed add-ins' commands for the record in view (an OfficeMenu such as ContextMenuCell). */
export function recordCommands(installed: readonly InstalledAddin[], officeMenuId = 'ContextMenuCell'): MenuItem[] {
  return installed.flatMap(({ addinId, manifest }) => (manifest.contextMenus[officeMenuId] ?? []).map((node) => fromCommand(addinId, node)));
}
