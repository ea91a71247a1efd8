import { VALUES_TABLE } from '../shared/sql/view-query.ts';
import { DESCRIPTOR_FILE, PackageRefusal, type PackageDescriptor } from './data-package.ts';

/**
 * The tables that make a data package comparable across countries in Sprig. They apply
 * only to a package that is Sprig's own shape: one that says so (`sprig` in its
 * descriptor) or that has every one of these tables with its columns. Any other package
 * is a plain Frictionless package, whatever its tables are called: a partner's `country`
 * or `source` table is theirs, and Sprig's conventions never stop a valid package opening.
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

/** The tables a package must have, with their columns, to be taken as Sprig-shaped without saying so. */
const CORE_TABLES = ['country', 'indicator', 'source', VALUES_TABLE];

/** Whether Sprig's conventions apply: the package declares `sprig` metadata, or has all of Sprig's core tables with their columns. */
export function isSprigShaped(descriptor: PackageDescriptor): boolean {
  if (descriptor.sprig !== undefined) return true;
  return CORE_TABLES.every((table) => {
    const resource = descriptor.resources.find((r) => r.name === table);
    return resource !== undefined && conventionalColumns[table]!.every((c) => resource.schema.fields.some((f) => f.name === c));
  });
}

/** A table of Sprig's conventions (only in a Sprig-shaped package). */
export function hasTable(descriptor: PackageDescriptor, name: string): boolean {
  return isSprigShaped(descriptor) && descriptor.resources.some((r) => r.name === name);
}

/** A column of a table of Sprig's conventions (only in a Sprig-shaped package). */
export function hasColumn(descriptor: PackageDescriptor, table: string, column: string): boolean {
  return hasTable(descriptor, table) && descriptor.resources.some((r) => r.name === table && r.schema.fields.some((f) => f.name === column));
}

/** Refuses a Sprig-shaped package whose conventional tables lack a column Sprig relies on. */
export function checkConventions(descriptor: PackageDescriptor): void {
  if (!isSprigShaped(descriptor)) return;
  for (const resource of descriptor.resources) {
    const required = conventionalColumns[resource.name];
    if (!required) continue;
    const names = new Set(resource.schema.fields.map((f) => f.name));
    const missing = required.find((column) => !names.has(column));
    if (missing) {
      throw new PackageRefusal(`${DESCRIPTOR_FILE}: table "${resource.name}" has no column "${missing}", which Sprig needs`, {
        file: DESCRIPTOR_FILE,
        resource: resource.name,
        field: `${resource.name}.${missing}`,
        code: 'convention',
        rule: 'convention',
        values: { table: resource.name, column: missing },
      });
    }
  }
}

/** Whether a package can draw indicator charts. */
export function isComparisonPackage(descriptor: PackageDescriptor): boolean {
  return hasTable(descriptor, 'indicator') && hasTable(descriptor, VALUES_TABLE);
}
