import type { DatasetDescription } from '../shared/catalogue.ts';
import { AppError } from '../shared/errors.ts';
import { mapApplies, per100kApplies } from '../shared/indicators.ts';
import { dimensionColumns } from '../shared/sql/person-query.ts';
import { isIndicatorView, type ViewSpec } from '../shared/view-spec.ts';
import { hasColumn, isComparisonPackage } from './conventions.ts';
import type { PackageDescriptor } from './data-package.ts';

/**
 * Checks a view against the package before any SQL runs, so the user hears which name is
 * wrong or why a transform or a view does not apply, rather than a database error or a
 * chart that says something the data do not.
 */
export function checkViewAgainstPackage(spec: ViewSpec, descriptor: PackageDescriptor, description: DatasetDescription): void {
  const detail = { dataset: spec.dataset, view: spec.view };
  if (isIndicatorView(spec)) {
    // A package's own indicator table, or the tables the user mapped (src/engine/package-mappings.ts).
    if (!isComparisonPackage(descriptor) && description.indicatorDetails.length === 0) {
      throw new AppError('view-not-supported', `${spec.dataset} has no indicator values to chart`, detail);
    }
    const indicator = description.indicatorDetails.find((i) => i.id === spec.indicator);
    if (!indicator) {
      throw new AppError('indicator-not-found', `No indicator ${spec.indicator} in ${spec.dataset}`, { ...detail, indicator: spec.indicator });
    }
    if (spec.transform === 'per100k' && !per100kApplies(indicator, description.populationCountries)) {
      throw new AppError(
        'transform-not-applicable',
        `${indicator.name} (${indicator.unit}) is not a count of people or staff for a country with a population in ${spec.dataset}; per 100,000 does not apply`,
        { ...detail, indicator: indicator.name, unit: indicator.unit, transform: spec.transform },
      );
    }
    if (spec.view === 'map' && !mapApplies(indicator)) {
      throw new AppError('view-not-supported', `${indicator.name} is not a national figure comparable across countries; it is listed, not mapped`, {
        ...detail,
        context: 'map',
        indicator: indicator.name,
      });
    }
    return;
  }
  if (spec.suppressBelow < description.smallCellThreshold) {
    throw new AppError('invalid-request', `${spec.dataset} does not allow counts below ${description.smallCellThreshold} to be shown`, {
      ...detail,
      context: 'threshold',
      threshold: description.smallCellThreshold,
    });
  }
  const needs: [string, string][] = [['referral', 'country_code']];
  if (spec.view === 'breakdown' && dimensionColumns[spec.dimension].activities) needs.push(['referral_activity', 'referral_id']);
  if (spec.view === 'breakdown' && !dimensionColumns[spec.dimension].activities) needs.push(['referral', spec.dimension]);
  if (spec.view === 'pathway') needs.push(['referral', 'contacted'], ['referral', 'connected'], ['referral', 'discharge_reason']);
  if (spec.view === 'outcome') needs.push(['outcome_measurement', 'score']);
  for (const [table, column] of needs) {
    if (!hasColumn(descriptor, table, column)) {
      throw new AppError('column-not-found', `No column ${column} in ${spec.dataset}.${table}`, { ...detail, table, column });
    }
  }
}
