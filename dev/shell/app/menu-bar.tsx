/** Renders the merged menu tree (menu-tree.ts) as an Office-style menu bar. */
import { CommandBar, type ICommandBarItemProps, type IContextualMenuItem } from '@fluentui/react';
import type { MenuItem } from './menu-tree';
import { SHELL_COLORS } from './shell-theme';

export type MenuLeaf = Exclude<MenuItem, { kind: 'menu' }>;

function toContextual(item: MenuItem, onRun: (leaf: MenuLeaf) => void): IContextualMenuItem {
  if (item.kind === 'menu') {
    return { key: item.key, text: item.label, subMenuProps: { items: item.children.map((c) => toContextual(c, onRun)) } };
  }
  return { key: item.key, text: item.label, title: item.kind === 'addin' ? item.tip : undefined, onClick: () => onRun(item) };
}

/** Top-level menus of a bar, or the buttons of a record's command strip. */
export function toCommandBarItems(items: readonly MenuItem[], onRun: (leaf: MenuLeaf) => void): ICommandBarItemProps[] {
  return items.map((item) =>
    item.kind === 'menu'
      ? { key: item.key, text: item.label, subMenuProps: { items: item.children.map((c) => toContextual(c, onRun)) } }
      : { key: item.key, text: item.label, onClick: () => onRun(item) },
  );
}

export function MenuBar({ menus, onRun }: { menus: readonly MenuItem[]; onRun: (leaf: MenuLeaf) => void }) {
  return (
    <nav aria-label="Main menu">
      <CommandBar items={toCommandBarItems(menus, onRun)} styles={{ root: { padding: 0, height: 36, borderBottom: `1px solid ${SHELL_COLORS.divider}` } }} />
    </nav>
  );
}
