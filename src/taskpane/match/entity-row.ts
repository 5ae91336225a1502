/** One entity as a Match tab list shows it. */
export interface EntityRow {
  id: string;
  name: string;
  /** The name folded for sorting and search (list-view.ts rowKey). */
  key: string;
}
