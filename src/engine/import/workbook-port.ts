import type { ImportRefusalCode } from '../../shared/import/answers.ts';
import { importRefused } from './import-errors.ts';
import * as workbook from './workbook.ts';
import type { SheetConversion, SheetInfo, WorkbookKind } from './workbook.ts';

export type { SheetConversion, SheetInfo, WorkbookKind };

/**
 * The workbook reader (XLSX, XLS, ODS: src/engine/import/workbook.ts) as the import pipeline
 * uses it. A sheet becomes a UTF-8 CSV whose row n is the sheet's row n, and then goes
 * through the same sniff, shape and load as any CSV; the reader's own errors become the
 * import's typed refusals.
 */
const WORKBOOK_CODES = ['workbook-corrupt', 'workbook-encrypted', 'workbook-empty', 'sheet-not-found', 'workbook-too-large'];

/** The workbook module's own errors as the import's typed refusals. */
function asRefusal(error: unknown, file: string): unknown {
  const e = error as { code?: unknown; values?: Record<string, string | number>; message?: string };
  if (typeof e?.code === 'string' && WORKBOOK_CODES.includes(e.code)) {
    return importRefused(e.code as ImportRefusalCode, e.message ?? e.code, { ...(e.values ?? {}), file });
  }
  return error;
}

export async function listSheets(file: string, kind: WorkbookKind, shownName: string, signal?: AbortSignal): Promise<SheetInfo[]> {
  try {
    return await workbook.listSheets(file, kind, signal);
  } catch (error) {
    throw asRefusal(error, shownName);
  }
}

export async function sheetToCsv(
  file: string,
  kind: WorkbookKind,
  sheet: string,
  outFile: string,
  shownName: string,
  options?: { signal?: AbortSignal; onProgress?: (rowsDone: number) => void },
): Promise<SheetConversion> {
  try {
    return await workbook.sheetToCsv(file, kind, sheet, outFile, options);
  } catch (error) {
    throw asRefusal(error, shownName);
  }
}
