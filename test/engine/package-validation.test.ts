import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue, RefusedPackage } from '../../src/shared/catalogue.ts';
import { Engine } from '../../src/engine/engine.ts';
import { copyDemoPackage, tempDir, withoutIntegrity } from '../support/temp.ts';

/**
 * A package that breaks its own schema is refused with the file, the line, the field and
 * the rule, and the other packages in the same data folder still open. Each broken copy
 * of the demo package has one defect; all sit beside an intact copy in one folder.
 */

interface Breakage {
  /** The CSV to edit, and the line (1 = header) to change. */
  file: string;
  edit: (lines: string[]) => number;
}

/** The first data line that starts with `marker` (or matches it); its index in `lines`. */
function find(lines: string[], marker: string | RegExp): number {
  const index = lines.findIndex((l, i) => i > 0 && (typeof marker === 'string' ? l.startsWith(marker) : marker.test(l)));
  if (index < 1) throw new Error(`no data line matching ${marker}`);
  return index;
}

/** Replaces `from` with `to` on the first data line matching `marker`; returns its line number. */
const replaceOn = (marker: string | RegExp, from: string | RegExp, to: string) => (lines: string[]) => {
  const index = find(lines, marker);
  const before = lines[index]!;
  lines[index] = before.replace(from, to);
  if (lines[index] === before) throw new Error(`nothing to replace on line ${index + 1}`);
  return index + 1;
};

/** Appends a copy of the first data line matching `marker` (before the final newline); returns the new line's number. */
const repeatLine = (marker: string | RegExp) => (lines: string[]) => {
  lines.splice(lines.length - 1, 0, lines[find(lines, marker)]!);
  return lines.length - 1;
};

const FIRST_ROW = /^/;

const breakages: Record<string, Breakage> = {
  'wrong-type': { file: 'country_year_indicator.csv', edit: replaceOn('GB-ENG,link_worker_fte_nwrs,Apr 2024,', ',2845,', ',"2845,5",') },
  'enum': { file: 'country_year_indicator.csv', edit: replaceOn('GB-ENG,referral_declined_pct,2023,', 'published', 'guessed') },
  'duplicate-key': { file: 'source.csv', edit: repeatLine('bu_2025,') },
  'dangling-foreign-key': { file: 'referral.csv', edit: replaceOn('100,GB-ENG,', 'eng_link_workers', 'eng_nowhere') },
  'missing-required': { file: 'country_year_indicator.csv', edit: replaceOn('GB-ENG,link_worker_fte_nwrs,Jan 2024,', 'pulse_pcn_2024', '') },
  'composite-key': { file: 'outcome_measurement.csv', edit: repeatLine(FIRST_ROW) },
  'below-minimum': { file: 'service_use.csv', edit: replaceOn(/,gp,pre_12m,/, /,gp,pre_12m,\d+,/, ',gp,pre_12m,-1,') },
  'pattern': { file: 'referral.csv', edit: replaceOn('200,GB-ENG,', /ENG-P(\d+)/, 'eng p$1') },
  'not-flagged-synthetic': { file: 'referral_activity.csv', edit: replaceOn(FIRST_ROW, /true$/, 'false') },
};

let catalogue: Catalogue;
const lineOf: Record<string, number> = {};
let engine: Engine;
let folder: string;

/** A copy of the demo named `name` (so it could open beside the original) with one line broken. */
async function brokenCopy(name: string, breakage: Breakage): Promise<void> {
  const dir = await copyDemoPackage(folder, name);
  await withoutIntegrity(dir);
  const descriptorPath = path.join(dir, 'datapackage.json');
  const descriptor = JSON.parse(await readFile(descriptorPath, 'utf8'));
  await writeFile(descriptorPath, JSON.stringify({ ...descriptor, name }));
  const file = path.join(dir, breakage.file);
  const lines = (await readFile(file, 'utf8')).split('\n');
  lineOf[name] = breakage.edit(lines);
  await writeFile(file, lines.join('\n'));
}

beforeAll(async () => {
  folder = await tempDir();
  await copyDemoPackage(folder, 'a-intact');
  for (const [name, breakage] of Object.entries(breakages)) await brokenCopy(name, breakage);
  engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [folder] });
  catalogue = await engine.listDatasets();
});
afterAll(() => engine.close());

const refusal = (name: string): RefusedPackage => {
  const found = catalogue.refused.find((r) => path.basename(r.path) === name);
  if (!found) throw new Error(`${name} was not refused`);
  return found;
};

/** The refusal names file, line, field and rule, in its fields and in its English sentence. */
function expectRefused(name: string, file: string, field: string, rule: string): RefusedPackage {
  const r = refusal(name);
  const line = lineOf[name]!;
  expect(r).toMatchObject({ file, row: line, field, rule });
  expect(r.reason).toContain(`${file}: line ${line}: `);
  for (const f of field.split(',')) expect(r.reason).toContain(`"${f}"`);
  return r;
}

