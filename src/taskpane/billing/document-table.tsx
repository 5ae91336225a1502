/**
 * The list of a Time & Billing window: a virtualized DetailsList (only the rows in view are
 * rendered, so thousands of invoices scroll smoothly) with a check column first and the
 * "done" column (Exported / Sync'd) last. Which rows are checked is the window's state.
 */
import { Checkbox, DetailsList, DetailsListLayoutMode, Icon, SelectionMode, Text, type IColumn } from '@fluentui/react';
import { useMemo } from 'react';

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
}

const LIST_HEIGHT = 420;

export function DocumentTable<T>({ label, items, getId, checked, onToggle, canCheck, checkLabel, columns, doneColumn, isDone, emptyText }: DocumentTableProps<T>) {
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
        minWidth: 54,
        maxWidth: 64,
        onRender: (item: T) =>
          isDone(item) ? (
            <span role="img" aria-label={doneColumn} title={doneColumn} data-done="true" style={{ color: '#107c10', fontSize: 16 }}>
              <Icon iconName="CheckMark" />
            </span>
          ) : null,
      },
    ],
    [columns, checked, canCheck, checkLabel, doneColumn, getId, isDone, onToggle],
  );

  return (
    <div data-is-scrollable="true" role="region" aria-label={label} style={{ height: LIST_HEIGHT, overflow: 'auto', border: '1px solid #c8c6c4', position: 'relative' }}>
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
        />
      )}
    </div>
  );
}
