import { z } from 'zod';
import { datasetNameSchema } from '../view-spec.ts';

/**
 * An import recipe: every choice that turns a partner's file into a data package in Sprig's
 * store (the encoding, the sheet, the CSV dialect, the header row, missing-value markers,
 * number and date forms, each column's type, and the shape). It is saved beside the package
 * (`sprig-import.json`) so `sprig import FILE --recipe R.json` repeats it on next month's
 * file. Versioned like view specs and mappings: `migrateRecipe` brings an older recipe up to
 * the current version before it is validated.
 *
 * Every field is optional in what a caller sends (`importRecipeInputSchema`): what is left
 * out is detected, and the inspection answers the complete recipe that would run.
 */
export const RECIPE_FORMAT = 'sprig-import-recipe';
export const RECIPE_VERSION = 1;

/** What a file is, found from its bytes (never from its name). */
export const sourceKinds = ['csv', 'xlsx', 'xls', 'ods', 'parquet', 'json'] as const;
export type SourceKind = (typeof sourceKinds)[number];

/** Encodings an import reads (iconv-lite names). The last four are the ones offered when a file is not UTF-8. */
export const textEncodings = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'windows-1253', 'iso-8859-7', 'iso-8859-15', 'iso-8859-1'] as const;
export type TextEncoding = (typeof textEncodings)[number];
/** The candidates shown side by side when a file has no byte-order mark and is not UTF-8. */
export const legacyEncodings = ['windows-1252', 'windows-1253', 'iso-8859-7', 'iso-8859-15'] as const satisfies readonly TextEncoding[];

/** A column's type in the imported package (Frictionless Table Schema types). */
export const importFieldTypes = ['string', 'integer', 'number', 'date', 'boolean'] as const;
export type ImportFieldType = (typeof importFieldTypes)[number];

/** How a date like 01/02/2023 is read: day first (1 February), month first (2 January), or year first. */
export const dateOrders = ['day-first', 'month-first', 'year-first'] as const;
export type DateOrder = (typeof dateOrders)[number];

export const decimalSeparators = ['.', ','] as const;
/** '' for none. "'" is the Swiss one, ' ' (and the no-break space) the French one. */
export const thousandsSeparators = ['', '.', ',', ' ', '\u00a0', "'"] as const;

const columnName = z.string().min(1).max(300);

export const importColumnSchema = z.strictObject({
  /** The column's type in the package; detected unless given. */
  type: z.enum(importFieldTypes).optional(),
  /** Its name in the package; the header's label unless given. */
  rename: columnName.optional(),
  /** Left out of the package. */
  skip: z.boolean().optional(),
});

export const unpivotSchema = z.strictObject({
  /** The columns whose names are periods (years as columns); their cells become rows. */
  columns: z.array(columnName).min(1).max(5000),
  /** The new column holding each former column's name. */
  nameColumn: columnName.default('period'),
  /** The new column holding the cell's value. */
  valueColumn: columnName.default('value'),
});

const recipeFields = {
  /** The package's name in Sprig (lower-case letters, digits, ".", "-", "_"); from the file's name unless given. */
  name: datasetNameSchema.optional(),
  title: z.string().max(300).optional(),
  /** The file's kind; found from its bytes unless given (a recipe that says xlsx refuses a CSV). */
  kind: z.enum(sourceKinds).optional(),
  /** Text files: the encoding. Needed when the file has no byte-order mark and is not UTF-8. */
  encoding: z.enum(textEncodings).optional(),
  /** Workbooks: the sheet, by name. Needed when the workbook has more than one. */
  sheet: z.string().min(1).max(300).optional(),
  /** CSV: one character; sniffed unless given. "\t" for TSV. */
  delimiter: z.string().min(1).max(4).optional(),
  /** CSV: the quote character, '' for none; sniffed unless given. */
  quote: z.string().max(1).optional(),
  /** CSV: the line (1-based, of the file as written) that holds the column names; the lines above it are skipped and shown. 0: no header. */
  headerRow: z.number().int().min(0).max(1000).optional(),
  /** Texts that mean "no value" in every column (an empty cell always does). */
  missingValues: z.array(z.string().max(50)).max(50).optional(),
  decimalSeparator: z.enum(decimalSeparators).optional(),
  thousandsSeparator: z.enum(thousandsSeparators).optional(),
  /** How dates such as 01/02/2023 are read; needed when the data do not say (every day ≤ 12). */
  dateOrder: z.enum(dateOrders).optional(),
  /** Per column (by the header's label): type override, new name, left out. */
  columns: z.record(columnName, importColumnSchema).optional(),
  /** Years (or other periods) as columns turned into rows, empty cells kept as missing. null: keep the table as it is. */
  unpivot: unpivotSchema.nullable().optional(),
  /** The column naming countries, whose values are matched and listed (unmatched ones never dropped). null: none. */
  countryColumn: columnName.nullable().optional(),
};

/** What a caller sends: any subset of the choices. */
export const importRecipeInputSchema = z.strictObject({
  format: z.literal(RECIPE_FORMAT).optional(),
  version: z.literal(RECIPE_VERSION).optional(),
  ...recipeFields,
});

/** A recipe as saved beside an import: every choice made, so the same file imports the same way. */
export const importRecipeSchema = z.strictObject({
  format: z.literal(RECIPE_FORMAT),
  version: z.literal(RECIPE_VERSION),
  ...recipeFields,
  name: datasetNameSchema,
  kind: z.enum(sourceKinds),
});

export type ImportRecipeInput = z.input<typeof importRecipeInputSchema>;
export type ImportRecipePartial = z.output<typeof importRecipeInputSchema>;
export type ImportRecipe = z.output<typeof importRecipeSchema>;

type Json = Record<string, unknown>;

/** Each entry turns a recipe of version N into version N + 1 (none yet: version 1 is the first). */
const migrations: Record<number, (recipe: Json) => Json> = {};

export class RecipeVersionError extends Error {
  readonly version: number;
  constructor(version: number) {
    super(`This recipe was written by a newer version of Sprig (recipe version ${version}; this Sprig reads up to ${RECIPE_VERSION}).`);
    this.version = version;
  }
}

/** Brings an older recipe to the current version; leaves anything it cannot read alone for validation to reject. */
export function migrateRecipe(raw: unknown, steps: Record<number, (recipe: Json) => Json> = migrations, current = RECIPE_VERSION): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  let recipe = raw as Json;
  const version = recipe.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return raw;
  if (version > current) throw new RecipeVersionError(version);
  for (let v = version; v < current; v++) {
    const step = steps[v];
    if (!step) return raw;
    recipe = { ...step(recipe), version: v + 1 };
  }
  return recipe;
}

/** A recipe file's text read as the choices it holds (saved recipes and hand-written partial ones alike). */
export function readRecipe(text: string): { ok: true; recipe: ImportRecipePartial } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  try {
    const parsed = importRecipeInputSchema.safeParse(migrateRecipe(json));
    if (parsed.success) return { ok: true, recipe: parsed.data };
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue?.path.map(String).join('.') || '(recipe)'}: ${issue?.message ?? 'invalid'}` };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}
