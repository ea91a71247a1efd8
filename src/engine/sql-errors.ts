import { AppError, type ErrorDetail } from '../shared/errors.ts';

/**
 * DuckDB's kinds of error that mean the statement itself is wrong, as written or for the
 * values it meets: the user's to mend, not the engine's (out of memory, I/O, an interrupt).
 */
const STATEMENT_ERRORS = new Set([
  'Parser',
  'Syntax',
  'Binder',
  'Catalog',
  'Conversion',
  'Out of Range',
  'Invalid Input',
  'Invalid type',
  'Mismatch Type',
  'Divide by Zero',
  'Decimal',
  'Not implemented',
]);

/** What a sentence of DuckDB's says is wrong, and the context that picks the translated sentence. */
const READINGS: { pattern: RegExp; read: (m: RegExpExecArray) => ErrorDetail }[] = [
  { pattern: /syntax error at end of input/, read: () => ({ context: 'incomplete' }) },
  { pattern: /at or near "(.*)"/, read: (m) => ({ context: 'syntax', near: m[1] ?? '' }) },
  { pattern: /^Table "(.*)" does not have a column named "(.*)"/, read: (m) => ({ context: 'table-column', table: m[1] ?? '', column: m[2] ?? '' }) },
  { pattern: /^Referenced column "(.*)" not found/, read: (m) => ({ context: 'column', column: m[1] ?? '' }) },
  { pattern: /^Referenced table "(.*)" not found/, read: (m) => ({ context: 'table', table: m[1] ?? '' }) },
  { pattern: /^Table with name "?(.*?)"? does not exist because schema "(.*)" does not exist/, read: (m) => ({ context: 'schema', schema: m[2] ?? '' }) },
  { pattern: /^Table with name (.*) does not exist/, read: (m) => ({ context: 'table', table: m[1] ?? '' }) },
  { pattern: /^\w+ Function with name (.*) does not exist/, read: (m) => ({ context: 'function', name: m[1] ?? '' }) },
];

/**
 * A DuckDB error of the user's own statement as a typed error that says what is wrong:
 * 'sql-invalid' with a `context` (errors.sql-invalid_syntax, …_column, …) naming the token,
 * table, column or function, and DuckDB's suggestion when it has one; any other fault of
 * the statement with DuckDB's reason. Null for a failure that is not the statement's.
 */
export function statementError(message: string): AppError | null {
  const text = message.replace(/^Failed to extract statements: /, '');
  const kind = /^([A-Za-z ]+?) Error: /.exec(text);
  if (!kind?.[1] || !STATEMENT_ERRORS.has(kind[1])) return null;
  const lines = text.slice(kind[0].length).split('\n');
  const sentence = lines[0] ?? '';
  const english = text.split('\n')[0] ?? text;
  const suggestion = lines.map((line) => /^Did you mean "(.*)"\?$/.exec(line)?.[1]).find((s) => s !== undefined);
  for (const { pattern, read } of READINGS) {
    const match = pattern.exec(sentence);
    if (!match) continue;
    const detail = read(match);
    if (suggestion && (detail.context === 'table' || detail.context === 'function')) {
      return new AppError('sql-invalid', english, { ...detail, context: `${detail.context}-suggestion`, suggestion });
    }
    return new AppError('sql-invalid', english, detail);
  }
  return new AppError('sql-invalid', english, { reason: sentence });
}
