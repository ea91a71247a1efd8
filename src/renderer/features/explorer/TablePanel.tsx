import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../../shared/format.ts';
import { toCsv } from '../../../shared/table-csv.ts';
import { compareCells, dateColumns, tableRows, type Cell, type TableRow } from './table-rows.ts';
import type { Table } from 'apache-arrow';
import { downloadText } from './download.ts';

interface Props {
  table: Table;
  fileName: string;
  /** A cell as the reader should see it (country names, category labels); numbers are formatted here. */
  label: (column: string, value: Cell) => string | null;
}

/** Exactly the values the chart plots, with status and source per row; sortable and downloadable. */
export function TablePanel({ table, fileName, label }: Props) {
  const { t, i18n } = useTranslation();
  const { columns, rows } = useMemo(() => tableRows(table), [table]);
  const [sort, setSort] = useState<{ column: string; direction: 1 | -1 } | null>(null);
  const sorted = useMemo(
    () => (sort ? [...rows].sort((a, b) => sort.direction * compareCells(a[sort.column] ?? null, b[sort.column] ?? null)) : rows),
    [rows, sort],
  );

  const show = (column: string, value: Cell): string => {
    const labelled = label(column, value);
    if (labelled !== null) return labelled;
    if (value === null) return '—';
    if (dateColumns.has(column) && typeof value === 'number') return formatDate(new Date(value), i18n.language);
    if (typeof value === 'number') return formatNumber(value, i18n.language, 2);
    if (typeof value === 'boolean') return value ? t('explorer.table.yes') : t('explorer.table.no');
    return value;
  };

  const download = () => {
    const csv = toCsv<TableRow>(
      rows,
      columns.map((c) => ({
        header: c,
        value: (r) => (dateColumns.has(c) && typeof r[c] === 'number' ? new Date(r[c] as number).toISOString().slice(0, 10) : (r[c] ?? null)),
      })),
    );
    downloadText(csv, `${fileName}.csv`, 'text/csv;charset=utf-8');
  };

  return (
    <div className="table-panel">
      <div className="row">
        <button type="button" onClick={download}>{t('explorer.table.download')}</button>
        <span className="help">{t('explorer.table.csvFormat')}</span>
      </div>
      <div className="table-scroll">
        <table>
          <caption>{t('explorer.table.caption', { count: rows.length })}</caption>
          <thead>
            <tr>
              {columns.map((c) => {
                const direction = sort?.column === c ? sort.direction : 0;
                return (
                  <th key={c} scope="col" aria-sort={direction === 1 ? 'ascending' : direction === -1 ? 'descending' : 'none'}>
                    <button type="button" onClick={() => setSort({ column: c, direction: direction === 1 ? -1 : 1 })}>
                      {t(`explorer.columns.${c}`, { defaultValue: c })}
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {sorted.map((row, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c} className={typeof row[c] === 'number' ? 'num' : undefined}>{show(c, row[c] ?? null)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