describe('a data folder with an intact package and broken copies', () => {
  it('opens the intact package and refuses each broken copy, and nothing else', () => {
    expect(catalogue.datasets.map((d) => d.name)).toEqual(['sprig-demo']);
    expect(catalogue.refused.map((r) => path.basename(r.path)).sort()).toEqual(Object.keys(breakages).sort());
  });

  it('leaves nothing of a refused package in the database', async () => {
    const sql = `SELECT string_agg(schema_name, ',' ORDER BY schema_name) AS schemas FROM information_schema.schemata
      WHERE catalog_name = current_database() AND schema_name NOT IN ('main', 'information_schema', 'pg_catalog')`;
    const schemas = tableFromIPC(await engine.run({ sql, params: {} })).get(0)?.toJSON().schemas;
    expect(schemas).toBe('sprig-demo');
  });

  it('refuses a value of the wrong type', () => {
    const r = expectRefused('wrong-type', 'country_year_indicator.csv', 'value', 'type:number');
    expect(r.reason).toBe(`country_year_indicator.csv: line ${lineOf['wrong-type']}: field "value": "2845,5" is not a valid number (type)`);
  });

  it('refuses a code outside the enum', () => {
    const r = expectRefused('enum', 'country_year_indicator.csv', 'data_status', 'enum');
    expect(r.reason).toMatch(/field "data_status": "guessed" is not one of the allowed values: .*\(enum\)$/);
  });

  it('refuses a repeated primary key, naming the line it repeats', () => {
    const r = expectRefused('duplicate-key', 'source.csv', 'source_id', 'primaryKey');
    expect(r.reason).toMatch(/field "source_id": "bu_2025" repeats line \d+; the primary key must be unique \(primaryKey\)$/);
  });

  it('refuses a repeated composite primary key', () => {
    const r = expectRefused('composite-key', 'outcome_measurement.csv', 'referral_id,instrument,timepoint', 'primaryKey');
    expect(r.reason).toMatch(/fields "referral_id", "instrument", "timepoint": 1, "swemwbs", "baseline" repeats line 2; the primary key must be unique \(primaryKey\)$/);
  });

  it('refuses a foreign key that points at nothing', () => {
    const r = expectRefused('dangling-foreign-key', 'referral.csv', 'programme_id', 'foreignKey');
    expect(r.reason).toMatch(/field "programme_id": "eng_nowhere" is not a programme_id in programme.csv \(foreignKey\)$/);
  });

  it('refuses an empty cell in a required column', () => {
    const r = expectRefused('missing-required', 'country_year_indicator.csv', 'source_id', 'required');
    expect(r.reason).toMatch(/field "source_id": a value is required but the cell is empty \(required\)$/);
  });

  it('refuses a number below the minimum', () => {
    const r = expectRefused('below-minimum', 'service_use.csv', 'count', 'minimum');
    expect(r.reason).toMatch(/field "count": -1 is below the minimum 0 \(minimum\)$/);
  });

  it('refuses a value that does not match the pattern', () => {
    expectRefused('pattern', 'referral.csv', 'site_id', 'pattern');
  });

  it('refuses a synthetic row that is not flagged synthetic', () => {
    const r = expectRefused('not-flagged-synthetic', 'referral_activity.csv', 'is_synthetic', 'enum');
    expect(r.reason).toMatch(/field "is_synthetic": false is not one of the allowed values: true \(enum\)$/);
  });
});

/** A small package of one table, written from a descriptor and CSV text. */
async function tinyPackage(root: string, name: string, resource: Record<string, unknown>, files: Record<string, string>): Promise<void> {
  const dir = path.join(root, name);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'datapackage.json'), JSON.stringify({ name, resources: [resource] }));
  for (const [file, text] of Object.entries(files)) await writeFile(path.join(dir, file), text);
}

async function openFolder(root: string): Promise<Catalogue> {
  const e = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [root] });
  try {
    return await e.listDatasets();
  } finally {
    e.close();
  }
}

