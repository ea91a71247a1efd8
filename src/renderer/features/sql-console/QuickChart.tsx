import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseQuickChart, quickChart, quickChartRowCount } from '../../../shared/charts/quick-chart.ts';
import { formatNumber } from '../../../shared/format.ts';
import { PlotChart } from '../../charts/PlotChart.tsx';
import type { SqlResult } from './sql-result.ts';

/** A chart of the result when its columns suit one (see chooseQuickChart); nothing otherwise. */
export function QuickChart({ result }: { result: SqlResult }) {
  const { t, i18n } = useTranslation('sql');
  const locale = i18n.language;
  const choice = useMemo(() => (result.rows.length > 0 ? chooseQuickChart(result.columns) : null), [result]);
  const options = useMemo(() => (choice ? quickChart({ choice, rows: result.rows, locale }) : null), [choice, result, locale]);
  if (!choice || !options) return null;

  const charted = quickChartRowCount(choice, result.rows.length);
  const label = choice.mark === 'bar' ? t('chartBarLabel', { value: choice.value, category: choice.category }) : t('chartDotLabel', { x: choice.x, y: choice.y });
  return (
    <figure className="sql-chart" data-mark={choice.mark}>
      <figcaption>
        <strong>{t('chartHeading')}</strong>
        {charted < (result.total ?? result.rows.length) && <span className="sql-chart-rows">{t('chartRows', { count: charted, formatted: formatNumber(charted, locale, 0) })}</span>}
      </figcaption>
      <PlotChart options={options} label={label} />
    </figure>
  );
}
