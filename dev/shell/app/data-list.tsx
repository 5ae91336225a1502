/**
 * A read-only, virtualized list of firm records with a heading and an optional toolbar. Columns
 * are justified: each gets at least its width and the room left over is shared, so a list whose
 * widths add up to less than the view never runs off its right edge. Where the view is narrower
 * (an add-in's panel open beside it on a laptop screen), the columns marked `optional` are left
 * out, in the order they say, until the rest fits, as a desktop list hides its least needed columns.
 */
import { DetailsList, DetailsListLayoutMode, SelectionMode, Text, type IColumn } from '@fluentui/react';
import { useEffect, useState, type ReactNode } from 'react';
import { SHELL_COLORS } from './shell-theme';

export interface Column<T> {
  key: string;
  name: string;
  width: number;
  /** Left out when the list is too narrow for every column: 1 first, then 2, and so on. */
  optional?: number;
  render(item: T): ReactNode;
}

/** Room Fluent's DetailsList takes beside the columns' own widths: cell padding and the scroll bar. */
const CELL_PADDING = 20;
const SCROLLBAR = 17;

/** The columns that fit in `width` px: all of them, or without optional ones, in their order. */
export function columnsThatFit<C extends { width: number; optional?: number }>(columns: readonly C[], width: number | undefined): C[] {
  if (width === undefined) return [...columns];
  const need = (cols: readonly C[]) => cols.reduce((sum, c) => sum + c.width + CELL_PADDING, SCROLLBAR);
  const droppable = columns.filter((c) => c.optional !== undefined).sort((a, b) => (a.optional ?? 0) - (b.optional ?? 0));
  let kept = [...columns];
  for (const column of droppable) {
    if (need(kept) <= width) break;
    kept = kept.filter((c) => c !== column);
  }
  return kept;
}

export function DataList<T extends { id: string }>(props: {
  title: string;
  items: T[] | undefined;
  columns: Column<T>[];
  toolbar?: ReactNode;
  onOpen?: (item: T) => void;
  error?: string;
}) {
  const [box, setBox] = useState<HTMLElement | null>(null);
  const width = useWidth(box);
  const columns: IColumn[] = columnsThatFit(props.columns, width).map((c) => ({
    key: c.key,
    name: c.name,
    minWidth: c.width,
    isResizable: true,
    onRender: (item: T) => c.render(item),
  }));
  return (
    <section ref={setBox} aria-label={props.title} style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, padding: '12px 16px 4px' }}>
        <Text as="h2" variant="xLarge" styles={{ root: { margin: 0 } }}>
          {props.title}
        </Text>
        {props.items && <Text variant="small">{props.items.length.toLocaleString('en-US')} records</Text>}
        <div style={{ flex: 1 }} />
        {props.toolbar}
      </div>
      {props.error && (
        <div role="alert" style={{ color: SHELL_COLORS.error, padding: '4px 16px' }}>
          {props.error}
        </div>
      )}
      <div style={{ flex: 1, overflow: 'auto', position: 'relative', minHeight: 0 }} data-is-scrollable="true">
        {props.items ? (
          <DetailsList
            items={props.items}
            columns={columns}
            getKey={(item: T) => item.id}
            selectionMode={SelectionMode.none}
            layoutMode={DetailsListLayoutMode.justified}
            onItemInvoked={props.onOpen}
            ariaLabelForGrid={props.title}
          />
        ) : (
          !props.error && <Text styles={{ root: { padding: 16 } }}>Loading…</Text>
        )}
      </div>
    </section>
  );
}

/** An element's width in px, kept up to date as it is resized; undefined until it is known. */
function useWidth(el: HTMLElement | null): number | undefined {
  const [width, setWidth] = useState<number>();
  useEffect(() => {
    if (!el) return undefined;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, [el]);
  return width;
}
