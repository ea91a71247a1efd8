import { indicatorValuesQuery, populationsQuery, type IndicatorColumns } from './indicator-query.ts';
import { personCountQuery } from './person-query.ts';

export { indicatorValuesQuery, personCountQuery, populationsQuery, type IndicatorColumns };
export { POPULATION_TABLE, VALUES_TABLE } from './indicator-query.ts';
export type { QueryTarget, SqlQuery } from './sql-parts.ts';
