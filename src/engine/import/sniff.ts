import type { ImportColumn, ShapeFinding, SniffFinding, CountryFinding } from '../../shared/import/answers.ts';
import type { DateOrder, ImportFieldType, ImportRecipePartial } from '../../shared/import/recipe.ts';
import { matchCountry } from '../../shared/mapping/country-matcher.ts';
import { guessPeriodKind, parsePeriod, type PeriodKind } from '../../shared/mapping/periods.ts';
import { firstRecordEnd, type CsvDialect } from '../csv-text.ts';
import { importRefused } from './import-errors.ts';

/**
 * What a UTF-8 text says about itself, read from its first megabytes: the delimiter, the
 * header line (the first whose cell count is the count most lines have; the lines above it
 * are titles, skipped and shown), each column's type over the sample, the decimal and
 * thousands separators, the date format (and whether 01/02/2023 could be either order),
 * missing-value markers, periods as column names and the country column. DuckDB's
 * `sniff_csv` is asked for the quote and escape on the lines from the header down
 * (src/engine/import/import-db.ts); the rest is here, so each choice is shown and can be
 * overridden in the recipe.
 */

/** Most columns an import takes (a wider header is refused, not read). */
export const MAX_COLUMNS = 5000;
const DELIMITERS = [',', ';', '\t', '|'];
/** Texts partners use for "no value", found in columns that are otherwise numbers or dates. */
export const MISSING_MARKERS = ['k.A.', 'k. A.', 'n/a', 'N/A', 'n.a.', 'n.v.', '..', '...', '–', '—', '-', ':', 'x', '*', 'NaN', 'null', 'NULL', '.'];

export interface TextRecord {
  cells: string[];
  /** Its first line in the file (1-based). */
  line: number;
  /** The record as written (for skipped title lines), shortened. */
  text: string;
}

/** Records of a text in this dialect, each with its line; stops at `max` records, or where the sample ends mid-record. */
export function textRecords(text: string, dialect: CsvDialect, complete: boolean, max = 100_000): TextRecord[] {
  const out: TextRecord[] = [];
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (pos < text.length && out.length < max) {
    const rest = text.slice(pos);
    const record = firstRecordEnd(rest, dialect, complete);
    if (!record) break;
    const raw = rest.slice(0, record.end);
    out.push({ cells: record.cells, line, text: raw.replace(/[\r\n]+$/, '').slice(0, 500) });
    line += (raw.match(/\r\n|\r|\n/g) ?? []).length;
    pos += record.end;
  }
  return out;
}

const isBlankRecord = (r: TextRecord) => r.cells.length === 1 && r.cells[0]!.trim() === '';

