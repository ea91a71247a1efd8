import { readdir, readFile, rm } from 'node:fs/promises';
import { removeStaleTemporaries, writeFileAtomic } from './atomic-write.ts';
import path from 'node:path';
import type { CountryDescription, DatasetDescription, DatasetSummary, SourceDescription, TableDescription } from '../shared/catalogue.ts';
import { AppError } from '../shared/errors.ts';
import { countryName } from '../shared/format.ts';
import type { StoredValue } from '../shared/indicator-answer.ts';
import { applyMapping, isNumeric, mappedIndicatorDescription, MAX_MAPPED_ROWS, stopsReading, structureProblems, type AppliedMapping, type MappingCheck } from '../shared/mapping/apply-mapping.ts';
import { columnsToSample, guessMapping } from '../shared/mapping/guess-mapping.ts';
import type { MappingInspection, MappingSummary, PreviewCell } from '../shared/mapping/mapping-answers.ts';
import {
  MAPPING_FORMAT,
  MAPPING_VERSION,
  mappedIndicatorId,
  readTableMapping,
  type MappingDraft,
  type TableMapping,
} from '../shared/mapping/mapping-spec.ts';
import { distinctValuesQuery, mappingRowsQuery, tablePreviewQuery } from '../shared/sql/mapping-query.ts';
import { isUkNation, UK } from '../shared/uk.ts';
import type { RunRows } from './answer-view.ts';
import type { PackageDescriptor } from './data-package.ts';

/**
 * The user's mappings of partner packages' tables (src/shared/mapping): kept as JSON files in
 * Sprig's store, one per table, never in the package; read again at every start and applied
 * to the package of the same name, so its mapped indicators chart in every indicator view as
 * if the package had them in a country_year_indicator table of its own.
 */

/** A package as the engine opened it. */
export interface MappablePackage {
  descriptor: PackageDescriptor;
  summary: DatasetSummary;
  description: DatasetDescription;
}

/** A package with its mappings applied: what the catalogue and the views see instead of the package alone. */
export interface MappedPackage extends MappablePackage {
  /** Mapped values by indicator id. */
  mappedValues: ReadonlyMap<string, StoredValue[]>;
  /** Differs whenever the package's mappings do: part of every cached answer's key. */
  stamp: string;
}

const MAPPINGS_FOLDER = 'mappings';
const FILE_SUFFIX = '.sprig-mapping.json';
const PREVIEW_ROWS = 8;
const SAMPLE_VALUES = 400;

