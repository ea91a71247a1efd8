import type { ErrorData } from '../errors.ts';
import type { DateOrder, ImportFieldType, ImportRecipe, SourceKind, TextEncoding } from './recipe.ts';

/**
 * What the engine answers about imports (`inspectImport`, `startImport`, `importStatus`,
 * `cancelImport`, `confirmImport`, `listImports`, `removeImport` in contract.ts).
 */

/**
 * Why a file cannot be imported as asked: the `context` of an 'import-refused' error
 * (`errors.import-refused_<context>` in common.json), with the values its sentence names.
 */
export const importRefusalCodes = [
  /** The file has no bytes, or nothing but blank lines. */
  'empty-file',
  /** Bytes that are no text and no format Sprig reads (a .csv that is a picture, say). */
  'binary-file',
  /** No file at that path. */
  'file-missing',
  /** A path that is not absolute: whose folder it is relative to is not known. */
  'path-relative',
  /** The path names a folder or a device, not a file. */
  'not-a-file',
  /** The file is there but cannot be read (no permission, say). */
  'file-unreadable',
  /** The recipe says one kind of file and the bytes are another. */
  'kind-differs',
  /** The bytes are not text in the encoding chosen. */
  'encoding-invalid',
  'workbook-corrupt',
  'workbook-encrypted',
  'workbook-empty',
  'sheet-not-found',
  'workbook-too-large',
  /** More columns than Sprig imports ({{count}}, at most {{max}}). */
  'too-many-columns',
  /** A header line longer than Sprig reads. */
  'line-too-long',
  /** The header row chosen is past the end of the file, or empty. */
  'header-not-found',
  /** Two columns would have the same name. */
  'duplicate-column',
  /** A column named in the recipe is not in the file. */
  'column-not-found',
  /** The JSON is not an array of records (objects). */
  'json-not-records',
  /** The Parquet or JSON file cannot be read by DuckDB ({{reason}}). */
  'unreadable-data',
  /** Nothing but the header: no rows to import. */
  'no-rows',
  /** No row could be imported: every one was rejected. */
  'all-rejected',
  /** A package that is not an import already has this name ({{other}}): choose another name. */
  'name-taken',
] as const;
export type ImportRefusalCode = (typeof importRefusalCodes)[number];

/**
 * A choice Sprig cannot make alone: the `context` of an 'import-choice-needed' error, and
 * the CLI flag (or recipe field) that makes it.
 */
export const importChoiceKinds = ['encoding', 'date-order', 'sheet'] as const;
export type ImportChoiceKind = (typeof importChoiceKinds)[number];
export const importChoiceFlags: Record<ImportChoiceKind, { flag: string; recipeField: string }> = {
  encoding: { flag: '--encoding', recipeField: 'encoding' },
  'date-order': { flag: '--date-order', recipeField: 'dateOrder' },
  sheet: { flag: '--sheet', recipeField: 'sheet' },
};

export interface ImportChoice {
  kind: ImportChoiceKind;
  /** What can be chosen (encodings, date orders, sheet names), the most likely first. */
  options: string[];
  /** The columns concerned (date order). */
  columns?: string[];
}

/** One encoding offered for a text that is not UTF-8: its first lines decoded with it. */
export interface EncodingCandidate {
  encoding: TextEncoding;
  /** 1 is the most likely; from the detector's score (src/engine/import/encoding.ts). */
  rank: number;
  /** 0–100: how sure the detector is (a hint, not a decision). */
  confidence: number;
  /** The first lines of the file decoded with it. */
  lines: string[];
  /** Characters the encoding does not define in the sample (decoded as U+FFFD), or control characters. */
  undefinedChars: number;
}

export interface DecodeFinding {
  /** The encoding used for the preview: the one chosen or found, or the most likely candidate. */
  encoding: TextEncoding;
  /** How it was found. */
  by: 'bom' | 'utf-8' | 'ascii' | 'chosen' | 'candidate' | 'workbook' | 'not-text';
  /** Filled when the file is not UTF-8 and has no byte-order mark: the user chooses. */
  candidates: EncodingCandidate[];
}

export interface ImportColumn {
  /** The header's label (or column_N without a header). */
  source: string;
  /** Its name in the package. */
  name: string;
  /** Type detected from the values (sniff and Sprig's own checks over the sample). */
  detected: ImportFieldType;
  /** Type that will be used (the recipe's override, else detected). */
  type: ImportFieldType;
  skip: boolean;
  /** strptime format for a date column ('%d.%m.%Y'), null otherwise. */
  dateFormat: string | null;
  /** Cells in the sample that are missing (empty or a missing-value marker). */
  missing: number;
  /** The column's values look like periods (years, 2023/24, quarters, months): a header of these means years as columns. */
  isPeriodHeader: boolean;
}

export interface SniffFinding {
  delimiter: string;
  quote: string;
  escape: string;
  /** The header line (1-based, of the file as written), 0 for no header. */
  headerRow: number;
  /** What DuckDB's sniffer chose, when the recipe moved it. */
  sniffedHeaderRow: number;
  /** Lines above the header, skipped (never silently: each shown). */
  skippedLines: { line: number; text: string }[];
  decimalSeparator: '.' | ',';
  thousandsSeparator: string;
  /** The date order used (chosen, or found in the data), null when no column is a date. */
  dateOrder: DateOrder | null;
  /** Dates such as 01/02/2023 that read either way and nothing in the data decides: the user must say. */
  dateOrderAmbiguous: boolean;
  /** Missing-value markers used: given, or found in the sample ('k.A.', '–', '..', 'n/a'). */
  missingValues: string[];
}

