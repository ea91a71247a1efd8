/**
 * Why a data package (or one of its resources) was not opened, as stable codes with the
 * values their sentence names, so the interface can say it in the reader's language
 * (`loadProblem.<code>` in common.json) and the command line in English.
 *
 * Two outcomes: a package is *refused* when it breaks the Frictionless specification or its
 * own descriptor (the sentence says where: file, line, field, rule); it is *declined* when it
 * is valid but holds something Sprig does not read (a remote schema, an Excel sheet, a JSON
 * table…), and then the sentence never blames the data.
 */

/** Codes whose package is valid but outside what Sprig reads: declined, never the data's fault. */
const declinedCodes = [
  'descriptor-other-name',
  'folder-scan-cut',
  'nothing-to-open',
  'refers-to-skipped',
  'remote-path',
  'remote-schema',
  'remote-dialect',
  'inline-data',
  'no-schema',
  'excel',
  'json-table',
  'format-unsupported',
  'encoding-unsupported',
  'compression-unsupported',
  'dialect-unsupported',
] as const;

export const loadProblemCodes = [
  // The folder and the descriptor.
  'folder-unreadable',
  'folder-refused',
  'no-package',
  'descriptor-unreadable',
  'descriptor-outside',
  'descriptor-not-file',
  'descriptor-too-large',
  'descriptor-json',
  'descriptor-invalid',
  'name-taken',
  'name-reserved',
  'duplicate-resource',
  'duplicate-field',
  'field-type-unknown',
  'format-invalid',
  'constraint-invalid',
  'key-field-missing',
  'foreign-key-target-missing',
  'foreign-key-arity',
  'convention',
  ...declinedCodes,
  // A resource's file.
  'path-outside',
  'link-outside',
  'not-regular-file',
  'file-missing',
  'name-not-literal',
  'binary-file',
  'encoding-invalid',
  'compressed-invalid',
  // Past Sprig's limits (src/engine/load-limits.ts), and a file that is not what its descriptor says it is.
  'file-too-large',
  'inflated-too-large',
  'too-many-rows',
  'too-many-fields',
  'load-too-long',
  'bytes-mismatch',
  'hash-mismatch',
  // The header.
  'blank-label',
  'duplicate-label',
  'extra-label',
  'missing-label',
  'incorrect-label',
  // Rows.
  'blank-row',
  'extra-cell',
  'missing-cell',
  'csv-syntax',
  'line-too-long',
  'column-type',
  // Values.
  'type',
  'required',
  'enum',
  'minimum',
  'maximum',
  'pattern',
  'minLength',
  'maxLength',
  'unique',
  'primaryKey',
  'foreignKey',
  // Anything else (the English reason says what).
  'other',
] as const;

export type LoadProblemCode = (typeof loadProblemCodes)[number];

/** Where a load problem is, when it is in one place: the same fields in a refusal and in the catalogue. */
export interface ProblemPlace {
  /** The resource (table) the problem is in, when it is in one. */
  resource?: string;
  file?: string;
  /** The line of a CSV file (header = 1) or the row of a Parquet file (see `unit`). */
  row?: number;
  unit?: 'line' | 'row';
  field?: string;
  rule?: string;
  /** For a declined package: why each of its resources was not read. */
  resources?: SkippedResource[];
}

/** Values a sentence interpolates; all safe to show (never raw bytes, never validator text). */
export type LoadProblemValues = Record<string, string | number>;

/** Codes whose package is valid but outside what Sprig reads. */
export const declineCodes: ReadonlySet<LoadProblemCode> = new Set<LoadProblemCode>(declinedCodes);

/** A resource Sprig did not read, and why (always a decline). */
export interface SkippedResource {
  resource: string;
  code: LoadProblemCode;
  values: LoadProblemValues;
  /** English, for the command line and logs. */
  reason: string;
}

/** Where a problem is: enough to build the sentence's opening ("data.csv, line 3, field “id”"). */
export interface ProblemPlace {
  file?: string;
  row?: number;
  /** "line" in a CSV file (the header is line 1), "row" in a Parquet file (from 1). */
  unit?: 'line' | 'row';
  field?: string;
}

/**
 * The i18n key and values of a problem's place, or null when it has none. The interface
 * shows `t(key, values)` then the problem's own sentence.
 */
export function placeKey(place: ProblemPlace): { key: string; values: LoadProblemValues } | null {
  if (!place.file) return null;
  const unit = place.unit ?? 'line';
  const values: LoadProblemValues = { file: place.file };
  if (place.row !== undefined) values.line = place.row;
  if (place.field) values.field = place.field;
  if (place.row !== undefined && place.field) return { key: `loadProblem.place.${unit}Field`, values };
  if (place.row !== undefined) return { key: `loadProblem.place.${unit}`, values };
  if (place.field) return { key: 'loadProblem.place.fileField', values };
  return { key: 'loadProblem.place.file', values };
}

/**
 * Values that name a Frictionless type, a JSON type, a kind of file or a descriptor
 * property have their own translated words (`loadProblem.words.<value>`); the rest are
 * shown as they are.
 */
export const translatedValues = ['type', 'expected', 'kind'] as const;

/** What `problemSentence` needs: a refused package, a skipped resource, or a problem like them. */
export interface ProblemLike extends ProblemPlace {
  code: LoadProblemCode;
  values: LoadProblemValues;
}

/** i18next's `t`, as far as these sentences need it. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * A problem as one sentence in the reader's language: where it is ("data.csv, line 3,
 * field “id”"), then what is wrong, with the values that name a type or a kind of file
 * translated too. Unknown values (a type no specification has) are shown as they are.
 */
export function problemSentence(t: Translate, problem: ProblemLike): string {
  const values: Record<string, unknown> = { ...problem.values };
  for (const name of translatedValues) {
    const value = values[name];
    if (typeof value === 'string' && value !== '') values[name] = t(`loadProblem.words.${name}.${value}`, { defaultValue: value });
  }
  const context = contextOf(problem);
  const text = t(`loadProblem.${problem.code}`, { ...values, ...(context ? { context } : {}) });
  const place = placeKey(problem);
  return place ? t('loadProblem.joined', { place: t(place.key, place.values), problem: text }) : text;
}

/** A skipped resource as one line: its name, then why Sprig did not read it. */
export function skippedSentence(t: Translate, skipped: SkippedResource): string {
  return t('loadProblem.resourceLine', { resource: skipped.resource, problem: problemSentence(t, { code: skipped.code, values: skipped.values }) });
}

/** Which wording a sentence takes (i18next's context: `type_format`, `required_key`, …). */
function contextOf(problem: ProblemLike): string | undefined {
  const v = problem.values;
  switch (problem.code) {
    case 'folder-refused':
      return typeof v.kind === 'string' ? v.kind : undefined;
    case 'folder-scan-cut':
      return typeof v.reason === 'string' ? v.reason : undefined;
    case 'type':
      return v.format ? 'format' : undefined;
    case 'required':
      return v.primaryKey === 1 ? 'key' : undefined;
    case 'enum':
      return v.allowed ? undefined : 'unlisted';
    case 'unique':
    case 'primaryKey':
      return problem.unit === 'row' ? 'row' : undefined;
    default:
      return undefined;
  }
}
