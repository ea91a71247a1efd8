import { DataType, type Table } from 'apache-arrow';
import type { TFunction } from 'i18next';
import type { DatasetDescription } from './catalogue.ts';
import { countryName } from './format.ts';
import { unitLabel } from './i18n/units.ts';
import { codeLabel, indicatorName, labelLanguage } from './labels.ts';
import { missingText } from './charts/chart-common.ts';
import { isIndicatorView, type ViewSpec } from './view-spec.ts';

/**
 * A view's answer as a table a reader can take away: the engine's own columns, whatever
 * they are (new ones included), plus what the answer means (dataset and version, the
 * indicator or the person-level view, unit, transform, status, suppression threshold).
 * Pure: the table tab, its CSV download and any headless export build on this alone.
 */

export type Cell = string | number | boolean | null;
export type AnswerRow = Record<string, Cell>;

export interface Answer {
  /** The engine's columns, in its order. */
  columns: string[];
  rows: AnswerRow[];
  /** Columns holding days as epoch milliseconds (written as ISO dates, shown as dates). */
  dateColumns: ReadonlySet<string>;
}

/** Columns the engine answers as epoch milliseconds in a DOUBLE (period bounds). */
const EPOCH_MS_COLUMNS = ['period_start', 'period_end'];

/** The Arrow table's rows as plain values, its column names in order, and which columns are days. */
export function answerRows(table: Table): Answer {
  const fields = table.schema.fields;
  const columns = fields.map((f) => f.name);
  const dateColumns = new Set(fields.filter((f) => EPOCH_MS_COLUMNS.includes(f.name) || DataType.isDate(f.type) || DataType.isTimestamp(f.type)).map((f) => f.name));
  const rows = table.toArray().map((r) => {
    const json = r.toJSON() as Record<string, unknown>;
    return Object.fromEntries(columns.map((c) => [c, normalise(json[c])])) as AnswerRow;
  });
  return { columns, rows, dateColumns };
}

function normalise(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.getTime();
  return String(value);
}

/** A day held as epoch milliseconds, as ISO 8601 (UTC, as the engine stores it). */
export function isoDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A column's header in the reader's language: the explorer's own column names first, then
 * the names of the columns this module adds; a column nobody has named yet (the engine may
 * answer new ones) keeps its raw name rather than disappearing.
 */
export function columnHeader(column: string, t: TFunction): string {
  if (!IDENTIFIER.test(column)) return column;
  return t(`explorer.columns.${column}`, { defaultValue: t(`viewTable.columns.${column}`, { defaultValue: column }) });
}

/** A country's name in the reader's language: Intl, the UK nations' CLDR names, else the package's label. */
export function countryLabel(description: DatasetDescription, code: string, locale: string): string {
  const country = description.countries.find((c) => c.code === code);
  const packageLabel = country ? (country.names[labelLanguage(locale)] ?? country.name) : code === 'GB' ? undefined : code;
  return countryName(code, locale, packageLabel);
}

/** Code lists behind each breakdown dimension's categories. */
const dimensionLists: Record<string, string> = {
  age_band: 'age_band',
  sex: 'sex',
  referral_source: 'referral_source',
  referral_route: 'referral_route',
  primary_need: 'primary_need',
  activity_category: 'activity_category',
};

/** A breakdown category's label in the reader's language. */
export function categoryLabel(description: DatasetDescription, dimension: string, value: string, locale: string, t: TFunction): string {
  if (dimension === 'deprivation_quintile') return t('explorer.quintile', { quintile: value });
  if (dimension === 'glam') return value === 'true' ? t('explorer.glam.yes') : t('explorer.glam.no');
  const list = dimensionLists[dimension];
  return list ? codeLabel(description.codeLabels, list, value, locale) : value;
}

/** Breakdown dimensions that count activities rather than referrals. */
const ACTIVITY_DIMENSIONS = new Set(['activity_category', 'glam']);

/** What the values of a view are measured in, in the reader's language: never "FTE" for FTE per 100,000 or an index. */
export function valueUnit(spec: ViewSpec, description: DatasetDescription, t: TFunction): string | null {
  if (isIndicatorView(spec)) {
    const indicator = description.indicatorDetails.find((i) => i.id === spec.indicator);
    if (spec.transform === 'indexed') return t('explorer.unitIndexed');
    if (!indicator) return null;
    const label = unitLabel(indicator.unit, t);
    return spec.transform === 'per100k' ? t('explorer.unitPer100k', { unit: label }) : label;
  }
  if (spec.view === 'breakdown') return t(ACTIVITY_DIMENSIONS.has(spec.dimension) ? 'viewTable.unit.activities' : 'viewTable.unit.referrals');
  if (spec.view === 'pathway') return t('viewTable.unit.referrals');
  return t('viewTable.unit.score');
}

/** How a filter on people whose value was not recorded is written in files. */
export const NOT_RECORDED = 'not_recorded';

