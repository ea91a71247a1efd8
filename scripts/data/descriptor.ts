import { DATA_CUT } from './cohorts.ts';
import { tables, type TableSpec } from './schema.ts';
import { SMALL_CELL } from './summaries.ts';

/** The generator's name and version, recorded in the descriptor beside the seed. */
export const GENERATOR = { name: 'sprig-demo-generator', version: '1.0.0' } as const;
export const DEFAULT_SEED = 20190107;
export const DEFAULT_REFERRALS = 20_000;
export const PACKAGE_NAME = 'sprig-demo';

export type Format = 'csv' | 'parquet';

export interface WrittenFile {
  table: string;
  path: string;
  bytes: number;
  sha256: string;
}

export interface GeneratorRun {
  seed: number;
  referrals: number;
  format: Format;
}

/** datapackage.json (Frictionless Data Package v1), with Sprig's own metadata under `sprig`. */
export function buildDescriptor(run: GeneratorRun, files: WrittenFile[]): Record<string, unknown> {
  return {
    profile: 'tabular-data-package',
    name: PACKAGE_NAME,
    title: 'Sprig demonstration data: social prescribing in five countries (published figures and synthetic cohorts)',
    description:
      'A demonstration dataset. Published figures are real and cited row by row; every person-level row (referrals, activities, outcome scores, service use) is synthetic, made by a seeded generator, and flagged is_synthetic.',
    version: GENERATOR.version,
    keywords: ['social prescribing', 'link workers', 'demonstration', 'synthetic data'],
    licenses: [
      {
        name: 'CC-BY-4.0',
        title: 'Creative Commons Attribution 4.0',
        path: 'https://creativecommons.org/licenses/by/4.0/',
      },
    ],
    sprig: {
      synthetic: true,
      generator: {
        name: GENERATOR.name,
        version: GENERATOR.version,
        seed: run.seed,
        referrals: run.referrals,
        script: 'scripts/data/generate-demo.ts',
        command: 'npm run data:demo',
      },
      dataCut: DATA_CUT,
      smallCellThreshold: SMALL_CELL,
    },
    resources: tables.map((spec) => resource(spec, run.format, files.find((f) => f.table === spec.name)!)),
  };
}

function resource(spec: TableSpec, format: Format, file: WrittenFile): Record<string, unknown> {
  return {
    name: spec.name,
    path: file.path,
    profile: 'tabular-data-resource',
    title: spec.title,
    description: spec.description,
    format,
    mediatype: format === 'csv' ? 'text/csv' : 'application/vnd.apache.parquet',
    ...(format === 'csv' ? { encoding: 'utf-8' } : {}),
    bytes: file.bytes,
    hash: `sha256:${file.sha256}`,
    ...(format === 'csv' ? { dialect: { delimiter: ',', doubleQuote: true, quoteChar: '"', lineTerminator: '\n', header: true } } : {}),
    schema: {
      fields: spec.fields,
      missingValues: [''],
      primaryKey: spec.primaryKey,
      ...(spec.foreignKeys.length > 0 ? { foreignKeys: spec.foreignKeys } : {}),
    },
    ...(spec.synthetic ? { sprig: { synthetic: true } } : {}),
  };
}
