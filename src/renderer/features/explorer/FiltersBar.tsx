import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../shared/format.ts';
import type { ViewSpecInput } from '../../../shared/view-spec.ts';

interface Props {
  spec: ViewSpecInput;
  totalCountries: number;
  categoryLabel: (dimension: string, value: string | null) => string;
  onChange: (change: Partial<ViewSpecInput>) => void;
}

/** What narrows every view on screen, each removable, and one click to clear them all. */
export function FiltersBar({ spec, totalCountries, categoryLabel, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const filters = spec.filters ?? {};
  // What the reader typed: applied only when the range runs forward, and said so when it does not.
  const [range, setRange] = useState({ from: filters.from ?? '', to: filters.to ?? '' });
  useEffect(() => setRange({ from: filters.from ?? '', to: filters.to ?? '' }), [filters.from, filters.to]);
  const backwards = range.from !== '' && range.to !== '' && range.from > range.to;
  const setEnd = (end: 'from' | 'to', value: string) => {
    const next = { ...range, [end]: value };
    setRange(next);
    if (next.from !== '' && next.to !== '' && next.from > next.to) return;
    onChange({ filters: { ...filters, from: next.from || undefined, to: next.to || undefined } });
  };
  const day = (iso: string | undefined) => (iso ? formatDate(new Date(`${iso}T00:00:00Z`), i18n.language) : '…');
  const chips: { key: string; text: string; clear: Partial<ViewSpecInput> }[] = [];
  if (filters.from || filters.to) {
    chips.push({
      key: 'period',
      text: t('explorer.filters.period', { from: day(filters.from), to: day(filters.to) }),
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
        <input type="date" value={range.from} max={range.to || undefined} aria-invalid={backwards} onChange={(e) => setEnd('from', e.target.value)} />
      </label>
      <label>
        {t('explorer.filters.to')}
        <input type="date" value={range.to} min={range.from || undefined} aria-invalid={backwards} onChange={(e) => setEnd('to', e.target.value)} />
      </label>
      {backwards && (
        <p role="alert" className="error">
          {t('explorer.filters.backwards')}
        </p>
      )}
      {chips.length > 0 && (
        <button type="button" onClick={() => onChange({ filters: {}, countries: undefined })}>
          {t('explorer.filters.clear')}
        </button>
      )}
    </div>
  );
}
