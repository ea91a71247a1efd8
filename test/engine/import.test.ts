import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import type { ImportStatus } from '../../src/shared/import/answers.ts';
import { readRecipe, type ImportRecipePartial } from '../../src/shared/import/recipe.ts';
import type { MappingDraft } from '../../src/shared/mapping/mapping-spec.ts';
import { parseViewSpec } from '../../src/shared/view-spec.ts';
import { GERMAN_TEXT, GREEK_TEXT, germanWideCsv, greekCsv, textFile, utf16beCsv } from '../support/import-files.ts';
import { bundledData, tempDir } from '../support/temp.ts';

/**
 * Importing partners' files with the real pipeline (identify, decode, sniff, DuckDB's
 * typed read with store_rejects, the independent count, unpivot, the package written into
 * the store) and opening the result through the engine's own loader: every import ends with
 * read = imported + rejected, or with a typed error and nothing written.
 */
let dir: string;
let store: string;
let engine: Engine;

beforeAll(async () => {
  dir = await tempDir('sprig-import-files-');
  store = await tempDir('sprig-import-store-');
  engine = await Engine.open({ storeDir: store, bundledDataDirs: [], prepare: false });
});
afterAll(() => engine.close());

async function runImport(file: string, recipe: ImportRecipePartial = {}, replace = false): Promise<ImportStatus> {
  const started = await engine.startImport({ file, recipe, ...(replace ? { replace } : {}) });
  return engine.importFinished(started.importId);
}

/** Every finished import adds up; every rejected row has a line. */
function expectReconciled(status: ImportStatus): void {
  expect(status.counts).not.toBeNull();
  const { read, imported, rejected } = status.counts!;
  expect(read).toBe(imported + rejected);
  expect(status.rejects.length).toBe(Math.min(rejected, 1000));
  for (const r of status.rejects) expect(r.line).toBeGreaterThan(0);
}

async function importsFolder(): Promise<string[]> {
  try {
    return (await readdir(path.join(store, 'imports'))).sort();
  } catch {
    return [];
  }
}

async function refusal(file: string, recipe: ImportRecipePartial = {}): Promise<Record<string, unknown>> {
  const before = await importsFolder();
  const error = (await engine.startImport({ file, recipe }).then(
    async (s) => {
      const final = await engine.importFinished(s.importId);
      return final.error ? { code: final.error.code, detail: final.error.detail, state: final.state } : final;
    },
    (e: unknown) => e,
  )) as Record<string, unknown>;
  // Nothing half-written: the imports folder is as it was.
  expect(await importsFolder()).toEqual(before);
  return error;
}

