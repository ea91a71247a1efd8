import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetDescription } from '../../../shared/catalogue.ts';
import { periodText } from '../../../shared/charts/chart-common.ts';
import { mapApplies, per100kApplies } from '../../../shared/indicators.ts';
import { codeLabel, indicatorName } from '../../../shared/labels.ts';
import { breakdownDimensions, type ViewKind, type ViewSpecInput } from '../../../shared/view-spec.ts';
import { switchView, withIndicator } from './spec-edits.ts';

const viewKinds: ViewKind[] = ['trend', 'latest', 'slope', 'small-multiples', 'map', 'breakdown', 'pathway', 'outcome'];
type Change = Partial<ViewSpecInput> | ((spec: ViewSpecInput) => ViewSpecInput);

interface Props {
  spec: ViewSpecInput;
  description: DatasetDescription;
  onChange: (change: Change) => void;
}

/** What to show and how: the view, its indicator or dimension, and its transform. */
export function ViewControls({ spec, description, onChange }: Props) {
  const { t } = useTranslation();
  const hasPeople = description.tables.includes('referral');
  const kinds = viewKinds.filter((k) => (['breakdown', 'pathway', 'outcome'].includes(k) ? hasPeople : description.indicatorDetails.length > 0));
  const indicator = 'indicator' in spec ? description.indicatorDetails.find((i) => i.id === spec.indicator) : undefined;
  // A map colours whole countries: offered only where a country's colour can mean the value.
  const mapUnavailable = indicator !== undefined && !mapApplies(indicator);
  return (
    <div className="view-controls">
      <label>
        {t('explorer.view.label')}
        <select value={spec.view} onChange={(e) => onChange((s) => switchView(s, e.target.value as ViewKind, description))}>
          {kinds.map((k) => (
            <option key={k} value={k} disabled={k === 'map' && mapUnavailable}>
              {k === 'map' && mapUnavailable ? t('explorer.view.mapUnavailable') : t(`explorer.view.${k}`)}
            </option>
          ))}
        </select>
      </label>
      {'indicator' in spec ? <IndicatorControls spec={spec} description={description} onChange={onChange} /> : <PersonControls spec={spec} description={description} onChange={onChange} />}
    </div>
  );
}

function IndicatorControls({ spec, description, onChange }: Props & { spec: Extract<ViewSpecInput, { indicator: string }> }) {
  const { t, i18n } = useTranslation();
  const indicator = description.indicatorDetails.find((i) => i.id === spec.indicator);
  const divisible = indicator ? per100kApplies(indicator, description.populationCountries) : false;
  const periods = indicator?.periods ?? [];
  const period = (p: string) => periodText(p, i18n.language, t);
  const position = (p: string) => periods.indexOf(p);
  return (
    <>
      <label>
        {t('compare.indicator')}
        <select
          value={spec.indicator}
          onChange={(e) => {
            const next = description.indicatorDetails.find((i) => i.id === e.target.value);
            if (next) onChange((s) => withIndicator(s, next, description));
          }}
        >
          {description.indicatorDetails.map((i) => (
            <option key={i.id} value={i.id}>{indicatorName(i, i18n.language)}</option>
          ))}
        </select>
      </label>
      <label>
        {t('explorer.transform.label')}
        <select value={spec.transform ?? 'absolute'} onChange={(e) => onChange({ transform: e.target.value as 'absolute' | 'per100k' | 'indexed' })}>
          <option value="absolute">{t('explorer.transform.absolute')}</option>
          <option value="per100k" disabled={!divisible}>
            {divisible ? t('explorer.transform.per100k') : t('explorer.transform.per100kNotApplicable')}
          </option>
          <option value="indexed">{t('explorer.transform.indexed')}</option>
        </select>
      </label>
      {spec.transform === 'indexed' && (
        <label>
          {t('explorer.transform.base')}
          <select value={spec.indexBase ?? ''} onChange={(e) => onChange((s) => ({ ...s, indexBase: e.target.value || undefined }) as ViewSpecInput)}>
            <option value="">{t('explorer.transform.baseFirst')}</option>
            {periods.map((p) => (
              <option key={p} value={p}>{period(p)}</option>
            ))}
          </select>
        </label>
      )}
      {spec.view === 'slope' && (
        <>
          <label>
            {t('explorer.slope.from')}
            {/* A slope runs forward in time: periods after "to" cannot be "from", and the other way round. */}
            <select value={spec.from} onChange={(e) => onChange({ from: e.target.value } as Partial<ViewSpecInput>)}>
              {periods.map((p) => (
                <option key={p} value={p} disabled={position(p) >= position(spec.to)}>{period(p)}</option>
              ))}
            </select>
          </label>
          <label>
            {t('explorer.slope.to')}
            <select value={spec.to} onChange={(e) => onChange({ to: e.target.value } as Partial<ViewSpecInput>)}>
              {periods.map((p) => (
                <option key={p} value={p} disabled={position(p) <= position(spec.from)}>{period(p)}</option>
              ))}
            </select>
          </label>
        </>
      )}
      <label>
        {t('explorer.interval.label')}
        <select value={spec.interval ?? '95'} onChange={(e) => onChange({ interval: e.target.value as 'none' | '90' | '95' })}>
          <option value="none">{t('explorer.interval.none')}</option>
          <option value="90">{t('explorer.interval.90')}</option>
          <option value="95">{t('explorer.interval.95')}</option>
        </select>
      </label>
      {spec.view !== 'map' && (
        <label className="check">
          <input type="checkbox" checked={spec.logScale ?? false} onChange={(e) => onChange({ logScale: e.target.checked })} />
          {t('explorer.logScale')}
        </label>
      )}
      {spec.view === 'small-multiples' && (
        <label className="check">
          <input type="checkbox" checked={spec.sharedY ?? true} onChange={(e) => onChange({ sharedY: e.target.checked } as Partial<ViewSpecInput>)} />
          {t('explorer.sharedY')}
        </label>
      )}
    </>
  );
}

