import { sqlString } from '../shared/sql/quote.ts';

/**
 * Frictionless Table Schema field types (v1, with v2's additions where v1's meaning carries
 * over) as DuckDB types, and the SQL that turns a cell's text into a typed value with the
 * checks the specification asks for. Text is read as it is written (every column VARCHAR),
 * then converted here: a value that does not fit its field is never rounded, guessed or
 * shifted; it is reported with its line.
 *
 * Each conversion is a pair of expressions over a non-null text `x`: `valid`, true when the
 * text is a value of the field's type and format, and `convert`, the typed value of a valid
 * text. DuckDB's own casts are lenient (`CAST('2.5' AS BIGINT)` is 3, `'yes'` is a boolean,
 * `' 5'`, `'1_000'` and `'0x10'` are integers, a time zone offset is dropped from a
 * TIMESTAMP), so every cast is guarded by the lexical form the specification gives.
 */

export interface FieldLike {
  name: string;
  type?: string;
  format?: string;
  /** number: the decimal separator (default "."). */
  decimalChar?: string;
  /** number (and v2 integer): the thousands separator (default none). */
  groupChar?: string;
  /** number and integer: false lets text surround the number ("€95", "95%"). Default true. */
  bareNumber?: boolean;
  trueValues?: string[];
  falseValues?: string[];
}

/** The Table Schema types Sprig reads; anything else is a descriptor error. */
export const FIELD_TYPES = new Set([
  'string', 'number', 'integer', 'boolean', 'object', 'array', 'list', 'date', 'time', 'datetime',
  'year', 'yearmonth', 'duration', 'geopoint', 'geojson', 'any',
]);

const duckdbTypes: Record<string, string> = {
  string: 'VARCHAR',
  integer: 'BIGINT',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
  date: 'DATE',
  datetime: 'TIMESTAMP',
  time: 'TIME',
  year: 'INTEGER',
  any: 'VARCHAR',
};

/**
 * The DuckDB type for a Frictionless field type; types Sprig does not model (object,
 * geopoint, yearmonth, duration…) stay text, checked against their lexical form.
 * Datetimes and times with an offset are stored as the UTC instant (TIMESTAMP, TIME).
 */
export function duckdbType(field: FieldLike): string {
  return duckdbTypes[field.type ?? 'string'] ?? 'VARCHAR';
}

export interface Conversion {
  /** The DuckDB type of the column. */
  type: string;
  /** SQL true when the non-null text is a value of the field; null when every text is. */
  valid: string | null;
  /** SQL for the typed value of a valid text. */
  convert: string;
  /**
   * For the one-pass load: a cheaper test than `valid` that lets through only texts that
   * `convert` either converts rightly or fails on with an error (DuckDB's CAST of
   * '2020-02-30' to DATE, strptime on a text not in its format). `null`: `convert` checks
   * everything itself. Absent: `valid` is the test.
   */
  guard?: string | null;
}

const DEFAULT_TRUE = ['true', 'True', 'TRUE', '1'];
const DEFAULT_FALSE = ['false', 'False', 'FALSE', '0'];

/** v1's number forms (after the declared separators are normalised) and its three special values. */
const NUMBER = '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?$';
const SPECIAL_NUMBER = '^(?i)([+-]?(inf|infinity)|nan)$';
const INTEGER = '^[+-]?[0-9]+$';
const ISO_DATE = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
const ISO_TIME = '^[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?$';
const ISO_DATETIME = '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?$';
/** A written offset: the value is an instant, stored in UTC. "Z" is UTC already. */
const OFFSET = '[+-][0-9]{2}(:?[0-9]{2})?$';
const DURATION = '^P([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+(\\.[0-9]+)?S)?)?$';

