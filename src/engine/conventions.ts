import { VALUES_TABLE } from '../shared/sql/view-query.ts';
import { DESCRIPTOR_FILE, PackageRefusal, type PackageDescriptor } from './data-package.ts';

/**
 * The tables that make a data package comparable across countries in Sprig. A package
 * may have any other tables too; but if it has one of these, it must have these columns.
 */
export const conventionalColumns: Record<string, string[]> = {
  country: ['country_code', 'name_en'],
  indicator: ['indicator_id', 'name', 'definition', 'unit', 'measure_kind', 'comparability_level', 'caveat'],
  source: ['source_id', 'title', 'organisation', 'year', 'url', 'licence'],
  [VALUES_TABLE]: [
    'country_code', 'indicator_id', 'period_label', 'period_start', 'period_end', 'value', 'lower', 'upper',
    'data_status', 'is_synthetic', 'source_id', 'note',
  ],
  referral: ['country_code'],
};

export function hasTable(descriptor: PackageDescriptor, name: string): boolean {
  return descriptor.resources.some((r) => r.name === name);
}

export function hasColumn(descriptor: PackageDescriptor, table: string, column: string): boolean {
  return descriptor.resources.some((r) => r.name === table && r.schema.fields.some((f) => f.name === column));
}

/** Refuses a package whose conventional tables lack a column Sprig relies on. */
export function checkConventions(descriptor: PackageDescriptor): void {
  for (const resource of descriptor.resources) {
    const required = conventionalColumns[resource.name];
    if (!required) continue;
    const names = new Set(resource.schema.fields.map((f) => f.name));
    const missing = required.find((column) => !names.has(column));
    if (missing) {
      throw new PackageRefusal(`${DESCRIPTOR_FILE}: table "${resource.name}" has no column "${missing}", which Sprig needs`, {
        file: DESCRIPTOR_FILE,
        field: `${resource.name}.${missing}`,
        rule: 'convention',
      });
    }
  }
}

/** Whether a package can draw indicator charts. */
export function isComparisonPackage(descriptor: PackageDescriptor): boolean {
  return hasTable(descriptor, 'indicator') && hasTable(descriptor, VALUES_TABLE);
}
