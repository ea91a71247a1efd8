import type { DuckDBConnection } from '@duckdb/node-api';
import type {
  CountryDescription,
  DatasetDescription,
  IndicatorDescription,
  SourceDescription,
  TableDescription,
} from '../shared/catalogue.ts';
import { sqlIdentifier } from '../shared/sql/quote.ts';
import { VALUES_TABLE } from '../shared/sql/view-query.ts';
import { hasTable, isComparisonPackage } from './conventions.ts';
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

  const indicatorDetails: IndicatorDescription[] = isComparisonPackage(descriptor)
    ? (
        await rows(`
          SELECT i.indicator_id, i.name, i.definition, i.unit, i.measure_kind, i.comparability_level, i.caveat,
            coalesce(list(DISTINCT v.country_code ORDER BY v.country_code)
              FILTER (WHERE v.value IS NOT NULL AND v.data_status <> 'not_available'), []) AS countries
          FROM ${schema}.indicator AS i LEFT JOIN ${schema}.${VALUES_TABLE} AS v USING (indicator_id)
          GROUP BY ALL ORDER BY i.name`)
      ).map((r) => ({
        id: String(r.indicator_id),
        name: String(r.name),
        definition: String(r.definition ?? ''),
        unit: String(r.unit ?? ''),
        measureKind: String(r.measure_kind ?? ''),
        comparabilityLevel: String(r.comparability_level ?? ''),
        caveat: r.caveat == null ? null : String(r.caveat),
        countriesWithData: (r.countries as string[]).map(String),
      }))
    : [];

  const countries: CountryDescription[] = hasTable(descriptor, 'country')
    ? (await rows(`SELECT country_code, name_en FROM ${schema}.country ORDER BY country_code`)).map((r) => ({
        code: String(r.country_code),
        name: String(r.name_en),
      }))
    : [];

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

  return {
    name: descriptor.name,
    version: descriptor.version ?? null,
    title: descriptor.title ?? descriptor.name,
    description: descriptor.description ?? '',
    licences: (descriptor.licenses ?? []).map((l) => l.title ?? l.name ?? '').filter(Boolean),
    path: folder,
    bundled,
    synthetic: descriptor.sprig?.synthetic === true,
    tableCount: descriptor.resources.length,
    indicatorCount: indicatorDetails.length,
    tables: descriptor.resources.map((r) => r.name),
    indicators: indicatorDetails.map((i) => i.id),
    tableDetails,
    indicatorDetails,
    countries,
    sources,
  };
}
