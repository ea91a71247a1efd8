import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isYearColumn } from '../../../shared/charts/quick-chart.ts';
import { formatMegabytes, formatNumber } from '../../../shared/format.ts';
import { formatCell } from './format-cell.ts';
import type { SqlResult } from './sql-result.ts';

/** Rows put in the page at most: a table of thousands helps no one and slows the page. */
export const DISPLAY_ROWS = 500;

/** The result as a real table: a caption saying how many rows, column headers, numbers aligned right. */
export function ResultTable({ result }: { result: SqlResult }) {
  const { t, i18n } = useTranslation('sql');
  const locale = i18n.language;
  const shown = result.rows.slice(0, DISPLAY_ROWS);
  const n = (value: number) => formatNumber(value, locale, 0);
  const years = useMemo(() => new Set(result.columns.filter((c) => isYearColumn(c, result.rows)).map((c) => c.name)), [result]);

  // The engine stopped the answer at its size cap (not at the row cap): say so, and why.
  const cutBytes = result.cutBy === 'bytes' ? t('cutBytes', { shown: n(result.rows.length), size: formatMegabytes(result.maxBytes ?? 0, locale) }) : null;
  if (result.rows.length === 0) return <p className="sql-no-rows">{cutBytes ?? t('noRows')}</p>;

  // "Showing X of Y" whenever fewer rows are on screen than the query has.
  let showing: string | null = null;
  if (result.total !== null && result.total > shown.length) showing = t('showing', { shown: n(shown.length), total: n(result.total) });
  else if (result.total === null) showing = t('showingMore', { shown: n(shown.length), received: n(result.rows.length) });

  const count = result.total ?? result.rows.length;
  return (
    <div className="sql-result">
      {showing && <p className="sql-showing">{showing}</p>}
      {cutBytes && <p className="sql-showing" data-cut="bytes">{cutBytes}</p>}
      <div className="sql-table-scroll" role="region" aria-labelledby="sql-result-caption" tabIndex={0}>
        <table className="sql-table">
          <caption id="sql-result-caption">{t('rows', { count, formatted: n(count) })}</caption>
          <thead>
            <tr>
              {result.columns.map((c) => (
                <th key={c.name} scope="col" className={c.kind === 'number' ? 'num' : undefined}>{c.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row, i) => (
              <tr key={i}>
                {result.columns.map((c) => {
                  const value = row[c.name];
                  const className = [c.kind === 'number' ? 'num' : '', value === null || value === undefined ? 'null' : ''].filter(Boolean).join(' ');
                  return (
                    <td key={c.name} className={className || undefined}>{formatCell(value, c, locale, t, years.has(c.name))}</td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