describe('rules on small packages', () => {
  it('names a field whose name holds a dot and a space when its value has the wrong type', async () => {
    const root = await tempDir();
    const resource = { name: 'scores', path: 'scores.csv', schema: { fields: [{ name: 'id', type: 'integer' }, { name: 'score raw.v2', type: 'number' }] } };
    await tinyPackage(root, 'dotted', resource, { 'scores.csv': 'id,score raw.v2\n1,3.5\n2,n/a\n' });
    const { refused } = await openFolder(root);
    expect(refused[0]).toMatchObject({ file: 'scores.csv', row: 3, field: 'score raw.v2', rule: 'type:number' });
    expect(refused[0]?.reason).toBe('scores.csv: line 3: field "score raw.v2": "n/a" is not a valid number (type)');
  });

  it('checks unique fields, self-referencing foreign keys and string lengths', async () => {
    const root = await tempDir();
    const fields = [
      { name: 'code', type: 'string', constraints: { required: true, maxLength: 3 } },
      { name: 'label', type: 'string', constraints: { unique: true } },
      { name: 'parent', type: 'string' },
    ];
    const resource = (extra: object) => ({ name: 'items', path: 'items.csv', schema: { fields, primaryKey: 'code', ...extra } });
    const selfKey = { foreignKeys: [{ fields: 'parent', reference: { resource: '', fields: 'code' } }] };
    await tinyPackage(root, 'unique', resource({}), { 'items.csv': 'code,label,parent\na,One,\nb,Two,\nc,One,\n' });
    await tinyPackage(root, 'parent', resource(selfKey), { 'items.csv': 'code,label,parent\na,One,\nb,Two,a\nc,Three,z\n' });
    await tinyPackage(root, 'length', resource({}), { 'items.csv': 'code,label,parent\na,One,\nlong,Two,\n' });
    await tinyPackage(root, 'fine', resource(selfKey), { 'items.csv': 'code,label,parent\na,One,\nb,Two,a\n' });
    const { datasets, refused } = await openFolder(root);
    expect(datasets.map((d) => d.name)).toEqual(['fine']);
    const by = (name: string) => refused.find((r) => path.basename(r.path) === name);
    expect(by('unique')).toMatchObject({ row: 4, field: 'label', rule: 'unique', reason: 'items.csv: line 4: field "label": "One" repeats line 2; values must be unique (unique)' });
    expect(by('parent')).toMatchObject({ row: 4, field: 'parent', rule: 'foreignKey', reason: 'items.csv: line 4: field "parent": "z" is not a code in items.csv (foreignKey)' });
    expect(by('length')).toMatchObject({ row: 3, field: 'code', rule: 'maxLength' });
  });

  it('counts Parquet rows from 1, since a Parquet file has no header line', async () => {
    const root = await tempDir();
    const dir = path.join(root, 'columnar');
    await mkdir(dir, { recursive: true });
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`COPY (SELECT * FROM (VALUES (1, 'GB'), (2, 'XX'), (3, 'DE')) AS t(id, country)) TO '${path.join(dir, 'rows.parquet')}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    const resource = {
      name: 'rows',
      path: 'rows.parquet',
      format: 'parquet',
      schema: { fields: [{ name: 'id', type: 'integer' }, { name: 'country', type: 'string', constraints: { enum: ['GB', 'DE'] } }] },
    };
    await writeFile(path.join(dir, 'datapackage.json'), JSON.stringify({ name: 'columnar', resources: [resource] }));
    const { refused } = await openFolder(root);
    expect(refused[0]).toMatchObject({ file: 'rows.parquet', row: 2, field: 'country', rule: 'enum' });
    expect(refused[0]?.reason).toMatch(/^rows\.parquet: row 2: field "country": "XX"/);
  });

  it('refuses a descriptor whose keys name what does not exist, or whose constraints cannot be checked', async () => {
    const root = await tempDir();
    const fields = [{ name: 'id', type: 'integer' }];
    const csv = { 'ids.csv': 'id\n1\n2\n' };
    await tinyPackage(root, 'no-such-field', { name: 'ids', path: 'ids.csv', schema: { fields, primaryKey: 'identifier' } }, csv);
    await tinyPackage(root, 'no-such-table', { name: 'ids', path: 'ids.csv', schema: { fields, foreignKeys: [{ fields: 'id', reference: { resource: 'elsewhere', fields: 'id' } }] } }, csv);
    await tinyPackage(root, 'bad-enum', { name: 'ids', path: 'ids.csv', schema: { fields: [{ name: 'id', type: 'integer', constraints: { enum: 'one' } }] } }, csv);
    await tinyPackage(root, 'bad-regex', { name: 'ids', path: 'ids.csv', schema: { fields: [{ name: 'id', type: 'integer', constraints: { pattern: '([0-9' } }] } }, csv);
    const { refused } = await openFolder(root);
    const by = (name: string) => refused.find((r) => path.basename(r.path) === name);
    for (const name of ['no-such-field', 'no-such-table', 'bad-enum', 'bad-regex']) expect(by(name), name).toMatchObject({ file: 'datapackage.json', rule: 'descriptor' });
    expect(by('no-such-field')?.reason).toMatch(/primaryKey names "identifier"/);
    expect(by('no-such-table')?.reason).toMatch(/references "elsewhere"/);
  });
});
