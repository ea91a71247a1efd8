import { open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { DecodeFinding, ImportChoice, ImportColumn, ImportInspection, ImportProblem, ImportSheet, ShapeFinding, SniffFinding } from '../../shared/import/answers.ts';
import { RECIPE_FORMAT, RECIPE_VERSION, type ImportFieldType, type ImportRecipe, type ImportRecipePartial, type SourceKind, type TextEncoding } from '../../shared/import/recipe.ts';
import { sqlString } from '../../shared/sql/quote.ts';
import { bomEncoding, findEncoding } from './encoding.ts';
import { identifyFile } from './identify.ts';
import { importRefused } from './import-errors.ts';
import { openImportDatabase, rows } from './import-db.ts';
import { analyse, columnLabels, countryFindings, guessCountryColumn, guessDelimiter, guessHeaderRow, periodColumns, textRecords } from './sniff.ts';
import { listSheets, sheetToCsv, type SheetConversion, type WorkbookKind } from './workbook-port.ts';

/**
 * The first half of an import, shared by `inspectImport` and `startImport`: what the file
 * is, how its text decodes, its dialect, header, columns and shape, read from its first
 * megabytes only (a 1 GB file is inspected as fast as a small one). Answers the inspection
 * and the complete recipe the load then follows.
 */

const SAMPLE_BYTES = 4 << 20;
const SAMPLE_RECORDS = 20_000;
const PREVIEW_ROWS = 50;

export interface Prepared {
  file: string;
  shownName: string;
  size: number;
  kind: SourceKind;
  recipe: ImportRecipe;
  inspection: Omit<ImportInspection, 'existing'>;
  /** Text sources: the header's labels, in file order (the recipe's `columns` are by these). */
  labels: string[];
  /** Text sources: the encoding the whole file is read with. */
  encoding: TextEncoding | null;
  /** Workbooks: the sheet converted while inspecting (the load reuses it), with what the conversion said. */
  sheetCsv: string | null;
  conversion: SheetConversion | null;
}

/** A package name from a file name: lower-case letters, digits, ".", "-", "_". */
export function nameFromFile(file: string): string {
  const base = path
    .basename(file)
    .replace(/\.[^.]+$/, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return (base || 'import').slice(0, 100);
}

const fieldTypeOf = (duckType: string): ImportFieldType => {
  if (/^(BIGINT|INTEGER|SMALLINT|TINYINT|UBIGINT|UINTEGER|USMALLINT|UTINYINT|HUGEINT)$/.test(duckType)) return 'integer';
  if (/^(DOUBLE|FLOAT|DECIMAL.*|REAL)$/.test(duckType)) return 'number';
  if (duckType === 'DATE') return 'date';
  if (duckType === 'BOOLEAN') return 'boolean';
  return 'string';
};

export interface PrepareOptions {
  signal?: AbortSignal;
  /** Workbooks: stop once the sheet is known, before writing it as CSV (the import job converts it, with progress and cancel). */
  sheetOnly?: boolean;
  onRows?: (rowsDone: number) => void;
}

export async function prepareImport(file: string, partial: ImportRecipePartial, workDir: string, options: PrepareOptions = {}): Promise<Prepared> {
  const { signal } = options;
  const shownName = path.basename(file);
  const found = await identifyFile(file);
  // Text that starts like JSON ("[…") may still be a CSV the user says it is.
  if (partial.kind === 'csv' && found.kind === 'json') found.kind = 'csv';
  if (partial.kind && partial.kind !== found.kind) {
    throw importRefused('kind-differs', `the recipe is for ${partial.kind}, ${shownName} is ${found.kind}`, { file: shownName, expected: partial.kind.toUpperCase(), found: found.kind.toUpperCase() });
  }
  const base = { file, shownName, size: found.size, kind: found.kind };
  const name = partial.name ?? nameFromFile(file);
  switch (found.kind) {
    case 'csv': {
      const complete = found.head.length >= found.size;
      const decode = findEncoding(found.head, complete, partial.encoding);
      const bom = bomEncoding(found.head);
      if (bom && partial.encoding && partial.encoding !== bom.encoding) {
        throw importRefused('encoding-invalid', `${shownName} starts with a ${bom.encoding} byte-order mark`, { file: shownName, encoding: partial.encoding, line: 1 });
      }
      let text = iconv.decode(found.head.subarray(0, SAMPLE_BYTES), decode.encoding, { stripBOM: true });
      if (!complete) text = cutAtLastBreak(text);
      const choices: ImportChoice[] = decode.by === 'candidate' ? [{ kind: 'encoding', options: decode.candidates.map((c) => c.encoding) }] : [];
      return { ...base, ...(await prepareText(text, complete, { ...partial, name }, workDir, decode, null, choices, [])), encoding: decode.encoding, sheetCsv: null, conversion: null };
    }
    case 'xlsx':
    case 'xls':
    case 'ods': {
      const kind = found.kind as WorkbookKind;
      const sheets: ImportSheet[] = await listSheets(file, kind, shownName, signal);
      const sheet = partial.sheet ?? (sheets.length === 1 ? sheets[0]!.name : undefined);
      if (partial.sheet && !sheets.some((s) => s.name === partial.sheet)) {
        throw importRefused('sheet-not-found', `no sheet ${partial.sheet}`, { file: shownName, sheet: partial.sheet });
      }
      if (sheet === undefined || options.sheetOnly) {
        // Several sheets and none chosen: the inspection shows them; the load waits for the choice.
        const recipe = completeRecipe({ ...partial, name, ...(sheet !== undefined ? { sheet } : {}) }, found.kind, [], null, null);
        return {
          ...base,
          recipe,
          labels: [],
          encoding: null,
          sheetCsv: null,
          conversion: null,
          inspection: emptyInspection(base, recipe, sheets, sheet === undefined ? [{ kind: 'sheet', options: sheets.map((s) => s.name) }] : []),
        };
      }
      const sheetCsv = path.join(workDir, 'sheet.csv');
      const conversion = await sheetToCsv(file, kind, sheet, sheetCsv, shownName, { ...(signal ? { signal } : {}), ...(options.onRows ? { onProgress: options.onRows } : {}) });
      const handle = await open(sheetCsv, 'r');
      let text: string;
      let complete: boolean;
      try {
        const buffer = Buffer.alloc(SAMPLE_BYTES);
        const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
        complete = bytesRead < SAMPLE_BYTES;
        text = buffer.subarray(0, bytesRead).toString('utf8');
        if (!complete) text = cutAtLastBreak(text);
      } finally {
        await handle.close();
      }
      const problems: ImportProblem[] = [];
      if (conversion.formulas > 0) problems.push({ code: 'formulas-as-values', values: { count: conversion.formulas } });
      for (const merged of conversion.mergedTitleRows) problems.push({ code: 'merged-title-row', values: { row: merged.row, text: merged.text } });
      const prepared = await prepareText(text, complete, { ...partial, name, sheet, encoding: undefined }, workDir, { encoding: 'utf-8', by: 'workbook', candidates: [] }, sheets, [], problems, found.kind, conversion.mergedTitleRows.map((m) => m.row));
      return { ...base, ...prepared, encoding: 'utf-8', sheetCsv, conversion };
    }
    case 'parquet':
    case 'json':
      return { ...base, ...(await prepareData(file, found.kind, { ...partial, name }, workDir)), encoding: null, sheetCsv: null, conversion: null };
  }
}

function cutAtLastBreak(text: string): string {
  const last = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  return last === -1 ? text : text.slice(0, last + 1);
}

function emptyShape(): ShapeFinding {
  return { periodColumns: [], periodKind: null, suggestUnpivot: false, countryColumn: null, countries: [] };
}

function emptyInspection(base: { file: string; shownName: string; size: number; kind: SourceKind }, recipe: ImportRecipe, sheets: ImportSheet[] | null, choices: ImportChoice[]): Omit<ImportInspection, 'existing'> {
  return {
    file: { path: base.file, name: base.shownName, size: base.size },
    kind: base.kind,
    decode: null,
    sheets,
    sniff: null,
    columns: [],
    preview: { header: [], rows: [], lines: [] },
    shape: emptyShape(),
    recipe,
    choices,
    problems: [],
  };
}

/** The recipe with every choice filled in from what was found. */
function completeRecipe(partial: ImportRecipePartial, kind: SourceKind, columns: ImportColumn[], sniff: SniffFinding | null, shape: ShapeFinding | null, encoding?: TextEncoding): ImportRecipe {
  const recipe: ImportRecipe = {
    format: RECIPE_FORMAT,
    version: RECIPE_VERSION,
    name: partial.name!,
    kind,
    ...(partial.title !== undefined ? { title: partial.title } : {}),
    ...(encoding !== undefined ? { encoding } : {}),
    ...(partial.sheet !== undefined ? { sheet: partial.sheet } : {}),
  };
  if (sniff) {
    recipe.delimiter = sniff.delimiter;
    recipe.quote = sniff.quote;
    recipe.headerRow = sniff.headerRow;
    recipe.missingValues = sniff.missingValues;
    recipe.decimalSeparator = sniff.decimalSeparator;
    recipe.thousandsSeparator = sniff.thousandsSeparator as ImportRecipe['thousandsSeparator'];
    if (sniff.dateOrder !== null) recipe.dateOrder = sniff.dateOrder;
  }
  if (columns.length > 0) {
    recipe.columns = Object.fromEntries(
      columns.map((c) => [c.source, { type: c.type, ...(c.name !== c.source ? { rename: c.name } : {}), ...(c.skip ? { skip: true } : {}) }]),
    );
  }
  recipe.unpivot = partial.unpivot ?? null;
  recipe.countryColumn = shape?.countryColumn ?? null;
  return recipe;
}

/** CSV and sheets written as CSV: dialect, header, columns and shape from the sample text. */
async function prepareText(
  text: string,
  complete: boolean,
  partial: ImportRecipePartial,
  workDir: string,
  decode: DecodeFinding,
  sheets: ImportSheet[] | null,
  choices: ImportChoice[],
  problems: ImportProblem[],
  kind: SourceKind = 'csv',
  titleLines: number[] = [],
): Promise<Pick<Prepared, 'recipe' | 'inspection' | 'labels'>> {
  const quoteGuess = partial.quote ?? '"';
  const delimiter = partial.delimiter ?? (kind === 'csv' ? guessDelimiter(text, quoteGuess) : ',');
  // DuckDB's sniffer, asked from the header down with the delimiter found, says the quote and escape.
  const records0 = textRecords(text, { delimiter, quoteChar: quoteGuess, escapeChar: quoteGuess, header: true, skipInitialSpace: false }, complete, SAMPLE_RECORDS);
  if (records0.length === 0 && !complete) throw importRefused('line-too-long', 'the first line is longer than the sample', { file: '', line: 1, max: SAMPLE_BYTES });
  const sniffedHeaderRow = guessHeaderRow(records0, titleLines);
  const headerRow = partial.headerRow ?? sniffedHeaderRow;
  const { quote, escape } = partial.quote !== undefined ? { quote: partial.quote, escape: partial.quote } : await sniffQuote(text, delimiter, Math.max(headerRow - 1, 0), workDir);
  const records = quote === quoteGuess ? records0 : textRecords(text, { delimiter, quoteChar: quote, escapeChar: escape, header: true, skipInitialSpace: false }, complete, SAMPLE_RECORDS);
  if (records.every((r) => r.cells.length === 1 && r.cells[0]!.trim() === '')) throw importRefused('empty-file', 'only blank lines', { file: '' });
  let labels: string[];
  let renamed: { from: string; to: string }[] = [];
  let dataRecords = records;
  if (headerRow > 0) {
    const header = records.find((r) => r.line === headerRow);
    if (!header || (header.cells.length === 1 && header.cells[0]!.trim() === '')) {
      if (!header && !complete && records.length > 0 && records[records.length - 1]!.line < headerRow) throw importRefused('line-too-long', 'header beyond the sample', { file: '', line: headerRow, max: SAMPLE_BYTES });
      throw importRefused('header-not-found', `no header at line ${headerRow}`, { file: '', line: headerRow });
    }
    ({ labels, renamed } = columnLabels(header.cells));
    dataRecords = records.filter((r) => r.line > headerRow);
  } else {
    const width = Math.max(1, ...records.map((r) => r.cells.length));
    ({ labels } = columnLabels(Array.from({ length: width }, (_, i) => `column_${i + 1}`)));
  }
  const skippedLines = records.filter((r) => r.line < headerRow && !(r.cells.length === 1 && r.cells[0] === '')).map((r) => ({ line: r.line, text: r.text }));
  const body = dataRecords.filter((r) => !(r.cells.length === 1 && r.cells[0]!.trim() === ''));
  const sampleRows = body.map((r) => labels.map((_, i) => r.cells[i] ?? null));
  for (const [column, _] of Object.entries(partial.columns ?? {})) {
    if (!labels.includes(column)) throw importRefused('column-not-found', `no column ${column}`, { file: '', column });
  }
  const analysis = analyse(labels, sampleRows, { delimiter, quote, escape, headerRow, sniffedHeaderRow, skippedLines }, partial, renamed);
  for (const r of renamed) problems.push({ code: 'column-renamed', values: { from: r.from, to: r.to } });
  if (analysis.ambiguousDates.length > 0) choices.push({ kind: 'date-order', options: ['day-first', 'month-first'], columns: analysis.ambiguousDates });
  if (partial.unpivot) for (const c of partial.unpivot.columns) if (!labels.includes(c)) throw importRefused('column-not-found', `no column ${c}`, { file: '', column: c });
  const names = analysis.columns.filter((c) => !c.skip).map((c) => c.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw importRefused('duplicate-column', `two columns named ${duplicate}`, { column: duplicate });
  const recipe = completeRecipe(partial, kind, analysis.columns, analysis.sniff, analysis.shape, kind === 'csv' ? decode.encoding : undefined);
  return {
    labels,
    recipe,
    inspection: {
      file: { path: '', name: '', size: 0 },
      kind,
      decode,
      sheets,
      sniff: analysis.sniff,
      columns: analysis.columns,
      preview: { header: labels, rows: sampleRows.slice(0, PREVIEW_ROWS), lines: body.slice(0, PREVIEW_ROWS).map((r) => r.line) },
      shape: analysis.shape,
      recipe,
      choices,
      problems,
    },
  };
}

/** Asks DuckDB's sniffer for the quote and escape from the header line down; '"' when it cannot tell. */
async function sniffQuote(text: string, delimiter: string, skip: number, workDir: string): Promise<{ quote: string; escape: string }> {
  const sample = path.join(workDir, 'sample.csv');
  await writeFile(sample, text.slice(0, 1 << 20), 'utf8');
  const db = await openImportDatabase(workDir);
  try {
    const [found] = await rows(db.connection, `SELECT Quote AS quote, Escape AS escape FROM sniff_csv(${sqlString(sample)}, delim = ${sqlString(delimiter)}, skip = ${skip}, header = true, strict_mode = false, sample_size = 20000)`);
    const quote = String(found?.quote ?? '"');
    const escape = String(found?.escape ?? '"');
    return { quote: quote === '(empty)' ? '"' : quote, escape: escape === '(empty)' ? (quote === '(empty)' ? '"' : quote) : escape };
  } catch {
    return { quote: '"', escape: '"' };
  } finally {
    db.close();
  }
}

/** Parquet and JSON: DuckDB reads the types; the first rows and the shape as for text. */
async function prepareData(file: string, kind: 'parquet' | 'json', partial: ImportRecipePartial, workDir: string): Promise<Pick<Prepared, 'recipe' | 'inspection' | 'labels'>> {
  const db = await openImportDatabase(workDir, [file]);
  try {
    const source = dataSource(file, kind);
    let described: Record<string, unknown>[];
    try {
      described = await rows(db.connection, `DESCRIBE SELECT * FROM ${source}`);
    } catch (error) {
      const reason = (error as Error).message.split('\n')[0] ?? '';
      if (kind === 'json') throw importRefused('json-not-records', reason, { file: path.basename(file) });
      throw importRefused('unreadable-data', reason, { file: path.basename(file), reason });
    }
    const labels = described.map((d) => String(d.column_name));
    columnLabels(labels);
    const types = described.map((d) => fieldTypeOf(String(d.column_type)));
    if (kind === 'json' && described.length === 1 && String(described[0]!.column_type).startsWith('STRUCT') === false && labels[0] === 'json') {
      throw importRefused('json-not-records', 'not an array of objects', { file: path.basename(file) });
    }
    const sample = await rows(db.connection, `SELECT ${labels.map((l) => `CAST(${quoteIdent(l)} AS VARCHAR) AS ${quoteIdent(l)}`).join(', ')} FROM ${source} LIMIT ${SAMPLE_RECORDS}`);
    const sampleRows = sample.map((r) => labels.map((l) => (r[l] === null || r[l] === undefined ? null : String(r[l]))));
    const periods = periodColumns(labels);
    const columns: ImportColumn[] = labels.map((label, i) => ({
      source: label,
      name: partial.columns?.[label]?.rename ?? label,
      detected: types[i]!,
      type: types[i]!,
      skip: partial.columns?.[label]?.skip ?? false,
      dateFormat: types[i] === 'date' ? '%Y-%m-%d' : null,
      missing: sampleRows.filter((r) => r[i] === null).length,
      isPeriodHeader: periods.columns.includes(label),
    }));
    const countryColumn = partial.countryColumn === null ? null : (partial.countryColumn ?? guessCountryColumn(labels.map((label, i) => ({ label, type: types[i]!, values: sampleRows.map((r) => r[i] ?? null) }))));
    const ci = countryColumn === null ? -1 : labels.indexOf(countryColumn);
    const shape: ShapeFinding = {
      periodColumns: periods.columns,
      periodKind: periods.kind,
      suggestUnpivot: periods.columns.length >= 2,
      countryColumn,
      countries: ci === -1 ? [] : countryFindings(sampleRows.map((r) => r[ci] ?? null)),
    };
    const recipe = completeRecipe(partial, kind, columns, null, shape);
    return {
      labels,
      recipe,
      inspection: {
        file: { path: '', name: '', size: 0 },
        kind,
        decode: null,
        sheets: null,
        sniff: null,
        columns,
        preview: { header: labels, rows: sampleRows.slice(0, PREVIEW_ROWS), lines: sampleRows.slice(0, PREVIEW_ROWS).map((_, i) => i + 1) },
        shape,
        recipe,
        choices: [],
        problems: [],
      },
    };
  } finally {
    db.close();
  }
}

export function dataSource(file: string, kind: 'parquet' | 'json'): string {
  return kind === 'parquet' ? `read_parquet(${sqlString(file)})` : `read_json(${sqlString(file)}, format = 'array', records = true)`;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Fills the file facts in (prepareText does not know them). */
export function withFile(prepared: Prepared): Prepared {
  prepared.inspection.file = { path: prepared.file, name: prepared.shownName, size: prepared.size };
  return prepared;
}
