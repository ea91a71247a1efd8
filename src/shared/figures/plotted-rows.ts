import type { Answer, AnswerRow } from '../view-table.ts';
import type { ViewSpec } from '../view-spec.ts';

/**
 * The rows of a view's answer that its figure plots: a latest-period chart and a map draw
 * each country's latest value (or the row saying why it has none), a slope its two periods;
 * every other view draws every row. Rows that only say why a country has no value stay:
 * the figure names them in its notes.
 */
export function plottedAnswer(spec: ViewSpec, answer: Answer): Answer {
  const hasPeriod = (r: AnswerRow) => r.period !== null && r.period !== undefined;
  if (spec.view === 'slope') return { ...answer, rows: answer.rows.filter((r) => !hasPeriod(r) || r.period === spec.from || r.period === spec.to) };
  if (spec.view !== 'latest' && spec.view !== 'map') return answer;
  const latest = new Map<string, AnswerRow>();
  for (const r of answer.rows.filter(hasPeriod)) {
    const country = String(r.country);
    const seen = latest.get(country);
    const start = (row: AnswerRow) => Number(row.period_start ?? 0);
    const better = !seen || (seen.value === null && r.value !== null) || ((seen.value === null) === (r.value === null) && start(r) > start(seen));
    if (better) latest.set(country, r);
  }
  const kept = new Set(latest.values());
  return { ...answer, rows: answer.rows.filter((r) => !hasPeriod(r) || kept.has(r)) };
}
