// CSV as spreadsheets read it (RFC 4180): quoted where needed, and text that a spreadsheet
// would run as a formula (=, +, -, @ at the start) made inert with a leading apostrophe.

export type CsvCell = string | number | boolean | null;

function cell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}

/** A header line and one line per row, each ending in `eol` (CRLF for files; a terminal takes LF). */
export function toCsv(header: string[], rows: CsvCell[][], eol = '\r\n'): string {
  return [header, ...rows].map((row) => `${row.map(cell).join(',')}${eol}`).join('');
}
