import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetDescription } from '../../../shared/catalogue.ts';
import { formatNumber } from '../../../shared/format.ts';
import type { MappingInspection, MappingSummary } from '../../../shared/mapping/mapping-answers.ts';
import type { MappingDraft } from '../../../shared/mapping/mapping-spec.ts';
import { useApi } from '../../api-context.tsx';
import { errorMessage } from '../../error-message.ts';
import { CountryDecisions } from './CountryDecisions.tsx';
import { IndicatorFields } from './IndicatorFields.tsx';
import { LayoutFields, type LayoutChoice } from './LayoutFields.tsx';
import { decideCountry, leaveOutUndecided, switchLayout } from './mapping-edits.ts';
import { MappingProblems } from './MappingProblems.tsx';
import { TablePreview } from './TablePreview.tsx';
import './mapping.css';

interface Props {
  description: DatasetDescription;
  /** A saved mapping to change; absent for a new one. */
  editing?: MappingSummary | undefined;
  onSaved: (saved: MappingSummary) => void;
  onCancel: () => void;
}

type Check = { state: 'loading'; previous: MappingInspection | null } | { state: 'ready'; inspection: MappingInspection } | { state: 'error'; message: string; previous: MappingInspection | null };
type Save = { state: 'idle' } | { state: 'saving' } | { state: 'error'; message: string };

/**
 * The mapping step: a partner's table shown as it is, Sprig's guess at which column is the
 * country, which the period and which the values filled in, every country value Sprig
 * does not know listed for the user to map or leave out, and every problem said plainly.
 * Each change is checked by the engine against the whole table before it can be saved.
 */
export function MappingPanel({ description, editing, onSaved, onCancel }: Props) {
  const { t } = useTranslation('mapping');
  const { t: tCommon, i18n } = useTranslation('common');
  const api = useApi();
  const id = useId();
  const dataset = description.name;
  // A new mapping starts on the first table not mapped yet.
  const unmapped = description.tableDetails.find((d) => !description.mappedTables?.includes(d.name)) ?? description.tableDetails[0];
  const [table, setTable] = useState(editing?.table ?? unmapped?.name ?? '');
  const [draft, setDraft] = useState<MappingDraft | null>(editing?.draft ?? null);
  const [places, setPlaces] = useState(false);
  const [check, setCheck] = useState<Check>({ state: 'loading', previous: null });
  const [save, setSave] = useState<Save>({ state: 'idle' });
  /** The draft the shown check is about (a guess needs no second check); any other draft is being checked. */
  const [checkedDraft, setCheckedDraft] = useState<MappingDraft | null>(null);
  /** The package's saved mappings: a table already mapped opens on its mapping, not on a new guess. */
  const [saved, setSaved] = useState<MappingSummary[]>([]);

  useEffect(() => {
    let current = true;
    api.listMappings({ dataset }).then(
      (list) => current && setSaved(list),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, dataset]);

  useEffect(() => {
    if (draft && draft === checkedDraft) return;
    let current = true;
    const asked = draft && draft.table === table ? draft : undefined;
    api.inspectMapping({ dataset, table, ...(asked ? { draft: asked } : {}) }).then(
      (inspection) => {
        if (!current) return;
        const answered = asked ?? inspection.draft;
        setCheckedDraft(answered);
        setCheck({ state: 'ready', inspection });
        if (!asked) setDraft(answered);
      },
      (error: unknown) => current && setCheck((c) => ({ state: 'error', message: errorMessage(error, tCommon), previous: c.state === 'ready' ? c.inspection : c.previous })),
    );
    return () => {
      current = false;
    };
    // checkedDraft changes only with an answer, which needs no check of its own.
  }, [api, dataset, table, draft, tCommon]);

  const inspection = check.state === 'ready' ? check.inspection : check.previous;
  const shown = inspection && inspection.table === table ? inspection : null;
  const checking = check.state === 'loading';
  const problems = shown?.check.problems ?? [];
  // Marked checking in the same render as the change, so nothing mistakes the previous check for this one's.
  const startChecking = () => setCheck((c) => ({ state: 'loading', previous: c.state === 'ready' ? c.inspection : c.previous }));
  const change = (next: MappingDraft) => {
    setSave({ state: 'idle' });
    setDraft(next);
    startChecking();
  };
  const chooseLayout = (choice: LayoutChoice) => {
    setPlaces(choice === 'places');
    if (choice !== 'places' && draft && shown) change(switchLayout(draft, choice, shown.columns, description.tableDetails.find((d) => d.name === table)?.title ?? null));
  };
  const submit = () => {
    if (!draft) return;
    setSave({ state: 'saving' });
    api.saveMapping({ dataset, draft }).then(onSaved, (error: unknown) => setSave({ state: 'error', message: errorMessage(error, tCommon) }));
  };
  const canSave = !!draft && !!shown && !checking && !places && problems.length === 0 && save.state !== 'saving';

  return (
    <section className="mapping" aria-labelledby={`${id}-heading`} aria-busy={checking || save.state === 'saving'} data-view-state={checking ? 'loading' : 'ready'}>
      <h2 id={`${id}-heading`}>{editing ? t('editHeading', { table: editing.table }) : t('heading')}</h2>
      <p>{t('intro')}</p>
      <label className="mapping-table">
        {t('table')}
        <select
          value={table}
          disabled={!!editing}
          onChange={(e) => {
            setTable(e.target.value);
            setDraft(saved.find((m) => m.table === e.target.value)?.draft ?? null);
            setPlaces(false);
            startChecking();
          }}
        >
          {description.tableDetails.map((d) => (
            <option key={d.name} value={d.name}>
              {t(saved.some((m) => m.table === d.name) ? 'tableOptionMapped' : 'tableOption', {
                table: d.title ? `${d.name} (${d.title})` : d.name,
                count: d.rowCount,
                formatted: formatNumber(d.rowCount, i18n.language, 0),
              })}
            </option>
          ))}
        </select>
      </label>
      {check.state === 'error' && <p role="alert" className="error">{check.message}</p>}
      {shown && <TablePreview inspection={shown} />}
      {shown && draft && draft.table === table && (
        <form
          className="mapping-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (canSave) submit();
          }}
        >
          <LayoutFields draft={draft} choice={places ? 'places' : draft.layout.kind} columns={shown.columns} check={shown.check} onLayout={chooseLayout} onChange={change} />
          {!places && <IndicatorFields draft={draft} columns={shown.columns} check={shown.check} onChange={change} />}
          {!places && !(draft.layout.kind === 'long' && 'fixed' in draft.layout.country) && shown.check.countryValues.length > 0 && (
            <CountryDecisions
              draft={draft}
              values={shown.check.countryValues}
              onDecide={(raw, code) => change(decideCountry(draft, raw, code))}
              onLeaveOutUndecided={() => change(leaveOutUndecided(draft, shown.check.countryValues))}
            />
          )}
          {!places && <MappingProblems problems={problems} checking={checking} />}
          <p className="mapping-store-note">{t('storeNote')}</p>
          <div className="mapping-actions">
            <button type="submit" disabled={!canSave}>{save.state === 'saving' ? t('saving') : t('save')}</button>
            <button type="button" onClick={onCancel}>{t('cancel')}</button>
          </div>
          {save.state === 'error' && <p role="alert" className="error">{save.message}</p>}
        </form>
      )}
    </section>
  );
}
