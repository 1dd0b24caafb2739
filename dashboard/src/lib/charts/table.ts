/** A column of a table of rows (the tables beside the charts, the drill-through panel). */
export interface TableColumn<Row> {
  label: string;
  /** The cell's text. */
  value: (row: Row) => string;
  /** Makes the cell a link. */
  href?: (row: Row) => string | null;
  numeric?: boolean;
  /** The cell in the downloads: the number or ISO day itself (68.65, "2025-09-16"), not its text; by default `value`. */
  raw?: (row: Row) => string | number | null;
}
