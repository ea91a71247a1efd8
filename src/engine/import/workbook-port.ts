import type { ImportRefusalCode } from '../../shared/import/answers.ts';
import { importRefused } from './import-errors.ts';

/**
 * The workbook reader (XLSX, XLS, ODS) as the import pipeline uses it: the interface agreed
 * with src/engine/import/workbook.ts (written on its own branch). A sheet becomes a UTF-8
 * CSV whose row n is the sheet's row n, and then goes through the same sniff, shape and load
 * as any CSV. Until that module is in this build, a workbook is refused with
 * 'format-not-supported-yet', never read by something that pretends.
 */
export type WorkbookKind = 'xlsx' | 'xls' | 'ods';
export interface SheetInfo {
  name: string;
  rowCount: number | null;
  columnCount: number | null;
}
export interface SheetConversion {
  rowsWritten: number;
  columns: number;
  formulas: number;
  mergedTitleRows: { row: number; text: string }[];
  datesAsIso: number;
}
interface WorkbookModule {
  listSheets(file: string, kind: WorkbookKind, signal?: AbortSignal): Promise<SheetInfo[]>;
  sheetToCsv(
    file: string,
    kind: WorkbookKind,
    sheet: string,
    outFile: string,
    options?: { signal?: AbortSignal; onProgress?: (rowsDone: number) => void },
  ): Promise<SheetConversion>;
}

const WORKBOOK_CODES = ['workbook-corrupt', 'workbook-encrypted', 'workbook-empty', 'sheet-not-found', 'workbook-too-large'];

async function workbookModule(kind: WorkbookKind, file: string): Promise<WorkbookModule> {
  // A name in a variable: this build type-checks and runs without the module.
  const name = './workbook.ts';
  try {
    return (await import(/* @vite-ignore */ name)) as WorkbookModule;
  } catch {
    throw importRefused('format-not-supported-yet', `${kind.toUpperCase()} workbooks are not read by this build yet`, { kind: kind.toUpperCase(), file });
  }
}

/** The workbook module's own errors as the import's typed refusals. */
function asRefusal(error: unknown, file: string): unknown {
  const e = error as { code?: unknown; values?: Record<string, string | number>; message?: string };
  if (typeof e?.code === 'string' && WORKBOOK_CODES.includes(e.code)) {
    return importRefused(e.code as ImportRefusalCode, e.message ?? e.code, { file, ...(e.values ?? {}) });
  }
  return error;
}

export async function listSheets(file: string, kind: WorkbookKind, shownName: string, signal?: AbortSignal): Promise<SheetInfo[]> {
  const workbook = await workbookModule(kind, shownName);
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
  const workbook = await workbookModule(kind, shownName);
  try {
    return await workbook.sheetToCsv(file, kind, sheet, outFile, options);
  } catch (error) {
    throw asRefusal(error, shownName);
  }
}
