import type * as Plot from '@observablehq/plot';
import type { Table } from 'apache-arrow';
import type { TFunction } from 'i18next';
import type { DatasetDescription, SourceDescription } from '../catalogue.ts';
import { breakdownChart, breakdownNotes } from '../charts/breakdown-chart.ts';
import { missingText, periodText } from '../charts/chart-common.ts';
import { latestChart, latestNotes, type LatestChartInput } from '../charts/latest-chart.ts';
import { mapChart, mapNotes } from '../charts/map-chart.ts';
import { outcomeChart, outcomeNotes } from '../charts/outcome-chart.ts';
import { pathwayChart, pathwayNotes } from '../charts/pathway-chart.ts';
import { slopeChart, slopeNotes } from '../charts/slope-chart.ts';
import { smallMultiplesChart } from '../charts/small-multiples-chart.ts';
import { trendChart, trendNotes, type TrendChartInput } from '../charts/trend-chart.ts';
import { kindOf, markMissingPeriods, missingCountries, reasonRows, type MissingCountry, type TrendRow } from '../charts/trend-rows.ts';
import { KIND_ORDER, KIND_STYLES, SYNTHETIC_DASH } from '../charts/value-kinds.ts';
import { breakdownRows, indicatorRows, outcomeRows, pathwayRows } from '../charts/view-rows.ts';
import { countryColour, sortCountries } from '../countries.ts';
import { formatNumber, formatPeriod } from '../format.ts';
import { unitLabel } from '../i18n/units.ts';
import { addsUp } from '../indicators.ts';
import { codeLabel, comparabilityLevelLabel, indicatorName } from '../labels.ts';
import { offeredCountries } from '../uk.ts';
import type { ValueKind } from '../view-answer.ts';
import { parseViewSpec, type IndicatorViewSpec, type PersonViewSpec, type ViewSpec, type ViewSpecInput } from '../view-spec.ts';
import { filtersText } from '../view-table.ts';
import type { Figure, FigureBadge, FigureNote, FigureSource, LegendItem } from './figure.ts';
import { countryDash } from '../charts/greyscale.ts';
import { figureLabels } from './labels.ts';

/** What a figure is made of: the view, the engine's answer to it, and the figure's language. */
export interface FigureInput {
  spec: ViewSpecInput | ViewSpec;
  /** The engine's answer to the view (suppression already applied: never recomputed here). */
  table: Table;
  description: DatasetDescription;
  /** The figure's language; `t` must speak it. */
  locale: string;
  t: TFunction;
  /** Each country its own line pattern and a direct label (greyscale-safe). */
  greyscale?: boolean;
}

/** The countries a view asks for: its own list, or every country of the package as the UK setting shows them. */
export function chosenCountries(spec: ViewSpecInput | ViewSpec, description: DatasetDescription): string[] {
  return spec.countries ?? offeredCountries(description.countries.map((c) => c.code), spec.ukNations ?? 'separate');
}

/**
 * The figure of any view: its charts (the pure compilers of src/shared/charts), and every
 * word around them, in the figure's language.
 */
export function buildFigure(input: FigureInput): Figure {
  const spec = parseViewSpec(input.spec);
  return 'indicator' in spec ? indicatorFigure(spec, input) : personFigure(spec, input);
}

function datasetOf(description: DatasetDescription): Figure['dataset'] {
  return { name: description.name, version: description.version, title: description.title, licences: description.licences };
}

function citation(s: SourceDescription, t: TFunction): string {
  const values = { organisation: s.organisation, year: s.year, title: s.title };
  const line = s.year !== null ? t('compare.sourceLine', values) : t('compare.sourceLineNoYear', values);
  return s.url ? `${line} ${s.url}` : line;
}