describe('a German health service’s export (Windows-1252, ";", decimal comma, a title line, years as columns, "k.A.")', () => {
  let file: string;
  beforeAll(async () => {
    file = await germanWideCsv(dir);
  });

  it('is shown decoded four ways, Windows-1252 ranked first, and the encoding is asked for', async () => {
    const inspection = await engine.inspectImport({ file });
    expect(inspection.kind).toBe('csv');
    expect(inspection.decode?.by).toBe('candidate');
    expect(inspection.decode?.candidates.map((c) => c.encoding)[0]).toBe('windows-1252');
    expect(inspection.decode?.candidates.map((c) => c.encoding).sort()).toEqual(['iso-8859-15', 'iso-8859-7', 'windows-1252', 'windows-1253']);
    expect(inspection.decode?.candidates[0]!.lines[0]).toBe(GERMAN_TEXT.split('\r\n')[0]);
    expect(inspection.choices).toEqual([{ kind: 'encoding', options: expect.arrayContaining(['windows-1252']) }]);
    await expect(engine.startImport({ file })).rejects.toMatchObject({ code: 'import-choice-needed', detail: { context: 'encoding', flag: '--encoding' } });
  });

  it('once Windows-1252 is chosen: ";" and the header on line 3, the title line shown as skipped, decimal comma, "k.A." and "–" missing, years as columns, countries matched', async () => {
    const inspection = await engine.inspectImport({ file, recipe: { encoding: 'windows-1252' } });
    expect(inspection.sniff).toMatchObject({ delimiter: ';', headerRow: 3, decimalSeparator: ',', dateOrderAmbiguous: false });
    expect(inspection.sniff?.skippedLines).toEqual([{ line: 1, text: GERMAN_TEXT.split('\r\n')[0] }]);
    expect(inspection.sniff?.missingValues.sort()).toEqual(['k.A.', '–']);
    expect(inspection.columns.map((c) => [c.name, c.type])).toEqual([
      ['Land', 'string'], ['Maßnahme', 'string'], ['2019', 'number'], ['2020', 'number'], ['2021', 'number'], ['2022', 'number'],
    ]);
    expect(inspection.preview.lines[0]).toBe(4);
    expect(inspection.shape).toMatchObject({ periodColumns: ['2019', '2020', '2021', '2022'], periodKind: 'year', suggestUnpivot: true, countryColumn: 'Land' });
    const countries = Object.fromEntries(inspection.shape.countries.map((c) => [c.value, c.code]));
    expect(countries).toMatchObject({ Deutschland: 'DE', Österreich: 'AT', 'Vereinigtes Königreich': 'GB', Griechenland: 'GR' });
    // Not a country: listed, never dropped.
    expect(inspection.shape.countries.find((c) => c.value === 'Atlantis')).toMatchObject({ status: 'unmatched', code: null });
  });

  it('imports unpivoted with every empty cell kept as missing, strings byte-exact in the store’s UTF-8 copy, and opens through the engine', async () => {
    const status = await runImport(file, {
      encoding: 'windows-1252',
      name: 'de-referrals',
      unpivot: { columns: ['2019', '2020', '2021', '2022'], nameColumn: 'Jahr', valueColumn: 'Wert' },
    });
    expect(status.state).toBe('done');
    expectReconciled(status);
    expect(status.counts).toEqual({ read: 6, imported: 6, rejected: 0, rowsWritten: 24 });
    // The whole file's countries, matched; Atlantis listed, never dropped.
    expect(status.countries?.map((c) => [c.value, c.code, c.rows])).toEqual([
      ['Atlantis', null, 1], ['Deutschland', 'DE', 1], ['Griechenland', 'GR', 1], ['Schweiz', 'CH', 1], ['Vereinigtes Königreich', 'GB', 1], ['Österreich', 'AT', 1],
    ]);
    const folder = path.join(store, 'imports', 'de-referrals');
    expect(status.package).toEqual({ name: 'de-referrals', path: folder });
    const csv = await readFile(path.join(folder, 'data.csv'));
    expect(csv.toString('utf8').split('\n')[0]).toBe('Land,Maßnahme,Jahr,Wert');
    for (const text of ['Vereinigtes Königreich', 'Gärtnern „draußen“', 'Österreich', 'Maßnahme']) expect(csv.includes(Buffer.from(text, 'utf8'))).toBe(true);
    // k.A. (Deutschland 2021), – (Österreich 2020) and the empty cell (Griechenland 2021): rows kept, values missing.
    const lines = csv.toString('utf8').trim().split('\n');
    expect(lines).toContain('Deutschland,Grünes Rezept,2021,');
    expect(lines).toContain('Österreich,Grünes Rezept,2020,');
    expect(lines).toContain('Griechenland,Kunst & Kultur,2021,');
    expect(lines).toContain('Deutschland,Grünes Rezept,2019,12.5');

    const descriptor = JSON.parse(await readFile(path.join(folder, 'datapackage.json'), 'utf8'));
    expect(descriptor.resources[0].schema.fields).toEqual([
      { name: 'Land', type: 'string' }, { name: 'Maßnahme', type: 'string' }, { name: 'Jahr', type: 'string' }, { name: 'Wert', type: 'number' },
    ]);
    const source = await stat(file);
    expect(descriptor.sprigImport.source).toMatchObject({ name: 'überweisungen.csv', size: source.size });
    expect(descriptor.sprigImport.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    const recipe = readRecipe(await readFile(path.join(folder, 'sprig-import.json'), 'utf8'));
    expect(recipe).toMatchObject({ ok: true, recipe: { encoding: 'windows-1252', delimiter: ';', headerRow: 3, decimalSeparator: ',' } });

    const catalogue = await engine.listDatasets();
    expect(catalogue.datasets.map((d) => d.name)).toContain('de-referrals');
    expect(catalogue.refused).toEqual([]);
    expect((await engine.listImports()).map((i) => i.name)).toContain('de-referrals');
    // The source is only read.
    expect(await readFile(file)).toEqual(iconv.encode(GERMAN_TEXT, 'windows-1252'));
  });

  it('is charted once mapped: countries from the Land column, years from Jahr, Atlantis left out by the user', async () => {
    const first = await engine.inspectMapping({ dataset: 'de-referrals', table: 'data' });
    const draft: MappingDraft = {
      table: 'data',
      layout: { kind: 'long', country: { column: 'Land' }, period: { column: 'Jahr', kind: 'year', financialYearStart: 4 } },
      indicators: [{ column: 'Wert', name: 'Referrals per 100,000', unit: 'per 100,000 people', definition: '', kind: 'published', comparability: 'not_comparable' }],
      countries: { Atlantis: null },
    };
    void first;
    const checked = await engine.inspectMapping({ dataset: 'de-referrals', table: 'data', draft });
    expect(checked.check.problems).toEqual([]);
    await engine.saveMapping({ dataset: 'de-referrals', draft });
    const spec = parseViewSpec({ version: 2, dataset: 'de-referrals', view: 'trend', indicator: 'data__wert', countries: ['DE', 'AT'] });
    const rows = tableFromIPC(await engine.runView({ spec })).toArray().map((r) => r.toJSON() as Record<string, unknown>);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.find((r) => r.country === 'DE' && r.period === '2019')).toMatchObject({ value: 12.5 });
  });

  it('a re-import of next month’s file with the saved recipe shows what changed before replacing, and replaces only when confirmed', async () => {
    const recipe = readRecipe(await readFile(path.join(store, 'imports', 'de-referrals', 'sprig-import.json'), 'utf8'));
    if (!recipe.ok) throw new Error(recipe.reason);
    const next = await textFile(dir, 'überweisungen-2.csv', iconv.encode(`${GERMAN_TEXT.replace('12,5;13,75', '12,5;14,0')}Polen;Bewegung;1,0;2,0;3,0;4,0\r\n`, 'windows-1252'));
    const status = await runImport(next, recipe.recipe);
    expect(status.state).toBe('needs-replace');
    expectReconciled(status);
    expect(status.diff).toMatchObject({ rowsBefore: 24, rowsAfter: 28, added: 5, removed: 1, changed: 1, columnsAdded: [], columnsRemoved: [] });
    expect(status.diff!.sourceBefore).not.toBe(status.diff!.sourceAfter);
    // Not replaced yet.
    expect((await readFile(path.join(store, 'imports', 'de-referrals', 'data.csv'), 'utf8')).includes('Polen')).toBe(false);
    const confirmed = await engine.confirmImport({ importId: status.importId });
    expect(confirmed.state).toBe('done');
    expect((await readFile(path.join(store, 'imports', 'de-referrals', 'data.csv'), 'utf8')).includes('Polen')).toBe(true);
    expect((await engine.listDatasets()).datasets.map((d) => d.name)).toContain('de-referrals');
  });
});

