import type { ColumnDescription, TableDescription } from '../catalogue.ts';
import { isCurrencyCode } from '../format.ts';
import { isNumeric } from './apply-mapping.ts';
import { countryInText, matchCountry } from './country-matcher.ts';
import { COUNTRY_NOT_CHOSEN, type MappedIndicator, type MappingDraft, type MappingLayout } from './mapping-spec.ts';
import { guessPeriodKind, parsePeriod, type PeriodKind } from './periods.ts';

/**
 * A first mapping of a table for the user to check: which column is the country and which
 * the period (from their names, their declared types and what they hold), whether the
 * columns are periods or countries instead, and what each value column is called and
 * measured in (from the descriptor's titles and descriptions). Only a guess: the panel
 * shows it filled in, and nothing is saved until the user says so.
 */
export interface GuessInput {
  table: TableDescription;
  /** A sample of each column's different values, as text. */
  samples: ReadonlyMap<string, readonly string[]>;
  /** The package's title and description: a table of one country (or the world) often says so there. */
  packageText: string;
}

const COUNTRY_WORDS = /country|countries|nation|land|staat|χώρα|geo|iso|area|region|reporter|economy/i;
const PERIOD_WORDS = /year|jahr|έτος|date|datum|ημερομηνία|period|zeit|time|quarter|quartal|month|monat|μήνας/i;
const GENERIC_NAMES = /^(value|values|val|amount|number|count|obs_?value|data)$/i;

export function guessMapping({ table, samples, packageText }: GuessInput): MappingDraft {
  const numeric = table.columns.filter(isNumeric);
  const periodHeaders = numeric.filter((c) => guessPeriodKind([c.name]) !== undefined && !PERIOD_WORDS.test(c.name));
  const countryHeaders = numeric.filter((c) => matchCountry(c.name).kind === 'matched');
  const countryColumn = bestCountryColumn(table.columns, samples);
  const period = bestPeriodColumn(table.columns, samples, countryColumn);

  let layout: MappingLayout;
  let indicators: MappedIndicator[];
  const tableIndicator = (): MappedIndicator[] => [{ name: table.title ?? '', unit: '', definition: '', kind: 'published', comparability: 'not_comparable' }];
  if (countryColumn && periodHeaders.length >= 3) {
    const columns = periodHeaders.map((c) => c.name);
    layout = { kind: 'periods-as-columns', country: { column: countryColumn }, period: { columns, kind: guessPeriodKind(columns) ?? 'year', financialYearStart: 4 } };
    indicators = tableIndicator();
  } else if (countryHeaders.length >= 2 && period) {
    const columns = numeric.filter((c) => c.name !== period.column).map((c) => c.name);
    layout = { kind: 'countries-as-columns', countryColumns: columns, period: { column: period.column, kind: period.kind, financialYearStart: 4 } };
    indicators = tableIndicator();
  } else {
    const country = countryColumn ? { column: countryColumn } : wholeTableCountry(packageText, table);
    const taken = 'column' in country ? country.column : undefined;
    // No column reads as periods: offer a text column that is not the country (the check then says why it is not one).
    const others = table.columns.filter((c) => c.name !== taken);
    const periodColumn = period ?? { column: (others.find((c) => !isNumeric(c)) ?? others[0] ?? table.columns[0])?.name ?? '', kind: 'year' as PeriodKind };
    layout = { kind: 'long', country, period: { column: periodColumn.column, kind: periodColumn.kind, financialYearStart: 4 } };
    const values = numeric.filter((c) => c.name !== periodColumn.column && c.name !== taken);
    indicators = values.length > 0 ? values.map(describeValueColumn) : [tableIndicator()[0]!];
  }
  return { table: table.name, layout, indicators, countries: {} };
}

/** The text column whose values most often name countries (codes before names on a tie), if most of them do. */
function bestCountryColumn(columns: readonly ColumnDescription[], samples: GuessInput['samples']): string | undefined {
  let best: { column: string; score: number } | undefined;
  for (const column of columns) {
    if (isNumeric(column)) continue;
    const values = samples.get(column.name) ?? [];
    if (values.length === 0) continue;
    const matches = values.map(matchCountry);
    const matched = matches.filter((m) => m.kind === 'matched').length / values.length;
    const codes = matches.filter((m) => m.kind === 'matched' && m.by === 'code').length / values.length;
    const named = COUNTRY_WORDS.test(column.name) || COUNTRY_WORDS.test(column.title ?? '');
    if (matched < (named ? 0.3 : 0.6)) continue;
    const score = matched + codes * 0.01 + (named ? 0.05 : 0);
    if (!best || score > best.score) best = { column: column.name, score };
  }
  return best?.column;
}

