import { z } from 'zod';
import { valueKinds } from '../view-answer.ts';
import { countryCodeSchema, datasetNameSchema } from '../view-spec.ts';
import { periodKinds } from './periods.ts';

/**
 * How one table of a partner's data package becomes Sprig's country-period values: which
 * column is the country (or which columns are countries), which is the period (or which
 * columns are periods), which columns are values and what each value is. Saved in Sprig's
 * own store, never in the package, as versioned JSON like view specs: `migrateTableMapping`
 * brings an older file up to the current version before it is validated.
 */
export const MAPPING_FORMAT = 'sprig-mapping';
export const MAPPING_VERSION = 1;

/** How far countries may be compared on a mapped indicator: not at all unless the user says. */
export const comparabilityLevels = ['not_comparable', 'within_country_only', 'with_caveats', 'comparable'] as const;

const columnName = z.string().min(1).max(300);

/** How a period column (or the period columns' names) is read. */
const periodReading = {
  kind: z.enum(periodKinds),
  /** The month a financial year starts in: 4 (April, the UK), 7 (July, Australia), 10 (October, US federal). */
  financialYearStart: z.number().int().min(2).max(12).default(4),
};

/**
 * One indicator: a value column (long tables) or the table's one measure (wide tables), with
 * what the package does not say. Values are published and not comparable across countries
 * unless the user says otherwise.
 */
export const mappedIndicatorSchema = z.strictObject({
  /** The value column; absent in a wide table, whose value columns are periods or countries. */
  column: columnName.optional(),
  name: z.string().max(200),
  unit: z.string().max(60),
  definition: z.string().max(4000).default(''),
  kind: z.enum(valueKinds).default('published'),
  comparability: z.enum(comparabilityLevels).default('not_comparable'),
});

/**
 * A whole table's country before the user has chosen one: ISO 3166's "unknown region", which
 * no mapping may be saved with.
 */
export const COUNTRY_NOT_CHOSEN = 'ZZ';

/** Where the country is: a column, or one country (or area) for the whole table. */
const countryOfRows = z.union([z.strictObject({ column: columnName }), z.strictObject({ fixed: countryCodeSchema })]);

export const mappingLayoutSchema = z.discriminatedUnion('kind', [
  /** One row per country and period; each value column an indicator. */
  z.strictObject({ kind: z.literal('long'), country: countryOfRows, period: z.strictObject({ column: columnName, ...periodReading }) }),
  /** One row per country; the columns named here are periods ("1960", "1961", …). */
  z.strictObject({
    kind: z.literal('periods-as-columns'),
    country: z.strictObject({ column: columnName }),
    period: z.strictObject({ columns: z.array(columnName).min(1).max(2000), ...periodReading }),
  }),
  /** One row per period; the columns named here are countries (their names decided in `countries`). */
  z.strictObject({
    kind: z.literal('countries-as-columns'),
    countryColumns: z.array(columnName).min(1).max(2000),
    period: z.strictObject({ column: columnName, ...periodReading }),
  }),
]);

/** What the mapping panel edits: everything but where it is saved from. */
export const mappingDraftSchema = z.strictObject({
  table: z.string().min(1).max(300),
  layout: mappingLayoutSchema,
  indicators: z.array(mappedIndicatorSchema).min(1).max(200),
  /**
   * The user's decisions, by the value as written in the package (or a column's name):
   * a country code, or null to leave the value out. Values without a decision take the
   * matcher's answer when it has one; a saved mapping records every value's.
   */
  countries: z.record(z.string().max(300), countryCodeSchema.nullable()).default({}),
});

/** A mapping as saved: the draft, and the package it was made for, so it opens again with it. */
export const tableMappingSchema = mappingDraftSchema.extend({
  format: z.literal(MAPPING_FORMAT),
  version: z.literal(MAPPING_VERSION),
  package: z.strictObject({ name: datasetNameSchema, version: z.string().nullable(), path: z.string() }),
  savedAt: z.string(),
});

export type MappingLayout = z.output<typeof mappingLayoutSchema>;
export type MappedIndicator = z.output<typeof mappedIndicatorSchema>;
export type MappingDraft = z.output<typeof mappingDraftSchema>;
export type MappingDraftInput = z.input<typeof mappingDraftSchema>;
export type TableMapping = z.output<typeof tableMappingSchema>;
export type ComparabilityChoice = (typeof comparabilityLevels)[number];

type Json = Record<string, unknown>;

/** Each entry turns a mapping of version N into version N + 1 (none yet: version 1 is the first). */
const migrations: Record<number, (mapping: Json) => Json> = {};

export class MappingVersionError extends Error {
  readonly version: number;
  constructor(version: number) {
    super(`This mapping was saved by a newer version of Sprig (mapping version ${version}; this Sprig reads up to ${MAPPING_VERSION}).`);
    this.version = version;
  }
}

/** Brings an older mapping to the current version; leaves anything it cannot read alone for validation to reject. */
export function migrateTableMapping(raw: unknown, steps: Record<number, (mapping: Json) => Json> = migrations, current = MAPPING_VERSION): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  let mapping = raw as Json;
  const version = mapping.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return raw;
  if (version > current) throw new MappingVersionError(version);
  for (let v = version; v < current; v++) {
    const step = steps[v];
    if (!step) return raw;
    mapping = { ...step(mapping), version: v + 1 };
  }
  return mapping;
}

export type ReadMapping = { ok: true; mapping: TableMapping } | { ok: false; reason: string };

/** Reads a saved mapping file's text, migrating it; never throws. */
export function readTableMapping(text: string): ReadMapping {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  if (typeof json !== 'object' || json === null || (json as Json).format !== MAPPING_FORMAT) {
    return { ok: false, reason: `no "format": "${MAPPING_FORMAT}"` };
  }
  try {
    const parsed = tableMappingSchema.safeParse(migrateTableMapping(json));
    if (parsed.success) return { ok: true, mapping: parsed.data };
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue?.path.map(String).join('.') || '(mapping)'}: ${issue?.message ?? 'invalid'}` };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

/**
 * The id a mapped indicator has in every view: from the table and the column, so a saved
 * view of it opens again after the mapping is saved again. Lower-case letters, digits and
 * `_`, as view specs require.
 */
export function mappedIndicatorId(table: string, column: string | undefined): string {
  const slug = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '');
  const id = `${slug(table) || 'table'}__${slug(column ?? 'value') || 'value'}`;
  return (/^[a-z_]/.test(id) ? id : `t_${id}`).slice(0, 63);
}

/** The columns a mapping reads, each once, in the order the engine selects them. */
export function mappingColumns(draft: Pick<MappingDraft, 'layout' | 'indicators'>): string[] {
  const { layout } = draft;
  switch (layout.kind) {
    case 'long':
      return [...('column' in layout.country ? [layout.country.column] : []), layout.period.column, ...draft.indicators.flatMap((i) => (i.column ? [i.column] : []))];
    case 'periods-as-columns':
      return [layout.country.column, ...layout.period.columns];
    case 'countries-as-columns':
      return [layout.period.column, ...layout.countryColumns];
  }
}
