import { z } from 'zod';

/**
 * A view is what the renderer asks the engine for: never SQL. Specs are versioned JSON
 * so that a saved view still opens after Sprig changes; `migrateViewSpec` brings an
 * older spec up to the current version before it is validated.
 */
export const VIEW_SPEC_VERSION = 2;

/** Frictionless names: lower-case letters, digits, `.`, `-`, `_`. */
export const datasetNameSchema = z.string().regex(/^[a-z0-9._-]{1,100}$/);
/** ISO 3166-1 alpha-2, a subdivision such as GB-ENG, or a UN M49 area such as 001 (the world). */
export const countryCodeSchema = z.string().regex(/^([A-Z]{2}(-[A-Z0-9]{1,3})?|\d{3})$/);
const identifierSchema = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/);
const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const periodLabelSchema = z.string().min(1).max(40);

/** What referrals can be split by: each a column of the referral table or of its activities. */
export const breakdownDimensions = [
  'age_band',
  'sex',
  'deprivation_quintile',
  'referral_source',
  'referral_route',
  'primary_need',
  'activity_category',
  'glam',
] as const;
export type BreakdownDimension = (typeof breakdownDimensions)[number];

/** Dimensions whose categories mean something only within one country. */
export const withinCountryDimensions: readonly BreakdownDimension[] = ['deprivation_quintile'];

/** A period range: both ends ISO dates, the start not after the end. */
const periodFilters = z
  .strictObject({
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    /** People in one category of a breakdown dimension; `null` is people whose value was not recorded. */
    category: z.strictObject({ dimension: z.enum(breakdownDimensions), value: z.string().max(200).nullable() }).optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'The period range starts after it ends', path: ['from'] });

/** Which countries, and how the UK appears: as England, Wales and Scotland, or as one. */
const selection = {
  version: z.literal(VIEW_SPEC_VERSION),
  dataset: datasetNameSchema,
  /** Countries to show; absent means every country the data have. */
  countries: z.array(countryCodeSchema).max(50).optional(),
  ukNations: z.enum(['separate', 'combined']).default('separate'),
  /** One country drawn strongly, the others faded. */
  highlight: countryCodeSchema.optional(),
  /** Cross-filters set by clicking in a view: a period range and one category. */
  filters: periodFilters.default({}),
};

/** Values of one indicator: the country-period table. */
const indicatorView = {
  ...selection,
  indicator: identifierSchema,
  transform: z.enum(['absolute', 'per100k', 'indexed']).default('absolute'),
  /** Period = 100 for `indexed`; absent means each country's first period with a value. */
  indexBase: periodLabelSchema.optional(),
  interval: z.enum(['none', '90', '95']).default('95'),
  logScale: z.boolean().default(false),
};

export const trendViewSchema = z.strictObject({ ...indicatorView, view: z.literal('trend') });
export const latestViewSchema = z.strictObject({ ...indicatorView, view: z.literal('latest') });
export const slopeViewSchema = z.strictObject({
  ...indicatorView,
  view: z.literal('slope'),
  from: periodLabelSchema,
  to: periodLabelSchema,
});
export const smallMultiplesViewSchema = z.strictObject({
  ...indicatorView,
  view: z.literal('small-multiples'),
  sharedY: z.boolean().default(true),
});
export const mapViewSchema = z.strictObject({ ...indicatorView, view: z.literal('map') });

/** The person-level (synthetic) tables: referrals, activities, outcomes. */
const personView = {
  ...selection,
  /** Cells counting fewer people than this are suppressed, everywhere, with the reason shown. */
  suppressBelow: z.number().int().min(0).max(1000).default(10),
  measure: z.enum(['count', 'share']).default('count'),
};

export const breakdownViewSchema = z.strictObject({
  ...personView,
  view: z.literal('breakdown'),
  dimension: z.enum(breakdownDimensions),
});
export const pathwayViewSchema = z.strictObject({ ...personView, view: z.literal('pathway') });
export const outcomeViewSchema = z.strictObject({
  ...personView,
  view: z.literal('outcome'),
  instrument: identifierSchema,
  followUp: identifierSchema,
});

export const viewSpecSchema = z.discriminatedUnion('view', [
  trendViewSchema,
  latestViewSchema,
  slopeViewSchema,
  smallMultiplesViewSchema,
  mapViewSchema,
  breakdownViewSchema,
  pathwayViewSchema,
  outcomeViewSchema,
]);

export type ViewSpec = z.output<typeof viewSpecSchema>;
/** A spec as written by hand or by an older interface: defaults may be left out. */
export type ViewSpecInput = z.input<typeof viewSpecSchema>;
export type ViewKind = ViewSpec['view'];
export type IndicatorViewSpec = Extract<ViewSpec, { indicator: string }>;
export type TrendViewSpec = z.output<typeof trendViewSchema>;
export type BreakdownViewSpec = z.output<typeof breakdownViewSchema>;
export type PathwayViewSpec = z.output<typeof pathwayViewSchema>;
export type OutcomeViewSpec = z.output<typeof outcomeViewSchema>;
export type PersonViewSpec = BreakdownViewSpec | PathwayViewSpec | OutcomeViewSpec;

export const indicatorViews = ['trend', 'latest', 'slope', 'small-multiples', 'map'] as const;

export function isIndicatorView(spec: ViewSpec): spec is IndicatorViewSpec {
  return (indicatorViews as readonly string[]).includes(spec.view);
}

type Json = Record<string, unknown>;

/** Each entry turns a spec of version N into version N + 1. */
const migrations: Record<number, (spec: Json) => Json> = {
  // v1 breakdowns named any table and column; v2 names a dimension Sprig knows how to count.
  1: (spec) => {
    if (spec.view !== 'breakdown') return spec;
    const { table, by, ...rest } = spec;
    const dimension = table === 'referral_activity' && by === 'category' ? 'activity_category' : by;
    return { ...rest, dimension };
  },
};

export class ViewSpecVersionError extends Error {
  readonly version: number;
  constructor(version: number) {
    super(`This view was saved by a newer version of Sprig (view version ${version}; this Sprig reads up to ${VIEW_SPEC_VERSION}).`);
    this.version = version;
  }
}

/** Brings an older spec to the current version; leaves anything it cannot read alone for validation to reject. */
export function migrateViewSpec(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  let spec = raw as Json;
  const version = spec.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return raw;
  if (version > VIEW_SPEC_VERSION) throw new ViewSpecVersionError(version);
  for (let v = version; v < VIEW_SPEC_VERSION; v++) {
    const step = migrations[v];
    if (!step) return raw;
    spec = { ...step(spec), version: v + 1 };
  }
  return spec;
}

/** What crosses the contract: any supported version, migrated, then validated. */
export const viewSpecInputSchema = z.preprocess((raw, ctx) => {
  try {
    return migrateViewSpec(raw);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message, params: { newerVersion: true } });
    return raw;
  }
}, viewSpecSchema);

/** Validates a spec from a file or a link, migrating it; throws with the first problem. */
export function parseViewSpec(raw: unknown): ViewSpec {
  return viewSpecInputSchema.parse(raw);
}
