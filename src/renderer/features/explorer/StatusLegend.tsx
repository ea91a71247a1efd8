import { useTranslation } from 'react-i18next';
import { kindOf, type TrendRow } from '../../../shared/charts/trend-rows.ts';
import { KIND_ORDER, KIND_STYLES } from '../../../shared/charts/value-kinds.ts';

/** The marker of each shape, in a 12 × 12 box centred at (18, 6). */
const shapes = {
  circle: <circle cx="18" cy="6" r="3.5" />,
  triangle: <path d="M18 1.5 L22.5 9.5 L13.5 9.5 Z" />,
  square: <rect x="14.5" y="2.5" width="7" height="7" />,
  diamond: <path d="M18 1 L23 6 L18 11 L13 6 Z" />,
} as const;

/**
 * How each kind of value is drawn, for the kinds this chart shows, from the same styles the
 * charts use (src/shared/charts/value-kinds.ts): published, modelled, provisional, targets
 * and synthetic values each have an entry of their own.
 */
export function StatusLegend({ rows }: { rows: TrendRow[] }) {
  const { t } = useTranslation();
  const kinds = KIND_ORDER.filter((k) => rows.some((r) => r.value !== null && kindOf(r) === k));
  if (kinds.length === 0) return null;
  return (
    <ul className="status-legend" aria-label={t('compare.legendStatus')}>
      {kinds.map((kind) => {
        const style = KIND_STYLES[kind];
        return (
          <li key={kind} data-kind={kind} data-synthetic={kind === 'synthetic'}>
            <svg width="36" height="12" aria-hidden="true">
              {style.joined && <line x1="2" y1="6" x2="34" y2="6" stroke="currentColor" strokeWidth="2" strokeDasharray={style.dash ?? undefined} />}
              <g stroke="currentColor" strokeWidth="1.5" fill={style.hollow ? 'white' : 'currentColor'}>{shapes[style.symbol]}</g>
            </svg>
            {t(`charts:kinds.${kind}`)}
          </li>
        );
      })}
    </ul>
  );
}
