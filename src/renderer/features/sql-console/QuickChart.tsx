import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseQuickChart, quickChart, quickChartRowCount, quickChartSeries } from '../../../shared/charts/quick-chart.ts';
import { formatNumber } from '../../../shared/format.ts';
import { PlotChart } from '../../charts/PlotChart.tsx';
import type { SqlResult } from './sql-result.ts';

/** Not split: one line for every row. */
const NO_SPLIT = '';

/**
 * A chart of the result when its columns suit one (see chooseQuickChart); nothing otherwise.
 * Over time, the reader chooses the column that splits it into series (one line per country).
 */
export function QuickChart({ result }: { result: SqlResult }) {
  const { t, i18n } = useTranslation('sql');
  const id = useId();
  const locale = i18n.language;
  // undefined: Sprig's choice (the first text column); null: no split.
  const [split, setSplit] = useState<string | null | undefined>(undefined);
  const choice = useMemo(() => (result.rows.length > 0 ? chooseQuickChart(result.columns, result.rows, split) : null), [result, split]);
  const options = useMemo(() => (choice ? quickChart({ choice, rows: result.rows, locale }) : null), [choice, result, locale]);
  if (!choice || !options) return null;

  const charted = quickChartRowCount(choice, result.rows.length);
  const textColumns = result.columns.filter((c) => c.kind === 'text');
  const series = choice.mark === 'line' ? quickChartSeries(choice, result.rows.slice(0, charted)) : null;
  const label =
    choice.mark === 'bar'
      ? t('chartBarLabel', { value: choice.value, category: choice.category })
      : choice.mark === 'line'
        ? choice.split
          ? t('chartLineSplitLabel', { y: choice.y, x: choice.x, split: choice.split })
          : t('chartLineLabel', { y: choice.y, x: choice.x })
        : t('chartDotLabel', { x: choice.x, y: choice.y });
  return (
    <figure className="sql-chart" data-mark={choice.mark}>
      <figcaption>
        <strong>{t('chartHeading')}</strong>
        {charted < (result.total ?? result.rows.length) && <span className="sql-chart-rows">{t('chartRows', { count: charted, formatted: formatNumber(charted, locale, 0) })}</span>}
        {series && series.shown.length < series.total && (
          <span className="sql-chart-rows">{t('chartSeries', { shown: formatNumber(series.shown.length, locale, 0), formatted: formatNumber(series.total, locale, 0) })}</span>
        )}
      </figcaption>
      {choice.mark === 'line' && textColumns.length > 0 && (
        <p className="sql-chart-split">
          <label htmlFor={`${id}-split`}>{t('chartSplitLabel')}</label>
          <select id={`${id}-split`} value={choice.split ?? NO_SPLIT} onChange={(e) => setSplit(e.target.value === NO_SPLIT ? null : e.target.value)}>
            <option value={NO_SPLIT}>{t('chartSplitNone')}</option>
            {textColumns.map((c) => (
              <option key={c.name} value={c.name}>{c.name}</option>
            ))}
          </select>
        </p>
      )}
      <PlotChart options={options} label={label} />
    </figure>
  );
}
