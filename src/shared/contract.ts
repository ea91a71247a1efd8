import { z } from 'zod';
import type { Catalogue, DatasetDescription, LoadStatus } from './catalogue.ts';
import { AppError, toErrorData, type Result } from './errors.ts';
import type { MappingInspection, MappingSummary } from './mapping/mapping-answers.ts';
import { mappingDraftSchema } from './mapping/mapping-spec.ts';
import { isMethodName, methodNames, type MethodName } from './methods.ts';
import { figureFormats, figureOptionsSchema } from './figures/presets.ts';
import type { ImportInspection, ImportStatus, ImportSummary } from './import/answers.ts';
import { importRecipeInputSchema } from './import/recipe.ts';
import { datasetNameSchema, viewSpecInputSchema } from './view-spec.ts';

export { isMethodName, methodNames, type MethodName };

/**
 * The one declaration of what crosses between the interface and the engine. Preload,
 * Electron main, the HTTP host and the renderer's clients are all derived from it: a
 * method added here and not implemented on a side fails the type check.
 */
/**
 * Names one query so that it, and nothing else, can be cancelled: the caller chooses it
 * (a short random string does; two callers choosing the same one cancel each other).
 */
export const queryIdSchema = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be 1 to 64 letters, digits, ".", ":", "-" or "_"');

/** A file to import: an absolute path on this computer (both hosts' file pickers give one). */
const importFileSchema = z.string().min(1).max(4096);
/** An import job, as `startImport` named it. */
export const importIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** A table (a resource) of a data package, by its name. */
const tableNameSchema = z.string().min(1).max(300);

/** What every figure call names: the view, how to draw it, and the dataset version it was saved with. */
const figureRequest = {
  spec: viewSpecInputSchema,
  figure: figureOptionsSchema,
  datasetVersion: z.string().max(200).nullable().optional(),
  allowOtherVersion: z.boolean().optional(),
};

