/** What the engine tells the interface about the data packages it has opened. */

import type { LoadProblemCode, LoadProblemValues, ProblemPlace, SkippedResource } from './load-problems.ts';

export type { LoadProblemCode, LoadProblemValues, SkippedResource } from './load-problems.ts';

export interface DatasetSummary {
  name: string;
  version: string | null;
  title: string;
  description: string;
  licences: string[];
  /** Folder the package was opened from. */
  path: string;
  /** True when the package is bundled with Sprig rather than added by the user. */
  bundled: boolean;
  /** True when the package declares that its person-level rows are synthetic. */
  synthetic: boolean;
  tableCount: number;
  indicatorCount: number;
  tables: string[];
  indicators: string[];
  /** Tables the user mapped to countries and periods (src/shared/mapping), whose indicators are among `indicators`. */
  mappedTables?: string[];
  /** Resources of the package Sprig did not read (a JSON table, an Excel sheet, no schema…), with why. */
  skipped?: SkippedResource[];
  /** Files (as the descriptor names them) whose bytes differ from when Sprig last opened this package (src/engine/source-integrity.ts). */
  changedFiles?: string[];
}

/** A package Sprig did not open, and where the problem is (`ProblemPlace`). */
export interface RefusedPackage extends ProblemPlace {
  path: string;
  /** `path` as the interface shows it: from the data folder's name (`partner-data/pkg-a`) or `~`, never the machine's whole path. */
  shown?: string;
  /** The package's name, once its descriptor could be read. */
  package?: string;
  /** Refused: it breaks the specification or its own descriptor. Declined: valid, but not something Sprig reads. */
  outcome: 'refused' | 'declined';
  /** Stable: the interface says `loadProblem.<code>` with `values` in the reader's language. */
  code: LoadProblemCode;
  values: LoadProblemValues;
  /** English, for the command line and logs. */
  reason: string;
}

export interface Catalogue {
  datasets: DatasetSummary[];
  refused: RefusedPackage[];
  /** Folders the user added (remembered across starts, and removable). */
  folders: string[];
}

export interface ColumnDescription {
  name: string;
  type: string;
  title: string | null;
  description: string | null;
}

export interface TableDescription {
  name: string;
  title: string | null;
  rowCount: number;
  columns: ColumnDescription[];
}

export type ComparabilityLevel = 'within_country_only' | 'with_caveats' | 'not_comparable' | 'comparable';

export interface IndicatorDescription {
  id: string;
  name: string;
  /** The package's names in other languages, by language code (de, el). */
  names: Record<string, string>;
  definition: string;
  unit: string;
  measureKind: string;
  comparabilityLevel: string;
  caveat: string | null;
  /** What the value is divided by, when it is a rate or share (then never divided again). */
  denominator: string | null;
  /** Countries that have at least one value (not `not_available`). */
  countriesWithData: string[];
  /** Every period label the indicator has, earliest first. */
  periods: string[];
  /** Period labels with a value, earliest first, by country. */
  periodsByCountry: Record<string, string[]>;
  /** National figures, programmes' own figures, or both (`programme_id` on the value rows). */
  scope: 'national' | 'programme' | 'mixed';
  /** Charted through the user's mapping of a table (src/shared/mapping), not from the package's own indicator table. */
  mapped?: { table: string; column: string | null };
}

export interface CountryDescription {
  code: string;
  /** The package's own English label, used where `Intl.DisplayNames` has none (GB-ENG). */
  name: string;
  /** The package's labels in other languages, by language code (de, el). */
  names: Record<string, string>;
  /** What differs in how this country counts, when the package says. */
  comparabilityNote: string | null;
  /** The country this one is part of (GB for England, Wales and Scotland), when the package says. */
  parent: string | null;
}

export interface InstrumentDescription {
  id: string;
  name: string;
  /** Whether higher scores are better (the instrument table's `higher_is_better`); null when the package does not say. */
  higherIsBetter: boolean | null;
  /** Follow-up timepoints with scores (baseline excluded), in order. */
  followUps: string[];
}

/** A code list's labels: list → code → language → label. */
export type CodeLabels = Record<string, Record<string, Record<string, string>>>;

export interface SourceDescription {
  id: string;
  title: string;
  organisation: string;
  year: number | null;
  url: string | null;
  licence: string | null;
}

export interface DatasetDescription extends DatasetSummary {
  tableDetails: TableDescription[];
  indicatorDetails: IndicatorDescription[];
  countries: CountryDescription[];
  sources: SourceDescription[];
  instruments: InstrumentDescription[];
  codeLabels: CodeLabels;
  /** Countries the package has a population for (the denominators of per 100,000). */
  populationCountries: string[];
  /** The smallest count of people a view may show: the package's own rule, never lower than Sprig's default. */
  smallCellThreshold: number;
}

/**
 * How far the engine is with a package it prepares after loading it: its compact tables
 * (person-level views wait for them) and its copy in Sprig's cache (the next start opens
 * it from there). Packages opened from the cache need no preparing.
 */
export interface PreparationStatus {
  dataset: string;
  /** 'cancelled': stopped by the user; 'failed': stopped by an error (views still answer, more slowly). */
  state: 'preparing' | 'ready' | 'cancelled' | 'failed';
  /** 0 to 100; 100 once ready. */
  percent: number;
}

/** What `loadStatus` answers: every package the engine is preparing or has prepared since it opened. */
export interface LoadStatus {
  preparing: PreparationStatus[];
}
