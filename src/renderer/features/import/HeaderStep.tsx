import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportInspection } from '../../../shared/import/answers.ts';
import { formatNumber } from '../../../shared/format.ts';
import { ImportProblems } from './ImportProblems.tsx';
import { withChoice, type RecipeDraft } from './recipe-edits.ts';

interface Props {
  inspection: ImportInspection;
  draft: RecipeDraft;
  onChange: (draft: RecipeDraft) => void;
}

/**
 * Which sheet (workbooks) and which line holds the column names. The lines above the header
 * are skipped, and each one is shown (a title line, a merged title row), never hidden.
 */
export function HeaderStep({ inspection, draft, onChange }: Props) {
  const { t, i18n } = useTranslation('import');
  const id = useId();
  const locale = i18n.language;
  const sniff = inspection.sniff;
  const sheetOpen = inspection.choices.some((c) => c.kind === 'sheet');
  const sheet = draft.sheet ?? (sheetOpen ? '' : (inspection.recipe.sheet ?? ''));
  const headerRow = sniff?.headerRow ?? inspection.recipe.headerRow ?? 1;
  return (
    <div className="header-step">
      {inspection.sheets && (
        <label className="field">
          {t('header.sheet')}
          <select value={sheet} onChange={(e) => onChange(withChoice(draft, 'sheet', e.target.value || undefined))}>
            {sheetOpen && !draft.sheet && <option value="">{t('header.chooseSheet')}</option>}
            {inspection.sheets.map((s) => (
              <option key={s.name} value={s.name}>
                {s.rowCount === null ? s.name : t('header.sheetOption', { sheet: s.name, count: s.rowCount, formatted: formatNumber(s.rowCount, locale, 0) })}
              </option>
            ))}
          </select>
        </label>
      )}
      {sniff ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-header`}>{t('header.row')}</label>
            <input
              id={`${id}-header`}
              type="number"
              min={0}
              max={1000}
              value={headerRow}
              aria-describedby={`${id}-header-hint`}
              onChange={(e) => {
                const n = Number(e.target.value);
                if (e.target.value !== '' && Number.isInteger(n) && n >= 0 && n <= 1000) onChange(withChoice(draft, 'headerRow', n));
              }}
            />
            <p className="hint" id={`${id}-header-hint`}>
              {sniff.headerRow === 0 ? t('header.noHeader') : t('header.rowHint')}
              {sniff.sniffedHeaderRow !== sniff.headerRow && ` ${t('header.sniffed', { line: formatNumber(sniff.sniffedHeaderRow, locale, 0) })}`}
            </p>
          </div>
          <div className="skipped-lines" role="region" aria-labelledby={`${id}-skipped`}>
            <h4 id={`${id}-skipped`}>{t('header.skippedHeading', { count: sniff.skippedLines.length })}</h4>
            {sniff.skippedLines.length === 0 ? (
              <p className="hint">{t('header.noneSkipped')}</p>
            ) : (
              <ol>
                {sniff.skippedLines.map((l) => (
                  <li key={l.line}>
                    <span className="line-number">{t('header.line', { line: formatNumber(l.line, locale, 0) })}</span>
                    <code>{l.text}</code>
                    <button type="button" onClick={() => onChange(withChoice(draft, 'headerRow', l.line))} aria-label={t('header.useLineLabel', { line: formatNumber(l.line, locale, 0) })}>
                      {t('header.useLine')}
                    </button>
                  </li>
                ))}
              </ol>
            )}
          </div>
          <p className="header-now">
            {t('header.columnsNow')} <span className="column-names" translate="no">{inspection.preview.header.join(' · ')}</span>
          </p>
        </>
      ) : (
        <p className="hint">{sheetOpen && !draft.sheet ? t('header.chooseSheetFirst') : t('header.notText')}</p>
      )}
      <ImportProblems problems={inspection.problems} />
    </div>
  );
}