/** Formats tried, in order, for `format: "any"` (month before day, as the reference implementation's parser does). */
const ANY_DATE_FORMATS = ['%Y-%m-%d', '%Y/%m/%d', '%m/%d/%Y', '%d/%m/%Y', '%d.%m.%Y', '%d %B %Y', '%d %b %Y', '%B %d, %Y', '%b %d, %Y', '%B %d %Y', '%b %d %Y', '%Y%m%d'];
const ANY_TIME_FORMATS = ['%H:%M:%S', '%H:%M', '%H:%M:%S.%f', '%I:%M %p', '%I:%M:%S %p'];
const ANY_DATETIME_FORMATS = ['%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M', '%Y-%m-%dT%H:%M', '%Y/%m/%d %H:%M:%S', '%m/%d/%Y %H:%M:%S', '%d/%m/%Y %H:%M:%S', '%m/%d/%Y %H:%M', '%d/%m/%Y %H:%M', ...ANY_DATE_FORMATS];

const matches = (x: string, pattern: string) => `regexp_full_match(${x}, ${sqlString(pattern)})`;
const list = (values: string[]) => `[${values.map(sqlString).join(', ')}]`;
/** A TIMESTAMPTZ as the UTC wall-clock TIMESTAMP, whatever DuckDB's TimeZone setting. */
const utc = (tz: string) => `make_timestamp(epoch_us(${tz}))`;

/** A declared date/time pattern in DuckDB's (Python-compatible) strptime syntax; v0's "fmt:" prefix dropped. */
export function datePattern(field: FieldLike): string | null {
  const format = field.format ?? 'default';
  if (format === 'default' || format === 'any' || format === '') return null;
  return format.startsWith('fmt:') ? format.slice(4) : format;
}

/** Whether a pattern reads an offset or zone (then the value is an instant, kept as UTC). */
const hasZone = (pattern: string) => /%[zZ]/.test(pattern);

