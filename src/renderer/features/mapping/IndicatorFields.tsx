import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnDescription } from '../../../shared/catalogue.ts';
import { formatNumber } from '../../../shared/format.ts';
import { isNumeric, type MappingCheck } from '../../../shared/mapping/apply-mapping.ts';
import { comparabilityLevels, mappedIndicatorId, mappingColumns, type MappedIndicator, type MappingDraft } from '../../../shared/mapping/mapping-spec.ts';
import { valueKinds } from '../../../shared/view-answer.ts';
import { toggleValueColumn, updateIndicator } from './mapping-edits.ts';

interface Props {
  draft: MappingDraft;
  columns: ColumnDescription[];
  check: MappingCheck | null;
  onChange: (draft: MappingDraft) => void;
}

/**
 * The values to chart: in a long table, each number column the user ticks becomes an
 * indicator; a wide table is one indicator. Each says what it is: a name and a unit when the
 * package does not, the kind of value, and whether countries compare (not, unless the user says).
 */
export function IndicatorFields({ draft, columns, check, onChange }: Props) {
  const { t } = useTranslation('mapping');
  if (draft.layout.kind !== 'long') {
    return (
      <fieldset className="mapping-values">
        <legend>{t('values.legend')}</legend>
        <IndicatorForm draft={draft} index={0} check={check} heading={t('values.wide')} onChange={onChange} />
      </fieldset>
    );
  }
  const used = new Set(mappingColumns({ ...draft, indicators: [] }));
  const candidates = columns.filter((c) => isNumeric(c) && !used.has(c.name));
  return (
    <fieldset className="mapping-values">
      <legend>{t('values.legend')}</legend>
      <p>{t('values.intro')}</p>
      {candidates.length === 0 && <p role="note">{t('values.none')}</p>}
      {candidates.map((column) => {
        const index = draft.indicators.findIndex((i) => i.column === column.name);
        return (
          <div key={column.name} className="value-column">
            <label className="choice">
              <input type="checkbox" checked={index !== -1} onChange={(e) => onChange(toggleValueColumn(draft, column, e.target.checked, columns))} />
              {t('values.chart', { column: column.name })}
            </label>
            {index !== -1 && <IndicatorForm draft={draft} index={index} check={check} heading={t('values.column', { column: column.name })} onChange={onChange} />}
          </div>
        );
      })}
    </fieldset>
  );
}

function IndicatorForm({ draft, index, check, heading, onChange }: { draft: MappingDraft; index: number; check: MappingCheck | null; heading: string; onChange: (draft: MappingDraft) => void }) {
  const { t, i18n } = useTranslation('mapping');
  const id = useId();
  const indicator = draft.indicators[index]!;
  const set = (change: Partial<MappedIndicator>) => onChange(updateIndicator(draft, index, change));
  const counts = check?.indicators.find((i) => i.id === mappedIndicatorId(draft.table, indicator.column));
  const locale = i18n.language;
  return (
    <fieldset className="indicator-form">
      <legend>{heading}</legend>
      <label>
        {t('indicator.name')}
        <input type="text" value={indicator.name} onChange={(e) => set({ name: e.target.value })} />
      </label>
      <label>
        {t('indicator.unit')}
        <input type="text" value={indicator.unit} aria-describedby={`${id}-unit`} onChange={(e) => set({ unit: e.target.value })} />
      </label>
      <p id={`${id}-unit`} className="hint">{t('indicator.unitHint')}</p>
      <label>
        {t('indicator.definition')}
        <textarea rows={2} value={indicator.definition} onChange={(e) => set({ definition: e.target.value })} />
      </label>
      <label>
        {t('indicator.kind')}
        <select value={indicator.kind} onChange={(e) => set({ kind: e.target.value as MappedIndicator['kind'] })}>
          {valueKinds.map((kind) => (
            <option key={kind} value={kind}>{t(`kinds.${kind}`)}</option>
          ))}
        </select>
      </label>
      <label>
        {t('indicator.comparability')}
        <select value={indicator.comparability} onChange={(e) => set({ comparability: e.target.value as MappedIndicator['comparability'] })}>
          {comparabilityLevels.map((level) => (
            <option key={level} value={level}>{t(`comparability.${level}`)}</option>
          ))}
        </select>
      </label>
      {counts && (
        <p className="muted">{t('indicator.counts', { values: formatNumber(counts.values, locale, 0), countries: formatNumber(counts.countries, locale, 0) })}</p>
      )}
    </fieldset>
  );
}
