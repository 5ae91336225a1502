/**
 * One side of a Match tab: a search box over a virtualized list box (Fluent `List`, which only
 * renders the rows in view, so 20,000 rows cost what 40 do). Highlighting is the tab's state;
 * this component reports clicks and keys and scrolls a row into view when asked.
 */
import { List, SearchBox, Stack, Text, type IList } from '@fluentui/react';
import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import type { ClickModifiers } from './selection-click';

export interface EntityRow {
  id: string;
  name: string;
  /** Lower-case name, for search. */
  key: string;
}

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
  /** Changes whenever highlight or links change, so visible rows re-render. */
  version: object;
}

export const ROW_HEIGHT = 28;
const LIST_HEIGHT = 320;

export function EntityList({ label, rows, selected, partnerName, search, onSearch, onRowClick, scrollRequest, position, version }: EntityListProps) {
  const list = useRef<IList>(null);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!scrollRequest) return;
    const index = position.get(scrollRequest.id);
    if (index === undefined) return;
    list.current?.scrollToIndex(index, () => ROW_HEIGHT);
    // List scrolls only to pages it has measured; moving the box itself also reaches rows far below.
    if (box.current) {
      const top = index * ROW_HEIGHT;
      const el = box.current;
      if (top < el.scrollTop || top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = Math.max(0, top - el.clientHeight / 2);
    }
  }, [scrollRequest, position]);

  const onRenderCell = useCallback(
    (row?: EntityRow) => {
      if (!row) return null;
      const isSelected = selected.has(row.id);
      const partner = partnerName(row.id);
      return (
        <div
          role="option"
          aria-selected={isSelected}
          data-id={row.id}
          title={partner ? `${row.name} — linked to ${partner}` : row.name}
          onMouseDown={(e: MouseEvent) => e.shiftKey && e.preventDefault()}
          onClick={(e: MouseEvent) => onRowClick(row.id, { ctrl: e.ctrlKey || e.metaKey, shift: e.shiftKey })}
          style={{
            height: ROW_HEIGHT,
            lineHeight: `${ROW_HEIGHT}px`,
            padding: '0 8px',
            cursor: 'pointer',
            whiteSpace: 'nowrap',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            boxSizing: 'border-box',
            background: isSelected ? '#cfe4fa' : undefined,
          }}
        >
          <span>{row.name}</span>
          {partner !== undefined && <span style={{ color: '#605e5c', marginLeft: 8 }}>↔ {partner}</span>}
        </div>
      );
    },
    [selected, partnerName, onRowClick],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    if (rows.length === 0) return;
    const current = [...selected].map((id) => position.get(id)).filter((i): i is number => i !== undefined);
    const from = current.length ? (e.key === 'ArrowDown' ? Math.max(...current) : Math.min(...current)) : -1;
    const next = Math.min(rows.length - 1, Math.max(0, from + (e.key === 'ArrowDown' ? 1 : -1)));
    onRowClick(rows[next].id, { ctrl: false, shift: e.shiftKey });
  };

  const listVersion = useMemo(() => ({ version, rows }), [version, rows]);

  return (
    <Stack tokens={{ childrenGap: 4 }} styles={{ root: { flex: 1, minWidth: 0 } }}>
      <Text variant="mediumPlus">{label}</Text>
      <SearchBox placeholder={`Search ${label}`} ariaLabel={`Search ${label}`} value={search} onChange={(_e, v) => onSearch(v ?? '')} />
      <div
        ref={box}
        role="listbox"
        aria-label={label}
        aria-multiselectable
        tabIndex={0}
        onKeyDown={onKeyDown}
        data-is-scrollable="true"
        style={{ height: LIST_HEIGHT, overflowY: 'auto', border: '1px solid #c8c6c4', position: 'relative' }}
      >
        {rows.length === 0 ? (
          <Text styles={{ root: { padding: 8, display: 'block', color: '#605e5c' } }}>{search ? 'Nothing matches the search.' : 'Nothing to show.'}</Text>
        ) : (
          <List componentRef={list} items={rows as EntityRow[]} onRenderCell={onRenderCell} getKey={(r) => r.id} version={listVersion} getPageHeight={() => ROW_HEIGHT * 10} />
        )}
      </div>
    </Stack>
  );
}