function indicatorFigure(spec: IndicatorViewSpec, input: FigureInput): Figure {
  const { description, locale, t } = input;
  const labels = figureLabels(description, locale, t);
  const indicator = description.indicatorDetails.find((i) => i.id === spec.indicator);
  const unit = indicatorUnit(indicator?.unit ?? '', spec.transform, t);
  const sources = new Map(description.sources.map((s) => [s.id, s]));
  const rows = markMissingPeriods(indicatorRows(input.table));
  const reasons = reasonRows(input.table);
  const countriesOf = (codes: string[]) => sortCountries(codes).map((code) => ({ code, name: labels.nameOf(code) }));
  const drawn = countriesOf(rows.map((r) => r.country));
  // The UK as one whose nations' values are shown as themselves is not missing: the notes say why.
  // And the nations are not missing when a UK-wide figure stands for them (the notes say so too).
  const nationsShown = spec.ukNations === 'combined' && rows.some((r) => r.country.startsWith('GB-') && r.value !== null);
  const ukWideShown = spec.ukNations === 'separate' && rows.some((r) => r.country === 'GB' && r.value !== null);
  const asked = sortCountries([...chosenCountries(spec, description), ...rows.map((r) => r.country), ...reasons.map((r) => r.country)]).filter(
    (code) => !(nationsShown && code === 'GB') && !(ukWideShown && code.startsWith('GB-') && !rows.some((r) => r.country === code)),
  );
  const all = countriesOf(asked);
  const period = (label: string | undefined) => (label === undefined ? undefined : formatPeriod(label, locale, (key, values) => t(key, values)));
  const reasonPeriods = Object.fromEntries(
    Object.entries({ base: period(spec.indexBase), from: period('from' in spec ? spec.from : undefined), to: period('to' in spec ? spec.to : undefined) }).filter(([, v]) => v !== undefined),
  ) as { base?: string; from?: string; to?: string };
  const common = {
    locale,
    t,
    highlight: spec.highlight,
    rows,
    unit,
    logScale: spec.logScale,
    indexed: spec.transform === 'indexed',
    interval: spec.interval,
    ukNations: spec.ukNations,
    addsUp: indicator ? addsUp(indicator) : true,
    reasons,
    reasonPeriods,
    sourceLabel: (id: string) => sources.get(id)?.organisation || id,
    notesInCaption: false,
  };
  const ranking: LatestChartInput['indicator'] = { comparabilityLevel: indicator?.comparabilityLevel ?? 'not_comparable' };
  const greyscale = input.greyscale === true;
  const trendInput: TrendChartInput = { ...common, countries: drawn, greyscale };

  const chartNotes =
    spec.view === 'trend'
      ? trendNotes(trendInput)
      : spec.view === 'latest'
        ? latestNotes({ ...common, countries: all, indicator: ranking })
        : spec.view === 'slope'
          ? slopeNotes({ ...common, countries: drawn, from: spec.from, to: spec.to })
          : spec.view === 'small-multiples'
            ? trendNotes({ ...common, countries: drawn })
            : mapNotes({ ...common, countries: all });

  const panels = ({ width, height }: { width: number; height: number }): Plot.PlotOptions[] => {
    if (spec.view === 'trend') return [trendChart({ ...trendInput, width, height })];
    if (spec.view === 'latest') return [latestChart({ ...common, countries: all, indicator: ranking, width })];
    if (spec.view === 'slope') return [slopeChart({ ...common, countries: drawn, from: spec.from, to: spec.to, width, height })];
    if (spec.view === 'small-multiples') {
      const count = Math.max(1, drawn.length);
      const panelHeight = Math.max(90, Math.min(spec.sharedY ? 160 : 190, Math.floor((height - 40) / count)));
      return smallMultiplesChart({ ...common, countries: drawn, sharedY: spec.sharedY, width, panelHeight });
    }
    return [mapChart({ ...common, countries: all, width })];
  };

  // What is drawn, of what kind: the legend's entries and the badges.
  const kinds = KIND_ORDER.filter((k) => rows.some((r) => r.value !== null && kindOf(r) === k));
  const legend: LegendItem[] = [];
  if (spec.view === 'trend') {
    const withValue = drawn.filter((c) => rows.some((r) => r.country === c.code && r.value !== null));
    for (const c of withValue) {
      // In greyscale, the pattern the country's line is drawn in: its own for published values, else its kind's.
      const own = rows.filter((r) => r.country === c.code && r.value !== null);
      const dash = !greyscale ? null : own.some((r) => kindOf(r) === 'published') ? countryDash(c.code) : KIND_STYLES[kindOf(own[0]!)].dash;
      legend.push({ group: 'country', key: c.code, label: c.name, colour: countryColour(c.code), line: { dash }, marker: null, box: null });
    }
  }
  if (spec.view !== 'map') {
    for (const kind of kinds) legend.push(kindItem(kind, t));
  }

  const missing = missingCountries(rows, asked, reasons);
  const notes: FigureNote[] = [
    ...chartNotes.map((text) => ({ kind: 'chart' as const, text })),
    ...missingNotes(rows, all, missing, reasonPeriods, t),
    ...comparabilityNotes(indicator?.comparabilityLevel ?? null, description, all.map((c) => c.code).filter((code) => rows.some((r) => r.country === code && r.value !== null)), locale, t),
    ...(indicator?.caveat ? [{ kind: 'caveat' as const, text: t('figure.caveat', { caveat: indicator.caveat }) }] : []),
  ];
  const used = [...new Set(rows.filter((r) => r.value !== null).flatMap((r) => r.source.split(';')).filter(Boolean))];
  const figureSources: FigureSource[] = used
    .map((id) => sources.get(id))
    .filter((s): s is SourceDescription => s !== undefined)
    .map((s) => ({ id: s.id, citation: citation(s, t) }));

  const subtitle = [
    t('compare.unit', { unit }),
    spec.view === 'slope' ? t('figure.periods', { from: periodText(spec.from, locale, t), to: periodText(spec.to, locale, t) }) : null,
    filtersLine(spec, labels.categoryLabel, locale, t),
  ].filter(Boolean).join(' · ');

  return {
    view: spec.view,
    language: locale,
    title: indicator ? indicatorName(indicator, locale) : spec.indicator,
    unit,
    subtitle,
    badges: badgesOf(kinds, t),
    legend,
    notes,
    sources: figureSources,
    sourcesLabel: t('figure.sources'),
    definition: indicator?.definition ?? null,
    suppressionRule: null,
    dataset: datasetOf(description),
    panels,
    freeHeight: spec.view === 'trend' || spec.view === 'slope' || spec.view === 'small-multiples',
  };
}