describe('other encodings and formats', () => {
  it('a Greek ministry’s Windows-1253 CSV: ranked first, dates read day first from 15/01, Greek strings byte-exact', async () => {
    const file = await greekCsv(dir);
    const inspection = await engine.inspectImport({ file });
    expect(inspection.decode?.candidates[0]!.encoding).toBe('windows-1253');
    const chosen = await engine.inspectImport({ file, recipe: { encoding: 'windows-1253' } });
    expect(chosen.columns.map((c) => [c.name, c.type, c.dateFormat])).toEqual([
      ['Χώρα', 'string', null], ['Ημερομηνία', 'date', '%d/%m/%Y'], ['Παραπομπές', 'integer', null], ['Σχόλιο', 'string', null],
    ]);
    expect(chosen.shape.countryColumn).toBe('Χώρα');
    expect(chosen.shape.countries.filter((c) => c.status === 'matched').map((c) => c.code).sort()).toEqual(['CY', 'DE', 'GB', 'GR']);
    const status = await runImport(file, { encoding: 'windows-1253', name: 'gr-referrals' });
    expect(status.state).toBe('done');
    expectReconciled(status);
    const csv = await readFile(path.join(store, 'imports', 'gr-referrals', 'data.csv'));
    for (const text of ['Ηνωμένο Βασίλειο', 'Αθήνα – «πιλοτικό»', 'Χώρα,Ημερομηνία,Παραπομπές,Σχόλιο']) expect(csv.includes(Buffer.from(text, 'utf8'))).toBe(true);
    expect(csv.toString('utf8')).toContain('Ελλάδα,2023-01-15,120,');
    expect(GREEK_TEXT).toContain('Ελλάδα');
  });

  it('a UTF-16 big-endian file is read by its byte-order mark', async () => {
    const file = await utf16beCsv(dir);
    const inspection = await engine.inspectImport({ file });
    expect(inspection.decode).toMatchObject({ encoding: 'utf-16be', by: 'bom' });
    const status = await runImport(file, { name: 'utf16' });
    expect(status.counts).toEqual({ read: 3, imported: 3, rejected: 0, rowsWritten: 3 });
    expect(await readFile(path.join(store, 'imports', 'utf16', 'data.csv'), 'utf8')).toBe('country,year,value\nDE,2021,1.5\nGR,2021,2.5\nGB,2022,3.25\n');
  });

  it('a Parquet file keeps its types', async () => {
    const file = path.join(dir, 'values.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run(`COPY (SELECT * FROM (VALUES ('Ελλάδα', 2021, 1.5, DATE '2021-12-31'), ('Deutschland', 2022, NULL, DATE '2022-12-31')) t(country, year, value, day)) TO '${file}' (FORMAT parquet)`);
    c.closeSync();
    db.closeSync();
    const inspection = await engine.inspectImport({ file });
    expect(inspection.kind).toBe('parquet');
    expect(inspection.columns.map((c) => c.type)).toEqual(['string', 'integer', 'number', 'date']);
    const status = await runImport(file, { name: 'parquet-values' });
    expect(status.counts).toEqual({ read: 2, imported: 2, rejected: 0, rowsWritten: 2 });
    expect(await readFile(path.join(store, 'imports', 'parquet-values', 'data.csv'), 'utf8')).toBe('country,year,value,day\nΕλλάδα,2021,1.5,2021-12-31\nDeutschland,2022,,2022-12-31\n');
  });

  it('JSON records', async () => {
    const file = await textFile(dir, 'records.json', JSON.stringify([{ country: 'EL', year: 2021, value: 2 }, { country: 'UK', year: 2021, value: null }]));
    const inspection = await engine.inspectImport({ file });
    expect(inspection.kind).toBe('json');
    expect(inspection.shape.countries.map((c) => c.code)).toEqual(['GR', 'GB']);
    const status = await runImport(file, { name: 'json-records' });
    expect(status.counts).toEqual({ read: 2, imported: 2, rejected: 0, rowsWritten: 2 });
  });

  it('a zip holding xl/ is a workbook whatever its name says (read by the workbook reader, which finds it damaged)', async () => {
    const xlsx = await textFile(dir, 'book.csv', zipWith('xl/workbook.xml', '<workbook/>'));
    const inspection = await engine.inspectImport({ file: xlsx }).catch((e: unknown) => e);
    expect(inspection).toMatchObject({ code: 'import-refused', detail: { context: 'workbook-corrupt' } });
  });
});

/** A one-entry zip, stored (no compression): enough for identification by content. */
function zipWith(name: string, content: string): Buffer {
  const data = Buffer.from(content);
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const cdOffset = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

describe('malformed files: each ends reconciled with its rejected lines, or as a typed error with nothing written', () => {
  it('an empty file', async () => {
    expect(await refusal(await textFile(dir, 'empty.csv', ''))).toMatchObject({ code: 'import-refused', detail: { context: 'empty-file', file: 'empty.csv' } });
  });

  it('a file of blank lines', async () => {
    expect(await refusal(await textFile(dir, 'blank.csv', '\n\r\n\n  \n'))).toMatchObject({ code: 'import-refused', detail: { context: 'empty-file' } });
  });

  it('a picture named .csv', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.alloc(200, 7)]);
    expect(await refusal(await textFile(dir, 'picture.csv', png))).toMatchObject({ code: 'import-refused', detail: { context: 'binary-file', file: 'picture.csv' } });
  });

  it('a zip that is no workbook, named .csv', async () => {
    expect(await refusal(await textFile(dir, 'archive.csv', zipWith('readme.txt', 'hello')))).toMatchObject({ code: 'import-refused', detail: { context: 'binary-file' } });
  });

  it('an OLE compound file named .xlsx (how Excel stores a password-protected workbook) is refused as protected, not read as text', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    expect(await refusal(await textFile(dir, 'secret.xlsx', ole))).toMatchObject({ code: 'import-refused', detail: { context: 'workbook-encrypted' } });
  });

  it('ragged rows: too many and too few cells, each rejected with its line', async () => {
    const file = await textFile(dir, 'ragged.csv', 'a,b,c\n1,2,3\n4,5,6,7\n8,9\n10,11,12\n');
    const status = await runImport(file, { name: 'ragged' });
    expectReconciled(status);
    expect(status.counts).toMatchObject({ read: 4, imported: 2, rejected: 2 });
    expect(status.rejects.map((r) => [r.line, r.reason])).toEqual([[3, 'extra-cells'], [4, 'missing-cells']]);
  });

  it('an unterminated quote', async () => {
    const file = await textFile(dir, 'quote.csv', 'a,b\n1,"x"\n2,"never closed\n3,z\n');
    const status = await runImport(file, { name: 'quote' });
    expectReconciled(status);
    expect(status.rejects[0]).toMatchObject({ line: 3, reason: 'quote' });
    expect(status.counts!.imported).toBe(1);
  });

  it('a header of 100,000 columns', async () => {
    const header = Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',');
    expect(await refusal(await textFile(dir, 'wide.csv', `${header}\n${'1,'.repeat(99_999)}1\n`))).toMatchObject({
      code: 'import-refused',
      detail: { context: 'too-many-columns', count: 100_000, max: 5000 },
    });
  });

  it('a header longer than the sample Sprig reads', async () => {
    const header = 'x'.repeat(5 << 20);
    expect(await refusal(await textFile(dir, 'long.csv', `${header},b\n1,2\n`))).toMatchObject({ code: 'import-refused', detail: { context: 'line-too-long' } });
  });

  it('a header and no rows', async () => {
    expect(await refusal(await textFile(dir, 'header-only.csv', 'a,b,c\n'))).toMatchObject({ code: 'import-refused', detail: { context: 'no-rows' } });
  });

  it('a bad date after row 5,000 is rejected with its line, not read as text', async () => {
    const rows = Array.from({ length: 6000 }, (_, i) => `${i},2023-01-${String((i % 28) + 1).padStart(2, '0')}`);
    rows[5500] = '5500,2023-02-30';
    const file = await textFile(dir, 'late-date.csv', `id,day\n${rows.join('\n')}\n`);
    const status = await runImport(file, { name: 'late-date', columns: { day: { type: 'date' } } });
    expectReconciled(status);
    expect(status.counts).toMatchObject({ read: 6000, imported: 5999, rejected: 1 });
    expect(status.rejects).toEqual([{ line: 5502, column: 'day', reason: 'type', value: '2023-02-30', expected: 'date' }]);
  });

  it('a bad number after the sniffer’s sample (row 30,000) is rejected with its line', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `${i},${i * 1.5}`);
    rows[29_990] = '29990,not a number';
    const file = await textFile(dir, 'late-number.csv', `id,value\n${rows.join('\n')}\n`);
    const inspection = await engine.inspectImport({ file });
    expect(inspection.columns.map((c) => c.type)).toEqual(['integer', 'number']);
    const status = await runImport(file, { name: 'late-number' });
    expectReconciled(status);
    expect(status.rejects).toEqual([{ line: 29_992, column: 'value', reason: 'type', value: 'not a number', expected: 'number' }]);
  });

  it('dates that read both ways ask for the order; given, they import', async () => {
    const file = await textFile(dir, 'us-dates.csv', 'country,day,n\nUS,01/02/2023,1\nUS,03/04/2023,2\n');
    await expect(engine.startImport({ file })).rejects.toMatchObject({ code: 'import-choice-needed', detail: { context: 'date-order', flag: '--date-order', columns: 'day' } });
    const status = await runImport(file, { name: 'us-dates', dateOrder: 'month-first' });
    expectReconciled(status);
    expect(await readFile(path.join(store, 'imports', 'us-dates', 'data.csv'), 'utf8')).toContain('US,2023-01-02,1');
  });

  it('bytes that are not UTF-8 after the first megabyte fail the import with their line, and nothing is written', async () => {
    const head = 'a,b\n' + 'x,1\n'.repeat(300_000);
    const file = await textFile(dir, 'late-latin1.csv', Buffer.concat([Buffer.from(head), Buffer.from([0x47, 0x72, 0xfc, 0x6e, 0x2c, 0x32, 0x0a])]));
    const error = await refusal(file);
    expect(error).toMatchObject({ state: 'failed', code: 'import-refused', detail: { context: 'encoding-invalid', encoding: 'utf-8' } });
  });

  it('a byte Windows-1253 does not define', async () => {
    const file = await textFile(dir, 'undefined-1253.csv', Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0xc1, 0x2c, 0xaa, 0x0a]));
    const error = await refusal(file, { encoding: 'windows-1253' });
    expect(error).toMatchObject({ code: 'import-refused', detail: { context: 'encoding-invalid', encoding: 'windows-1253', line: 2 } });
  });

  it('JSON that is not records', async () => {
    expect(await refusal(await textFile(dir, 'numbers.json', '[1, 2, 3]'))).toMatchObject({ code: 'import-refused', detail: { context: 'json-not-records' } });
  });

  it('a truncated Parquet file', async () => {
    expect(await refusal(await textFile(dir, 'broken.parquet', Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(100, 1)])))).toMatchObject({ code: 'import-refused', detail: { context: 'unreadable-data' } });
  });

  it('a header row past the end of the file', async () => {
    expect(await refusal(await textFile(dir, 'short.csv', 'a,b\n1,2\n'), { headerRow: 9 })).toMatchObject({ code: 'import-refused', detail: { context: 'header-not-found', line: 9 } });
  });

  it('a recipe that says another kind of file', async () => {
    expect(await refusal(await textFile(dir, 'kind.csv', 'a,b\n1,2\n'), { kind: 'parquet' })).toMatchObject({ code: 'import-refused', detail: { context: 'kind-differs', expected: 'PARQUET', found: 'CSV' } });
  });

  it('two columns renamed alike', async () => {
    expect(await refusal(await textFile(dir, 'rename.csv', 'a,b\n1,2\n'), { columns: { b: { rename: 'a' } } })).toMatchObject({ code: 'import-refused', detail: { context: 'duplicate-column', column: 'a' } });
  });

  it('every row rejected', async () => {
    expect(await refusal(await textFile(dir, 'all-bad.csv', 'a,b\nx,1\ny,2\n'), { columns: { a: { type: 'integer' } } })).toMatchObject({ state: 'failed', code: 'import-refused', detail: { context: 'all-rejected', count: 2 } });
  });

  it('a name an open package that is no import already has', async () => {
    const withDemo = await Engine.open({ storeDir: await tempDir('sprig-import-clash-'), bundledDataDirs: [bundledData], prepare: false });
    try {
      const file = await textFile(dir, 'clash.csv', 'a,b\n1,2\n');
      await expect(withDemo.startImport({ file, recipe: { name: 'sprig-demo' } })).rejects.toMatchObject({ code: 'import-refused', detail: { context: 'name-taken', name: 'sprig-demo' } });
    } finally {
      await withDemo.close();
    }
  });

  it('numbers with thousands separators (1.234,5) and a TSV', async () => {
    const file = await textFile(dir, 'thousands.tsv', 'Land\tWert\nDE\t1.234,5\nAT\t12,25\nCH\t1.000.000\n');
    const inspection = await engine.inspectImport({ file });
    expect(inspection.sniff).toMatchObject({ delimiter: '\t', decimalSeparator: ',', thousandsSeparator: '.' });
    const status = await runImport(file, { name: 'thousands' });
    expectReconciled(status);
    expect(await readFile(path.join(store, 'imports', 'thousands', 'data.csv'), 'utf8')).toBe('Land,Wert\nDE,1234.5\nAT,12.25\nCH,1000000.0\n');
  });

  it('a marker that is also text in a text column is not offered: the text stays, the number cell is rejected with its line', async () => {
    const file = await textFile(dir, 'markers.csv', 'name,note,value\nA,–,1.5\nB,ok,–\nC,,2\n');
    const inspection = await engine.inspectImport({ file });
    expect(inspection.sniff?.missingValues).toEqual([]);
    expect(inspection.columns.map((c) => c.type)).toEqual(['string', 'string', 'number']);
    const status = await runImport(file, { name: 'markers' });
    expectReconciled(status);
    expect(status.rejects).toEqual([{ line: 3, column: 'value', reason: 'type', value: '–', expected: 'number' }]);
    expect(await readFile(path.join(store, 'imports', 'markers', 'data.csv'), 'utf8')).toBe('name,note,value\nA,–,1.5\nC,,2.0\n');
  });

  it('a file that does not exist, and a relative path', async () => {
    expect(await refusal(path.join(dir, 'missing.csv'))).toMatchObject({ code: 'import-refused', detail: { context: 'file-missing' } });
    expect(await refusal('relative.csv')).toMatchObject({ code: 'import-refused', detail: { context: 'path-relative' } });
    expect(await refusal(dir)).toMatchObject({ code: 'import-refused', detail: { context: 'not-a-file' } });
  });

  it('repeated and blank header labels are named, and said so', async () => {
    const file = await textFile(dir, 'labels.csv', 'a,a,\n1,2,3\n');
    const inspection = await engine.inspectImport({ file });
    expect(inspection.columns.map((c) => c.name)).toEqual(['a', 'a_2', 'column_3']);
    expect(inspection.problems.map((p) => p.code)).toEqual(['column-renamed', 'column-renamed']);
    expectReconciled(await runImport(file, { name: 'labels' }));
  });

  it('cancelled at once: nothing written, the state says so', async () => {
    const file = await textFile(dir, 'big.csv', `a,b\n${'1,2\n'.repeat(2_000_000)}`);
    const before = await importsFolder();
    const started = await engine.startImport({ file, recipe: { name: 'cancelled' } });
    const cancelled = await engine.cancelImport({ importId: started.importId });
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.counts).toBeNull();
    expect(await importsFolder()).toEqual(before);
    expect((await readdir(path.join(store, 'tmp'))).filter((f) => f.startsWith('import-'))).toEqual([]);
  });
});

