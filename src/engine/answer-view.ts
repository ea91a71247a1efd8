import type { DatasetDescription } from '../shared/catalogue.ts';
import { indicatorAnswer, type StoredPopulation, type StoredValue } from '../shared/indicator-answer.ts';
import { breakdownAnswer, outcomeAnswer, pathwayAnswer, type RawBreakdownCount, type RawOutcomeSeries, type RawPathwayCount } from '../shared/person-answer.ts';
import { pathwayStageNames } from '../shared/sql/person-query.ts';
import { indicatorValuesQuery, personCountQuery, POPULATION_TABLE, populationsQuery, VALUES_TABLE, type SqlQuery } from '../shared/sql/view-query.ts';
import { isUkNation, UK } from '../shared/uk.ts';
import { breakdownAnswerColumns, indicatorAnswerColumns, outcomeAnswerColumns, pathwayAnswerColumns } from '../shared/view-answer.ts';
import { isIndicatorView, type BreakdownDimension, type IndicatorViewSpec, type PersonViewSpec, type ViewSpec } from '../shared/view-spec.ts';
import { rowsToArrowIPC } from './arrow.ts';
import type { CompactTables } from './compact-tables.ts';
import { hasColumn, hasTable } from './conventions.ts';
import { duckdbType, type PackageDescriptor } from './data-package.ts';

/** Runs a query and answers its rows as plain JavaScript objects (numbers, strings, booleans, null). */
export type RunRows = (query: SqlQuery) => Promise<Record<string, unknown>[]>;

export interface ViewPackage {
  descriptor: PackageDescriptor;
  description: DatasetDescription;
  /** Values of the indicators the user mapped from the package's own tables (src/engine/package-mappings.ts), by indicator id. */
  mappedValues?: ReadonlyMap<string, StoredValue[]>;
}

/**
 * A view's answer as Arrow IPC bytes: DuckDB reads and counts (src/shared/sql), the shared
 * answer functions decide what may be shown (src/shared/indicator-answer.ts,
 * person-answer.ts, with disclosure control in src/shared/disclosure.ts), and only their
 * rows leave the engine.
 */
export async function answerView(spec: ViewSpec, pkg: ViewPackage, runRows: RunRows, compact: CompactTables): Promise<Uint8Array> {
  if (isIndicatorView(spec)) return rowsToArrowIPC(await indicatorRows(spec, pkg, runRows), indicatorAnswerColumns);
  return personView(spec, pkg, runRows, compact);
}

async function indicatorRows(spec: IndicatorViewSpec, { descriptor, description, mappedValues }: ViewPackage, runRows: RunRows) {
  const target = { schema: descriptor.name };
  const columns = { qualifier: hasColumn(descriptor, VALUES_TABLE, 'value_qualifier'), programme: hasColumn(descriptor, VALUES_TABLE, 'programme_id') };
  // A mapped indicator's values are already what the query would read from country_year_indicator.
  const stored = mappedValues?.get(spec.indicator) ?? ((await runRows(indicatorValuesQuery(spec, target, columns))) as unknown as StoredValue[]);
  const populations =
    spec.transform === 'per100k' && hasTable(descriptor, POPULATION_TABLE) ? ((await runRows(populationsQuery(target))) as unknown as StoredPopulation[]) : [];
  const indicator = description.indicatorDetails.find((i) => i.id === spec.indicator)!;
  return indicatorAnswer(spec, stored, populations, { indicator, nations: ukNations(description) });
}

/** The UK's nations the package knows: countries whose parent is the UK, or with a nation's code. */
export function ukNations(description: DatasetDescription): string[] {
  return description.countries.filter((c) => c.parent === UK || isUkNation(c.code)).map((c) => c.code);
}

async function personView(spec: PersonViewSpec, { descriptor }: ViewPackage, runRows: RunRows, compact: CompactTables): Promise<Uint8Array> {
  const builder = personCountQuery(spec, { schema: descriptor.name });
  const raw = await compact.answer(spec, descriptor, builder, runRows);
  switch (spec.view) {
    case 'breakdown': {
      const counts = raw.map((r) => ({ country: String(r.country), category: r.category === null ? null : String(r.category), n: Number(r.n) })) satisfies RawBreakdownCount[];
      return rowsToArrowIPC(breakdownAnswer(spec, counts, categoryDomain(descriptor, spec.dimension)), breakdownAnswerColumns);
    }
    case 'pathway': {
      const later = pathwayStageNames.slice(1).map((_, i) => `stage_${i + 1}`);
      const counts = raw.map((r) => ({ country: String(r.country), stages: later.map((c) => r[c] === true), n: Number(r.n) })) satisfies RawPathwayCount[];
      return rowsToArrowIPC(pathwayAnswer(spec, counts, pathwayStageNames), pathwayAnswerColumns);
    }
    case 'outcome':
      return rowsToArrowIPC(outcomeAnswer(spec, raw as unknown as RawOutcomeSeries[]), outcomeAnswerColumns);
  }
}

/**
 * The categories a dimension can take, so that a category nobody has shows as 0 rather
 * than vanishing: the descriptor's `enum`, true and false for a yes/no column, and 1–5 for
 * a deprivation quintile.
 */
export function categoryDomain(descriptor: PackageDescriptor, dimension: BreakdownDimension): string[] {
  const [table, column] = dimension === 'activity_category' ? ['referral_activity', 'category'] : dimension === 'glam' ? ['referral_activity', 'is_glam'] : ['referral', dimension];
  const field = descriptor.resources.find((r) => r.name === table)?.schema.fields.find((f) => f.name === column);
  if (!field) return [];
  const allowed = field.constraints?.enum;
  if (Array.isArray(allowed)) return allowed.map(String);
  if (duckdbType(field) === 'BOOLEAN') return ['false', 'true'];
  if (dimension === 'deprivation_quintile') return ['1', '2', '3', '4', '5'];
  return [];
}
