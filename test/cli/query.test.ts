import { describe, expect, it } from 'vitest';
import { runSprig as run } from '../support/sprig-cli.ts';
import { tempDir } from '../support/temp.ts';

const query = async (sql: string, ...more: string[]) => run(['query', sql, '--store', await tempDir(), ...more]);

describe('sprig query', () => {
  it('prints CSV by default, with RFC 4180 quoting', async () => {
    const { code, stdout, stderr } = await query(
      `SELECT 'GB-ENG' AS code, 'a, "quoted"
line' AS awkward, 1.5 AS x, NULL AS nothing, DATE '2023-07-01' AS day`,
    );
    // The rows are as stored: stderr says they are not disclosure-controlled, and nothing else.
    expect(stderr).toBe('Note: these rows are not disclosure-controlled; small counts are printed as stored. Do not publish them.\n');
    expect(code).toBe(0);
    expect(stdout).toBe('code,awkward,x,nothing,day\r\nGB-ENG,"a, ""quoted""\nline",1.5,,2023-07-01\r\n');
  });

  it('prints JSON as an array of objects, with --dataset as the default schema', async () => {
    const { code, stdout } = await query('SELECT country_code, count(*) AS n FROM country_year_indicator GROUP BY 1 ORDER BY 1', '--dataset', 'sprig-demo', '--format', 'json');
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { country_code: string; n: number }[];
    expect(rows.map((r) => r.country_code)).toContain('GB-ENG');
    for (const r of rows) expect(r.n).toBeGreaterThan(0);
  });

  it('says on stderr when it printed only the first rows', async () => {
    const { code, stdout, stderr } = await query('SELECT * FROM range(5) t(i)', '--max-rows', '3', '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
    expect(stderr).toMatch(/Showing the first 3 of 5 rows/);
  });

  it('takes SQL that starts with a comment after --', async () => {
    const { code, stdout } = await run(['query', '--store', await tempDir(), '--', '-- why\nSELECT 42 AS answer']);
    expect(code).toBe(0);
    expect(stdout).toBe('answer\r\n42\r\n');
  });

  it.each([
    [`COPY (SELECT 1) TO '/tmp/sprig-cli-test.csv'`, 'The SQL console runs only read-only SELECT statements, so it will not run COPY.'],
    [`SELECT * FROM read_text('/etc/passwd')`, 'The SQL console reads only the loaded datasets, not files, so it will not run read_text.'],
    ['SELECT 1; DROP TABLE "sprig-demo".country', 'The SQL console runs one statement at a time, and this has 2. Run them one by one.'],
  ])('refuses %s: exit 1, the message on stderr, nothing on stdout', async (sql, message) => {
    const { code, stdout, stderr } = await query(sql);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe(message);
  });

  it('a SQL error exits 1 saying what is wrong', async () => {
    const { code, stderr } = await query('SELECT * FROM no_such_table');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^No table named “no_such_table”\./);
    expect((await query('SELEC 1')).stderr.trim()).toBe('The query has a syntax error near “SELEC”.');
  });

  it.each([
    [['query'], /sprig query needs one SQL statement/],
    [['query', 'SELECT 1', 'SELECT 2'], /takes one SQL statement/],
    [['query', 'SELECT 1', '--format', 'xml'], /--format must be one of csv, json, not “xml”/],
    [['query', 'SELECT 1', '--max-rows', '0'], /--max-rows must be a whole number from 1 to 100,?000/],
  ])('usage errors exit 2: %j', async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/sprig query "SQL"/);
  });
});
