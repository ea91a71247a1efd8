import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { DEFAULT_MAX_BYTES } from '../../src/engine/sql-console.ts';
import { SQL_RESULT_METADATA } from '../../src/shared/contract.ts';
import { AppError } from '../../src/shared/errors.ts';
import { formatMegabytes } from '../../src/shared/format.ts';
import { createI18n } from '../../src/shared/i18n/create.ts';
import { sqlResultSize } from '../../src/shared/sql-result-size.ts';
import { runSprig } from '../support/sprig-cli.ts';
import { bundledData, tempDir } from '../support/temp.ts';

const WIDE = "SELECT repeat('x', 10000) AS s FROM range(100000)";

describe('console answers are capped in bytes as well as rows (a real engine)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [bundledData], prepare: false, queryTimeoutMs: 4_000 });
  });
  afterAll(() => engine.close());

  it('100,000 rows of 10 kB strings stop at the byte cap and say so, with the whole count', async () => {
    const bytes = await engine.runSql({ sql: WIDE, maxRows: 100_000 });
    const table = tableFromIPC(bytes);
    const size = sqlResultSize(table);
    expect(size).toEqual({ truncated: true, total: 100_000, cutBy: 'bytes', maxBytes: DEFAULT_MAX_BYTES });
    expect(table.numRows).toBe(Math.floor(DEFAULT_MAX_BYTES / 10_000));
    expect(table.schema.metadata.get(SQL_RESULT_METADATA.truncatedBy)).toBe('bytes');
    expect(bytes.byteLength).toBeLessThan(DEFAULT_MAX_BYTES + 1024 * 1024);
    expect(table.getChild('s')?.get(0)).toBe('x'.repeat(10_000));
  });

  it('the row cap still cuts narrow rows, and says it was the rows', async () => {
    const table = tableFromIPC(await engine.runSql({ sql: 'SELECT * FROM range(50) t(i)', maxRows: 10 }));
    expect(sqlResultSize(table)).toMatchObject({ truncated: true, total: 50, cutBy: 'rows' });
    expect(table.numRows).toBe(10);
  });

  it('an answer that fits is whole, whatever its size, and says nothing was cut', async () => {
    const table = tableFromIPC(await engine.runSql({ sql: "SELECT repeat('x', 1000) AS s FROM range(1000)", maxRows: 100_000 }));
    expect(sqlResultSize(table)).toMatchObject({ truncated: false, total: 1000, cutBy: null });
  });

  it('one value larger than the cap is not sent at all: no rows, cut by bytes', async () => {
    const table = tableFromIPC(await engine.runSql({ sql: `SELECT repeat('y', ${DEFAULT_MAX_BYTES + 1}) AS s` }));
    expect(table.numRows).toBe(0);
    expect(sqlResultSize(table)).toMatchObject({ truncated: true, total: 1, cutBy: 'bytes' });
  });

  it('lists and structs count by their text', async () => {
    const table = tableFromIPC(await engine.runSql({ sql: "SELECT [repeat('z', 5000000)] AS l FROM range(10)", maxRows: 100 }));
    expect(sqlResultSize(table)).toMatchObject({ truncated: true, cutBy: 'bytes' });
    expect(table.numRows).toBe(6);
  });

  it('a query past the time limit is stopped with the time-out reason, and the engine answers after it', async () => {
    const error = await engine.runSql({ sql: 'SELECT count(*) FROM range(100000000000) t(i) WHERE hash(i) % 7 = 3' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'query-cancelled', detail: { context: 'timeout', seconds: 4 } });
    expect(tableFromIPC(await engine.runSql({ sql: 'SELECT 1 AS one' })).numRows).toBe(1);
  });

  it('the byte cut is said in all four languages', () => {
    for (const language of ['en-GB', 'en-US', 'de', 'el']) {
      const i18n = createI18n(language);
      const size = formatMegabytes(DEFAULT_MAX_BYTES, language);
      const console = i18n.t('cutBytes', { ns: 'sql', shown: '3,355', size });
      const cli = i18n.t('queryTruncatedBytes', { ns: 'cli', shown: '3,355', total: '100,000', size });
      for (const text of [console, cli]) {
        expect(text, language).toContain('32 MB');
        expect(text, language).not.toMatch(/cutBytes|queryTruncatedBytes/);
      }
    }
  });
});

describe('sprig query with an answer of a gigabyte', () => {
  it('prints the rows up to the byte cap and says so, instead of dying (RangeError: Invalid string length)', async () => {
    const { code, stdout, stderr } = await runSprig(['query', '--store', await tempDir(), '--max-rows', '100000', WIDE]);
    expect(stderr).not.toMatch(/RangeError|\n\s+at /);
    expect(code).toBe(0);
    const lines = stdout.split('\r\n').filter(Boolean);
    expect(lines.length - 1).toBe(Math.floor(DEFAULT_MAX_BYTES / 10_000));
    expect(stderr).toMatch(/Showing the first 3355 of 100000 rows: the answer stops at 32 MB/);
  }, 120_000);
});
