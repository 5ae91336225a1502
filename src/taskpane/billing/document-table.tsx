/**
 * The list of a Time & Billing window: a virtualized DetailsList (only the rows in view are
 * rendered, so thousands of invoices scroll smoothly) with a check column first and the
 * "done" column (Exported / Sync'd) last. Which rows are checked is the window's state.
 *
 * Why a row cannot be checked is not a column: a column is the first thing a narrow panel pushes
 * out of view. It is a line of its own under the row, the full width of the list, and the row's
 * check box names it as its description.
 */
import { Checkbox, DetailsList, DetailsListLayoutMode, Icon, SelectionMode, Text, type IColumn, type IDetailsRowProps, type IRenderFunction } from '@fluentui/react';
import { useCallback, useId, useMemo, type ReactNode } from 'react';

export interface DocumentTableProps<T> {
  /** The list's accessible name, e.g. "OfficeTools invoices". */
  label: string;
  items: readonly T[];
  getId(item: T): string;
  checked: ReadonlySet<string>;
  onToggle(id: string, on: boolean): void;
  /** False when the row cannot be checked (it says why in its own column). @defaultvalue always true */
  canCheck?(item: T): boolean;
  /** The check box's accessible name, e.g. "Check invoice 1003". */
  checkLabel(item: T): string;
  columns: IColumn[];
  doneColumn: string;
  isDone(item: T): boolean;
  /** What to say when there is nothing to list. */
  emptyText: string;
  /** A line under the row (why it cannot be checked, with its fix); nothing for most rows. */
  renderNote?(item: T): ReactNode;
}

const LIST_HEIGHT = 420;

export function DocumentTable<T>({ label, items, getId, checked, onToggle, canCheck, checkLabel, columns, doneColumn, isDone, emptyText, renderNote }: DocumentTableProps<T>) {
  const prefix = useId();
  const noteId = useCallback((item: T) => `${prefix}-note-${getId(item)}`, [prefix, getId]);

  // New column objects whenever the check marks change, so DetailsList re-renders the rows in view.
  const allColumns = useMemo<IColumn[]>(
    () => [
      {
        key: 'check',
        name: 'Check',
        isIconOnly: true,
        minWidth: 28,
        maxWidth: 28,
        onRender: (item: T) => {
          const id = getId(item);
          return (
            <Checkbox
              ariaLabel={checkLabel(item)}
              ariaDescribedBy={renderNote?.(item) ? noteId(item) : undefined}
              checked={checked.has(id)}
              disabled={canCheck ? !canCheck(item) : false}
              onChange={(_e, on) => onToggle(id, !!on)}
            />
          );
        },
      },
      ...columns,
      {
        key: 'done',
        name: doneColumn,
        // Wide enough for the whole header ("Exported", "Sync'd"): a bookkeeper looks for it by name.
        minWidth: 72,
        maxWidth: 80,
        onRender: (item: T) =>
          isDone(item) ? (
            <span role="img" aria-label={doneColumn} title={doneColumn} data-done="true" style={{ color: '#107c10', fontSize: 16 }}>
              <Icon iconName="CheckMark" />
            </span>
          ) : null,
      },
    ],
    [columns, checked, canCheck, checkLabel, doneColumn, getId, isDone, onToggle, renderNote, noteId],
  );

  const onRenderRow = useCallback<IRenderFunction<IDetailsRowProps>>(
    (props, defaultRender) => {
      if (!props || !defaultRender) return null;
      const note = renderNote?.(props.item as T);
      if (!note) return defaultRender(props);
      // The note is a grid row of its own (one cell across the columns): a grid may hold only
      // rows, and a screen reader then reads it in its place, right after the row it explains.
      return (
        <div role="presentation">
          {defaultRender(props)}
          <div role="row" data-row-note="true">
            {/* Indented past the check column, so it reads as part of the row above. */}
            <div role="gridcell" aria-colspan={allColumns.length} id={noteId(props.item as T)} style={{ padding: '0 8px 6px 48px' }}>
              {note}
            </div>
          </div>
        </div>
      );
    },
    [renderNote, noteId, allColumns.length],
  );

  // The scroll bar's room is kept even before the rows overflow: the list lays its columns out
  // in the width it measures first, and a bar that came later ran them past the right edge.
  return (
    <div data-is-scrollable="true" role="region" aria-label={label} style={{ height: LIST_HEIGHT, overflow: 'auto', scrollbarGutter: 'stable', border: '1px solid #c8c6c4', position: 'relative' }}>
      {items.length === 0 ? (
        <Text styles={{ root: { padding: 12, display: 'block', color: '#605e5c' } }}>{emptyText}</Text>
      ) : (
        <DetailsList
          items={items as T[]}
          columns={allColumns}
          getKey={(item: T) => getId(item)}
          setKey="billing"
          selectionMode={SelectionMode.none}
          layoutMode={DetailsListLayoutMode.justified}
          compact
          ariaLabelForGrid={label}
          onRenderRow={onRenderRow}
        />
      )}
    </div>
  );
}
