import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DataType, tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { DEFAULT_MAX_ROWS, leadingKeyword } from '../../src/engine/sql-console.ts';
import { SQL_RESULT_METADATA } from '../../src/shared/contract.ts';
import { dispatch } from '../../src/shared/contract.ts';
import { AppError } from '../../src/shared/errors.ts';
import { createI18n } from '../../src/shared/i18n/create.ts';
import { bundledData, tempDir } from '../support/temp.ts';

const rowsOf = (bytes: Uint8Array) => tableFromIPC(bytes).toArray().map((r) => r.toJSON() as Record<string, unknown>);

/** A query that runs for minutes unless stopped (a hash over 10^11 numbers). */
const SLOW = 'SELECT count(*) FROM range(100000000000) t(i) WHERE hash(i) % 7 = 3';

/** The refusal `sql` gets: its code, detail and message as the interface shows it. */
async function refusal(engine: Engine, sql: string, dataset?: string): Promise<{ code: string; detail: Record<string, unknown>; shown: string }> {
  const error = await engine.runSql({ sql, ...(dataset ? { dataset } : {}) }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `${sql} should be refused`).toBeInstanceOf(AppError);
  const app = error as AppError;
  const { t } = createI18n();
  return { code: app.code, detail: app.detail, shown: t(`errors.${app.code}`, { ...app.detail, defaultValue: app.message }) };
}

