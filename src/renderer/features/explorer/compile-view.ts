import type * as Plot from '@observablehq/plot';
import type { Table } from 'apache-arrow';
import type { TFunction } from 'i18next';
import type { DatasetDescription } from '../../../shared/catalogue.ts';
import { breakdownChart } from '../../../shared/charts/breakdown-chart.ts';
import { latestChart } from '../../../shared/charts/latest-chart.ts';
import { mapChart } from '../../../shared/charts/map-chart.ts';
import { outcomeChart } from '../../../shared/charts/outcome-chart.ts';
import { pathwayChart } from '../../../shared/charts/pathway-chart.ts';
import { slopeChart } from '../../../shared/charts/slope-chart.ts';
import { smallMultiplesChart } from '../../../shared/charts/small-multiples-chart.ts';
import { trendChart } from '../../../shared/charts/trend-chart.ts';
import { markMissingPeriods, reasonRows, type MissingCountry, type TrendRow } from '../../../shared/charts/trend-rows.ts';
import { breakdownRows, indicatorRows, outcomeRows, pathwayRows } from '../../../shared/charts/view-rows.ts';
import { sortCountries } from '../../../shared/countries.ts';
import { formatPeriod } from '../../../shared/format.ts';
import { addsUp } from '../../../shared/indicators.ts';
import { unitLabel } from '../../../shared/i18n/units.ts';
import { codeLabel, indicatorName } from '../../../shared/labels.ts';
import { parseViewSpec, type ViewSpecInput } from '../../../shared/view-spec.ts';

export interface CompileContext {
  description: DatasetDescription;
  locale: string;
  t: TFunction;
  nameOf: (code: string) => string;
  /** The UK as one, named for the nations it counts ("United Kingdom (England only)"). */
  ukNameOf: (covers: string | null | undefined) => string;
  categoryLabel: (dimension: string, value: string | null) => string;
  /** Countries the view asks for, including those with no row in the answer. */
  asked: string[];
  width: number;
}

export interface CompiledView {
  /** One figure, or several (small multiples with their own scales; outcome distributions and change). */
  figures: Plot.PlotOptions[];
  title: string;
  unit: string | null;
  /** Indicator rows, for the status legend and the missing-data notes. */
  indicatorRows: TrendRow[] | null;
  /** Countries the engine named only to say why they have no value. */
  reasons: MissingCountry[];
  /** Every country the chart accounts for: drawn, or named with the reason it is not. */
  asked: string[];
}

