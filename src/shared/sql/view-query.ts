import { isIndicatorView, type ViewSpec } from '../view-spec.ts';
import { indicatorQuery } from './indicator-query.ts';
import { personQuery } from './person-query.ts';
import type { QueryTarget, SqlQuery } from './sql-parts.ts';

export { VALUES_TABLE } from './indicator-query.ts';
export { breakdownQuery } from './person-query.ts';
export type { QueryTarget, SqlQuery } from './sql-parts.ts';

/** The SQL for any view: pure, so it is tested as text and run on real DuckDB. */
export function viewQuery(spec: ViewSpec, target: QueryTarget): SqlQuery {
  return isIndicatorView(spec) ? indicatorQuery(spec, target) : personQuery(spec, target);
}
