import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportInspection } from '../../../shared/import/answers.ts';
import { formatNumber, formatPercent } from '../../../shared/format.ts';
import { EncodingName } from './EncodingName.tsx';
import { formatBytes, withChoice, type RecipeDraft } from './recipe-edits.ts';

interface Props {
  inspection: ImportInspection;
  draft: RecipeDraft;
  onChange: (draft: RecipeDraft) => void;
}

/**
 * What the file is (found from its bytes) and how its text is decoded. A text that is not
 * UTF-8 and has no byte-order mark is shown decoded each way, side by side, with the
 * detector's ranking as a hint: the user picks the one that reads right.
 */
export function DecodeStep({ inspection, draft, onChange }: Props) {
  const { t, i18n } = useTranslation('import');
  const id = useId();
  const locale = i18n.language;
  const decode = inspection.decode;
  const open = inspection.choices.some((c) => c.kind === 'encoding');
  const chosen = draft.encoding ?? (open ? null : (decode?.encoding ?? null));
  const candidates = [...(decode?.candidates ?? [])].sort((a, b) => a.rank - b.rank);
  return (
    <div className="decode-step">
      <dl className="facts">
        <dt>{t('decode.file')}</dt>
        <dd>
          <span translate="no">{inspection.file.name}</span> · {formatBytes(inspection.file.size, locale)}
        </dd>
        <dt>{t('decode.kind')}</dt>
        <dd data-kind={inspection.kind}>{t(`kinds.${inspection.kind}`)}</dd>
        {decode && decode.by !== 'not-text' && decode.by !== 'workbook' && (
          <>
            <dt>{t('decode.encoding')}</dt>
            <dd data-encoding={decode.encoding}>
              {open ? (
                t('decode.notDecided')
              ) : (
                <>
                  <EncodingName encoding={decode.encoding} />: {t(`decode.by.${decode.by}`)}
                </>
              )}
            </dd>
          </>
        )}
      </dl>
      {(!decode || decode.by === 'not-text' || decode.by === 'workbook') && <p className="hint">{t('decode.noText')}</p>}
      {candidates.length > 0 && (
        <fieldset className="encoding-candidates" aria-describedby={`${id}-hint`}>
          <legend>{t('decode.chooseLegend')}</legend>
          <p className="hint" id={`${id}-hint`}>
            {t('decode.chooseHint')}
          </p>
          <div className="candidates">
            {candidates.map((c) => (
              <label key={c.encoding} className={`candidate${chosen === c.encoding ? ' chosen' : ''}`}>
                <span className="candidate-head">
                  <input type="radio" name={`${id}-encoding`} value={c.encoding} checked={chosen === c.encoding} onChange={() => onChange(withChoice(draft, 'encoding', c.encoding))} />
                  <strong>
                    <EncodingName encoding={c.encoding} />
                  </strong>
                  <span className="rank">
                    {c.rank === 1
                      ? t('decode.mostLikely', { confidence: formatPercent(c.confidence, locale, 0) })
                      : t('decode.rank', { rank: formatNumber(c.rank, locale, 0), confidence: formatPercent(c.confidence, locale, 0) })}
                  </span>
                </span>
                {c.undefinedChars > 0 && <span className="undefined-chars">{t('decode.undefinedChars', { count: c.undefinedChars, formatted: formatNumber(c.undefinedChars, locale, 0) })}</span>}
                <pre lang="" translate="no" className="sample">{c.lines.join('\n')}</pre>
              </label>
            ))}
          </div>
        </fieldset>
      )}
    </div>
  );
}
