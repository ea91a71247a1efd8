import { useTranslation } from 'react-i18next';
import { SYNTHETIC_DASH } from '../../../shared/charts/trend-chart.ts';
import type { TrendRow } from '../../../shared/charts/trend-rows.ts';

/**
 * How each kind of value is drawn, for the kinds this chart shows: published values as
 * solid lines with filled dots, synthetic ones dashed with hollow dots.
 */
export function StatusLegend({ rows }: { rows: TrendRow[] }) {
  const { t } = useTranslation();
  const withValue = rows.filter((r) => r.value !== null);
  const kinds = [
    { synthetic: false, label: t('compare.legendPublished') },
    { synthetic: true, label: t('compare.legendSynthetic') },
  ].filter((k) => withValue.some((r) => r.synthetic === k.synthetic));
  if (kinds.length === 0) return null;
  return (
    <ul className="status-legend" aria-label={t('compare.legendStatus')}>
      {kinds.map((k) => (
        <li key={String(k.synthetic)} data-synthetic={k.synthetic}>
          <svg width="36" height="12" aria-hidden="true">
            <line x1="2" y1="6" x2="34" y2="6" stroke="currentColor" strokeWidth="2" strokeDasharray={k.synthetic ? SYNTHETIC_DASH : undefined} />
            <circle cx="18" cy="6" r="3.5" stroke="currentColor" strokeWidth="1.5" fill={k.synthetic ? 'white' : 'currentColor'} />
          </svg>
          {k.label}
        </li>
      ))}
    </ul>
  );
}
