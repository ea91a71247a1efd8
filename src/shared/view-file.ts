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
}

export function writeViewFile(spec: ViewSpec, datasetVersion: string | null): string {
  const file: ViewFile = { format: VIEW_FILE_FORMAT, spec, dataset: { name: spec.dataset, version: datasetVersion } };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export type ViewFileProblem =
  | { kind: 'not-json'; reason: string }
  | { kind: 'not-a-view'; reason: string }
  | { kind: 'invalid-spec'; reason: string };

export type OpenedView =
  | { ok: true; spec: ViewSpec; savedWith: { name: string; version: string | null } }
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
    return { ok: true, spec, savedWith: { name: spec.dataset, version } };
  } catch (error) {
    const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
    const first = issues?.[0];
    const reason = first ? `${first.path.map(String).join('.') || '(view)'}: ${first.message}` : (error as Error).message;
    return { ok: false, problem: { kind: 'invalid-spec', reason } };
  }
}
