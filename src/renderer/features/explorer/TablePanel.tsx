import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Table } from 'apache-arrow';
import type { DatasetDescription } from '../../../shared/catalogue.ts';
import { periodText } from '../../../shared/charts/chart-common.ts';
import { formatDate, formatNumber } from '../../../shared/format.ts';
import { formatLocale } from '../../../shared/i18n/languages.ts';
import { viewCsv, viewCsvFileName } from '../../../shared/view-csv.ts';
import { isIndicatorView, parseViewSpec, type ViewSpec, type ViewSpecInput } from '../../../shared/view-spec.ts';
import { answerRows, columnHeader, valueUnit, type Cell } from '../../../shared/view-table.ts';
import { downloadText } from './download.ts';
import { sortRows } from './table-rows.ts';
import './table-panel.css';

interface Props {
  /** The spec the engine answered (defaults are filled in here, as the engine filled them in). */
  spec: ViewSpecInput;
  description: DatasetDescription;
  table: Table;
  /** A cell as the reader should see it (country names, category labels); numbers are formatted here. */
  label: (column: string, value: Cell) => string | null;
}

/** Columns holding a data package's period labels ("2023/24", "Jul 2023"), shown in the reader's format. */
const periodColumns = new Set(['period', 'base_period']);

/** Columns of free text that wrap within a readable measure; every other column keeps to one line. */
const proseColumns = new Set(['note', 'denominator', 'source', 'status', 'category', 'reason']);

/** Exactly the values the chart plots, with status and source per row; sortable and downloadable. */
export function TablePanel({ spec: asked, description, table, label }: Props) {
  const { t, i18n } = useTranslation();
  const spec = useMemo(() => parseViewSpec(asked), [asked]);
  const locale = i18n.language;
  const answer = useMemo(() => answerRows(table), [table]);
  const [sort, setSort] = useState<{ column: string; direction: 1 | -1 } | null>(null);

  // A column empty in every row says nothing on screen; the CSV keeps it.
  const columns = answer.rows.length === 0 ? answer.columns : answer.columns.filter((c) => answer.rows.some((r) => r[c] !== null && r[c] !== undefined));
  const hidden = answer.columns.filter((c) => !columns.includes(c));

  const show = (column: string, value: Cell): string => {
    const labelled = label(column, value);
    if (labelled !== null) return labelled;
    if (value === null) return '—';
    if (periodColumns.has(column) && typeof value === 'string') return periodText(value, locale, t);
    if (answer.dateColumns.has(column) && typeof value === 'number') return formatDate(new Date(value), locale);
    if (typeof value === 'number') return formatNumber(value, locale, 2);
    if (typeof value === 'boolean') return value ? t('explorer.table.yes') : t('explorer.table.no');
    return value;
  };

  const collator = useMemo(() => new Intl.Collator(formatLocale(locale), { numeric: true, sensitivity: 'base' }), [locale]);
  const sorted = sort ? sortRows(answer.rows, sort.column, sort.direction, { text: show, collator }) : answer.rows;

  const download = () => {
    const csv = viewCsv({ spec, description, answer, t, locale });
    downloadText(csv, viewCsvFileName(spec), 'text/csv;charset=utf-8');
  };

  return (
    <div className="table-panel">
      <div className="row">
        <button type="button" onClick={download}>{t('explorer.table.download')}</button>
        <span className="help">{t('viewTable.csvFormat')}</span>
      </div>
      <Context spec={spec} description={description} />
      <div className="table-scroll" role="region" aria-labelledby="view-table-caption" tabIndex={0}>
        <table lang={locale}>
          <caption id="view-table-caption">{t('explorer.table.caption', { count: answer.rows.length })}</caption>
          <thead>
            <tr>
              {columns.map((c) => {
                const direction = sort?.column === c ? sort.direction : 0;
                return (
                  <th key={c} scope="col" data-column={c} aria-sort={direction === 1 ? 'ascending' : direction === -1 ? 'descending' : 'none'}>
                    <button type="button" onClick={() => setSort({ column: c, direction: direction === 1 ? -1 : 1 })}>
                      {columnHeader(c, t)}
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {sorted.map((row, i) => (
              <tr key={i}>
                {columns.map((c) => {
                  const value = row[c] ?? null;
                  const text = show(c, value);
                  return (
                    <td key={c} data-column={c} className={typeof value === 'number' ? 'num' : undefined}>
                      {proseColumns.has(c) ? <div className="prose">{text}</div> : text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hidden.length > 0 && <p className="help">{t('viewTable.hiddenColumns', { columns: hidden.map((c) => columnHeader(c, t)).join(', ') })}</p>}
    </div>
  );
}

/** What every row shares, which the table leaves out of its columns: the unit, the transform, the dataset, the threshold. */
function Context({ spec, description }: { spec: ViewSpec; description: DatasetDescription }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const items: [string, string][] = [];
  const unit = valueUnit(spec, description, t);
  if (unit) items.push(['unit', unit]);
  if (isIndicatorView(spec) && spec.transform === 'indexed') {
    items.push(['transform', `${t('explorer.transform.indexed')}: ${spec.indexBase ? periodText(spec.indexBase, locale, t) : t('explorer.transform.baseFirst')}`]);
  }
  if (!isIndicatorView(spec)) {
    if (description.synthetic) items.push(['status', t('compare.legendSynthetic')]);
    items.push(['suppress_below', formatNumber(spec.suppressBelow, locale)]);
  }
  return (
    <dl className="table-context" aria-label={t('viewTable.context')}>
      {items.map(([column, text]) => (
        <div key={column}>
          <dt>{columnHeader(column, t)}</dt>
          <dd>{text}</dd>
        </div>
      ))}
      <div>
        <dt>{columnHeader('dataset', t)}</dt>
        {/* The package's name is an identifier, as in the CSV and in saved views. */}
        <dd><code>{description.name}</code>{description.version && ` · ${t('catalogue.version', { version: description.version })}`}</dd>
      </div>
    </dl>
  );
}
