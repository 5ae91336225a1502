/**
 * How a click changes a list's highlight, as in a desktop list box: a plain click highlights
 * one row, Ctrl (⌘ on a Mac) adds or removes one, Shift highlights the range from the last
 * plainly clicked row. Positions come from a Map, never from scanning the list.
 */
export interface ListSelection {
  ids: ReadonlySet<string>;
  /** The row Shift ranges start from. */
  anchor?: string;
}

export interface ClickModifiers {
  ctrl: boolean;
  shift: boolean;
}

export const EMPTY_SELECTION: ListSelection = { ids: new Set() };

export function clickSelection(
  current: ListSelection,
  id: string,
  mods: ClickModifiers,
  visibleIds: readonly string[],
  position: ReadonlyMap<string, number>,
): ListSelection {
  if (mods.shift && current.anchor !== undefined && position.has(current.anchor)) {
    const a = position.get(current.anchor) ?? 0;
    const b = position.get(id) ?? a;
    const [from, to] = a <= b ? [a, b] : [b, a];
    const ids = new Set(mods.ctrl ? current.ids : []);
    for (let i = from; i <= to; i++) ids.add(visibleIds[i]);
    return { ids, anchor: current.anchor };
  }
  if (mods.ctrl) {
    const ids = new Set(current.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { ids, anchor: id };
  }
  return { ids: new Set([id]), anchor: id };
}
