import type { ColumnDescription } from '../catalogue.ts';
import type { MappedIndicatorSummary, MappingCheck, MappingProblem } from './apply-mapping.ts';
import type { MappingDraft } from './mapping-spec.ts';

/** What the engine answers about mappings (see `inspectMapping`, `saveMapping` and `listMappings` in contract.ts). */

/** One preview cell: text, a number, true/false, or nothing. */
export type PreviewCell = string | number | boolean | null;

/** A table of a package as the mapping panel shows it, and what a mapping makes of it. */
export interface MappingInspection {
  dataset: string;
  table: string;
  rowCount: number;
  columns: ColumnDescription[];
  /** The first rows, every column as stored. */
  preview: PreviewCell[][];
  /** The mapping asked about, or Sprig's guess when none was given. */
  draft: MappingDraft;
  check: MappingCheck;
}

/** A saved mapping: what it charts, and anything in the data it cannot place now. */
export interface MappingSummary {
  dataset: string;
  table: string;
  /** The package as it was when the mapping was saved. */
  savedWith: { version: string | null; path: string };
  savedAt: string;
  /** The mapping, to edit again; null when its file cannot be read. */
  draft: MappingDraft | null;
  indicators: MappedIndicatorSummary[];
  /** Countries with at least one value. */
  countries: number;
  /** Values the mapping cannot place in the data as they are now (new country names, periods it cannot read…). */
  problems: MappingProblem[];
  /**
   * Why it charts nothing, when it does not: its package is not open, or its file cannot be
   * read (the reason in English, for the log), or the package has changed since (a version).
   */
  unavailable: { kind: 'not-open' } | { kind: 'unreadable'; reason: string } | null;
}

/** The indicators in a check, each with values. */
export function chartedIndicators(check: Pick<MappingCheck, 'indicators'>): MappedIndicatorSummary[] {
  return check.indicators.filter((i) => i.values > 0);
}

export type { MappingProblem };
