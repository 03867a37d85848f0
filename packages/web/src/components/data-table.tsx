import type { ReactNode } from "react";
import { ariaSort, SortButton, type SortState } from "./sort-button";

export type Column<T> = {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  className?: string;
  /** Visually hidden header text, for action columns. */
  hiddenHeader?: boolean;
  /** The header sorts by this column (the table's owner does the sorting). */
  sortable?: boolean;
};

type DataTableProps<T> = {
  caption: string;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  rowClassName?: (row: T) => string | undefined;
  sort?: SortState;
  onSort?: (key: string) => void;
};

/** A plain, accessible table: a caption for screen readers, header cells with scope. */
export function DataTable<T>({ caption, columns, rows, rowKey, rowClassName, sort, onSort }: DataTableProps<T>) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={column.className}
                aria-sort={column.sortable ? ariaSort(sort, column.key) : undefined}
              >
                {column.hiddenHeader ? (
                  <span className="visually-hidden">{column.header}</span>
                ) : column.sortable && onSort ? (
                  <SortButton label={column.header} columnKey={column.key} sort={sort} onSort={onSort} />
                ) : (
                  column.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)}>
              {columns.map((column) => (
                <td key={column.key} className={column.className}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