/** The column that holds periods: declared a date or year, or named so and holding periods, or text that reads as periods. */
function bestPeriodColumn(columns: readonly ColumnDescription[], samples: GuessInput['samples'], countryColumn: string | undefined): { column: string; kind: PeriodKind } | undefined {
  let best: { column: string; kind: PeriodKind; score: number } | undefined;
  for (const column of columns) {
    if (column.name === countryColumn) continue;
    const values = samples.get(column.name) ?? [];
    const kind = guessPeriodKind(values);
    if (!kind) continue;
    const temporal = /^(DATE|TIMESTAMP.*)$/i.test(column.type);
    const named = PERIOD_WORDS.test(column.name) || PERIOD_WORDS.test(column.title ?? '');
    // A number column is a period only when it says so (a count of 1,960 is not the year 1960).
    if (isNumeric(column) && !named) continue;
    const score = (temporal ? 2 : 0) + (named ? 1 : 0);
    if (!best || score > best.score) best = { column: column.name, kind, score };
  }
  return best;
}

/** The country (or the world) a table without a country column covers, as its package's title says; else its first text column, or none chosen yet. */
function wholeTableCountry(packageText: string, table: TableDescription): Extract<MappingLayout, { kind: 'long' }>['country'] {
  const named = countryInText(packageText.split(/[.\n]/)[0] ?? '');
  if (named) return { fixed: named };
  if (/\b(global|world|worldwide)\b/i.test(packageText)) return { fixed: '001' };
  const text = table.columns.find((c) => !isNumeric(c));
  return text ? { column: text.name } : { fixed: COUNTRY_NOT_CHOSEN };
}

/** A value column as an indicator: its title or description for the name, a unit if the descriptor gives one. */
export function describeValueColumn(column: ColumnDescription): MappedIndicator {
  const description = (column.description ?? '').trim();
  const firstSentence = description.split(/(?<=\.)\s+/)[0]?.replace(/\.$/, '') ?? '';
  const plain = (text: string) => text.replace(/\s*\([^)]*\)\s*/g, ' ').replace(/\s+/g, ' ').trim();
  const name = column.title?.trim() || (firstSentence ? plain(firstSentence) : '') || (GENERIC_NAMES.test(column.name) ? '' : column.name);
  return { column: column.name, name, unit: guessUnit(`${column.title ?? ''} ${description}`), definition: description, kind: 'published', comparability: 'not_comparable' };
}

const UNIT_WORDS = /\b(tons?|tonnes?|dollars?|euros?|pounds|people|persons|km|kg|litres?|liters?|metric|hectares?|barrels?)\b|%|\bper\b/i;

/** A unit the descriptor's words give: a currency code, a percentage, an index base, or a unit in brackets. */
export function guessUnit(text: string): string {
  const currency = text.match(/\b[A-Z]{3}\b/g)?.find(isCurrencyCode);
  // "GDP in current USD trillions": the amounts are trillions of dollars, not dollars.
  const scale = /\b(thousand|million|billion|trillion)s?\b/i.exec(text)?.[1]?.toLowerCase();
  if (currency) return scale ? `${scale} ${currency}` : currency;
  const bracket = /\(([^)]*)\)/.exec(text)?.[1]?.split(';')[0]?.trim();
  if (bracket && UNIT_WORDS.test(bracket)) return bracket;
  if (/\bper ?cent(age)?\b|%/i.test(text)) return '%';
  const base = /\bbase (?:year |period )?(\d{4}) ?= ?100\b/i.exec(text);
  if (/\bindex\b/i.test(text)) return base ? `index (${base[1]} = 100)` : 'index';
  return '';
}

/** Whether a column's name reads as a period of this kind (for the panel to offer the period columns). */
export function isPeriodName(name: string, kind: PeriodKind): boolean {
  return parsePeriod(name, kind) !== undefined;
}

/** The columns whose values the guess looks at: text, dates, and numbers named like periods (a year column). */
export function columnsToSample(table: TableDescription): string[] {
  return table.columns.filter((c) => !isNumeric(c) || PERIOD_WORDS.test(c.name) || PERIOD_WORDS.test(c.title ?? '')).map((c) => c.name);
}