describe('keeping imports', () => {
  it("is 'done' only once its package is open: a poll that sees it finds the package in the catalogue", async () => {
    const file = await textFile(dir, 'polled.csv', 'a,b\n1,2\n');
    const started = await engine.startImport({ file, recipe: { name: 'polled' } });
    let seen = started;
    await vi.waitFor(
      async () => {
        seen = await engine.importStatus({ importId: started.importId });
        expect(seen.state).not.toBe('running');
      },
      { timeout: 60_000, interval: 5 },
    );
    expect(seen.state).toBe('done');
    expect((await engine.listDatasets()).datasets.map((d) => d.name)).toContain('polled');
  });

  it('removes an import (its package, never the source) and closes its dataset', async () => {
    const file = await textFile(dir, 'remove-me.csv', 'a,b\n1,2\n');
    await runImport(file, { name: 'remove-me' });
    expect((await engine.listDatasets()).datasets.map((d) => d.name)).toContain('remove-me');
    const catalogue = await engine.removeImport({ name: 'remove-me' });
    expect(catalogue.datasets.map((d) => d.name)).not.toContain('remove-me');
    expect(await readFile(file, 'utf8')).toBe('a,b\n1,2\n');
    await expect(engine.removeImport({ name: 'remove-me' })).rejects.toMatchObject({ code: 'import-not-found' });
  });

  it('a second engine on the same store opens the imports at start', async () => {
    const again = await Engine.open({ storeDir: store, bundledDataDirs: [], prepare: false });
    try {
      expect((await again.listDatasets()).datasets.map((d) => d.name)).toEqual(expect.arrayContaining(['de-referrals', 'gr-referrals', 'utf16']));
    } finally {
      await again.close();
    }
  });

  it('the written package needs nothing from the recipe file to open (a stray file does not matter)', async () => {
    await writeFile(path.join(dir, 'note.txt'), 'x');
    expect((await stat(path.join(store, 'imports', 'utf16', 'datapackage.json'))).isFile()).toBe(true);
  });
});
