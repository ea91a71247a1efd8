import type { DuckDBConnection } from '@duckdb/node-api';
import type {
  CodeLabels,
  CountryDescription,
  InstrumentDescription,
  DatasetDescription,
  IndicatorDescription,
  SourceDescription,
  TableDescription,
} from '../shared/catalogue.ts';
import { sqlIdentifier } from '../shared/sql/quote.ts';
import { POPULATION_TABLE, VALUES_TABLE } from '../shared/sql/view-query.ts';
import { hasColumn, hasTable, isComparisonPackage } from './conventions.ts';
import { duckdbType, type PackageDescriptor } from './data-package.ts';

/** Everything the interface needs to know about a loaded package, read once at load. */
export async function describePackage(
  connection: DuckDBConnection,
  folder: string,
  descriptor: PackageDescriptor,
  bundled: boolean,
): Promise<DatasetDescription> {
  const schema = sqlIdentifier(descriptor.name);
  const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJS();

  const tableDetails: TableDescription[] = [];
  for (const resource of descriptor.resources) {
    const [count] = await rows(`SELECT count(*)::DOUBLE AS n FROM ${schema}.${sqlIdentifier(resource.name)}`);
    tableDetails.push({
      name: resource.name,
      title: resource.title ?? null,
      rowCount: Number(count?.n ?? 0),
      columns: resource.schema.fields.map((f) => ({
        name: f.name,
        type: duckdbType(f),
        title: f.title ?? null,
        description: f.description ?? null,
      })),
    });
  }

  const denominator = hasColumn(descriptor, 'indicator', 'denominator') ? 'i.denominator' : 'NULL';
  const indicatorName = (lng: string) => (hasColumn(descriptor, 'indicator', `name_${lng}`) ? `i.name_${lng}` : 'NULL');
  const programme = hasColumn(descriptor, VALUES_TABLE, 'programme_id') ? 'v.programme_id' : 'NULL';
  const indicatorDetails: IndicatorDescription[] = isComparisonPackage(descriptor)
    ? (
        await rows(`
          SELECT i.indicator_id, i.name, i.definition, i.unit, i.measure_kind, i.comparability_level, i.caveat,
            ${denominator} AS denominator, ${indicatorName('de')} AS name_de, ${indicatorName('el')} AS name_el,
            coalesce(list(DISTINCT v.country_code ORDER BY v.country_code)
              FILTER (WHERE v.value IS NOT NULL AND v.data_status <> 'not_available'), []) AS countries,
            coalesce(list(v.period_label ORDER BY v.period_start, v.period_label) FILTER (WHERE v.value IS NOT NULL), []) AS periods,
            coalesce(list(v.country_code || chr(31) || v.period_label ORDER BY v.period_start, v.period_label) FILTER (WHERE v.value IS NOT NULL), []) AS country_periods,
            count(*) FILTER (WHERE v.value IS NOT NULL AND ${programme} IS NOT NULL)::DOUBLE AS programme_values,
            count(*) FILTER (WHERE v.value IS NOT NULL AND ${programme} IS NULL)::DOUBLE AS national_values
          FROM ${schema}.indicator AS i LEFT JOIN ${schema}.${VALUES_TABLE} AS v USING (indicator_id)
          GROUP BY ALL ORDER BY i.name`)
      ).map((r) => ({
        id: String(r.indicator_id),
        name: String(r.name),
        names: Object.fromEntries((['de', 'el'] as const).flatMap((lng) => (r[`name_${lng}`] ? [[lng, String(r[`name_${lng}`])]] : []))),
        definition: String(r.definition ?? ''),
        unit: String(r.unit ?? ''),
        measureKind: String(r.measure_kind ?? ''),
        comparabilityLevel: String(r.comparability_level ?? ''),
        caveat: r.caveat == null ? null : String(r.caveat),
        denominator: r.denominator == null || r.denominator === '' ? null : String(r.denominator),
        countriesWithData: (r.countries as string[]).map(String),
        periods: [...new Set((r.periods as string[]).map(String))],
        periodsByCountry: periodsByCountry((r.country_periods as string[]).map(String)),
        scope: Number(r.programme_values) === 0 ? 'national' : Number(r.national_values) === 0 ? 'programme' : 'mixed',
      }))
    : [];

  const countryColumn = (column: string) => (hasColumn(descriptor, 'country', column) ? column : `NULL AS ${column}`);
  const countries: CountryDescription[] = hasTable(descriptor, 'country')
    ? (
        await rows(
          `SELECT country_code, name_en, ${countryColumn('name_de')}, ${countryColumn('name_el')}, ${countryColumn('comparability_note')}, ${countryColumn('parent_code')} FROM ${schema}.country ORDER BY country_code`,
        )
      ).map((r) => ({
        code: String(r.country_code),
        name: String(r.name_en),
        names: Object.fromEntries(
          (['de', 'el'] as const).flatMap((lng) => (r[`name_${lng}`] ? [[lng, String(r[`name_${lng}`])]] : [])),
        ),
        comparabilityNote: r.comparability_note == null ? null : String(r.comparability_note),
        parent: r.parent_code == null || r.parent_code === '' ? null : String(r.parent_code),
      }))
    : [];

  const instruments: InstrumentDescription[] =
    hasTable(descriptor, 'instrument') && hasTable(descriptor, 'outcome_measurement')
      ? (
          await rows(`
            SELECT i.instrument_id, i.name, ${hasColumn(descriptor, 'instrument', 'higher_is_better') ? 'i.higher_is_better' : 'NULL'} AS higher_is_better,
              coalesce(list(o.timepoint ORDER BY o.timepoint) FILTER (WHERE o.timepoint <> 'baseline'), []) AS follow_ups
            FROM ${schema}.instrument AS i
            -- The pairs first (a parallel hash aggregate): half the time of list(DISTINCT …) over every measurement at 10M referrals.
            LEFT JOIN (SELECT DISTINCT instrument, timepoint FROM ${schema}.outcome_measurement) AS o ON o.instrument = i.instrument_id
            GROUP BY ALL ORDER BY i.instrument_id`)
        ).map((r) => ({
          id: String(r.instrument_id),
          name: String(r.name),
          higherIsBetter: typeof r.higher_is_better === 'boolean' ? r.higher_is_better : null,
          followUps: sortTimepoints((r.follow_ups as string[]).map(String)),
        }))
      : [];

  const codeLabels: CodeLabels = {};
  if (hasTable(descriptor, 'codelist')) {
    for (const r of await rows(`SELECT list, code, label_en, label_de, label_el FROM ${schema}.codelist`)) {
      const list = (codeLabels[String(r.list)] ??= {});
      list[String(r.code)] = Object.fromEntries(
        (['en', 'de', 'el'] as const).flatMap((lng) => (r[`label_${lng}`] ? [[lng, String(r[`label_${lng}`])]] : [])),
      );
    }
  }

  const sources: SourceDescription[] = hasTable(descriptor, 'source')
    ? (await rows(`SELECT source_id, title, organisation, year::DOUBLE AS year, url, licence FROM ${schema}.source ORDER BY source_id`)).map((r) => ({
        id: String(r.source_id),
        title: String(r.title),
        organisation: String(r.organisation ?? ''),
        year: r.year == null ? null : Number(r.year),
        url: r.url == null ? null : String(r.url),
        licence: r.licence == null ? null : String(r.licence),
      }))
    : [];

  const populationCountries = hasColumn(descriptor, POPULATION_TABLE, 'country_code') && hasColumn(descriptor, POPULATION_TABLE, 'value')
    ? (await rows(`SELECT DISTINCT country_code FROM ${schema}.${POPULATION_TABLE} WHERE value IS NOT NULL ORDER BY 1`)).map((r) => String(r.country_code))
    : [];

  return {
    name: descriptor.name,
    version: descriptor.version ?? null,
    // Sent with every listDatasets: a title or description past a page is cut (the descriptor itself is at most its limit, src/engine/load-limits.ts).
    title: cut(descriptor.title ?? descriptor.name, 300),
    description: cut(descriptor.description ?? '', 5000),
    licences: (descriptor.licenses ?? []).map((l) => l.title ?? l.name ?? '').filter(Boolean),
    path: folder,
    bundled,
    synthetic: descriptor.sprig?.synthetic === true,
    tableCount: descriptor.resources.length,
    indicatorCount: indicatorDetails.length,
    tables: descriptor.resources.map((r) => r.name),
    indicators: indicatorDetails.map((i) => i.id),
    ...(descriptor.skipped?.length ? { skipped: descriptor.skipped } : {}),
    tableDetails,
    indicatorDetails,
    countries,
    sources,
    instruments,
    codeLabels,
    populationCountries,
    smallCellThreshold: smallCellThreshold(descriptor),
  };
}

/** Sprig's default for the smallest count of people shown, unless a package asks for more. */
export const DEFAULT_SMALL_CELL_THRESHOLD = 10;

function smallCellThreshold(descriptor: PackageDescriptor): number {
  const declared = (descriptor.sprig as { smallCellThreshold?: unknown } | undefined)?.smallCellThreshold;
  return typeof declared === 'number' && Number.isInteger(declared) && declared > DEFAULT_SMALL_CELL_THRESHOLD ? declared : DEFAULT_SMALL_CELL_THRESHOLD;
}

/** "GB-ENG␟Jul 2023" pairs, in period order, as each country's list of periods. */
function periodsByCountry(pairs: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const pair of pairs) {
    const [country = '', period = ''] = pair.split('\u001f');
    const own = (out[country] ??= []);
    if (!own.includes(period)) own.push(period);
  }
  return out;
}

/** Follow-ups in time order: weeks before months, then by number. */
function sortTimepoints(timepoints: string[]): string[] {
  const months = (t: string) => {
    const n = Number(/\d+/.exec(t)?.[0] ?? 0);
    return t.startsWith('w') ? n / 4.345 : n;
  };
  return [...timepoints].sort((a, b) => months(a) - months(b));
}

function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}
