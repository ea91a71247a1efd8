/**
 * Errors cross every process boundary as plain data and become an `AppError` again on
 * the far side, so the renderer can show a translated message for each code.
 */
export const errorCodes = [
  'invalid-request',
  'unknown-method',
  'dataset-not-found',
  'indicator-not-found',
  'column-not-found',
  'table-not-found',
  /** A table's mapping cannot be saved as it is: the problems are in its check (src/shared/mapping/apply-mapping.ts). */
  'mapping-invalid',
  'mapping-not-found',
  'view-not-supported',
  'transform-not-applicable',
  'folder-not-found',
  'query-cancelled',
  'query-failed',
  /** The SQL console refused a statement before running it (not one read-only SELECT, or it reads files). */
  'sql-refused',
  /** The SQL console's statement cannot run as written: a syntax error, a name nothing has, a value it cannot take. */
  'sql-invalid',
  /** A figure cannot be drawn as asked (text below the preset's minimum, no width, too many pixels). */
  'figure-invalid',
  /** The saved view was drawn from another version of its dataset (the figure would not be the same). */
  'dataset-version-differs',
  /** A file cannot be imported as asked; `context` says why (src/shared/import/answers.ts `importRefusalCodes`). */
  'import-refused',
  /** An import needs a choice Sprig cannot make alone; `context` names it (encoding, date-order, sheet) and `flag` the option that makes it. */
  'import-choice-needed',
  'import-not-found',
  /** An import of this name exists: replacing it must be asked for (`replace`, `--replace`). */
  'import-exists',
  'engine-unavailable',
  'forbidden',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/**
 * The HTTP status of every error code, in one place (the browser host answers with it). The
 * caller's mistakes are 4xx, so that a refused or invalid request never looks like Sprig's
 * fault; only a failure of Sprig itself is 5xx.
 */
export const httpStatus = {
  'invalid-request': 400,
  'unknown-method': 400,
  'sql-refused': 400,
  'sql-invalid': 400,
  forbidden: 403,
  'dataset-not-found': 404,
  'indicator-not-found': 404,
  'column-not-found': 404,
  'table-not-found': 404,
  'mapping-not-found': 404,
  'mapping-invalid': 422,
  'folder-not-found': 404,
  /** The query was stopped (its caller cancelled it, or it ran out of time) before it answered. */
  'query-cancelled': 409,
  'dataset-version-differs': 409,
  'import-refused': 422,
  'import-choice-needed': 422,
  'import-not-found': 404,
  'import-exists': 409,
  'figure-invalid': 422,
  'view-not-supported': 422,
  'transform-not-applicable': 422,
  /** A well-formed query the engine could not answer (out of memory, a fault in a view's SQL). */
  'query-failed': 500,
  internal: 500,
  'engine-unavailable': 503,
} as const satisfies Record<ErrorCode, number>;

/** Values a translated message may interpolate (`{{dataset}}`, `{{path}}`, …). */
export type ErrorDetail = Record<string, string | number>;

export interface ErrorData {
  code: ErrorCode;
  /** English, for logs and the command line; the interface translates `code` instead. */
  message: string;
  detail?: ErrorDetail;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorData };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: ErrorDetail;

  constructor(code: ErrorCode, message: string, detail: ErrorDetail = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
  }

  toData(): ErrorData {
    return { code: this.code, message: this.message, detail: this.detail };
  }

  static fromData(data: ErrorData): AppError {
    const code = isErrorCode(data.code) ? data.code : 'internal';
    return new AppError(code, data.message, data.detail ?? {});
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

/** Anything thrown becomes error data; only `AppError`s keep their code. */
export function toErrorData(error: unknown): ErrorData {
  if (error instanceof AppError) return error.toData();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message, detail: { reason: message } };
}

export function isErrorData(value: unknown): value is ErrorData {
  return (
    typeof value === 'object' &&
    value !== null &&
    isErrorCode((value as { code?: unknown }).code) &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