/** The view's filters as `name=value` pairs, so a file says when it holds only part of the data. */
export function filtersText(spec: ViewSpec): string | null {
  const parts: string[] = [];
  const { from, to, category } = spec.filters;
  if (category) parts.push(`${category.dimension}=${category.value ?? NOT_RECORDED}`);
  if (from) parts.push(`from=${from}`);
  if (to) parts.push(`to=${to}`);
  return parts.length > 0 ? parts.join('; ') : null;
}

export interface ContextColumn {
  column: string;
  /** As written to the file: codes and ids as the data package and the spec have them. */
  value: Cell;
}

export interface ViewTableInput {
  spec: ViewSpec;
  description: DatasetDescription;
  answer: Answer;
  t: TFunction;
  /** The interface language (names, labels and headers are in it; numbers and dates never are). */
  locale: string;
}

/**
 * What every row of the view shares, as columns after the engine's. A column the engine
 * already answers (say a person-level `status`) is the engine's, never overwritten.
 * Person-level answers have no status: when the package declares its person-level rows
 * synthetic, every row says so.
 */
export function contextColumns({ spec, description, answer, t, locale }: ViewTableInput): ContextColumn[] {
  const dataset: ContextColumn[] = [
    { column: 'dataset', value: description.name },
    { column: 'dataset_version', value: description.version },
    { column: 'view', value: spec.view },
  ];
  const columns: ContextColumn[] = [];
  if (isIndicatorView(spec)) {
    columns.push(...dataset);
    const indicator = description.indicatorDetails.find((i) => i.id === spec.indicator);
    columns.push(
      { column: 'indicator', value: spec.indicator },
      { column: 'indicator_name', value: indicator ? indicatorName(indicator, locale) : null },
      { column: 'unit', value: valueUnit(spec, description, t) },
      { column: 'transform', value: spec.transform },
      { column: 'interval', value: spec.interval },
    );
  } else {
    columns.push(
      { column: 'status', value: description.synthetic ? 'synthetic' : null },
      { column: 'synthetic', value: description.synthetic },
      ...dataset,
    );
    if (spec.view === 'breakdown') {
      columns.push(
        { column: 'dimension', value: spec.dimension },
        { column: 'dimension_name', value: t(`explorer.dimension.${spec.dimension}`) },
      );
    }
    if (spec.view === 'outcome') {
      columns.push(
        { column: 'instrument', value: spec.instrument },
        { column: 'instrument_name', value: codeLabel(description.codeLabels, 'instrument', spec.instrument, locale) },
        { column: 'follow_up', value: spec.followUp },
        { column: 'follow_up_name', value: codeLabel(description.codeLabels, 'timepoint', spec.followUp, locale) },
      );
    }
    columns.push({ column: 'unit', value: valueUnit(spec, description, t) }, { column: 'suppress_below', value: spec.suppressBelow });
  }
  columns.push({ column: 'filters', value: filtersText(spec) });
  const answered = new Set(answer.columns);
  return columns.filter((c) => !answered.has(c.column));
}

/** A column derived from an engine column for a reader: a name beside a code. */
export interface LabelColumn {
  column: string;
  /** The engine column it follows. */
  after: string;
  value: (row: AnswerRow) => Cell;
}

/** Names beside the codes a reader cannot read alone: country names, category labels, source citations. */
export function labelColumns({ spec, description, answer, t, locale }: ViewTableInput): LabelColumn[] {
  const labels: LabelColumn[] = [
    { column: 'country_name', after: 'country', value: (r) => (typeof r.country === 'string' ? countryLabel(description, r.country, locale) : null) },
  ];
  if (spec.view === 'breakdown') {
    const dimension = spec.dimension;
    labels.push({ column: 'category_label', after: 'category', value: (r) => (r.category === null || r.category === undefined ? null : categoryLabel(description, dimension, String(r.category), locale, t)) });
  }
  const citation = (id: Cell) => {
    const source = description.sources.find((s) => s.id === id);
    if (!source) return null;
    const values = { organisation: source.organisation, year: source.year, title: source.title };
    return source.year === null ? t('compare.sourceLineNoYear', values) : t('compare.sourceLine', values);
  };
  labels.push(
    {
      column: 'source_citation',
      after: 'source',
      // A value added up from several sources names each.
      value: (r) => (typeof r.source === 'string' ? r.source.split(';').map(citation).filter(Boolean).join(' ') || null : null),
    },
    { column: 'kind_label', after: 'kind', value: (r) => (typeof r.kind === 'string' ? t(`charts:kinds.${r.kind}`) : null) },
    { column: 'reason_text', after: 'reason', value: (r) => (typeof r.reason === 'string' ? missingText(r.reason, t) : null) },
    { column: 'population_source_citation', after: 'population_source', value: (r) => citation(r.population_source ?? null) },
  );
  const answered = new Set(answer.columns);
  return labels.filter((l) => answered.has(l.after) && !answered.has(l.column));
}
