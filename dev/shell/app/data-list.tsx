/**
 * A read-only, virtualized list of firm records with a heading and an optional toolbar. Columns
 * are justified: each gets at least its width and the room left over is shared, so a list whose
 * widths add up to less than the view never runs off its right edge.
 */
import { DetailsList, DetailsListLayoutMode, SelectionMode, Text, type IColumn } from '@fluentui/react';
import type { ReactNode } from 'react';
import { SHELL_COLORS } from './shell-theme';

export interface Column<T> {
  key: string;
  name: string;
  width: number;
  render(item: T): ReactNode;
}

export function DataList<T extends { id: string }>(props: {
  title: string;
  items: T[] | undefined;
  columns: Column<T>[];
  toolbar?: ReactNode;
  onOpen?: (item: T) => void;
  error?: string;
}) {
  const columns: IColumn[] = props.columns.map((c) => ({
    key: c.key,
    name: c.name,
    minWidth: c.width,
    isResizable: true,
    onRender: (item: T) => c.render(item),
  }));
  return (
    <section aria-label={props.title} style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
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