/** The delimiter whose cell count is the same (and above one) on most of the first lines. */
export function guessDelimiter(text: string, quote: string): string {
  let best = { delimiter: ',', score: -1 };
  for (const delimiter of DELIMITERS) {
    const records = textRecords(text, { delimiter, quoteChar: quote, escapeChar: quote, header: true, skipInitialSpace: false }, false, 200).filter((r) => !isBlankRecord(r));
    const { count, lines } = modalCount(records);
    const score = count > 1 ? lines * Math.log2(count + 1) : 0;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

function modalCount(records: TextRecord[]): { count: number; lines: number } {
  const counts = new Map<number, number>();
  for (const r of records) counts.set(r.cells.length, (counts.get(r.cells.length) ?? 0) + 1);
  let best = { count: 1, lines: 0 };
  for (const [count, lines] of counts) if (lines > best.lines || (lines === best.lines && count > best.count)) best = { count, lines };
  return best;
}

/**
 * The header line: the first non-blank record with as many cells as most records have and
 * more than one of them filled (a title in a sheet's merged first row fills one), and not
 * one of the lines said to be titles. 0 when none stands out.
 */
export function guessHeaderRow(records: TextRecord[], titleLines: number[] = []): number {
  const nonBlank = records.filter((r) => !isBlankRecord(r) && !titleLines.includes(r.line));
  const { count } = modalCount(nonBlank.slice(0, 200));
  const filled = (r: TextRecord) => r.cells.filter((c) => c.trim() !== '').length;
  const header = nonBlank.find((r) => r.cells.length === count && filled(r) >= Math.min(2, count));
  return header?.line ?? 0;
}

export function columnLabels(cells: string[]): { labels: string[]; renamed: { from: string; to: string }[] } {
  if (cells.length > MAX_COLUMNS) throw importRefused('too-many-columns', `${cells.length} columns, at most ${MAX_COLUMNS}`, { count: cells.length, max: MAX_COLUMNS });
  const seen = new Set<string>();
  const renamed: { from: string; to: string }[] = [];
  const labels = cells.map((cell, i) => {
    const base = cell.trim() === '' ? `column_${i + 1}` : cell.trim();
    let label = base;
    for (let n = 2; seen.has(label); n++) label = `${base}_${n}`;
    seen.add(label);
    if (label !== cell) renamed.push({ from: cell, to: label });
    return label;
  });
  return { labels, renamed };
}

// Value forms, tested on trimmed text.
const INTEGER = /^[+-]?\d+$/;
const DOT_DECIMAL = /^[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?$/;
const COMMA_DECIMAL = /^[+-]?(\d+,\d*|,\d+|\d+)$/;
const THOUSANDS_DOT_COMMA = /^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/;
const THOUSANDS_COMMA_DOT = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DOT_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const SLASH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const DASH_DATE = /^(\d{1,2})-(\d{1,2})-(\d{4})$/;
const BOOLEAN = /^(true|false)$/i;

export interface ColumnGuess {
  type: ImportFieldType;
  /** Dates only: how they are written, and what decides the order. */
  dateStyle: 'iso' | 'dot' | 'slash' | 'dash' | null;
  /** Dates only: what the values say about the order: day-first, month-first, or null when every value reads both ways. */
  dateOrder: DateOrder | null;
  decimal: '.' | ',' | null;
  thousands: string | null;
  markers: string[];
  missing: number;
}

/** A column's type from its sample values (missing-value markers and empty cells aside). */
export function guessColumn(values: (string | null)[], knownMarkers: string[] | undefined): ColumnGuess {
  const texts: string[] = [];
  let missing = 0;
  const markers = new Set<string>();
  for (const v of values) {
    const t = (v ?? '').trim();
    if (t === '' || knownMarkers?.includes(t)) missing++;
    else texts.push(t);
  }
  const unknownMarkers = knownMarkers === undefined;
  const guess: ColumnGuess = { type: 'string', dateStyle: null, dateOrder: null, decimal: null, thousands: null, markers: [], missing };
  if (texts.length === 0) return guess;
  // Without markers given, a column of numbers with a few "k.A." or "–" has those as markers.
  const candidates = unknownMarkers ? texts.filter((t) => !MISSING_MARKERS.includes(t)) : texts;
  if (unknownMarkers) for (const t of texts) if (MISSING_MARKERS.includes(t)) markers.add(t);
  if (candidates.length === 0) return guess;
  const all = (re: RegExp) => candidates.every((t) => re.test(t));
  const typed = (g: Partial<ColumnGuess>): ColumnGuess => ({ ...guess, ...g, markers: [...markers], missing: missing + (texts.length - candidates.length) });
  if (all(INTEGER) && !candidates.some((t) => /^[+-]?0\d/.test(t))) return typed({ type: 'integer' });
  if (all(DOT_DECIMAL)) return typed({ type: 'number', decimal: '.' });
  if (all(COMMA_DECIMAL)) return typed({ type: 'number', decimal: ',' });
  if (candidates.every((t) => THOUSANDS_DOT_COMMA.test(t) || COMMA_DECIMAL.test(t))) return typed({ type: 'number', decimal: ',', thousands: '.' });
  if (candidates.every((t) => THOUSANDS_COMMA_DOT.test(t) || DOT_DECIMAL.test(t))) return typed({ type: 'number', decimal: '.', thousands: ',' });
  if (all(ISO_DATE)) return typed({ type: 'date', dateStyle: 'iso', dateOrder: 'year-first' });
  for (const [style, re] of [['dot', DOT_DATE], ['slash', SLASH_DATE], ['dash', DASH_DATE]] as const) {
    if (!all(re)) continue;
    let dayFirst = false;
    let monthFirst = false;
    for (const t of candidates) {
      const m = re.exec(t)!;
      if (Number(m[1]) > 12) dayFirst = true;
      if (Number(m[2]) > 12) monthFirst = true;
    }
    if (dayFirst && monthFirst) return guess;
    // dd.mm.yyyy is how German and Greek write dates; only slashes and dashes leave the order open.
    const order: DateOrder | null = dayFirst || style === 'dot' ? 'day-first' : monthFirst ? 'month-first' : null;
    return typed({ type: 'date', dateStyle: style, dateOrder: order });
  }
  if (all(BOOLEAN)) return typed({ type: 'boolean' });
  return { ...guess, markers: [], missing };
}

/** DuckDB's strptime format for a date style and order. */
export function dateFormat(style: ColumnGuess['dateStyle'], order: DateOrder | null): string | null {
  if (style === null) return null;
  if (style === 'iso') return '%Y-%m-%d';
  const sep = style === 'dot' ? '.' : style === 'slash' ? '/' : '-';
  return order === 'month-first' ? `%m${sep}%d${sep}%Y` : `%d${sep}%m${sep}%Y`;
}

/** Period kinds a header of columns can be (years as columns). */
const HEADER_PERIOD_KINDS: PeriodKind[] = ['year', 'financial-year', 'quarter', 'month'];

/** Column names that are periods (years, 2023/24, quarters, months), and their kind; empty when fewer than two are. */
export function periodColumns(labels: string[]): { columns: string[]; kind: PeriodKind | null } {
  let best: { columns: string[]; kind: PeriodKind | null } = { columns: [], kind: null };
  for (const kind of HEADER_PERIOD_KINDS) {
    const columns = labels.filter((l) => parsePeriod(l, kind) !== undefined && guessPeriodKind([l]) === kind);
    if (columns.length > best.columns.length) best = { columns, kind };
  }
  return best.columns.length >= 2 ? best : { columns: [], kind: null };
}

/** Every distinct value of a column and the country it names (src/shared/mapping/country-matcher.ts: one matcher for mapping and import). */
export function countryFindings(values: (string | null)[]): CountryFinding[] {
  const counts = new Map<string, number>();
  for (const v of values) {
    const t = (v ?? '').trim();
    if (t !== '') counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return [...counts].map(([value, rows]) => {
    const match = matchCountry(value);
    if (match.kind === 'matched') return { value, code: match.code, status: 'matched' as const, rows };
    if (match.kind === 'ambiguous') return { value, code: null, status: 'ambiguous' as const, candidates: match.candidates, rows };
    return { value, code: null, status: 'unmatched' as const, rows };
  });
}

/** The text column most of whose values are countries (at least half of its distinct values), or null. */
export function guessCountryColumn(columns: { label: string; type: ImportFieldType; values: (string | null)[] }[]): string | null {
  let best: { label: string; share: number } | null = null;
  for (const c of columns) {
    if (c.type !== 'string') continue;
    const findings = countryFindings(c.values.slice(0, 5000));
    if (findings.length === 0) continue;
    const share = findings.filter((f) => f.status === 'matched').length / findings.length;
    if (share >= 0.5 && (!best || share > best.share)) best = { label: c.label, share };
  }
  return best?.label ?? null;
}

export interface Analysis {
  sniff: SniffFinding;
  columns: ImportColumn[];
  shape: ShapeFinding;
  /** Columns whose dates read both ways, when no order was chosen. */
  ambiguousDates: string[];
  renamed: { from: string; to: string }[];
}

/** Columns, types, separators, dates, markers and shape of a sample whose header and rows are known. */
export function analyse(
  labels: string[],
  rows: (string | null)[][],
  dialect: { delimiter: string; quote: string; escape: string; headerRow: number; sniffedHeaderRow: number; skippedLines: { line: number; text: string }[] },
  recipe: ImportRecipePartial,
  renamed: { from: string; to: string }[],
): Analysis {
  const guesses = labels.map((_, i) => guessColumn(rows.map((r) => r[i] ?? null), recipe.missingValues));
  // DuckDB's reader applies markers to every column: one that is also text in a text column of the sample ("–" as a
  // note) is not offered, so that text is never emptied; the number column then rejects it, with its line, until the
  // user adds the marker.
  const inText = new Set(rows.flatMap((r) => r.filter((_, i) => guesses[i]!.type === 'string').map((v) => (v ?? '').trim())));
  const markers = recipe.missingValues ?? [...new Set(guesses.flatMap((g) => g.markers))].filter((m) => !inText.has(m));
  const decimal = recipe.decimalSeparator ?? (guesses.some((g) => g.decimal === ',') ? ',' : '.');
  const thousands = recipe.thousandsSeparator ?? guesses.find((g) => g.thousands !== null)?.thousands ?? '';
  // One date order for the file: chosen, else what the data say; open when the data do not decide.
  const dateGuesses = guesses.filter((g) => g.type === 'date' && g.dateStyle !== 'iso');
  const found = dateGuesses.find((g) => g.dateOrder !== null)?.dateOrder ?? null;
  const dateOrder: DateOrder | null = recipe.dateOrder ?? found ?? (dateGuesses.length > 0 ? null : null);
  const ambiguousDates = recipe.dateOrder || found ? [] : labels.filter((_, i) => guesses[i]!.type === 'date' && guesses[i]!.dateStyle !== 'iso' && guesses[i]!.dateOrder === null);
  const periods = periodColumns(labels);
  const columns: ImportColumn[] = labels.map((label, i) => {
    const g = guesses[i]!;
    const override = recipe.columns?.[label];
    const type = override?.type ?? g.type;
    return {
      source: label,
      name: override?.rename ?? label,
      detected: g.type,
      type,
      skip: override?.skip ?? false,
      dateFormat: type === 'date' ? dateFormat(g.dateStyle ?? 'iso', g.dateStyle === 'iso' ? 'year-first' : (dateOrder ?? 'day-first')) : null,
      missing: g.missing,
      isPeriodHeader: periods.columns.includes(label),
    };
  });
  const countryColumn =
    recipe.countryColumn === null
      ? null
      : (recipe.countryColumn ?? guessCountryColumn(labels.map((label, i) => ({ label, type: columns[i]!.type, values: rows.map((r) => r[i] ?? null) }))));
  const countryIndex = countryColumn === null ? -1 : labels.indexOf(countryColumn);
  if (countryColumn !== null && countryIndex === -1) throw importRefused('column-not-found', `no column ${countryColumn}`, { column: countryColumn, file: '' });
  return {
    sniff: {
      delimiter: dialect.delimiter,
      quote: dialect.quote,
      escape: dialect.escape,
      headerRow: dialect.headerRow,
      sniffedHeaderRow: dialect.sniffedHeaderRow,
      skippedLines: dialect.skippedLines,
      decimalSeparator: decimal,
      thousandsSeparator: thousands,
      dateOrder: dateGuesses.length > 0 || columns.some((c) => c.type === 'date') ? dateOrder : null,
      dateOrderAmbiguous: ambiguousDates.length > 0,
      missingValues: markers,
    },
    columns,
    shape: {
      periodColumns: periods.columns,
      periodKind: periods.kind,
      suggestUnpivot: periods.columns.length >= 2,
      countryColumn,
      countries: countryIndex === -1 ? [] : countryFindings(rows.map((r) => r[countryIndex] ?? null)).slice(0, 1000),
    },
    ambiguousDates,
    renamed,
  };
}
