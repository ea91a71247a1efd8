import { tableFromIPC } from 'apache-arrow';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetDescription, IndicatorDescription } from '../../../shared/catalogue.ts';
import { trendChart } from '../../../shared/charts/trend-chart.ts';
import { markMissingPeriods, missingCountries, trendRows, type TrendRow } from '../../../shared/charts/trend-rows.ts';
import { sortCountries } from '../../../shared/countries.ts';
import { countryName } from '../../../shared/format.ts';
import { VIEW_SPEC_VERSION, type TrendViewSpec } from '../../../shared/view-spec.ts';
import { useApi } from '../../api-context.tsx';
import { PlotChart } from '../../charts/PlotChart.tsx';
import { errorMessage } from '../../error-message.ts';
import { ChartNotes } from './ChartNotes.tsx';
import { StatusLegend } from './StatusLegend.tsx';

type Loaded<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; message: string };

/** The five study countries, shown (or named as missing) on every comparison. */
const STUDY_COUNTRIES = ['GB-ENG', 'US', 'AU', 'DE', 'GR'];

/** One indicator across the countries over every period the data have. */
export function Compare({ dataset, onSettled }: { dataset: string; onSettled: () => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [description, setDescription] = useState<Loaded<DatasetDescription>>({ state: 'loading' });
  const [indicatorId, setIndicatorId] = useState<string | null>(null);
  const [rows, setRows] = useState<Loaded<TrendRow[]>>({ state: 'loading' });

  useEffect(() => {
    api.describeDataset({ dataset }).then(
      (value) => {
        setDescription({ state: 'ready', value });
        setIndicatorId(defaultIndicator(value.indicatorDetails));
        if (value.indicatorDetails.length === 0) onSettled();
      },
      (error: unknown) => {
        setDescription({ state: 'error', message: errorMessage(error, t) });
        onSettled();
      },
    );
  }, [api, dataset, t, onSettled]);

  useEffect(() => {
    if (!indicatorId) return;
    let current = true;
    setRows({ state: 'loading' });
    const spec: TrendViewSpec = { version: VIEW_SPEC_VERSION, view: 'trend', dataset, indicator: indicatorId };
    api.runView({ spec }).then(
      (bytes) => current && setRows({ state: 'ready', value: markMissingPeriods(trendRows(tableFromIPC(bytes))) }),
      (error: unknown) => current && setRows({ state: 'error', message: errorMessage(error, t) }),
    );
    return () => {
      current = false;
    };
  }, [api, dataset, indicatorId, t]);

  useEffect(() => {
    if (rows.state !== 'loading') onSettled();
  }, [rows.state, onSettled]);

  const desc = description.state === 'ready' ? description.value : null;
  const indicator = desc?.indicatorDetails.find((i) => i.id === indicatorId) ?? null;
  const locale = i18n.language;

  const chart = useMemo(() => {
    if (!desc || !indicator || rows.state !== 'ready') return null;
    const labels = new Map(desc.countries.map((c) => [c.code, c.name]));
    const codes = sortCountries([...STUDY_COUNTRIES.filter((c) => labels.has(c)), ...rows.value.map((r) => r.country)]);
    const countries = codes.map((code) => ({ code, name: countryName(code, locale, labels.get(code)) }));
    const sources = new Map(desc.sources.map((s) => [s.id, s]));
    const options = trendChart({
      rows: rows.value,
      countries,
      unit: indicator.unit,
      locale,
      t,
      sourceLabel: (id) => sources.get(id)?.organisation || sources.get(id)?.title || id,
    });
    return { options, countries, missing: missingCountries(rows.value, codes), sources };
  }, [desc, indicator, rows, locale, t]);

  if (description.state === 'loading') return <section className="compare" aria-busy="true"><p role="status">{t('compare.loading')}</p></section>;
  if (description.state === 'error') return <section className="compare"><p role="alert" className="error">{description.message}</p></section>;
  const indicators = description.value.indicatorDetails;

  return (
    <section className="compare" aria-labelledby="compare-heading">
      <h2 id="compare-heading">{t('compare.heading')}</h2>
      {indicators.length === 0 ? (
        <p>{t('compare.noIndicators')}</p>
      ) : (
        <div className="controls">
          <label htmlFor="indicator-select">{t('compare.indicator')}</label>
          <select id="indicator-select" value={indicatorId ?? ''} onChange={(e) => setIndicatorId(e.target.value)}>
            {indicators.map((i) => (
              <option key={i.id} value={i.id}>{i.name}</option>
            ))}
          </select>
        </div>
      )}
      {indicator && (
        <figure className="chart" data-chart-state={rows.state} aria-busy={rows.state === 'loading'}>
          <figcaption>
            <strong>{indicator.name}</strong>
            <span className="unit">{t('compare.unit', { unit: indicator.unit })}</span>
            {rows.state === 'ready' && rows.value.some((r) => r.synthetic && r.value !== null) && (
              <span className="badge synthetic" title={t('compare.syntheticBadgeTitle')}>{t('compare.syntheticBadge')}</span>
            )}
          </figcaption>
          {rows.state === 'loading' && <p role="status">{t('compare.loading')}</p>}
          {rows.state === 'error' && <p role="alert" className="error">{rows.message}</p>}
          {chart && rows.state === 'ready' && (
            <>
              <PlotChart options={chart.options} label={t('compare.chartLabel', { indicator: indicator.name })} />
              <StatusLegend rows={rows.value} />
              <ChartNotes indicator={indicator} rows={rows.value} countries={chart.countries} missing={chart.missing} sources={chart.sources} />
            </>
          )}
        </figure>
      )}
    </section>
  );
}

/** The indicator with data for the most countries: the first screen should compare. */
function defaultIndicator(indicators: IndicatorDescription[]): string | null {
  let best: IndicatorDescription | null = null;
  for (const i of indicators) if (!best || i.countriesWithData.length > best.countriesWithData.length) best = i;
  return best?.id ?? null;
}
