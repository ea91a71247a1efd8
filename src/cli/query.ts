import { DataType, tableFromIPC, type Table, type Timestamp } from 'apache-arrow';
import type { i18n } from 'i18next';
import { validateArgs } from '../shared/contract.ts';
import { AppError } from '../shared/errors.ts';
import { formatMegabytes } from '../shared/format.ts';
import { sqlResultSize } from '../shared/sql-result-size.ts';
import { toCsv as writeCsv } from '../shared/table-csv.ts';
import type { CliOptions } from './options.ts';
import { openEngine } from './open-engine.ts';

type Cell = string | number | boolean | null;

/**
 * `sprig query "SQL"`: the SQL console without a window. The same engine method and so the
 * same refusals; rows go to stdout (CSV or JSON), messages to stderr. Exit 1 when the
 * statement is refused or fails, 2 when the command line itself is wrong.
 */
export async function queryCommand(options: CliOptions, i18n: i18n): Promise<number> {
  const t = i18n.getFixedT(null, 'cli');
  if (options.sql === null) {
    process.stderr.write(`${t('queryNeedsSql')}\n\n${t('usage')}`);
    return 2;
  }
  const engine = await openEngine(options);
  try {
    const args = validateArgs('runSql', {
      sql: options.sql,
      ...(options.dataset !== null ? { dataset: options.dataset } : {}),
      ...(options.maxRows !== null ? { maxRows: options.maxRows } : {}),
    });
    const table = tableFromIPC(await engine.runSql(args));
    // The console reads the data as they are: say so where a person reads it, never inside the data.
    process.stderr.write(`${t('queryNotDisclosureControlled')}\n`);
    process.stdout.write(options.format === 'json' ? toJson(table) : toCsv(table));
    const { truncated, total, cutBy, maxBytes } = sqlResultSize(table);
    if (truncated) {
      const shown = table.numRows;
      if (cutBy === 'bytes') {
        const size = formatMegabytes(maxBytes ?? 0, i18n.language);
        process.stderr.write(`${total === null ? t('queryTruncatedBytesUnknownTotal', { shown, size }) : t('queryTruncatedBytes', { shown, total, size })}\n`);
      } else process.stderr.write(`${total === null ? t('queryTruncatedUnknownTotal', { shown }) : t('queryTruncated', { shown, total })}\n`);
    }
    return 0;
  } catch (error) {
    const app = error instanceof AppError ? error : new AppError('internal', String(error), { reason: String(error) });
    process.stderr.write(`${i18n.t(`errors.${app.code}`, { ns: 'common', ...app.detail, defaultValue: app.message })}\n`);
    return 1;
  } finally {
    engine.close();
  }
}

/** Each row as plain values: numbers stay numbers, dates become ISO 8601 text. */
export function plainRows(table: Table): Record<string, Cell>[] {
  const fields = table.schema.fields;
  const columns = fields.map((field) => table.getChild(field.name));
  const rows: Record<string, Cell>[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const row: Record<string, Cell> = {};
    fields.forEach((field, c) => {
      row[field.name] = plainValue(columns[c]?.get(i), field.type);
    });
    rows.push(row);
  }
  return rows;
}

function plainValue(value: unknown, type: DataType): Cell {
  if (value === null || value === undefined) return null;
  // Read back from IPC, types are the generic Date_/Timestamp classes: ask by type id.
  if (DataType.isDate(type)) return new Date(Number(value)).toISOString().slice(0, 10);
  if (DataType.isTimestamp(type)) {
    const iso = new Date(Number(value)).toISOString();
    // A TIMESTAMP without a time zone is wall-clock time: no "Z" claiming it is UTC.
    return (type as Timestamp).timezone ? iso : iso.slice(0, -1);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return String(value);
}

/** A JSON array of objects, one row per line so it reads and diffs well. */
export function toJson(table: Table): string {
  const rows = plainRows(table).map((row) => JSON.stringify(row));
  return rows.length === 0 ? '[]\n' : `[\n${rows.join(',\n')}\n]\n`;
}

/** RFC 4180 (the same writer as the table tab's download): a header row, CRLF line ends, quoted where needed. */
export function toCsv(table: Table): string {
  const names = table.schema.fields.map((f) => f.name);
  return writeCsv(plainRows(table), names.map((name) => ({ header: name, value: (row) => row[name] ?? null })));
}
