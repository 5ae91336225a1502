/**
 * One side of a Match tab: a search box over a virtualized list box. Every row is ROW_HEIGHT
 * high, so which rows are in view is arithmetic on scrollTop: no measuring, no page cache, and
 * no debounced catch-up after a scroll (Fluent's List re-measured and rebuilt its 2,000 pages
 * on every highlight and drew a far partner only after its scroll debounce). Rows are memoized
 * and get only what they show, so a click re-renders the rows whose highlight changed.
 * Highlighting is the tab's state; this component reports clicks and keys and scrolls a row
 * into view when asked.
 *
 * Keyboard (a multi-select list box, as in ARIA's practices): the arrows, Home, End, Page Up and
 * Page Down move the focus row (aria-activedescendant: focus stays on the list box, so a
 * virtualized row that scrolls away takes nothing with it); Space highlights the focus row as a
 * click would, Ctrl+Space adds or removes it, Shift+Space or Shift+arrow highlights the range.
 */
import { mergeStyles, SearchBox, Stack, Text, useTheme, type Theme } from '@fluentui/react';
import { memo, useCallback, useId, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent, type UIEvent } from 'react';
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

/** The colours a row takes from the panel's theme (light, dark or high contrast). */
interface RowClasses {
  partner: string;
  selected: string;
  focused: string;
  box: string;
}

function rowClasses(theme: Theme): RowClasses {
  const { palette, semanticColors } = theme;
  return {
    partner: mergeStyles({ color: semanticColors.bodySubtext, marginLeft: 8 }),
    selected: mergeStyles({
      background: semanticColors.listItemBackgroundChecked,
      color: semanticColors.bodyText,
      // Windows high contrast and forced colours: the system's own highlight pair.
      '@media (forced-colors: active)': { background: 'Highlight', color: 'HighlightText', forcedColorAdjust: 'none' },
    }),
    focused: mergeStyles({ outline: `2px solid ${palette.themePrimary}`, outlineOffset: '-2px', '@media (forced-colors: active)': { outline: '2px solid CanvasText' } }),
    box: mergeStyles({ border: `1px solid ${semanticColors.inputBorder}`, background: semanticColors.bodyBackground, color: semanticColors.bodyText }),
  };
}

const BOX_STYLE: CSSProperties = { height: LIST_HEIGHT, overflowY: 'auto', position: 'relative', overflowAnchor: 'none' };

interface RowProps {
  row: EntityRow;
  index: number;
  count: number;
  selected: boolean;
  /** The keyboard's focus row (aria-activedescendant points at it). */
  focused: boolean;
  domId: string;
  partner: string | undefined;
  classes: RowClasses;
  onClick(id: string, mods: ClickModifiers): void;
}

