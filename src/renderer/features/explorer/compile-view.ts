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
import { markMissingPeriods, type TrendRow } from '../../../shared/charts/trend-rows.ts';
import { breakdownRows, indicatorRows, outcomeRows, pathwayRows } from '../../../shared/charts/view-rows.ts';
import { sortCountries } from '../../../shared/countries.ts';
import { unitLabel } from '../../../shared/i18n/units.ts';
import { codeLabel, indicatorName } from '../../../shared/labels.ts';
import { parseViewSpec, type ViewSpecInput } from '../../../shared/view-spec.ts';

export interface CompileContext {
  description: DatasetDescription;
  locale: string;
  t: TFunction;
  nameOf: (code: string) => string;
  categoryLabel: (dimension: string, value: string) => string;
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
    const drawn = countriesOf(rows.map((r) => r.country));
    const all = countriesOf([...ctx.asked, ...rows.map((r) => r.country)]);
    const common = { ...base, rows, unit, logScale: spec.logScale, sourceLabel: (id: string) => sources.get(id)?.organisation || id };
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
    return { figures, title, unit, indicatorRows: rows };
  }

  const person = { ...base, suppressBelow: spec.suppressBelow, synthetic: description.synthetic };
  if (spec.view === 'breakdown') {
    const rows = breakdownRows(table);
    return {
      figures: [
        breakdownChart({
          ...person,
          rows,
          countries: countriesOf(rows.map((r) => r.country)),
          dimension: spec.dimension,
          measure: spec.measure,
          categoryLabel: (category) => ctx.categoryLabel(spec.dimension, category),
        }),
      ],
      title: t('explorer.title.breakdown', { dimension: t(`explorer.dimension.${spec.dimension}`) }),
      unit: null,
      indicatorRows: null,
    };
  }
  if (spec.view === 'pathway') {
    const rows = pathwayRows(table);
    return {
      figures: [pathwayChart({ ...person, rows, countries: countriesOf(rows.map((r) => r.country)), measure: spec.measure })],
      title: t('explorer.view.pathway'),
      unit: null,
      indicatorRows: null,
    };
  }
  const rows = outcomeRows(table);
  const instrumentName = codeLabel(description.codeLabels, 'instrument', spec.instrument, locale);
  const followUpName = codeLabel(description.codeLabels, 'timepoint', spec.followUp, locale);
  const higherIsBetter = description.instruments.find((i) => i.id === spec.instrument)?.higherIsBetter ?? null;
  return {
    figures: outcomeChart({ ...person, rows, countries: countriesOf(rows.map((r) => r.country)), instrumentName, followUpName, higherIsBetter }),
    title: t('explorer.title.outcome', { instrument: instrumentName, followUp: followUpName }),
    unit: null,
    indicatorRows: null,
  };
}

/** The unit as transformed: never "FTE" for a value that is FTE per 100,000 or an index. */
function indicatorUnit(unit: string, transform: string, t: TFunction): string {
  const label = unitLabel(unit, t);
  if (transform === 'per100k') return t('explorer.unitPer100k', { unit: label });
  if (transform === 'indexed') return t('explorer.unitIndexed');
  return label;
}
