import { figureFormats, figureOptionsSchema, type FigureFormat, type FigureOptions } from './figures/presets.ts';
import { parseViewSpec, type ViewSpec } from './view-spec.ts';

/**
 * A saved view (`.sprig.json`): the spec, and the dataset version it was drawn from, so
 * a co-author opening it next month hears if the data have changed since.
 */
export const VIEW_FILE_FORMAT = 'sprig-view';

export interface ViewFile {
  format: typeof VIEW_FILE_FORMAT;
  spec: ViewSpec;
  dataset: { name: string; version: string | null };
  /** How the view was exported as a figure (a figure bundle's view): `sprig figure` draws it so again. */
  figure?: SavedFigure;
}

export interface SavedFigure {
  options: FigureOptions;
  formats: FigureFormat[];
}

export function writeViewFile(spec: ViewSpec, datasetVersion: string | null, figure?: SavedFigure): string {
  const file: ViewFile = { format: VIEW_FILE_FORMAT, spec, dataset: { name: spec.dataset, version: datasetVersion }, ...(figure ? { figure } : {}) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The export settings a saved view carries, when it carries valid ones. */
function savedFigure(value: unknown): SavedFigure | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const raw = value as { options?: unknown; formats?: unknown };
  const options = figureOptionsSchema.safeParse(raw.options ?? {});
  const formats = Array.isArray(raw.formats) ? raw.formats.filter((f): f is FigureFormat => (figureFormats as readonly string[]).includes(f)) : [];
  return options.success ? { options: options.data, formats } : undefined;
}

export type ViewFileProblem =
  | { kind: 'not-json'; reason: string }
  | { kind: 'not-a-view'; reason: string }
  | { kind: 'invalid-spec'; reason: string };

export type OpenedView =
  | { ok: true; spec: ViewSpec; savedWith: { name: string; version: string | null }; figure?: SavedFigure }
  | { ok: false; problem: ViewFileProblem };

/** Reads a saved view, migrating its spec from older versions; never throws. */
export function readViewFile(text: string): OpenedView {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: { kind: 'not-json', reason: (error as Error).message } };
  }
  const file = json as Partial<ViewFile> | null;
  if (!file || typeof file !== 'object' || file.format !== VIEW_FILE_FORMAT || !file.spec) {
    return { ok: false, problem: { kind: 'not-a-view', reason: 'no "format": "sprig-view" with a "spec"' } };
  }
  try {
    const spec = parseViewSpec(file.spec);
    const version = typeof file.dataset?.version === 'string' ? file.dataset.version : null;
    const figure = savedFigure(file.figure);
    return { ok: true, spec, savedWith: { name: spec.dataset, version }, ...(figure ? { figure } : {}) };
  } catch (error) {
    const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
    const first = issues?.[0];
    const reason = first ? `${first.path.map(String).join('.') || '(view)'}: ${first.message}` : (error as Error).message;
    return { ok: false, problem: { kind: 'invalid-spec', reason } };
  }
}