export const contract = {
  /** Every data package opened, and every one refused with the reason. */
  listDatasets: z.strictObject({}),
  /** Tables, columns, indicators, countries and sources of one package. */
  describeDataset: z.strictObject({ dataset: datasetNameSchema }),
  /** Runs a view; the answer is an Apache Arrow IPC stream. `queryId` lets `cancelQuery` stop it. */
  runView: z.strictObject({ spec: viewSpecInputSchema, queryId: queryIdSchema.optional() }),
  /** Opens the data packages in a folder the user chose (an absolute path) and remembers it. */
  addDataFolder: z.strictObject({ path: z.string().min(1).max(4096) }),
  /** Forgets a folder the user added; its packages close. */
  removeDataFolder: z.strictObject({ path: z.string().min(1).max(4096) }),
  /**
   * Stops the view or console query of this id, and nothing else: a queued view leaves the
   * queue, a running one is interrupted; its caller gets 'query-cancelled'. An id that names
   * no query (it already finished) is no error.
   */
  cancelQuery: z.strictObject({ queryId: queryIdSchema }),
  /**
   * The SQL console: one read-only SELECT on the loaded data packages (each package is a
   * schema named after it; `dataset` makes it the default schema). Answers Arrow IPC bytes.
   */
  runSql: z.strictObject({
    sql: z.string().min(1).max(100_000),
    dataset: datasetNameSchema.optional(),
    /** Rows sent back at most; the answer says whether more existed. */
    maxRows: z.number().int().min(1).max(100_000).optional(),
    /** Lets `cancelQuery` stop it. */
    queryId: queryIdSchema.optional(),
  }),
  /**
   * How far the engine is with preparing the packages it loaded (compact tables, the cache
   * for the next start); the interface polls it while any is being prepared.
   */
  loadStatus: z.strictObject({}),
  /** Stops preparing one package (every package without `dataset`); answers the new status. Views still answer, more slowly. */
  cancelPreparation: z.strictObject({ dataset: datasetNameSchema.optional() }),
  /**
   * Mapping a table of a package that has no indicators of its own (src/shared/mapping): its
   * first rows, Sprig's guess at a mapping (or the `draft` given), and what that mapping makes
   * of the data: every country value and what it became, the periods, every problem.
   */
  inspectMapping: z.strictObject({ dataset: datasetNameSchema, table: tableNameSchema, draft: mappingDraftSchema.optional() }),
  /**
   * Saves a table's mapping in Sprig's store (the package is never changed) and charts it
   * from then on in every indicator view; refused ('mapping-invalid') while any problem remains.
   */
  saveMapping: z.strictObject({ dataset: datasetNameSchema, draft: mappingDraftSchema }),
  /** Every saved mapping (of one package, or of all), with what it charts and what it cannot place. */
  listMappings: z.strictObject({ dataset: datasetNameSchema.optional() }),
  /** Forgets a table's mapping: its indicators leave the package. */
  removeMapping: z.strictObject({ dataset: datasetNameSchema, table: tableNameSchema }),
  /**
   * A figure of a view, drawn by the engine in one format (src/shared/figures): the file's
   * bytes, the same whichever host asks. `datasetVersion` is the version the view was saved
   * with: another version is refused unless `allowOtherVersion`.
   */
  renderFigure: z.strictObject({ ...figureRequest, format: z.enum(figureFormats) }),
  /** The figure bundle: figure files, data.csv, datapackage.json, the view, README, CITATION.cff, licences and checksums, as one zip. */
  exportFigureBundle: z.strictObject({ ...figureRequest, formats: z.array(z.enum(figureFormats)).min(1).max(figureFormats.length) }),
  /**
   * Importing a partner's file (src/shared/import, src/engine/import): what Sprig finds in
   * it (kind, encoding and the candidates when it is not UTF-8, sheets, dialect, header,
   * columns and types, the first rows, years as columns, countries matched), read with the
   * recipe's choices where given. Reads the file only; writes nothing but temporary files.
   */
  inspectImport: z.strictObject({ file: importFileSchema, recipe: importRecipeInputSchema.optional() }),
  /**
   * Starts importing the file with the recipe (choices left out are detected; an open choice
   * refuses with 'import-choice-needed'). Answers at once with the status; `importStatus`
   * follows it. `replace`: an import of the same name is replaced (else the import ends in
   * 'needs-replace' with the difference, for `confirmImport`).
   */
  startImport: z.strictObject({ file: importFileSchema, recipe: importRecipeInputSchema.optional(), replace: z.boolean().optional() }),
  /** How far an import is: progress, then the counts, the rejected rows and the package written (or the error). */
  importStatus: z.strictObject({ importId: importIdSchema }),
  /** Stops an import (nothing is written), or drops one waiting in 'needs-replace'. */
  cancelImport: z.strictObject({ importId: importIdSchema }),
  /** Replaces the existing import with the one waiting in 'needs-replace' (whose `diff` the user has seen). */
  confirmImport: z.strictObject({ importId: importIdSchema }),
  /** Every import in Sprig's store. */
  listImports: z.strictObject({}),
  /** Removes an import (the package Sprig wrote, never the source file); its dataset closes. */
  removeImport: z.strictObject({ name: datasetNameSchema }),
} as const satisfies Record<MethodName, z.ZodType>;

export type MethodInput<M extends MethodName> = z.input<(typeof contract)[M]>;
export type MethodArgs<M extends MethodName> = z.output<(typeof contract)[M]>;

interface Outputs {
  listDatasets: Catalogue;
  describeDataset: DatasetDescription;
  runView: Uint8Array;
  addDataFolder: Catalogue;
  removeDataFolder: Catalogue;
  cancelQuery: void;
  runSql: Uint8Array;
  loadStatus: LoadStatus;
  cancelPreparation: LoadStatus;
  inspectMapping: MappingInspection;
  saveMapping: MappingSummary;
  listMappings: MappingSummary[];
  removeMapping: void;
  renderFigure: Uint8Array;
  exportFigureBundle: Uint8Array;
  inspectImport: ImportInspection;
  startImport: ImportStatus;
  importStatus: ImportStatus;
  cancelImport: ImportStatus;
  confirmImport: ImportStatus;
  listImports: ImportSummary[];
  removeImport: Catalogue;
}
export type MethodOutput<M extends MethodName> = Outputs[M];

