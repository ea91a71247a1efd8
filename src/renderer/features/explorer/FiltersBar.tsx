import { useTranslation } from 'react-i18next';
import type { ViewSpecInput } from '../../../shared/view-spec.ts';

interface Props {
  spec: ViewSpecInput;
  totalCountries: number;
  categoryLabel: (dimension: string, value: string) => string;
  onChange: (change: Partial<ViewSpecInput>) => void;
}

/** What narrows every view on screen, each removable, and one click to clear them all. */
export function FiltersBar({ spec, totalCountries, categoryLabel, onChange }: Props) {
  const { t } = useTranslation();
  const filters = spec.filters ?? {};
  const chips: { key: string; text: string; clear: Partial<ViewSpecInput> }[] = [];
  if (filters.from || filters.to) {
    chips.push({
      key: 'period',
      text: t('explorer.filters.period', { from: filters.from ?? '…', to: filters.to ?? '…' }),
      clear: { filters: { ...filters, from: undefined, to: undefined } },
    });
  }
  if (filters.category) {
    chips.push({
      key: 'category',
      text: t('explorer.filters.category', {
        dimension: t(`explorer.dimension.${filters.category.dimension}`),
        value: categoryLabel(filters.category.dimension, filters.category.value),
      }),
      clear: { filters: { ...filters, category: undefined } },
    });
  }
  if (spec.countries) {
    chips.push({ key: 'countries', text: t('explorer.filters.countries', { count: spec.countries.length, total: totalCountries }), clear: { countries: undefined } });
  }
  return (
    <div className="filters-bar" role="region" aria-label={t('explorer.filters.heading')}>
      <span className="label">{t('explorer.filters.heading')}</span>
      {chips.length === 0 && <span className="muted">{t('explorer.filters.none')}</span>}
      {chips.map((chip) => (
        <span key={chip.key} className="chip">
          {chip.text}
          <button type="button" aria-label={t('explorer.filters.remove', { filter: chip.text })} onClick={() => onChange(chip.clear)}>
            ×
          </button>
        </span>
      ))}
      <label>
        {t('explorer.filters.from')}
        <input type="date" value={filters.from ?? ''} onChange={(e) => onChange({ filters: { ...filters, from: e.target.value || undefined } })} />
      </label>
      <label>
        {t('explorer.filters.to')}
        <input type="date" value={filters.to ?? ''} onChange={(e) => onChange({ filters: { ...filters, to: e.target.value || undefined } })} />
      </label>
      {chips.length > 0 && (
        <button type="button" onClick={() => onChange({ filters: {}, countries: undefined })}>
          {t('explorer.filters.clear')}
        </button>
      )}
    </div>
  );
}
