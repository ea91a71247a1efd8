/**
 * Rows as CSV (RFC 4180: a header row, CRLF line ends, fields quoted where needed):
 * numbers with a decimal point, no grouping and no exponent, so any program reads them
 * the same way whatever the interface language. Callers write dates as ISO 8601.
 */
export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => string | number | boolean | null;
}

export function toCsv<Row>(rows: Row[], columns: CsvColumn<Row>[]): string {
  const lines = [columns.map((c) => field(c.header)), ...rows.map((row) => columns.map((c) => field(c.value(row))))];
  return `${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}

function field(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? plainNumber(value) : String(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * 1234.5 as "1234.5", and 1e-7 as "0.0000001" rather than JavaScript's "1e-7", which
 * spreadsheets in some languages read as text. NaN and Infinity stay as written (R, pandas
 * and DuckDB read them back).
 */
export function plainNumber(value: number): string {
  const text = String(value);
  if (!Number.isFinite(value)) return text;
  if (!/e/i.test(text)) return text;
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 100 });
}