/** What the renderer calls. */
export type SprigApi = { [M in MethodName]: (args: MethodInput<M>) => Promise<MethodOutput<M>> };
/** What the engine implements: arguments already validated. */
export type SprigService = { [M in MethodName]: (args: MethodArgs<M>) => Promise<MethodOutput<M>> };

/** How Arrow IPC answers travel over HTTP. */
export const ARROW_MEDIA_TYPE = 'application/vnd.apache.arrow.stream';
/** How other bytes (figure files, bundles) travel over HTTP. */
export const BYTES_MEDIA_TYPE = 'application/octet-stream';
/** Methods whose bytes are not Arrow IPC. */
export const bytesMethods: readonly MethodName[] = ['renderFigure', 'exportFigureBundle'];

/**
 * Keys of the Arrow schema metadata on every console answer (the answer is Arrow bytes,
 * so this is where "there was more" travels). Both sides take them from here.
 */
export const SQL_RESULT_METADATA = {
  /** 'true' when the query had more rows than were sent. */
  truncated: 'sprig.truncated',
  /** Rows in the answer. */
  rows: 'sprig.rows',
  /** Rows the whole query has; absent when counting them failed or was stopped. */
  totalRows: 'sprig.totalRows',
  /** When rows were left out, why: 'rows' (the row cap) or 'bytes' (the answer's size cap). */
  truncatedBy: 'sprig.truncatedBy',
  /** The most bytes of values an answer holds (the console's size cap). */
  maxBytes: 'sprig.maxBytes',
} as const;


/** Checks a call's arguments against the contract; throws `invalid-request` naming the first problem. */
export function validateArgs<M extends MethodName>(method: M, args: unknown): MethodArgs<M> {
  const parsed = contract[method].safeParse(args ?? {});
  if (parsed.success) return parsed.data as MethodArgs<M>;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : '(arguments)';
  throw new AppError('invalid-request', `${method}: ${where}: ${issue?.message ?? 'invalid'}`, {
    method,
    where,
    reason: issue?.message ?? 'invalid',
  });
}

/** The engine side of every transport: validate, run, and turn any failure into data. */
export async function dispatch(service: SprigService, method: unknown, args: unknown): Promise<Result<unknown>> {
  try {
    if (!isMethodName(method)) {
      throw new AppError('unknown-method', `Unknown method: ${String(method)}`, { method: String(method) });
    }
    const valid = validateArgs(method, args);
    const run = service[method] as (a: unknown) => Promise<unknown>;
    return { ok: true, value: await run.call(service, valid) };
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
  }
}

/** The interface side of every transport: one function per method; failures arrive as `AppError`. */
export function createClient(call: (method: MethodName, args: unknown) => Promise<Result<unknown>>): SprigApi {
  const api: Partial<Record<MethodName, (args: unknown) => Promise<unknown>>> = {};
  for (const method of methodNames) {
    api[method] = async (args: unknown) => {
      const result = await call(method, args);
      if (!result.ok) throw AppError.fromData(result.error);
      return result.value;
    };
  }
  return api as SprigApi;
}

/** What the desktop preload exposes as `window.sprig`: the contract's methods answering `Result` data. */
export type SprigBridge = {
  [M in MethodName]: (args: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;
} & {
  /** Called when the desktop menu added a data folder. Returns an unsubscribe function. */
  onCatalogueChanged(callback: () => void): () => void;
  /** Called with the file chosen in the desktop menu's "Import a file…" dialog. Returns an unsubscribe function. */
  onImportFileChosen(callback: (path: string) => void): () => void;
};
