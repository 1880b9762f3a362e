// One table markup for every list page (wrapper, headers, a row per item), so pages only say their columns.
import type { ReactNode } from "react";

export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** The cells' class, the same in every row or chosen per row. */
  className?: string | ((row: T) => string);
  /** The cell names its row (`<th scope="row">`). */
  rowHeader?: boolean;
}

export function DataTable<T>({
  rows,
  rowKey,
  columns,
  empty,
  className,
  caption,
  scoped,
  rowData,
  children,
}: {
  rows: readonly T[];
  rowKey: (row: T) => string;
  columns: Column<T>[];
  /** Shown (muted) instead of the table when there are no rows; without it the table shows with no rows. */
  empty?: ReactNode;
  className?: string;
  /** A caption for screen readers only. */
  caption?: string;
  /** Column headers carry `scope="col"`. */
  scoped?: boolean;
  /** data-* attributes of each row. */
  rowData?: (row: T) => Record<`data-${string}`, string>;
  /** Shown under the table when it has rows (e.g. the pager). */
  children?: ReactNode;
}) {
  if (rows.length === 0 && empty !== undefined) return <p className="muted">{empty}</p>;
  return (
    <>
      <div className="table-wrap">
        <table className={className}>
          {caption && <caption className="visually-hidden">{caption}</caption>}
          <thead>
            <tr>
              {columns.map((c, i) => (
                <th key={i} scope={scoped ? "col" : undefined}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={rowKey(r)} {...rowData?.(r)}>
                {columns.map((c, i) => {
                  const cls = typeof c.className === "function" ? c.className(r) : c.className;
                  return c.rowHeader ? (
                    <th key={i} scope="row" className={cls}>
                      {c.cell(r)}
                    </th>
                  ) : (
                    <td key={i} className={cls}>
                      {c.cell(r)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {children}
    </>
  );
}