/** The chart(s) for any view: the pure compilers of src/shared/charts, given names in the reader's language. */
export function compileView(input: ViewSpecInput, table: Table, ctx: CompileContext): CompiledView {
  const spec = parseViewSpec(input);
  const { description, locale, t, nameOf } = ctx;
  const countriesOf = (codes: string[]) => sortCountries(codes).map((code) => ({ code, name: nameOf(code) }));
  const base = { locale, t, width: ctx.width, highlight: spec.highlight };

  if ('indicator' in spec) {
    const indicator = description.indicatorDetails.find((i) => i.id === spec.indicator);
    const unit = indicatorUnit(indicator?.unit ?? '', spec.transform, t);
    const sources = new Map(description.sources.map((s) => [s.id, s]));
    const rows = markMissingPeriods(indicatorRows(table));
    const reasons = reasonRows(table);
    const drawn = countriesOf(rows.map((r) => r.country));
    // The UK as one whose nations' values are shown as themselves is not missing: the notes say why.
    // And the nations are not missing when a UK-wide figure stands for them (the notes say so too).
    const nationsShown = spec.ukNations === 'combined' && rows.some((r) => r.country.startsWith('GB-') && r.value !== null);
    const ukWideShown = spec.ukNations === 'separate' && rows.some((r) => r.country === 'GB' && r.value !== null);
    const asked = sortCountries([...ctx.asked, ...rows.map((r) => r.country), ...reasons.map((r) => r.country)]).filter(
      (code) => !(nationsShown && code === 'GB') && !(ukWideShown && code.startsWith('GB-') && !rows.some((r) => r.country === code)),
    );
    const all = countriesOf(asked);
    const period = (label: string | undefined) => (label === undefined ? undefined : formatPeriod(label, locale, (key, values) => t(key, values)));
    const common = {
      ...base,
      rows,
      unit,
      logScale: spec.logScale,
      indexed: spec.transform === 'indexed',
      interval: spec.interval,
      ukNations: spec.ukNations,
      addsUp: indicator ? addsUp(indicator) : true,
      reasons,
      reasonPeriods: withoutUndefined({ base: period(spec.indexBase), from: period('from' in spec ? spec.from : undefined), to: period('to' in spec ? spec.to : undefined) }),
      sourceLabel: (id: string) => sources.get(id)?.organisation || id,
    };
    const title = indicator ? indicatorName(indicator, locale) : spec.indicator;
    const figures: Plot.PlotOptions[] =
      spec.view === 'trend'
        ? [trendChart({ ...common, countries: drawn })]
        : spec.view === 'latest'
          ? [latestChart({ ...common, countries: all, indicator: { comparabilityLevel: indicator?.comparabilityLevel ?? 'not_comparable' } })]
          : spec.view === 'slope'
            ? [slopeChart({ ...common, countries: drawn, from: spec.from, to: spec.to })]
            : spec.view === 'small-multiples'
              ? smallMultiplesChart({ ...common, countries: drawn, sharedY: spec.sharedY })
              : [mapChart({ ...common, countries: all })];
    return { figures, title, unit, indicatorRows: rows, reasons, asked };
  }

  // Why a country has nothing to count: none of its people match the filters, or (outcomes) none has paired scores.
  const filtered = Boolean(spec.filters.from || spec.filters.to || spec.filters.category);
  const emptyKey = spec.view === 'outcome' ? (filtered ? 'noPairsFiltered' : 'noPairs') : filtered ? 'noReferralsFiltered' : 'noReferrals';
  const person = { ...base, suppressBelow: spec.suppressBelow, synthetic: description.synthetic, emptyText: t(`charts:missing.${emptyKey}`) };
  // The UK as one is named for the nations it counts.
  // Every country asked for gets its panel: one without people says so, never vanishes.
  const personCountries = (rows: { country: string; covers?: string | null }[]) =>
    sortCountries([...ctx.asked, ...rows.map((r) => r.country)]).map((code) => ({
      code,
      name: code === 'GB' ? ctx.ukNameOf(rows.find((r) => r.country === 'GB')?.covers) : nameOf(code),
    }));
  if (spec.view === 'breakdown') {
    const rows = breakdownRows(table);
    return {
      figures: [
        breakdownChart({
          ...person,
          rows,
          countries: personCountries(rows),
          dimension: spec.dimension,
          measure: spec.measure,
          categoryLabel: (category) => ctx.categoryLabel(spec.dimension, category),
        }),
      ],
      title: t('explorer.title.breakdown', { dimension: t(`explorer.dimension.${spec.dimension}`) }),
      unit: null,
      indicatorRows: null,
      reasons: [],
      asked: ctx.asked,
    };
  }
  if (spec.view === 'pathway') {
    const rows = pathwayRows(table);
    return {
      figures: [pathwayChart({ ...person, rows, countries: personCountries(rows), measure: spec.measure })],
      title: t('explorer.view.pathway'),
      unit: null,
      indicatorRows: null,
      reasons: [],
      asked: ctx.asked,
    };
  }
  const rows = outcomeRows(table);
  const instrumentName = codeLabel(description.codeLabels, 'instrument', spec.instrument, locale);
  const followUpName = codeLabel(description.codeLabels, 'timepoint', spec.followUp, locale);
  const higherIsBetter = description.instruments.find((i) => i.id === spec.instrument)?.higherIsBetter ?? null;
  return {
    figures: outcomeChart({ ...person, rows, countries: personCountries(rows), instrumentName, followUpName, higherIsBetter }),
    title: t('explorer.title.outcome', { instrument: instrumentName, followUp: followUpName }),
    unit: null,
    indicatorRows: null,
    reasons: [],
    asked: ctx.asked,
  };
}

function withoutUndefined<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** The unit as transformed: never "FTE" for a value that is FTE per 100,000 or an index. */
function indicatorUnit(unit: string, transform: string, t: TFunction): string {
  const label = unitLabel(unit, t);
  if (transform === 'per100k') return t('explorer.unitPer100k', { unit: label });
  if (transform === 'indexed') return t('explorer.unitIndexed');
  return label;
}