describe('the SQL console', () => {
  let engine: Engine;
  let store: string;
  beforeAll(async () => {
    store = await tempDir();
    // Sprig's own settings file, which a console query must not read either.
    await writeFile(path.join(store, 'settings.json'), '{ "dataFolders": [] }\n');
    await writeFile(path.join(store, 'note.csv'), 'a,b\n1,2\n');
    engine = await Engine.open({ storeDir: store, bundledDataDirs: [bundledData] });
  });
  afterAll(() => engine.close());

  describe('runs a read-only SELECT', () => {
    it('across a package, with the package as a schema', async () => {
      const description = await engine.describeDataset({ dataset: 'sprig-demo' });
      const expected = description.tableDetails.find((t) => t.name === 'country_year_indicator')?.rowCount;
      const rows = rowsOf(await engine.runSql({ sql: 'SELECT count(*) AS n FROM "sprig-demo".country_year_indicator' }));
      expect(rows).toEqual([{ n: expected }]);
      expect(expected).toBeGreaterThan(0);
    });

    it('with `dataset` as the default schema for unqualified names (USE on its own connection)', async () => {
      const qualified = rowsOf(await engine.runSql({ sql: 'SELECT count(*) AS n FROM "sprig-demo".country' }));
      const unqualified = rowsOf(await engine.runSql({ sql: 'SELECT count(*) AS n FROM country', dataset: 'sprig-demo' }));
      expect(unqualified).toEqual(qualified);
      // Without it the name means nothing, and the views' connection was not changed by it.
      await expect(engine.runSql({ sql: 'SELECT count(*) FROM country' })).rejects.toMatchObject({
        code: 'sql-invalid',
        detail: { context: 'table-suggestion', table: 'country', suggestion: 'sprig-demo.country' },
      });
      await expect(engine.runSql({ sql: 'SELECT 1', dataset: 'no-such-dataset' })).rejects.toMatchObject({ code: 'dataset-not-found' });
    });

    it('joins, CTEs, DESCRIBE and the catalogue functions are all SELECTs', async () => {
      const joined = rowsOf(
        await engine.runSql({
          sql: `WITH v AS (SELECT country_code, count(*) AS n FROM country_year_indicator GROUP BY ALL)
                SELECT c.country_code, v.n FROM country c JOIN v USING (country_code) ORDER BY v.n DESC`,
          dataset: 'sprig-demo',
        }),
      );
      expect(joined.length).toBeGreaterThan(0);
      expect(rowsOf(await engine.runSql({ sql: 'DESCRIBE "sprig-demo".country' })).map((r) => r.column_name)).toContain('country_code');
      const tables = rowsOf(await engine.runSql({ sql: `SELECT table_name FROM duckdb_tables() WHERE schema_name = 'sprig-demo'` }));
      expect(tables.map((r) => r.table_name)).toContain('country_year_indicator');
    });

    it('sends DATE and TIMESTAMP columns as Arrow dates in epoch milliseconds', async () => {
      const bytes = await engine.runSql({
        sql: `SELECT DATE '2023-07-01' AS d, TIMESTAMP '2023-07-01 12:30:00' AS ts, TIMESTAMPTZ '2023-07-01 12:30:00+00' AS tz,
                     DATE 'infinity' AS forever, 12345678901::BIGINT AS big, 1.25::DECIMAL(5, 2) AS dec, [1, 2] AS list`,
      });
      const table = tableFromIPC(bytes);
      const type = (name: string) => table.schema.fields.find((f) => f.name === name)!.type;
      expect(DataType.isDate(type('d'))).toBe(true);
      expect(DataType.isTimestamp(type('ts'))).toBe(true);
      expect(rowsOf(bytes)[0]).toEqual({
        d: Date.UTC(2023, 6, 1),
        ts: Date.UTC(2023, 6, 1, 12, 30),
        tz: Date.UTC(2023, 6, 1, 12, 30),
        forever: null,
        big: 12345678901,
        dec: 1.25,
        list: '[1, 2]',
      });
      // A package's own DATE column arrives as a date too.
      const periods = tableFromIPC(await engine.runSql({ sql: 'SELECT period_start FROM country_year_indicator LIMIT 1', dataset: 'sprig-demo' }));
      expect(DataType.isDate(periods.schema.fields[0]!.type)).toBe(true);
    });
  });

  describe('caps the rows and says so in the Arrow schema metadata', () => {
    it('sends maxRows rows, truncated=true and the total', async () => {
      const table = tableFromIPC(await engine.runSql({ sql: 'SELECT * FROM range(25) t(i)', maxRows: 10 }));
      expect(table.numRows).toBe(10);
      expect(table.schema.metadata.get(SQL_RESULT_METADATA.truncated)).toBe('true');
      expect(table.schema.metadata.get(SQL_RESULT_METADATA.rows)).toBe('10');
      expect(table.schema.metadata.get(SQL_RESULT_METADATA.totalRows)).toBe('25');
      expect(table.getChild('i')?.toArray()).toEqual(Float64Array.from({ length: 10 }, (_, i) => i));
    });

    it('says truncated=false when everything came back', async () => {
      const table = tableFromIPC(await engine.runSql({ sql: 'SELECT * FROM range(10) t(i);', maxRows: 10 }));
      expect(table.numRows).toBe(10);
      expect(table.schema.metadata.get(SQL_RESULT_METADATA.truncated)).toBe('false');
      expect(table.schema.metadata.get(SQL_RESULT_METADATA.totalRows)).toBe('10');
    });

    it(`defaults to ${DEFAULT_MAX_ROWS} rows`, async () => {
      const table = tableFromIPC(await engine.runSql({ sql: `SELECT * FROM range(${DEFAULT_MAX_ROWS + 5})` }));
      expect(table.numRows).toBe(DEFAULT_MAX_ROWS);
      expect(table.schema.metadata.get(SQL_RESULT_METADATA.totalRows)).toBe(String(DEFAULT_MAX_ROWS + 5));
    });

    it('the contract refuses a cap over 100,000', async () => {
      const result = await dispatch(engine, 'runSql', { sql: 'SELECT 1', maxRows: 100_001 });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    });
  });

  describe('refuses, before running, anything but one read-only SELECT on the loaded data', () => {
    it.each([
      ['reading /etc/passwd with read_text', `SELECT * FROM read_text('/etc/passwd')`, 'read_text'],
      ['reading /etc/passwd with read_csv', `SELECT * FROM read_csv('/etc/passwd')`, 'read_csv'],
      ['reading /etc/passwd by its name', `SELECT * FROM '/etc/passwd'`, "'/etc/passwd'"],
      ['reading a file inside a subquery', `SELECT (SELECT max(content) FROM read_text('/etc/passwd')) AS x`, 'read_text'],
      ['SQL hidden in a string', `SELECT * FROM query('SELECT 1')`, 'query'],
    ])('%s', async (_, sql, name) => {
      const r = await refusal(engine, sql);
      expect(r).toMatchObject({ code: 'sql-refused', detail: { context: 'files', name } });
      expect(r.shown).toBe(`The SQL console reads only the loaded datasets, not files, so it will not run ${name}.`);
    });

    it('reading files inside Sprig’s own store, which lockdown alone would allow', async () => {
      for (const sql of [`SELECT * FROM read_csv('${store}/settings.json')`, `SELECT * FROM read_text('${store}/settings.json')`, `SELECT * FROM '${store}/note.csv'`]) {
        expect(await refusal(engine, sql)).toMatchObject({ code: 'sql-refused', detail: { context: 'files' } });
      }
    });

    it.each([
      ['COPY to a file outside the store', `COPY (SELECT 1) TO '/tmp/sprig-console-test.csv'`, 'COPY'],
      ['INSTALL an extension', 'INSTALL httpfs', 'INSTALL'],
      ['LOAD an extension', 'LOAD httpfs', 'LOAD'],
      ['SET a setting', `SET memory_limit = '9GB'`, 'SET'],
      ['RESET a setting', 'RESET memory_limit', 'RESET'],
      ['ATTACH a database', `ATTACH '/tmp/sprig-console-test.db' AS other`, 'ATTACH'],
      ['CREATE TABLE', 'CREATE TABLE mine AS SELECT 1 AS x', 'CREATE'],
      ['CREATE MACRO', 'CREATE MACRO twice(x) AS x * 2', 'CREATE'],
      ['DROP TABLE', 'DROP TABLE "sprig-demo".country', 'DROP'],
      ['INSERT', 'INSERT INTO "sprig-demo".country SELECT * FROM "sprig-demo".country', 'INSERT'],
      ['DELETE', 'DELETE FROM "sprig-demo".country', 'DELETE'],
      ['PRAGMA (read-only, but not a SELECT)', 'PRAGMA database_list', 'PRAGMA'],
      ['PRAGMA that sets', 'PRAGMA threads = 8', 'PRAGMA'],
      ['EXPLAIN ANALYZE', 'EXPLAIN ANALYZE SELECT 1', 'EXPLAIN'],
      ['CALL', 'CALL pragma_version()', 'CALL'],
      ['USE', 'USE main', 'USE'],
      ['a transaction', 'BEGIN TRANSACTION', 'BEGIN'],
    ])('%s', async (_, sql, kind) => {
      const r = await refusal(engine, sql);
      expect(r).toMatchObject({ code: 'sql-refused', detail: { kind } });
      expect(r.shown).toBe(`The SQL console runs only read-only SELECT statements, so it will not run ${kind}.`);
    });

    it('COPY and EXPORT into the store folder, which lockdown alone would allow', async () => {
      for (const sql of [`COPY "sprig-demo".country TO '${store}/copied.csv'`, `EXPORT DATABASE '${store}/exported'`, `ATTACH '${store}/attached.db' AS a`]) {
        expect(await refusal(engine, sql)).toMatchObject({ code: 'sql-refused' });
      }
      expect(existsSync(path.join(store, 'copied.csv'))).toBe(false);
      expect(existsSync(path.join(store, 'exported'))).toBe(false);
      expect(existsSync(path.join(store, 'attached.db'))).toBe(false);
      expect(existsSync('/tmp/sprig-console-test.csv')).toBe(false);
    });

    it('two statements, even when the first is a SELECT', async () => {
      const r = await refusal(engine, 'SELECT 1; DROP TABLE "sprig-demo".country');
      expect(r).toMatchObject({ code: 'sql-refused', detail: { context: 'multiple', count: 2 } });
      expect(r.shown).toBe('The SQL console runs one statement at a time, and this has 2. Run them one by one.');
    });

    it('no statement at all', async () => {
      expect(await refusal(engine, ' ; -- nothing')).toMatchObject({ code: 'sql-refused', detail: { context: 'empty' }, shown: 'There is no SQL statement to run.' });
    });

    it('and after all that, nothing changed', async () => {
      // Read on the engine's own connection: the console refuses current_setting (it discloses paths).
      const settings = await engine.runRows({ sql: `SELECT current_setting('memory_limit') AS m, current_setting('lock_configuration') AS locked`, params: {} });
      expect(settings[0]?.m).not.toMatch(/^9/);
      expect(settings[0]?.locked).toBe(true);
      const rows = rowsOf(await engine.runSql({ sql: 'SELECT count(*) AS n FROM country', dataset: 'sprig-demo' }));
      expect(Number(rows[0]?.n)).toBeGreaterThan(0);
      const schemas = rowsOf(await engine.runSql({ sql: 'SELECT DISTINCT schema_name FROM duckdb_tables()' }));
      expect(schemas.map((r) => r.schema_name)).not.toContain('other');
    });

    it.each([
      ['SELEC 1', undefined, { context: 'syntax', near: 'SELEC' }, 'The query has a syntax error near “SELEC”.'],
      ["SELECT 'abc", undefined, { context: 'syntax', near: "'abc" }, 'The query has a syntax error near “\'abc”.'],
      ['SELECT 1 +', undefined, { context: 'incomplete' }, 'The query has a syntax error at its end: something is missing.'],
      ['SELECT nme FROM country', 'sprig-demo', { context: 'column', column: 'nme' }, 'No column named “nme” in the tables the query reads.'],
      ['SELECT c.nme FROM country AS c', 'sprig-demo', { context: 'table-column', column: 'nme', table: 'c' }, 'No column named “nme” in “c”.'],
      ['SELECT x.name_en FROM country', 'sprig-demo', { context: 'table', table: 'x' }, 'No table named “x”.'],
      ['SELECT * FROM countr', 'sprig-demo', { context: 'table-suggestion', table: 'countr', suggestion: 'country' }, 'No table named “countr”. Did you mean “country”?'],
      ['SELECT * FROM nope.country', undefined, { context: 'schema', schema: 'nope' }, 'No dataset named “nope”: each dataset is a schema named after it.'],
      ['SELECT upperr(name_en) FROM country', 'sprig-demo', { context: 'function-suggestion', name: 'upperr', suggestion: 'upper' }, 'No function named “upperr”. Did you mean “upper”?'],
      ["SELECT 'a'::INTEGER", undefined, { reason: "Could not convert string 'a' to INT32" }, "The query cannot run as written: Could not convert string 'a' to INT32"],
    ])('says what is wrong with %j, as a typed error rather than unreadable data', async (sql, dataset, detail, shown) => {
      const r = await refusal(engine, sql, dataset);
      expect(r.code).toBe('sql-invalid');
      expect(r.detail).toEqual(detail);
      expect(r.shown).toBe(shown);
    });

    it('names the statement by its first word, past comments and brackets', () => {
      expect(leadingKeyword('-- note\n/* more */ (  copy x to y')).toBe('COPY');
      expect(leadingKeyword('   ')).toBe('SQL');
    });
  });

  describe('is time-limited and cancellable', () => {
    it('cancelQuery stops a running console query', async () => {
      const pending = engine.runSql({ sql: SLOW, queryId: 'console-slow' }).then(
        () => null,
        (e: unknown) => e,
      );
      await vi.waitFor(() => expect(engine.activeQueries()).toContainEqual({ queryId: 'console-slow', state: 'running' }), { timeout: 10_000 });
      await engine.cancelQuery({ queryId: 'console-slow' });
      const error = await pending;
      expect(error).toMatchObject({ code: 'query-cancelled', detail: { context: 'user' } });
      // The engine answers again straight away.
      expect(rowsOf(await engine.runSql({ sql: 'SELECT 42 AS answer' }))).toEqual([{ answer: 42 }]);
    });

    it('the engine’s time limit stops a query that runs too long', async () => {
      const quick = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData], queryTimeoutMs: 500 });
      try {
        const error = await quick.runSql({ sql: SLOW }).then(
          () => null,
          (e: unknown) => e as AppError,
        );
        expect(error).toMatchObject({ code: 'query-cancelled', detail: { context: 'timeout', seconds: 0.5 } });
        const { t } = createI18n();
        expect(t('errors.query-cancelled', { ...error!.detail })).toBe('The query took longer than 0.5 seconds and was stopped.');
      } finally {
        quick.close();
      }
    });
  });
});
