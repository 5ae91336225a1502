/** One entity as a Match tab list shows it. */
export interface EntityRow {
  id: string;
  name: string;
  /** Lower-case name, for search. */
  key: string;
}
