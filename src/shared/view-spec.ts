import { z } from 'zod';

/**
 * A view is what the renderer asks the engine for: never SQL. Specs are versioned JSON
 * so that a saved view still opens after Sprig changes; `migrateViewSpec` brings an
 * older spec up to the current version before it is validated.
 */
export const VIEW_SPEC_VERSION = 1;

/** Frictionless names: lower-case letters, digits, `.`, `-`, `_`. */
export const datasetNameSchema = z.string().regex(/^[a-z0-9._-]{1,100}$/);
/** ISO 3166-1 alpha-2, or a subdivision such as GB-ENG. */
export const countryCodeSchema = z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/);
const identifierSchema = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/);

const common = {
  version: z.literal(VIEW_SPEC_VERSION),
  dataset: datasetNameSchema,
  /** Countries to show; absent means every country the data have. */
  countries: z.array(countryCodeSchema).max(50).optional(),
};

/** One indicator over time, a line per country. */
export const trendViewSchema = z.strictObject({
  ...common,
  view: z.literal('trend'),
  indicator: identifierSchema,
});

/** Counts of person-level rows (referrals) per country, split by one of their columns. */
export const breakdownViewSchema = z.strictObject({
  ...common,
  view: z.literal('breakdown'),
  table: identifierSchema,
  by: identifierSchema,
});

export const viewSpecSchema = z.discriminatedUnion('view', [trendViewSchema, breakdownViewSchema]);

export type TrendViewSpec = z.infer<typeof trendViewSchema>;
export type BreakdownViewSpec = z.infer<typeof breakdownViewSchema>;
export type ViewSpec = z.infer<typeof viewSpecSchema>;

/** Each entry turns a spec of version N into version N + 1. */
const migrations: Record<number, (spec: Record<string, unknown>) => Record<string, unknown>> = {};

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
  let spec = raw as Record<string, unknown>;
  const version = spec.version;
  if (typeof version !== 'number' || !Number.isInteger(version)) return raw;
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