/** How a field's text becomes a typed value. */
export function textConversion(field: FieldLike, x: string): Conversion {
  const type = field.type ?? 'string';
  const format = field.format ?? 'default';
  switch (type) {
    case 'integer': {
      const bare = field.bareNumber !== false;
      let text = x;
      if (field.groupChar) text = `replace(${text}, ${sqlString(field.groupChar)}, '')`;
      if (!bare) text = `regexp_replace(regexp_replace(${text}, '^[^0-9+-]+', ''), '[^0-9]+$', '')`;
      // Too large for 64 bits: the CAST fails, and the load looks for the line.
      return { type: 'BIGINT', valid: `(${matches(text, INTEGER)} AND TRY_CAST(${text} AS BIGINT) IS NOT NULL)`, convert: `CAST(${text} AS BIGINT)`, guard: matches(text, INTEGER) };
    }
    case 'number': {
      const decimal = field.decimalChar ?? '.';
      const group = field.groupChar ?? '';
      let text = x;
      if (group) text = `replace(${text}, ${sqlString(group)}, '')`;
      if (decimal !== '.') text = `replace(${text}, ${sqlString(decimal)}, '.')`;
      if (field.bareNumber === false) text = `regexp_replace(regexp_replace(${text}, '^[^0-9+.-]+', ''), '[^0-9.]+$', '')`;
      // With another decimal separator declared, a "." is no separator at all.
      const noStrayDot = decimal !== '.' && group !== '.' ? `NOT contains(${x}, '.') AND ` : '';
      return {
        type: 'DOUBLE',
        valid: `(${noStrayDot}(${matches(text, NUMBER)} OR ${matches(text, SPECIAL_NUMBER)}))`,
        convert: `CAST(${text} AS DOUBLE)`,
      };
    }
    case 'boolean': {
      const truthy = field.trueValues ?? DEFAULT_TRUE;
      const falsy = field.falseValues ?? DEFAULT_FALSE;
      return { type: 'BOOLEAN', valid: `list_contains(${list([...truthy, ...falsy])}, ${x})`, convert: `list_contains(${list(truthy)}, ${x})` };
    }
    case 'date': {
      const pattern = datePattern(field);
      if (pattern) return { type: 'DATE', valid: `try_strptime(${x}, ${sqlString(pattern)}) IS NOT NULL`, convert: `CAST(strptime(${x}, ${sqlString(pattern)}) AS DATE)`, guard: null };
      if (format === 'any') {
        const parsed = `try_strptime(${x}, ${list(ANY_DATE_FORMATS)})`;
        return { type: 'DATE', valid: `${parsed} IS NOT NULL`, convert: `CAST(${parsed} AS DATE)` };
      }
      return { type: 'DATE', valid: `(${matches(x, ISO_DATE)} AND TRY_CAST(${x} AS DATE) IS NOT NULL)`, convert: `CAST(${x} AS DATE)`, guard: matches(x, ISO_DATE) };
    }
    case 'datetime': {
      const pattern = datePattern(field);
      if (pattern) {
        const parsed = `strptime(${x}, ${sqlString(pattern)})`;
        return { type: 'TIMESTAMP', valid: `try_${parsed} IS NOT NULL`, convert: hasZone(pattern) ? utc(parsed) : `CAST(${parsed} AS TIMESTAMP)`, guard: null };
      }
      if (format === 'any') {
        const parsed = `try_strptime(${x}, ${list(ANY_DATETIME_FORMATS)})`;
        const iso = `${matches(x, ISO_DATETIME)} AND TRY_CAST(${x} AS TIMESTAMPTZ) IS NOT NULL`;
        return {
          type: 'TIMESTAMP',
          valid: `((${iso}) OR ${parsed} IS NOT NULL)`,
          convert: `CASE WHEN ${iso} THEN ${isoDatetime(x)} ELSE CAST(${parsed} AS TIMESTAMP) END`,
        };
      }
      return { type: 'TIMESTAMP', valid: `(${matches(x, ISO_DATETIME)} AND TRY_CAST(${x} AS TIMESTAMPTZ) IS NOT NULL)`, convert: isoDatetime(x), guard: matches(x, ISO_DATETIME) };
    }
    case 'time': {
      const pattern = datePattern(field);
      if (pattern) {
        const parsed = `strptime('1970-01-01 ' || ${x}, ${sqlString(`%Y-%m-%d ${pattern}`)})`;
        return { type: 'TIME', valid: `try_${parsed} IS NOT NULL`, convert: `CAST(${hasZone(pattern) ? utc(parsed) : parsed} AS TIME)`, guard: null };
      }
      if (format === 'any') {
        const parsed = `try_strptime(${x}, ${list(ANY_TIME_FORMATS)})`;
        const iso = `${matches(x, ISO_TIME)} AND TRY_CAST('1970-01-01 ' || ${x} AS TIMESTAMPTZ) IS NOT NULL`;
        return { type: 'TIME', valid: `((${iso}) OR ${parsed} IS NOT NULL)`, convert: `CASE WHEN ${iso} THEN ${isoTime(x)} ELSE CAST(${parsed} AS TIME) END` };
      }
      return { type: 'TIME', valid: `(${matches(x, ISO_TIME)} AND TRY_CAST('1970-01-01 ' || ${x} AS TIMESTAMPTZ) IS NOT NULL)`, convert: isoTime(x), guard: matches(x, ISO_TIME) };
    }
    case 'year':
      return { type: 'INTEGER', valid: matches(x, '^[0-9]{4}$'), convert: `CAST(${x} AS INTEGER)` };
    case 'yearmonth':
      return { type: 'VARCHAR', valid: matches(x, '^[0-9]{4}-(0[1-9]|1[0-2])$'), convert: x };
    case 'duration':
      return { type: 'VARCHAR', valid: `(${matches(x, DURATION)} AND ${x} <> 'P' AND NOT ends_with(${x}, 'T'))`, convert: x };
    case 'object':
    case 'geojson':
      return { type: 'VARCHAR', valid: `(json_valid(${x}) AND json_type(${x}) = 'OBJECT')`, convert: x };
    case 'array':
      return { type: 'VARCHAR', valid: `(json_valid(${x}) AND json_type(${x}) = 'ARRAY')`, convert: x };
    case 'geopoint': {
      if (format === 'array') return { type: 'VARCHAR', valid: `(json_valid(${x}) AND json_type(${x}) = 'ARRAY' AND json_array_length(${x}) = 2)`, convert: x };
      if (format === 'object') return { type: 'VARCHAR', valid: `(json_valid(${x}) AND json_type(${x}) = 'OBJECT' AND json_exists(${x}, '$.lon') AND json_exists(${x}, '$.lat'))`, convert: x };
      return { type: 'VARCHAR', valid: matches(x, '^\\s*[+-]?[0-9]+(\\.[0-9]+)?\\s*,\\s*[+-]?[0-9]+(\\.[0-9]+)?\\s*$'), convert: x };
    }
    case 'string':
      return { type: 'VARCHAR', valid: stringFormat(format, x), convert: x };
    default:
      // 'any', 'list' and the rest: text as written.
      return { type: 'VARCHAR', valid: null, convert: x };
  }
}

