/**
 * One side of a Match tab: a search box over a virtualized list box. Every row is ROW_HEIGHT
 * high, so which rows are in view is arithmetic on scrollTop: no measuring, no page cache, and
 * no debounced catch-up after a scroll (Fluent's List re-measured and rebuilt its 2,000 pages
 * on every highlight and drew a far partner only after its scroll debounce). Rows are memoized
 * and get only what they show, so a click re-renders the rows whose highlight changed.
 * Highlighting is the tab's state; this component reports clicks and keys and scrolls a row
 * into view when asked.
 */
import { mergeStyles, SearchBox, Stack, Text } from '@fluentui/react';
import { memo, useCallback, useLayoutEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent, type UIEvent } from 'react';
import type { EntityRow } from './entity-row';
import type { ClickModifiers } from './selection-click';

export type { EntityRow } from './entity-row';

export interface EntityListProps {
  /** e.g. "OfficeTools contacts"; the list box's accessible name. */
  label: string;
  rows: readonly EntityRow[];
  selected: ReadonlySet<string>;
  /** The linked partner's name of a row, if linked. */
  partnerName(id: string): string | undefined;
  search: string;
  onSearch(text: string): void;
  onRowClick(id: string, mods: ClickModifiers): void;
  /** Scroll this row into view when the request object changes. */
  scrollRequest?: { id: string };
  /** Row positions in `rows`, kept by the tab for the clicks' sake. */
  position: ReadonlyMap<string, number>;
}

export const ROW_HEIGHT = 28;
const LIST_HEIGHT = 320;
/** Rows drawn beyond each edge of the box, so a quick scroll shows rows before React re-renders. */
const OVERSCAN = 12;

// Classes rather than inline styles: a row drawn while scrolling sets two style properties, not twelve.
const ROW_CLASS = mergeStyles({
  position: 'absolute',
  left: 0,
  right: 0,
  height: ROW_HEIGHT,
  lineHeight: `${ROW_HEIGHT}px`,
  padding: '0 8px',
  cursor: 'pointer',
  whiteSpace: 'nowrap',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  boxSizing: 'border-box',
});
const PARTNER_CLASS = mergeStyles({ color: '#605e5c', marginLeft: 8 });
const BOX_STYLE: CSSProperties = { height: LIST_HEIGHT, overflowY: 'auto', border: '1px solid #c8c6c4', position: 'relative', overflowAnchor: 'none' };

interface RowProps {
  row: EntityRow;
  index: number;
  count: number;
  selected: boolean;
  partner: string | undefined;
  onClick(id: string, mods: ClickModifiers): void;
}

const Row = memo(function Row({ row, index, count, selected, partner, onClick }: RowProps) {
  return (
    <div
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={count}
      data-id={row.id}
      title={partner ? `${row.name} — linked to ${partner}` : row.name}
      onMouseDown={(e: MouseEvent) => e.shiftKey && e.preventDefault()}
      onClick={(e: MouseEvent) => onClick(row.id, { ctrl: e.ctrlKey || e.metaKey, shift: e.shiftKey })}
      className={ROW_CLASS}
      style={{ top: index * ROW_HEIGHT, background: selected ? '#cfe4fa' : undefined }}
    >
      <span>{row.name}</span>
      {partner !== undefined && <span className={PARTNER_CLASS}>↔ {partner}</span>}
    </div>
  );
});

/** The title and search box, which a highlight does not change. */
const ListHeader = memo(function ListHeader({ label, search, onSearch }: Pick<EntityListProps, 'label' | 'search' | 'onSearch'>) {
  return (
    <>
      <Text variant="mediumPlus">{label}</Text>
      <SearchBox placeholder={`Search ${label}`} ariaLabel={`Search ${label}`} value={search} onChange={(_e, v) => onSearch(v ?? '')} />
    </>
  );
});

export function EntityList({ label, rows, selected, partnerName, search, onSearch, onRowClick, scrollRequest, position }: EntityListProps) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);

  // Rows get one click handler for the list's lifetime, so a new handler from the tab (it
  // changes with every highlight) does not re-render them.
  const latestClick = useRef(onRowClick);
  useLayoutEffect(() => {
    latestClick.current = onRowClick;
  });
  const onClick = useCallback((id: string, mods: ClickModifiers) => latestClick.current(id, mods), []);

  const onScroll = useCallback((e: UIEvent<HTMLDivElement>) => setScrollTop(e.currentTarget.scrollTop), []);

  // A shorter list may have clamped the box's scrollTop without a scroll event reaching React yet.
  useLayoutEffect(() => {
    if (box.current) setScrollTop(box.current.scrollTop);
  }, [rows]);

  // Before paint: the row asked for is drawn in the same frame as the highlight that asked.
  useLayoutEffect(() => {
    if (!scrollRequest) return;
    const index = position.get(scrollRequest.id);
    const el = box.current;
    if (index === undefined || !el) return;
    const top = index * ROW_HEIGHT;
    if (top < el.scrollTop || top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = Math.max(0, top - el.clientHeight / 2);
    setScrollTop(el.scrollTop);
  }, [scrollRequest, position]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    if (rows.length === 0) return;
    const current = [...selected].map((id) => position.get(id)).filter((i): i is number => i !== undefined);
    const from = current.length ? (e.key === 'ArrowDown' ? Math.max(...current) : Math.min(...current)) : -1;
    const next = Math.min(rows.length - 1, Math.max(0, from + (e.key === 'ArrowDown' ? 1 : -1)));
    onRowClick(rows[next].id, { ctrl: false, shift: e.shiftKey });
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const end = Math.min(rows.length, Math.ceil((scrollTop + LIST_HEIGHT) / ROW_HEIGHT) + OVERSCAN);
  const drawn = [];
  for (let i = first; i < end; i++) {
    const row = rows[i];
    drawn.push(<Row key={row.id} row={row} index={i} count={rows.length} selected={selected.has(row.id)} partner={partnerName(row.id)} onClick={onClick} />);
  }

  return (
    <Stack tokens={{ childrenGap: 4 }} styles={{ root: { flex: 1, minWidth: 0 } }}>
      <ListHeader label={label} search={search} onSearch={onSearch} />
      <div ref={box} role="listbox" aria-label={label} aria-multiselectable tabIndex={0} onKeyDown={onKeyDown} onScroll={onScroll} style={BOX_STYLE}>
        {rows.length === 0 ? (
          <Text styles={{ root: { padding: 8, display: 'block', color: '#605e5c' } }}>{search ? 'Nothing matches the search.' : 'Nothing to show.'}</Text>
        ) : (
          <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>{drawn}</div>
        )}
      </div>
    </Stack>
  );
}
