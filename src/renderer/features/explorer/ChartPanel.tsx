import type { Table } from 'apache-arrow';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetDescription } from '../../../shared/catalogue.ts';
import { buildFigure } from '../../../shared/figures/build-figure.ts';
import type { ViewSpecInput } from '../../../shared/view-spec.ts';
import { FigureChart } from '../../charts/FigureChart.tsx';

interface Props {
  spec: ViewSpecInput;
  table: Table;
  description: DatasetDescription;
  /** A newer view is loading; this chart is the previous one. */
  refreshing: boolean;
  /** A click on a value: a category or a country to filter or highlight by. */
  onPick?: (datum: Record<string, unknown>) => void;
  /** Offers to export the figure (the main chart; not the linked view). */
  actions?: React.ReactNode;
}

/**
 * The figure of the current view (src/shared/figures): the same model and renderer as every
 * export, drawn to fill the panel. The caption below is for assistive technology; the
 * figure draws its title, legend and notes itself.
 */
export function ChartPanel({ spec, table, description, refreshing, onPick, actions }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const figure = useMemo(() => buildFigure({ spec, table, description, locale, t }), [spec, table, description, locale, t]);
  // Say which view and dimension a clicked value came from: a breakdown's bars are categories.
  const picked = onPick
    ? (datum: Record<string, unknown>) => onPick({ ...datum, view: spec.view, ...(spec.view === 'breakdown' ? { dimension: spec.dimension } : {}) })
    : undefined;

  if (spec.countries && spec.countries.length === 0) {
    return (
      <figure className="chart" data-chart-state="empty" data-view={spec.view}>
        <p role="note" className="empty-state">{t('explorer.countries.pickOne')}</p>
      </figure>
    );
  }
  return (
    <figure className="chart" data-chart-state={refreshing ? 'loading' : 'ready'} data-view={spec.view} aria-busy={refreshing}>
      <figcaption className="visually-hidden">
        <strong>{figure.title}</strong>
        {figure.subtitle && ` ${figure.subtitle}`}
      </figcaption>
      {actions && <div className="chart-actions">{actions}</div>}
      <FigureChart figure={figure} {...(picked ? { onPick: picked } : {})} />
    </figure>
  );
}