function personFigure(spec: PersonViewSpec, input: FigureInput): Figure {
  const { description, locale, t } = input;
  const labels = figureLabels(description, locale, t);
  // Why a country has nothing to count: none of its people match the filters, or (outcomes) none has paired scores.
  const filtered = Boolean(spec.filters.from || spec.filters.to || spec.filters.category);
  const emptyKey = spec.view === 'outcome' ? (filtered ? 'noPairsFiltered' : 'noPairs') : filtered ? 'noReferralsFiltered' : 'noReferrals';
  const asked = chosenCountries(spec, description);
  const person = { locale, t, highlight: spec.highlight, suppressBelow: spec.suppressBelow, synthetic: description.synthetic, emptyText: t(`charts:missing.${emptyKey}`), notesInCaption: false };
  // The UK as one is named for the nations it counts; every country asked for gets its panel.
  const personCountries = (rows: { country: string; covers?: string | null }[]) =>
    sortCountries([...asked, ...rows.map((r) => r.country)]).map((code) => ({
      code,
      name: code === 'GB' ? labels.ukNameOf(rows.find((r) => r.country === 'GB')?.covers) : labels.nameOf(code),
    }));
  let title: string;
  let chartNotes: string[];
  let panels: Figure['panels'];
  if (spec.view === 'breakdown') {
    const rows = breakdownRows(input.table);
    const chart = { ...person, rows, countries: personCountries(rows), dimension: spec.dimension, measure: spec.measure, categoryLabel: (category: string) => labels.categoryLabel(spec.dimension, category) };
    title = t('explorer.title.breakdown', { dimension: t(`explorer.dimension.${spec.dimension}`) });
    chartNotes = breakdownNotes(chart);
    panels = ({ width }) => [breakdownChart({ ...chart, width })];
  } else if (spec.view === 'pathway') {
    const rows = pathwayRows(input.table);
    const chart = { ...person, rows, countries: personCountries(rows), measure: spec.measure };
    title = t('explorer.view.pathway');
    chartNotes = pathwayNotes(chart);
    panels = ({ width }) => [pathwayChart({ ...chart, width })];
  } else {
    const rows = outcomeRows(input.table);
    const instrumentName = codeLabel(description.codeLabels, 'instrument', spec.instrument, locale);
    const followUpName = codeLabel(description.codeLabels, 'timepoint', spec.followUp, locale);
    const higherIsBetter = description.instruments.find((i) => i.id === spec.instrument)?.higherIsBetter ?? null;
    const chart = { ...person, rows, countries: personCountries(rows), instrumentName, followUpName, higherIsBetter };
    title = t('explorer.title.outcome', { instrument: instrumentName, followUp: followUpName });
    chartNotes = [...new Set([...outcomeNotes(chart, 'distribution'), ...outcomeNotes(chart, 'change')])];
    panels = ({ width }) => outcomeChart({ ...chart, width });
  }
  const legend: LegendItem[] = description.synthetic
    ? [{ group: 'kind', key: 'synthetic', label: t('charts:kinds.synthetic'), colour: '#595959', line: null, marker: null, box: { fillOpacity: 0.4, dash: SYNTHETIC_DASH } }]
    : [];
  const generator = description.sources.filter((s) => s.id === 'sprig_generator');
  const subtitle = filtersLine(spec, labels.categoryLabel, locale, t);
  // Counts were suppressed by the engine before they got here; the rule is said whenever a count was hidden.
  const rule = t('charts:notes.suppressed', { threshold: formatNumber(spec.suppressBelow, locale) });
  return {
    view: spec.view,
    language: locale,
    title,
    unit: null,
    subtitle,
    badges: description.synthetic ? badgesOf(['synthetic'], t) : [],
    legend,
    notes: chartNotes.map((text) => ({ kind: 'chart' as const, text })),
    sources: generator.map((s) => ({ id: s.id, citation: citation(s, t) })),
    sourcesLabel: t('figure.sources'),
    definition: null,
    suppressionRule: rule,
    dataset: datasetOf(description),
    panels,
    freeHeight: false,
  };
}