const Row = memo(function Row({ row, index, count, selected, focused, domId, partner, classes, onClick }: RowProps) {
  let className = ROW_CLASS;
  if (selected) className += ` ${classes.selected}`;
  if (focused) className += ` ${classes.focused}`;
  return (
    <div
      id={domId}
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={count}
      data-id={row.id}
      title={partner ? `${row.name} — linked to ${partner}` : row.name}
      onMouseDown={(e: MouseEvent) => e.shiftKey && e.preventDefault()}
      onClick={(e: MouseEvent) => onClick(row.id, { ctrl: e.ctrlKey || e.metaKey, shift: e.shiftKey })}
      data-focused={focused || undefined}
      className={className}
      style={{ top: index * ROW_HEIGHT }}
    >
      <span>{row.name}</span>
      {partner !== undefined && <span className={classes.partner}>↔ {partner}</span>}
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

  // The keyboard's focus row; kept while it is still listed, else it starts again from the highlight.
  const [focusId, setFocusId] = useState<string | undefined>(undefined);
  const [hasFocus, setHasFocus] = useState(false);
  const focusIndex = focusId === undefined ? undefined : position.get(focusId);
  const domPrefix = useId();
  const domId = useCallback((id: string) => `${domPrefix}-row-${id}`, [domPrefix]);
  const theme = useTheme();
  const classes = useMemo(() => rowClasses(theme), [theme]);

  /** Where the keys start from: the focus row, else the first highlighted row, else nothing. */
  const startIndex = (): number | undefined => {
    if (focusIndex !== undefined) return focusIndex;
    const current = [...selected].map((id) => position.get(id)).filter((i): i is number => i !== undefined);
    return current.length ? Math.min(...current) : undefined;
  };

  const moveFocus = (index: number, extend: boolean) => {
    const next = Math.min(rows.length - 1, Math.max(0, index));
    const id = rows[next].id;
    setFocusId(id);
    const el = box.current;
    if (el) {
      const top = next * ROW_HEIGHT;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
      setScrollTop(el.scrollTop);
    }
    if (extend) onRowClick(id, { ctrl: false, shift: true });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || rows.length === 0) return;
    const from = startIndex();
    const page = Math.max(1, Math.floor(LIST_HEIGHT / ROW_HEIGHT) - 1);
    switch (e.key) {
      case 'ArrowDown':
        moveFocus(from === undefined ? 0 : from + 1, e.shiftKey);
        break;
      case 'ArrowUp':
        moveFocus(from === undefined ? 0 : from - 1, e.shiftKey);
        break;
      case 'PageDown':
        moveFocus((from ?? 0) + page, e.shiftKey);
        break;
      case 'PageUp':
        moveFocus((from ?? 0) - page, e.shiftKey);
        break;
      case 'Home':
        moveFocus(0, e.shiftKey);
        break;
      case 'End':
        moveFocus(rows.length - 1, e.shiftKey);
        break;
      case ' ': {
        const index = from ?? 0;
        setFocusId(rows[index].id);
        onRowClick(rows[index].id, { ctrl: e.ctrlKey || e.metaKey, shift: e.shiftKey });
        break;
      }
      default:
        return;
    }
    e.preventDefault();
  };

  // A click also moves the keyboard's focus row, so the arrows go on from where the mouse was.
  const onMouseClickCapture = (e: MouseEvent<HTMLDivElement>) => {
    const id = (e.target as HTMLElement).closest<HTMLElement>('[role="option"]')?.dataset.id;
    if (id !== undefined) setFocusId(id);
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const end = Math.min(rows.length, Math.ceil((scrollTop + LIST_HEIGHT) / ROW_HEIGHT) + OVERSCAN);
  const drawn = [];
  for (let i = first; i < end; i++) {
    const row = rows[i];
    drawn.push(
      <Row
        key={row.id}
        row={row}
        index={i}
        count={rows.length}
        selected={selected.has(row.id)}
        focused={hasFocus && i === focusIndex}
        domId={domId(row.id)}
        partner={partnerName(row.id)}
        classes={classes}
        onClick={onClick}
      />,
    );
  }

  return (
    <Stack tokens={{ childrenGap: 4 }} styles={{ root: { flex: 1, minWidth: 0 } }}>
      <ListHeader label={label} search={search} onSearch={onSearch} />
      <div
        ref={box}
        role="listbox"
        aria-label={label}
        aria-multiselectable
        aria-activedescendant={focusIndex !== undefined && focusId !== undefined ? domId(focusId) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={() => setHasFocus(true)}
        onBlur={() => setHasFocus(false)}
        onClickCapture={onMouseClickCapture}
        onScroll={onScroll}
        className={classes.box}
        style={BOX_STYLE}
      >
        {rows.length === 0 ? (
          <Text styles={{ root: { padding: 8, display: 'block', color: theme.semanticColors.bodySubtext } }}>{search ? 'Nothing matches the search.' : 'Nothing to show.'}</Text>
        ) : (
          <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>{drawn}</div>
        )}
      </div>
    </Stack>
  );
}