/**
 * The small-count threshold: any whole number from the package's own minimum up. A value
 * below it is not applied and the reader is told why, rather than silently corrected.
 */
function ThresholdInput({ spec, minimum, onChange }: { spec: ViewSpecInput; minimum: number; onChange: (change: Change) => void }) {
  const { t } = useTranslation();
  const current = 'suppressBelow' in spec ? (spec.suppressBelow ?? minimum) : minimum;
  const [draft, setDraft] = useState(String(current));
  useEffect(() => setDraft(String(current)), [current]);
  const value = Number(draft);
  const valid = draft.trim() !== '' && Number.isInteger(value) && value >= minimum && value <= 1000;
  return (
    <>
      <label>
        {t('explorer.suppress.label')}
        <input
          type="number"
          min={minimum}
          max={1000}
          value={draft}
          aria-invalid={!valid}
          onChange={(e) => {
            setDraft(e.target.value);
            const next = Number(e.target.value);
            if (Number.isInteger(next) && next >= minimum && next <= 1000) onChange({ suppressBelow: next } as Partial<ViewSpecInput>);
          }}
          aria-describedby="suppress-help"
        />
      </label>
      <p id="suppress-help" className={valid ? 'help' : 'help error'} role={valid ? undefined : 'alert'}>
        {valid ? t('explorer.suppress.help', { minimum }) : t('explorer.suppress.invalid', { minimum })}
      </p>
    </>
  );
}

function PersonControls({ spec, description, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const instrument = spec.view === 'outcome' ? description.instruments.find((i) => i.id === spec.instrument) : undefined;
  return (
    <>
      {spec.view === 'breakdown' && (
        <label>
          {t('explorer.dimension.label')}
          <select value={spec.dimension} onChange={(e) => onChange({ dimension: e.target.value } as Partial<ViewSpecInput>)}>
            {breakdownDimensions.map((d) => (
              <option key={d} value={d}>{t(`explorer.dimension.${d}`)}</option>
            ))}
          </select>
        </label>
      )}
      {spec.view === 'outcome' && (
        <>
          <label>
            {t('explorer.outcome.instrument')}
            <select
              value={spec.instrument}
              onChange={(e) => {
                const next = description.instruments.find((i) => i.id === e.target.value);
                onChange({ instrument: e.target.value, followUp: next?.followUps[0] ?? spec.followUp } as Partial<ViewSpecInput>);
              }}
            >
              {description.instruments.map((i) => (
                <option key={i.id} value={i.id}>{codeLabel(description.codeLabels, 'instrument', i.id, i18n.language) || i.name}</option>
              ))}
            </select>
          </label>
          <label>
            {t('explorer.outcome.followUp')}
            <select value={spec.followUp} onChange={(e) => onChange({ followUp: e.target.value } as Partial<ViewSpecInput>)}>
              {(instrument?.followUps ?? []).map((f) => (
                <option key={f} value={f}>{codeLabel(description.codeLabels, 'timepoint', f, i18n.language)}</option>
              ))}
            </select>
          </label>
        </>
      )}
      {spec.view !== 'outcome' && (
        <label>
          {t('explorer.measure.label')}
          <select value={'measure' in spec ? (spec.measure ?? 'count') : 'count'} onChange={(e) => onChange({ measure: e.target.value } as Partial<ViewSpecInput>)}>
            <option value="count">{t('explorer.measure.count')}</option>
            <option value="share">{t('explorer.measure.share')}</option>
          </select>
        </label>
      )}
      <ThresholdInput spec={spec} minimum={description.smallCellThreshold} onChange={onChange} />
    </>
  );
}