/** ISO 8601 datetimes: a written offset makes the value an instant, stored as UTC; none (or "Z") is taken as written. */
function isoDatetime(x: string): string {
  return `CASE WHEN regexp_matches(${x}, ${sqlString(OFFSET)}) THEN ${utc(`CAST(${x} AS TIMESTAMPTZ)`)} ELSE CAST(replace(${x}, 'Z', '') AS TIMESTAMP) END`;
}

function isoTime(x: string): string {
  return `CASE WHEN regexp_matches(${x}, ${sqlString(OFFSET)}) THEN CAST(${utc(`CAST('1970-01-01 ' || ${x} AS TIMESTAMPTZ)`)} AS TIME) ELSE CAST(replace(${x}, 'Z', '') AS TIME) END`;
}

/** string's formats (v1): email, uri, uuid and binary (base64) are checked; any other format is a hint and ignored. */
function stringFormat(format: string, x: string): string | null {
  switch (format) {
    case 'email':
      return matches(x, '^[^@\\s]+@[^@\\s]+$');
    case 'uri':
      return matches(x, '^[A-Za-z][A-Za-z0-9+.-]*:\\S*$');
    case 'uuid':
      return matches(x, '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$');
    case 'binary':
      return `(${matches(x, '^[A-Za-z0-9+/]*={0,2}$')} AND length(${x}) % 4 = 0)`;
    default:
      return null;
  }
}

/**
 * The typed value of a text, or an error naming the field when the text does not fit: the
 * load is one pass, and only when it fails is the file read again to find the first line
 * that does not fit (see data-package.ts).
 */
export function strictConversion(field: FieldLike, x: string, index: number): string {
  const c = textConversion(field, x);
  if (c.valid === null) return c.convert;
  const misfit = `error(${sqlString(`sprig: field ${index} does not fit`)})`;
  if ((field.type ?? 'string') === 'boolean') {
    // One comparison or two per cell, rather than a test and then a conversion.
    const truthy = field.trueValues ?? DEFAULT_TRUE;
    const falsy = field.falseValues ?? DEFAULT_FALSE;
    return `CASE WHEN ${x} IN (${truthy.map(sqlString).join(', ')}) THEN true WHEN ${x} IN (${falsy.map(sqlString).join(', ')}) THEN false WHEN ${x} IS NULL THEN NULL ELSE ${misfit} END`;
  }
  if (c.guard === null) return `CASE WHEN ${x} IS NULL THEN NULL ELSE ${c.convert} END`;
  return `CASE WHEN ${x} IS NULL THEN NULL WHEN ${c.guard ?? c.valid} THEN ${c.convert} ELSE ${misfit} END`;
}

/** The typed value of a text, or NULL when it does not fit (for finding where a load failed). */
export function tryConversion(field: FieldLike, x: string): string {
  const c = textConversion(field, x);
  return c.valid === null ? c.convert : `CASE WHEN ${c.valid} THEN ${c.convert} END`;
}

/** True on a non-null text that does not fit its field. */
export function misfit(field: FieldLike, x: string): string | null {
  const c = textConversion(field, x);
  return c.valid === null ? null : `(${x} IS NOT NULL AND NOT coalesce(${c.valid}, false))`;
}

/** A human name for what a field expects, for messages: "date (%d/%m/%Y)", "integer". */
export function typeWithFormat(field: FieldLike): { type: string; format: string } {
  const type = field.type ?? 'string';
  const format = field.format && field.format !== 'default' ? field.format : '';
  return { type, format };
}
