import { declineCodes, type LoadProblemCode, type LoadProblemValues, type ProblemPlace, type SkippedResource } from '../shared/load-problems.ts';

/** Where a problem is, when it is in one place, and what the sentence names. */
export interface RefusalDetail extends ProblemPlace {
  /** Absent: 'other', and the English message is the sentence's detail. */
  code?: LoadProblemCode;
  values?: LoadProblemValues;
}

/**
 * Why a package was not opened: refused (it breaks the specification or its own descriptor)
 * or declined (valid, but not something Sprig reads; see `declineCodes`). The message is
 * English for the command line and logs; the interface translates `code` with `values`.
 */
export class PackageRefusal extends Error {
  readonly code: LoadProblemCode;
  readonly values: LoadProblemValues;
  readonly outcome: 'refused' | 'declined';
  readonly resource: string | undefined;
  readonly file: string | undefined;
  readonly row: number | undefined;
  readonly unit: 'line' | 'row' | undefined;
  readonly field: string | undefined;
  readonly rule: string | undefined;
  readonly resources: SkippedResource[] | undefined;
  /** The package's name, once its descriptor has given one (set by whoever knows it). */
  packageName: string | undefined;

  constructor(message: string, detail: RefusalDetail = {}) {
    super(message);
    this.code = detail.code ?? 'other';
    this.outcome = declineCodes.has(this.code) ? 'declined' : 'refused';
    this.resource = detail.resource;
    this.file = detail.file;
    this.row = detail.row;
    this.unit = detail.unit;
    this.field = detail.field;
    this.rule = detail.rule ?? detail.code;
    this.resources = detail.resources;
    // The sentence's values always carry the place, so a translation can name it too.
    this.values = {
      ...(detail.resource !== undefined ? { resource: detail.resource } : {}),
      ...(detail.file !== undefined ? { file: detail.file } : {}),
      ...(detail.row !== undefined ? { line: detail.row } : {}),
      ...(detail.field !== undefined ? { field: detail.field } : {}),
      ...(detail.code === undefined ? { detail: shownText(message, 300) } : {}),
      ...detail.values,
    };
  }
}

/** A resource Sprig will not read (a decline), to list beside the tables it did open. */
export function skipped(resource: string, code: LoadProblemCode, reason: string, values: LoadProblemValues = {}): SkippedResource {
  return { resource, code, values: { resource, ...values }, reason };
}

/**
 * A value as it may appear in a message: control characters and unpaired surrogates
 * become "?" (never raw bytes of a binary file), and a long value is cut with "…".
 */
export function shownText(value: string, max = 60): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/g, '?').replace(/[\r\n\t]/g, ' ');
  const chars = [...clean];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : clean;
}
