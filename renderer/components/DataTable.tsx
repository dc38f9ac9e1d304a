// A table of records as the views draw one (`table.data`): a header row whose every column has a
// title — one shown to screen readers only where the column holds a row's buttons — and a row per
// record. Given `choose`, the table is also a keyboard list: it sits in a focusable group named
// for its keys (the view's `data-keys-home`), ↑/↓/Home/End choose a row, Enter opens the chosen
// row and Delete/Backspace removes it; a click on a row chooses it, and the chosen row is marked.

export interface Column<Row> {
  /** The column's title; with `hiddenTitle`, for screen readers only (a column of buttons). */
  title: string;
  hiddenTitle?: boolean;
  cell: (row: Row) => React.ReactNode;
  /** The cell's class, the same for every row or per row. */
  className?: string | ((row: Row) => string | undefined);
  /** The cell names its row (`<th scope="row">`). */
  rowHeader?: boolean;
}

export interface Choosing<Row> {
  /** The chosen row's key, if any. */
  chosen: string | null;
  onChoose: (row: Row) => void;
  /** Enter on the chosen row. */
  onOpen?: (row: Row) => void;
  /** Delete or Backspace on the chosen row. */
  onRemove?: (row: Row) => void;
  /** The group's name, saying its keys. */
  label: string;
  /** The group's class (its frame). */
  className?: string;
}

interface Props<Row> {
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** `false` leaves a column out (one shown only sometimes). */
  columns: readonly (Column<Row> | false)[];
  /** Classes besides `data`. */
  className?: string;
  label?: string;
  rowTestId?: (row: Row) => string;
  choose?: Choosing<Row>;
}

export function DataTable<Row>({
  rows,
  rowKey,
  columns,
  className,
  label,
  rowTestId,
  choose,
}: Props<Row>): React.JSX.Element {
  const shown = columns.filter((c): c is Column<Row> => c !== false);
  const table = (
    <table className={className ? `data ${className}` : 'data'} aria-label={label}>
      <thead>
        <tr>
          {shown.map((c) => (
            <th key={c.title} scope="col">
              {c.hiddenTitle ? <span className="sr-only">{c.title}</span> : c.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const key = rowKey(row);
          return (
            <tr
              key={key}
              className={choose && key === choose.chosen ? 'chosen' : undefined}
              data-testid={rowTestId?.(row)}
              onClick={choose ? () => choose.onChoose(row) : undefined}
            >
              {shown.map((c) => {
                const cellClass = typeof c.className === 'function' ? c.className(row) : c.className;
                return c.rowHeader ? (
                  <th key={c.title} scope="row" className={cellClass}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.title} className={cellClass}>
                    {c.cell(row)}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
  if (!choose) return table;
  return (
    <div
      className={choose.className}
      tabIndex={0}
      data-keys-home
      role="group"
      aria-label={choose.label}
      onKeyDown={(event) => chooseByKey(event, rows, rowKey, choose)}
    >
      {table}
    </div>
  );
}

function chooseByKey<Row>(
  event: React.KeyboardEvent,
  rows: readonly Row[],
  rowKey: (row: Row) => string,
  choose: Choosing<Row>,
): void {
  // Enter on a button in a row is the button's.
  if ((event.target as HTMLElement).tagName === 'BUTTON' && event.key === 'Enter') return;
  const at = rows.findIndex((row) => rowKey(row) === choose.chosen);
  const current = rows[at];
  let next: Row | undefined;
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    next = rows[Math.max(0, Math.min(rows.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)))];
  } else if (event.key === 'Home' || event.key === 'End') {
    next = event.key === 'Home' ? rows[0] : rows.at(-1);
  } else if (event.key === 'Enter' && current && choose.onOpen) {
    event.preventDefault();
    choose.onOpen(current);
    return;
  } else if ((event.key === 'Delete' || event.key === 'Backspace') && current && choose.onRemove) {
    event.preventDefault();
    choose.onRemove(current);
    return;
  } else {
    return;
  }
  event.preventDefault();
  if (next) choose.onChoose(next);
}