function kindItem(kind: ValueKind, t: TFunction): LegendItem {
  const style = KIND_STYLES[kind];
  return {
    group: 'kind',
    key: kind,
    label: t(`charts:kinds.${kind}`),
    colour: '#333333',
    line: style.joined ? { dash: style.dash } : null,
    marker: { symbol: style.symbol, hollow: style.hollow },
    box: null,
  };
}

function badgesOf(kinds: readonly ValueKind[], t: TFunction): FigureBadge[] {
  return kinds.filter((k) => k !== 'published').map((kind) => ({ kind, label: t(`compare.kindBadge.${kind}`) }));
}

/**
 * Countries without a value (each with its one true reason), and countries with values
 * whose some periods have none (how many, and why, once per reason).
 */
function missingNotes(rows: TrendRow[], countries: { code: string; name: string }[], missing: MissingCountry[], periods: { base?: string; from?: string; to?: string }, t: TFunction): FigureNote[] {
  const name = (code: string) => countries.find((c) => c.code === code)?.name ?? code;
  const missingCodes = new Set(missing.map((m) => m.country));
  const items = missing.map((m) => t('compare.missingCountry', { country: name(m.country), reason: missingText(m.reason, t, periods) }));
  for (const c of countries.filter((c) => !missingCodes.has(c.code))) {
    const empty = rows.filter((r) => r.country === c.code && r.value === null);
    for (const [reason, list] of Map.groupBy(empty, (r) => r.reason ?? 'absent')) {
      items.push(t('compare.missingPeriods', { country: c.name, count: list.length, reason: missingText(reason, t, periods) }));
    }
  }
  return items.length === 0 ? [] : [{ kind: 'missing', text: t('figure.missing', { list: items.join('; ') }) }];
}

/** How far the indicator compares across countries, and what each shown country counts differently. */
function comparabilityNotes(level: string | null, description: DatasetDescription, shown: string[], locale: string, t: TFunction): FigureNote[] {
  if (level === null) return [];
  const notes: FigureNote[] = [{ kind: 'comparability', text: t('figure.comparability', { level: comparabilityLevelLabel(description.codeLabels, level, locale, t) }) }];
  for (const code of shown) {
    const note = description.countries.find((c) => c.code === code)?.comparabilityNote;
    if (note) notes.push({ kind: 'comparability', text: t('figure.countryNote', { country: figureLabels(description, locale, t).nameOf(code), note }) });
  }
  return notes;
}

/** The view's filters in words, or null. */
function filtersLine(spec: ViewSpec, categoryLabel: (dimension: string, value: string | null) => string, locale: string, t: TFunction): string | null {
  if (!filtersText(spec)) return null;
  const { from, to, category } = spec.filters;
  const parts: string[] = [];
  if (category) parts.push(t('explorer.filters.category', { dimension: t(`explorer.dimension.${category.dimension}`), value: categoryLabel(category.dimension, category.value) }));
  if (from || to) parts.push(t('explorer.filters.period', { from: from ?? '…', to: to ?? '…' }));
  return parts.length > 0 ? t('figure.filters', { list: parts.join('; ') }) : null;
}

/** The unit as transformed: never "FTE" for a value that is FTE per 100,000 or an index. */
function indicatorUnit(unit: string, transform: string, t: TFunction): string {
  const label = unitLabel(unit, t);
  if (transform === 'per100k') return t('explorer.unitPer100k', { unit: label });
  if (transform === 'indexed') return t('explorer.unitIndexed');
  return label;
}
