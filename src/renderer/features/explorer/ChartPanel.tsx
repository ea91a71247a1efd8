import type { Table } from 'apache-arrow';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetDescription } from '../../../shared/catalogue.ts';
import { kindOf, missingCountries } from '../../../shared/charts/trend-rows.ts';
import { KIND_ORDER } from '../../../shared/charts/value-kinds.ts';
import { offeredCountries } from '../../../shared/uk.ts';
import type { ViewSpecInput } from '../../../shared/view-spec.ts';
import { PlotChart } from '../../charts/PlotChart.tsx';
import { ChartNotes } from './ChartNotes.tsx';
import { compileView } from './compile-view.ts';
import type { makeLabels } from './labels.ts';
import { StatusLegend } from './StatusLegend.tsx';

interface Props {
  spec: ViewSpecInput;
  table: Table;
  description: DatasetDescription;
  labels: ReturnType<typeof makeLabels>;
  /** A newer view is loading; this chart is the previous one. */
  refreshing: boolean;
  /** A click on a value: a category or a country to filter or highlight by. */
  onPick?: (datum: Record<string, unknown>) => void;
  width?: number;
}

/** The countries a view asks for: its own list, or every country of the package as the UK setting shows them. */
export function chosenCountries(spec: ViewSpecInput, description: DatasetDescription): string[] {
  return spec.countries ?? offeredCountries(description.countries.map((c) => c.code), spec.ukNations ?? 'separate');
}

/** The chart for the current view, compiled by the pure chart functions in src/shared/charts. */
export function ChartPanel({ spec, table, description, labels, refreshing, onPick, width = 760 }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const compiled = useMemo(
    () =>
      compileView(spec, table, {
        description,
        locale,
        t,
        nameOf: labels.nameOf,
        ukNameOf: labels.ukNameOf,
        categoryLabel: labels.categoryLabel,
        asked: chosenCountries(spec, description),
        width,
      }),
    [spec, table, description, labels, locale, t, width],
  );
  const rows = compiled.indicatorRows;
  const asked = compiled.asked;
  const named = asked.map((code) => ({ code, name: labels.nameOf(code) }));
  const sources = useMemo(() => new Map(description.sources.map((s) => [s.id, s])), [description]);
  // Say which view and dimension a clicked value came from: a breakdown's bars are categories.
  const picked = onPick
    ? (datum: Record<string, unknown>) => onPick({ ...datum, view: spec.view, ...(spec.view === 'breakdown' ? { dimension: spec.dimension } : {}) })
    : undefined;
  // Badges for the kinds of value drawn that are not published figures.
  const kinds = rows ? KIND_ORDER.filter((k) => k !== 'published' && rows.some((r) => r.value !== null && kindOf(r) === k)) : description.synthetic ? (['synthetic'] as const) : [];

  if (spec.countries && spec.countries.length === 0) {
    return (
      <figure className="chart" data-chart-state="empty" data-view={spec.view}>
        <p role="note" className="empty-state">{t('explorer.countries.pickOne')}</p>
      </figure>
    );
  }
  return (
    <figure className="chart" data-chart-state={refreshing ? 'loading' : 'ready'} data-view={spec.view} aria-busy={refreshing}>
      <figcaption>
        <strong>{compiled.title}</strong>
        {compiled.unit && <span className="unit">{t('compare.unit', { unit: compiled.unit })}</span>}
        {kinds.map((kind) => (
          <span key={kind} className={`badge kind-${kind}${kind === 'synthetic' ? ' synthetic' : ''}`} title={t(`compare.kindBadgeTitle.${kind}`)}>
            {t(`compare.kindBadge.${kind}`)}
          </span>
        ))}
      </figcaption>
      {compiled.figures.map((options, i) => (
        <PlotChart key={i} options={options} label={compiled.title} {...(picked ? { onPick: picked } : {})} />
      ))}
      {rows && <StatusLegend rows={rows} />}
      {rows && (
        <ChartNotes
          rows={rows}
          countries={named}
          missing={missingCountries(rows, asked, compiled.reasons)}
          sources={sources}
          periods={{ base: 'indexBase' in spec ? spec.indexBase : undefined, from: 'from' in spec ? spec.from : undefined, to: 'to' in spec ? spec.to : undefined }}
        />
      )}
    </figure>
  );
}
