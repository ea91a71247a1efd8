import type { ColumnDescription } from '../../../shared/catalogue.ts';
import { isNumeric, type CountryValue } from '../../../shared/mapping/apply-mapping.ts';
import { describeValueColumn } from '../../../shared/mapping/guess-mapping.ts';
import type { MappedIndicator, MappingDraft, MappingLayout } from '../../../shared/mapping/mapping-spec.ts';
import { guessPeriodKind, type PeriodKind } from '../../../shared/mapping/periods.ts';

/**
 * The mapping panel's edits as pure functions of the draft: each answers a draft that still
 * parses, so every step can be checked by the engine and shown.
 */

export type LayoutKind = MappingLayout['kind'];

/** The current layout's period reading, carried into another layout. */
function periodReading(draft: MappingDraft): { kind: PeriodKind; financialYearStart: number } {
  return { kind: draft.layout.period.kind, financialYearStart: draft.layout.period.financialYearStart };
}

function countryColumnOf(draft: MappingDraft): string | undefined {
  const { layout } = draft;
  if (layout.kind === 'periods-as-columns') return layout.country.column;
  if (layout.kind === 'long' && 'column' in layout.country) return layout.country.column;
  return undefined;
}

function periodColumnOf(draft: MappingDraft): string | undefined {
  return draft.layout.kind === 'periods-as-columns' ? undefined : draft.layout.period.column;
}

/** The one measure a wide table has, from what the draft already says. */
function singleIndicator(draft: MappingDraft, title: string | null): MappedIndicator[] {
  const first = draft.indicators[0];
  const { column: _column, ...rest } = first ?? { name: title ?? '', unit: '', definition: '', kind: 'published' as const, comparability: 'not_comparable' as const };
  return [{ ...rest, name: rest.name || (title ?? '') }];
}

/** The same table read with another layout, keeping whatever still applies. */
export function switchLayout(draft: MappingDraft, kind: LayoutKind, columns: readonly ColumnDescription[], title: string | null): MappingDraft {
  const text = columns.filter((c) => !isNumeric(c));
  const numeric = columns.filter(isNumeric);
  const countryColumn = countryColumnOf(draft) ?? text[0]?.name ?? columns[0]?.name ?? '';
  const periodColumn = periodColumnOf(draft) ?? text.find((c) => c.name !== countryColumn)?.name ?? columns[0]?.name ?? '';
  const reading = periodReading(draft);
  switch (kind) {
    case 'long': {
      const used = new Set([countryColumn, periodColumn]);
      const indicators = numeric.filter((c) => !used.has(c.name)).map((c) => draft.indicators.find((i) => i.column === c.name) ?? describeValueColumn(c));
      return { ...draft, layout: { kind, country: { column: countryColumn }, period: { column: periodColumn, ...reading } }, indicators: indicators.length > 0 ? indicators : [describeValueColumn(numeric[0] ?? columns[0]!)] };
    }
    case 'periods-as-columns': {
      const periodNamed = numeric.filter((c) => guessPeriodKind([c.name]) !== undefined).map((c) => c.name);
      const periodColumns = periodNamed.length > 0 ? periodNamed : numeric.map((c) => c.name);
      if (periodColumns.length === 0) return draft;
      const periodKind = guessPeriodKind(periodColumns) ?? reading.kind;
      return { ...draft, layout: { kind, country: { column: countryColumn }, period: { columns: periodColumns, kind: periodKind, financialYearStart: reading.financialYearStart } }, indicators: singleIndicator(draft, title) };
    }
    case 'countries-as-columns': {
      const countryColumns = numeric.filter((c) => c.name !== periodColumn).map((c) => c.name);
      if (countryColumns.length === 0) return draft;
      return { ...draft, layout: { kind, countryColumns, period: { column: periodColumn, ...reading } }, indicators: singleIndicator(draft, title) };
    }
  }
}

/** Where the country is, in a long table: a column, or one country for every row. */
export function setCountrySource(draft: MappingDraft, source: { column: string } | { fixed: string }): MappingDraft {
  const { layout } = draft;
  if (layout.kind === 'long') return { ...draft, layout: { ...layout, country: source } };
  if (layout.kind === 'periods-as-columns' && 'column' in source) return { ...draft, layout: { ...layout, country: source } };
  return draft;
}

export function setPeriodColumn(draft: MappingDraft, column: string): MappingDraft {
  const { layout } = draft;
  if (layout.kind === 'periods-as-columns') return draft;
  return { ...draft, layout: { ...layout, period: { ...layout.period, column } } } as MappingDraft;
}

export function setPeriodReading(draft: MappingDraft, reading: Partial<{ kind: PeriodKind; financialYearStart: number }>): MappingDraft {
  return { ...draft, layout: { ...draft.layout, period: { ...draft.layout.period, ...reading } } } as MappingDraft;
}

/** Ticks or unticks one of the columns a wide table spreads over (its periods, or its countries). */
export function toggleWideColumn(draft: MappingDraft, column: string, on: boolean, order: readonly ColumnDescription[]): MappingDraft {
  const { layout } = draft;
  const toggle = (list: string[]) => {
    const next = on ? [...new Set([...list, column])] : list.filter((c) => c !== column);
    const ordered = order.map((c) => c.name).filter((name) => next.includes(name));
    // A wide table keeps at least one such column; unticking the last one changes nothing.
    return ordered.length > 0 ? ordered : list;
  };
  if (layout.kind === 'periods-as-columns') return { ...draft, layout: { ...layout, period: { ...layout.period, columns: toggle(layout.period.columns) } } };
  if (layout.kind === 'countries-as-columns') return { ...draft, layout: { ...layout, countryColumns: toggle(layout.countryColumns) } };
  return draft;
}

/** Charts a value column of a long table as an indicator, or stops charting it. */
export function toggleValueColumn(draft: MappingDraft, column: ColumnDescription, on: boolean, order: readonly ColumnDescription[]): MappingDraft {
  if (draft.layout.kind !== 'long') return draft;
  const kept = draft.indicators.filter((i) => i.column !== column.name);
  const indicators = on ? [...kept, describeValueColumn(column)] : kept;
  const position = (i: MappedIndicator) => order.findIndex((c) => c.name === i.column);
  return { ...draft, indicators: indicators.sort((a, b) => position(a) - position(b)) };
}

export function updateIndicator(draft: MappingDraft, index: number, change: Partial<MappedIndicator>): MappingDraft {
  return { ...draft, indicators: draft.indicators.map((indicator, i) => (i === index ? { ...indicator, ...change } : indicator)) };
}

/** The user's decision for one country value: a country, leave it out (null), or undecided (undefined: the matcher's answer stands). */
export function decideCountry(draft: MappingDraft, raw: string, code: string | null | undefined): MappingDraft {
  const { [raw]: _previous, ...rest } = draft.countries;
  return { ...draft, countries: code === undefined ? rest : { ...rest, [raw]: code } };
}

/** Leaves out every value nobody has decided about: one explicit act, each value still listed. */
export function leaveOutUndecided(draft: MappingDraft, values: readonly CountryValue[]): MappingDraft {
  const undecided = values.filter((v) => !v.decided).map((v) => [v.raw, null] as const);
  return { ...draft, countries: { ...draft.countries, ...Object.fromEntries(undecided) } };
}