export interface CountryFinding {
  /** The value as written. */
  value: string;
  /** The country code it matched, or null. */
  code: string | null;
  status: 'matched' | 'ambiguous' | 'unmatched';
  candidates?: string[];
  /** Rows with this value in the sample. */
  rows: number;
}

export interface ShapeFinding {
  /** Columns whose names are periods (years as columns). */
  periodColumns: string[];
  /** Kind of period those names are ('year', 'financial-year', 'quarter', 'month'), or null. */
  periodKind: string | null;
  /** Sprig suggests turning those columns into rows (UNPIVOT, empty cells kept as missing). */
  suggestUnpivot: boolean;
  /** The column that names countries (chosen, or found), or null. */
  countryColumn: string | null;
  /** Every distinct value of that column in the sample and what it matched; unmatched ones are listed, never dropped. */
  countries: CountryFinding[];
}

export interface ImportSheet {
  name: string;
  rowCount: number | null;
  columnCount: number | null;
}

export interface ImportProblem {
  code: string;
  values: Record<string, string | number>;
}

/** What Sprig finds in a file and how the recipe (or its guess) reads it: everything the Import screen shows. */
export interface ImportInspection {
  file: { path: string; name: string; size: number };
  kind: SourceKind;
  decode: DecodeFinding | null;
  /** Workbooks: the sheets; null for other files. */
  sheets: ImportSheet[] | null;
  /** Text files (and sheets, once written as CSV): the dialect and the header. */
  sniff: SniffFinding | null;
  columns: ImportColumn[];
  /** The first rows as the recipe reads them (text, as written), with each row's line in the file. */
  preview: { header: string[]; rows: (string | null)[][]; lines: number[] };
  shape: ShapeFinding;
  /** The recipe that would run, every choice filled in. */
  recipe: ImportRecipe;
  /** Choices Sprig cannot make alone: while any is open, `startImport` refuses with 'import-choice-needed'. */
  choices: ImportChoice[];
  /** Warnings that do not stop the import (formulas read as cached values, merged title rows, …). */
  problems: ImportProblem[];
  /** An import of this name already exists: replacing it needs `replace`. */
  existing: ImportSummary | null;
}

/** A row that was not imported, with its line in the source file and why. */
export interface ImportReject {
  /** Line in the source file (1-based; for a workbook, the sheet's row; for Parquet and JSON, the record's number). */
  line: number;
  /** The column, when one value is the reason. */
  column: string | null;
  /** 'type' (a value that is not its column's type), 'extra-cells', 'missing-cells', 'quote' (unterminated), 'line-too-long', 'other'. */
  reason: string;
  /** For 'type': the type the column was to have. */
  expected?: ImportFieldType;
  /** The value (for 'type'), or the start of the line, shortened. */
  value: string | null;
}

export interface ImportCounts {
  /** Rows read from the file (data rows, below the header). */
  read: number;
  imported: number;
  rejected: number;
  /** Rows in the package after the shape step (UNPIVOT makes more). */
  rowsWritten: number;
}

/** What a replacing import changes against the import it replaces. */
export interface ImportDiff {
  rowsBefore: number;
  rowsAfter: number;
  /** Rows (whole rows, all columns) in the new import and not the old. */
  added: number;
  removed: number;
  /** Rows whose key (the first column, or country and period) is in both but whose values differ; null when no key is known. */
  changed: number | null;
  columnsAdded: string[];
  columnsRemoved: string[];
  /** Columns in both whose type changed. */
  typesChanged: { column: string; before: string; after: string }[];
  /** The source file's SHA-256 before and after. */
  sourceBefore: string;
  sourceAfter: string;
}

export const importPhases = ['identifying', 'converting', 'reading', 'checking', 'shaping', 'writing', 'comparing'] as const;
export type ImportPhase = (typeof importPhases)[number];

export interface ImportStatus {
  importId: string;
  /** The package's name this import writes (the recipe's, or from the file's name). */
  name: string;
  /**
   * running → done (written and opened), or failed (the error says why; nothing written), or
   * cancelled (nothing written), or needs-replace (an import of this name exists: `diff`
   * says what would change; `confirmImport` replaces it, `cancelImport` drops the new one).
   */
  state: 'running' | 'needs-replace' | 'done' | 'failed' | 'cancelled';
  phase: ImportPhase;
  /**
   * bytesDone of bytesTotal: the source read while converting it; rowsDone: rows read so far;
   * phasePercent: how far DuckDB says the current statement is (0–100), null when it does not say.
   */
  progress: { bytesDone: number; bytesTotal: number; rowsDone: number; phasePercent?: number | null };
  /** Set once the rows are read and checked: read = imported + rejected, always. */
  counts: ImportCounts | null;
  /** The rejected rows (the first 1,000; `counts.rejected` says how many). */
  rejects: ImportReject[];
  /** The package written (the dataset's name, its folder), once done. */
  package: { name: string; path: string } | null;
  diff: ImportDiff | null;
  error: ErrorData | null;
  /** Warnings that did not stop the import. */
  problems: ImportProblem[];
  /**
   * Once read: every distinct value of the country column in the whole file (up to 5,000) and
   * what it matched; unmatched and ambiguous ones are for the mapping step to decide, never
   * dropped. Empty when there is no country column.
   */
  countries?: CountryFinding[];
  /** Milliseconds since it started (for the interface's "n seconds"; never asserted on). */
  elapsedMs: number;
}

/** An import kept in Sprig's store. */
export interface ImportSummary {
  name: string;
  title: string;
  path: string;
  importedAt: string;
  source: { name: string; size: number; sha256: string };
  counts: ImportCounts;
  recipe: ImportRecipe;
}

export type { DateOrder, ImportFieldType, ImportRecipe, SourceKind, TextEncoding };
