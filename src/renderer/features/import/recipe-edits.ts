import type { ImportChoiceKind, ImportInspection } from '../../../shared/import/answers.ts';
import type { ImportFieldType, ImportRecipeInput } from '../../../shared/import/recipe.ts';
import { formatLocale } from '../../../shared/i18n/languages.ts';

/** The Import panel's steps, in order. */
export const importSteps = ['file', 'decode', 'header', 'columns', 'shape', 'import'] as const;
export type ImportStep = (typeof importSteps)[number];

/** Which step asks for each choice Sprig cannot make alone. */
const choiceStep: Record<ImportChoiceKind, ImportStep> = { encoding: 'decode', sheet: 'header', 'date-order': 'columns' };

/** The steps that still wait for the user's choice (an ambiguous encoding, date order or sheet). */
export function stepsNeedingChoice(inspection: ImportInspection | null): Set<ImportStep> {
  return new Set((inspection?.choices ?? []).map((c) => choiceStep[c.kind]));
}

/**
 * The user's choices only: what they left alone stays out, so the engine detects it again
 * after every change (moving the header re-sniffs the columns).
 */
export type RecipeDraft = ImportRecipeInput;

export function withChoice<K extends keyof RecipeDraft>(draft: RecipeDraft, key: K, value: RecipeDraft[K] | undefined): RecipeDraft {
  const next = { ...draft };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** A column's type overridden (or set back to the detected one, which drops the override). */
export function withColumnType(draft: RecipeDraft, column: string, type: ImportFieldType, detected: ImportFieldType): RecipeDraft {
  const columns = { ...(draft.columns ?? {}) };
  const { type: _old, ...rest } = columns[column] ?? {};
  const entry = type === detected ? rest : { ...rest, type };
  if (Object.keys(entry).length === 0) delete columns[column];
  else columns[column] = entry;
  return withChoice(draft, 'columns', Object.keys(columns).length > 0 ? columns : undefined);
}

/** Years as columns turned into rows (empty cells kept as missing), or the table kept as it is. */
export function withUnpivot(draft: RecipeDraft, periodColumns: string[] | null): RecipeDraft {
  return withChoice(draft, 'unpivot', periodColumns && periodColumns.length > 0 ? { columns: periodColumns, nameColumn: 'period', valueColumn: 'value' } : null);
}

/** Missing-value markers with one more (or one fewer); an empty cell is always missing. */
export function withMarker(markers: string[], marker: string, add: boolean): string[] {
  const trimmed = marker.trim();
  if (!trimmed) return markers;
  return add ? (markers.includes(trimmed) ? markers : [...markers, trimmed]) : markers.filter((m) => m !== trimmed);
}

/** Bytes in the reader's language: "1.2 MB", "1,2 MB", "812 kB". */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  // Bytes in words ("403 bytes", "403 Byte"), larger units by their symbols ("1.2 MB").
  return new Intl.NumberFormat(formatLocale(locale), { style: 'unit', unit: units[unit], unitDisplay: unit === 0 ? 'long' : 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
}
