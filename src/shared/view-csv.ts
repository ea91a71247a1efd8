import { toCsv, type CsvColumn } from './table-csv.ts';
import { isIndicatorView, type ViewSpec } from './view-spec.ts';
import { columnHeader, contextColumns, isoDay, labelColumns, NOT_RECORDED, type AnswerRow, type Cell, type ViewTableInput } from './view-table.ts';

/**
 * A view's answer as a CSV file that stands alone: it says which dataset (and version) the
 * values come from, what they are (the indicator, or the person-level view, dimension,
 * instrument and follow-up), in what unit and transform, whether they are synthetic, and
 * below what count they were suppressed. Pure, so the table tab's download and a headless
 * export write the same bytes.
 *
 * - RFC 4180, UTF-8, numbers with a decimal point and no grouping, days as ISO 8601;
 *   codes (country, status, transform) as the data package and the spec have them, with
 *   names beside them in the reader's language; headers in the reader's language.
 * - Every column the engine answers is written, those Sprig does not know yet included
 *   (under their raw name until a translation names them).
 * - It starts with a byte order mark. Excel, which many co-authors open CSV files with,
 *   reads a UTF-8 file without one in the computer's legacy code page, turning "Αγγλία",
 *   "≈" and "–" into mojibake; R (readr, data.table), pandas, DuckDB and LibreOffice all
 *   skip the mark. Python's csv module with encoding "utf-8" keeps it on the first header
 *   ("utf-8-sig" reads it), a smaller cost than a garbled table in the commonest reader.
 */
export const BYTE_ORDER_MARK = '\uFEFF';

export interface CsvOptions {
  /** Defaults to true; see above. */
  byteOrderMark?: boolean;
}

/** The file's columns in order: each engine column (with a name beside a code), then the view's context. */
export function viewCsvColumns(input: ViewTableInput): CsvColumn<AnswerRow>[] {
  const { answer, t } = input;
  const labels = labelColumns(input);
  const columns: CsvColumn<AnswerRow>[] = [];
  for (const column of answer.columns) {
    const isDate = answer.dateColumns.has(column);
    columns.push({ header: columnHeader(column, t), value: (r) => cellValue(r[column] ?? null, isDate) });
    for (const label of labels.filter((l) => l.after === column)) columns.push({ header: columnHeader(label.column, t), value: label.value });
  }
  for (const context of contextColumns(input)) columns.push({ header: columnHeader(context.column, t), value: () => context.value });
  return columns;
}

function cellValue(value: Cell, isDate: boolean): Cell {
  return isDate && typeof value === 'number' ? isoDay(value) : value;
}

export function viewCsv(input: ViewTableInput, options: CsvOptions = {}): string {
  const csv = toCsv(input.answer.rows, viewCsvColumns(input));
  return options.byteOrderMark === false ? csv : `${BYTE_ORDER_MARK}${csv}`;
}

/** Lower-case letters, digits and hyphens only: safe on every file system and in every shell. */
function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const MAX_NAME = 120;

/**
 * A file name that says what the file holds: dataset, view, indicator (or dimension, or
 * instrument and follow-up), transform, and any filter, joined by underscores, e.g.
 * `sprig-demo_trend_link-worker-fte-nwrs_per100k.csv`.
 */
export function viewCsvFileName(spec: ViewSpec): string {
  const parts: string[] = [spec.dataset, spec.view];
  if (isIndicatorView(spec)) {
    parts.push(spec.indicator);
    if (spec.view === 'slope') parts.push(`${spec.from} to ${spec.to}`);
    parts.push(spec.transform === 'indexed' && spec.indexBase ? `indexed ${spec.indexBase}` : spec.transform);
  } else if (spec.view === 'breakdown') {
    parts.push(spec.dimension);
  } else if (spec.view === 'outcome') {
    parts.push(spec.instrument, spec.followUp);
  }
  const { category, from, to } = spec.filters;
  if (category) parts.push(`${category.dimension} ${category.value ?? NOT_RECORDED}`);
  if (from || to) parts.push(`${from ?? ''} to ${to ?? ''}`);
  const name = parts.map(slug).filter(Boolean).join('_').slice(0, MAX_NAME).replace(/[-_]+$/, '');
  return `${name || 'sprig'}.csv`;
}