/** A table name as a file name that any file system takes: other characters as `_` and their hex code. */
function fileName(table: string): string {
  return `${table.replace(/[^A-Za-z0-9.-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}_`)}${FILE_SUFFIX}`;
}

function tableOfFile(file: string): string {
  return file.slice(0, -FILE_SUFFIX.length).replace(/_([0-9a-f]+)_/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
}

interface StoredMapping {
  dataset: string;
  table: string;
  read: { ok: true; mapping: TableMapping } | { ok: false; reason: string };
}

/** The mapping files under Sprig's store: `mappings/<dataset>/<table>.sprig-mapping.json`. */
export class MappingStore {
  private readonly folder: string;

  constructor(storeDir: string) {
    this.folder = path.join(storeDir, MAPPINGS_FOLDER);
  }

  private file(dataset: string, table: string): string {
    return path.join(this.folder, dataset, fileName(table));
  }

  async readAll(): Promise<StoredMapping[]> {
    const out: StoredMapping[] = [];
    let datasets: string[];
    try {
      datasets = (await readdir(this.folder, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    } catch {
      return [];
    }
    for (const dataset of datasets.sort()) {
      let files: string[];
      try {
        files = (await readdir(path.join(this.folder, dataset))).filter((f) => f.endsWith(FILE_SUFFIX)).sort();
      } catch {
        continue;
      }
      for (const file of files) {
        const table = tableOfFile(file);
        try {
          const read = readTableMapping(await readFile(path.join(this.folder, dataset, file), 'utf8'));
          out.push({ dataset, table, read: read.ok && (read.mapping.package.name !== dataset || read.mapping.table !== table) ? { ok: false, reason: 'the file names another package or table' } : read });
        } catch (error) {
          out.push({ dataset, table, read: { ok: false, reason: (error as Error).message } });
        }
      }
    }
    return out;
  }

  /** Removes half-written mapping files of a Sprig killed while saving (src/engine/atomic-write.ts). */
  async removeStaleTemporaries(): Promise<void> {
    let datasets: string[];
    try {
      datasets = await readdir(this.folder);
    } catch {
      return;
    }
    for (const dataset of datasets) await removeStaleTemporaries(path.join(this.folder, dataset));
  }

  /** Through the store's one atomic write (src/engine/atomic-write.ts): a crash never leaves half a mapping. */
  async save(mapping: TableMapping): Promise<void> {
    await writeFileAtomic(this.file(mapping.package.name, mapping.table), `${JSON.stringify(mapping, null, 2)}\n`);
  }

  /** Forgets a table's mapping; false when there was none. */
  async remove(dataset: string, table: string): Promise<boolean> {
    const file = this.file(dataset, table);
    try {
      await rm(file);
      return true;
    } catch {
      return false;
    }
  }
}

/** The source every mapped value names: the package itself, as its descriptor describes it. */
export function packageSource(descriptor: PackageDescriptor): SourceDescription {
  const raw = descriptor as { sources?: unknown; homepage?: unknown; last_updated?: unknown };
  const sources = Array.isArray(raw.sources) ? (raw.sources as { title?: unknown; name?: unknown; path?: unknown }[]) : [];
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  const year = /^(\d{4})/.exec(text(raw.last_updated) ?? descriptor.version ?? '')?.[1];
  return {
    id: descriptor.name,
    title: descriptor.title ?? descriptor.name,
    organisation: sources.map((s) => text(s.title) ?? text(s.name)).filter((s): s is string => s !== null).join('; '),
    year: year ? Number(year) : null,
    url: sources.map((s) => text(s.path)).find((p) => p !== null) ?? text(raw.homepage),
    licence: (descriptor.licenses ?? []).map((l) => l.title ?? l.name ?? '').filter(Boolean).join(', ') || null,
  };
}

/** Reads a mapping's rows and applies it (see src/shared/mapping/apply-mapping.ts). */
async function readMapped(draft: MappingDraft, pkg: MappablePackage, runRows: RunRows): Promise<AppliedMapping> {
  const rows = await runRows(mappingRowsQuery(draft, { schema: pkg.descriptor.name }));
  return applyMapping(draft, rows, { source: pkg.descriptor.name });
}

function emptyCheck(problems: MappingCheck['problems']): MappingCheck {
  return { countryValues: [], periods: { count: 0, first: null, last: null }, indicators: [], problems };
}

/** Checks a draft against the package's table and its data: every problem, or none, and what it maps. */
async function checkDraft(
  draft: MappingDraft,
  pkg: MappablePackage,
  runRows: RunRows,
  otherIndicators: readonly string[],
): Promise<{ table: TableDescription | undefined; applied: AppliedMapping }> {
  const table = pkg.description.tableDetails.find((t) => t.name === draft.table);
  const own = [...pkg.description.indicatorDetails.filter((i) => !i.mapped).map((i) => i.id), ...otherIndicators];
  const problems = structureProblems(draft, table, own);
  if (!table || problems.some(stopsReading)) return { table, applied: { check: emptyCheck(problems), values: new Map() } };
  if (table.rowCount > MAX_MAPPED_ROWS) return { table, applied: { check: emptyCheck([...problems, { code: 'too-many-rows', rows: table.rowCount, limit: MAX_MAPPED_ROWS }]), values: new Map() } };
  const applied = await readMapped(draft, pkg, runRows);
  return { table, applied: { ...applied, check: { ...applied.check, problems: [...problems, ...applied.check.problems] } } };
}

/** The ids the package's other mapped tables give their indicators (a new mapping may not take them). */
function otherTablesIndicators(pkg: MappablePackage, table: string): string[] {
  return pkg.description.indicatorDetails.filter((i) => i.mapped && i.mapped.table !== table).map((i) => i.id);
}

/** A table for the mapping panel: its first rows, a guessed mapping (or the one given) and what it makes of the data. */
export async function inspectTable(pkg: MappablePackage, tableName: string, given: MappingDraft | undefined, runRows: RunRows): Promise<MappingInspection> {
  const table = pkg.description.tableDetails.find((t) => t.name === tableName);
  if (!table) throw new AppError('table-not-found', `No table ${tableName} in ${pkg.summary.name}`, { dataset: pkg.summary.name, table: tableName });
  const target = { schema: pkg.descriptor.name };
  const columns = table.columns.map((c) => ({ name: c.name, numeric: isNumeric(c) }));
  const preview = (await runRows(tablePreviewQuery(table.name, columns, target, PREVIEW_ROWS))).map((row) => columns.map((_, i) => previewCell(row[`c${i}`])));
  let draft = given;
  if (!draft) {
    const sampled = columnsToSample(table);
    const samples = new Map<string, string[]>();
    if (sampled.length > 0) {
      for (const row of await runRows(distinctValuesQuery(table.name, sampled, target, SAMPLE_VALUES))) {
        samples.set(sampled[Number(row.position)]!, ((row.sample as unknown[] | null) ?? []).map(String));
      }
    }
    draft = guessMapping({ table, samples, packageText: `${pkg.summary.title}\n${pkg.summary.description}` });
  }
  const { applied } = await checkDraft(draft, pkg, runRows, otherTablesIndicators(pkg, table.name));
  return { dataset: pkg.summary.name, table: table.name, rowCount: table.rowCount, columns: table.columns, preview, draft, check: applied.check };
}

function previewCell(value: unknown): PreviewCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  return String(value);
}

/**
 * Saves a draft once nothing stands in its way, recording what every country value became
 * (the matcher's answers too), so the file says exactly what was charted.
 */
export async function saveTableMapping(pkg: MappablePackage, draft: MappingDraft, runRows: RunRows, store: MappingStore): Promise<void> {
  const { table, applied } = await checkDraft(draft, pkg, runRows, otherTablesIndicators(pkg, draft.table));
  const problems = applied.check.problems;
  if (!table || problems.length > 0) {
    const first = problems[0]!;
    throw new AppError('mapping-invalid', `The mapping of ${draft.table} cannot be saved: ${problems.map((p) => p.code).join(', ')}`, {
      dataset: pkg.summary.name,
      table: draft.table,
      count: problems.length,
      problem: first.code,
    });
  }
  const countries = draft.layout.kind === 'long' && 'fixed' in draft.layout.country ? {} : Object.fromEntries(applied.check.countryValues.map((c) => [c.raw, c.code]));
  await store.save({
    format: MAPPING_FORMAT,
    version: MAPPING_VERSION,
    package: { name: pkg.summary.name, version: pkg.summary.version, path: pkg.summary.path },
    savedAt: new Date().toISOString(),
    ...draft,
    countries,
  });
}

/**
 * Every saved mapping applied to the packages open now: the packages as the catalogue and
 * the views see them, and a summary of each mapping. A mapping that cannot be read or
 * applied charts nothing and says why; it never stops a package from opening.
 */
export class AppliedMappings {
  readonly summaries: MappingSummary[];
  private readonly packages: Map<string, MappedPackage>;

  private constructor(summaries: MappingSummary[], packages: Map<string, MappedPackage>) {
    this.summaries = summaries;
    this.packages = packages;
  }

  static async apply(store: MappingStore, open: ReadonlyMap<string, MappablePackage>, runRows: RunRows): Promise<AppliedMappings> {
    const summaries: MappingSummary[] = [];
    const packages = new Map<string, MappedPackage>();
    for (const stored of await store.readAll()) {
      const pkg = open.get(stored.dataset);
      const base = { dataset: stored.dataset, table: stored.table, indicators: [], countries: 0, problems: [] };
      if (!stored.read.ok) {
        summaries.push({ ...base, savedWith: { version: null, path: '' }, savedAt: '', draft: null, unavailable: { kind: 'unreadable', reason: stored.read.reason } });
        continue;
      }
      const { mapping } = stored.read;
      const { format: _f, version: _v, package: savedWith, savedAt, ...draft } = mapping;
      const saved = { savedWith: { version: savedWith.version, path: savedWith.path }, savedAt, draft };
      if (!pkg) {
        summaries.push({ ...base, ...saved, unavailable: { kind: 'not-open' } });
        continue;
      }
      const current = packages.get(pkg.summary.name) ?? { ...pkg, mappedValues: new Map(), stamp: '' };
      let applied: AppliedMapping;
      try {
        ({ applied } = await checkDraft(draft, current, runRows, otherTablesIndicators(current, draft.table)));
      } catch (error) {
        summaries.push({ ...base, ...saved, unavailable: { kind: 'unreadable', reason: (error as Error).message } });
        continue;
      }
      const check = applied.check;
      summaries.push({ ...base, ...saved, indicators: check.indicators, countries: new Set([...applied.values.values()].flat().filter((v) => v.value !== null).map((v) => v.country)).size, problems: check.problems, unavailable: null });
      if (applied.values.size === 0) continue;
      packages.set(pkg.summary.name, withMapping(current, draft, applied, `${savedAt}|${JSON.stringify(check.problems)}`));
    }
    return new AppliedMappings(summaries, packages);
  }

  /** The package as the views see it: with its mapped indicators, countries and source. */
  packageOf<P extends MappablePackage>(pkg: P): P & { mappedValues?: ReadonlyMap<string, StoredValue[]>; stamp: string } {
    const mapped = this.packages.get(pkg.summary.name);
    return mapped ? { ...pkg, summary: mapped.summary, description: mapped.description, mappedValues: mapped.mappedValues, stamp: mapped.stamp } : { ...pkg, stamp: '' };
  }

  list(dataset?: string): MappingSummary[] {
    return this.summaries.filter((s) => dataset === undefined || s.dataset === dataset);
  }
}

/** A package with one more table's mapping applied. */
function withMapping(pkg: MappedPackage, draft: MappingDraft, applied: AppliedMapping, stamp: string): MappedPackage {
  const indicators = draft.indicators.map((i) => mappedIndicatorDescription(draft.table, i, applied.values.get(mappedIndicatorId(draft.table, i.column)) ?? []));
  const known = new Set(pkg.description.countries.map((c) => c.code));
  const codes = new Set(indicators.flatMap((i) => i.countriesWithData));
  const countries = [...pkg.description.countries, ...[...codes].filter((c) => !known.has(c)).sort().map(mappedCountry)];
  const source = packageSource(pkg.descriptor);
  const sources = pkg.description.sources.some((s) => s.id === source.id) ? pkg.description.sources : [...pkg.description.sources, source];
  const indicatorDetails = [...pkg.description.indicatorDetails, ...indicators];
  const counts = { indicatorCount: indicatorDetails.length, indicators: indicatorDetails.map((i) => i.id), mappedTables: [...(pkg.summary.mappedTables ?? []), draft.table] };
  return {
    ...pkg,
    summary: { ...pkg.summary, ...counts },
    description: { ...pkg.description, ...counts, indicatorDetails, countries, sources },
    mappedValues: new Map([...pkg.mappedValues, ...applied.values]),
    stamp: `${pkg.stamp}${draft.table}@${stamp};`,
  };
}

/** A country a mapping brought: named through Intl (the UK's nations through CLDR's names). */
function mappedCountry(code: string): CountryDescription {
  return {
    code,
    name: countryName(code, 'en-GB'),
    names: { de: countryName(code, 'de'), el: countryName(code, 'el') },
    comparabilityNote: null,
    parent: isUkNation(code) ? UK : null,
  };
}
