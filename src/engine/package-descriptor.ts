import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * The descriptor side of a Frictionless Data Package (v1): what `datapackage.json` may say,
 * reading it, and the refusal that names where a package breaks its own descriptor.
 */

const nameSchema = z.string().regex(/^[a-z0-9._-]+$/, 'must use only lower-case letters, digits, ".", "-" and "_"');

const fieldSchema = z.looseObject({
  name: z.string().min(1),
  type: z.string().optional(),
  format: z.string().optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  constraints: z.looseObject({}).optional(),
});

const resourceSchema = z.looseObject({
  name: nameSchema,
  path: z.string().min(1),
  title: z.string().optional(),
  format: z.string().optional(),
  dialect: z.looseObject({ delimiter: z.string().length(1).optional() }).optional(),
  schema: z.looseObject({
    fields: z.array(fieldSchema).min(1),
    missingValues: z.array(z.string()).optional(),
    primaryKey: z.union([z.string(), z.array(z.string())]).optional(),
    foreignKeys: z.array(z.looseObject({})).optional(),
  }),
});

const descriptorSchema = z.looseObject({
  name: nameSchema,
  title: z.string().optional(),
  description: z.string().optional(),
  version: z.string().optional(),
  licenses: z.array(z.looseObject({ name: z.string().optional(), title: z.string().optional() })).optional(),
  resources: z.array(resourceSchema).min(1),
  sprig: z.looseObject({ synthetic: z.boolean().optional() }).optional(),
});

export type PackageDescriptor = z.infer<typeof descriptorSchema>;
export type ResourceDescriptor = z.infer<typeof resourceSchema>;
export type FieldDescriptor = z.infer<typeof fieldSchema>;

export const DESCRIPTOR_FILE = 'datapackage.json';

/** Why a package was not opened, and where, when the problem is in one place. */
export class PackageRefusal extends Error {
  readonly file: string | undefined;
  readonly row: number | undefined;
  readonly field: string | undefined;
  readonly rule: string | undefined;

  constructor(message: string, where: { file?: string; row?: number; field?: string; rule?: string } = {}) {
    super(message);
    this.file = where.file;
    this.row = where.row;
    this.field = where.field;
    this.rule = where.rule;
  }
}

export async function readDescriptor(folder: string): Promise<PackageDescriptor> {
  let text: string;
  try {
    text = await readFile(path.join(folder, DESCRIPTOR_FILE), 'utf8');
  } catch {
    throw new PackageRefusal(`${DESCRIPTOR_FILE} cannot be read`, { file: DESCRIPTOR_FILE });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PackageRefusal(`${DESCRIPTOR_FILE} is not valid JSON: ${(error as Error).message}`, { file: DESCRIPTOR_FILE, rule: 'json' });
  }
  const parsed = descriptorSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new PackageRefusal(`${DESCRIPTOR_FILE}: ${where}: ${issue?.message ?? 'invalid'}`, { file: DESCRIPTOR_FILE, field: where, rule: 'descriptor' });
  }
  for (const resource of parsed.data.resources) checkResourcePath(resource);
  return parsed.data;
}

/** Data must sit inside the package folder: nothing on the network, nothing elsewhere on disk. */
function checkResourcePath(resource: ResourceDescriptor): void {
  const p = resource.path;
  if (/^[a-z][a-z0-9+.-]*:/i.test(p) || path.isAbsolute(p) || p.split(/[\\/]/).includes('..')) {
    throw new PackageRefusal(`resource "${resource.name}": path "${p}" is outside the package folder; Sprig opens only files inside it`, {
      file: DESCRIPTOR_FILE,
      field: `resources.${resource.name}.path`,
      rule: 'path',
    });
  }
}

const duckdbTypes: Record<string, string> = {
  string: 'VARCHAR',
  integer: 'BIGINT',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
  date: 'DATE',
  datetime: 'TIMESTAMP',
  time: 'TIME',
  year: 'INTEGER',
  any: 'VARCHAR',
};

/** The DuckDB type for a Frictionless field type; types Sprig does not model stay text. */
export function duckdbType(field: FieldDescriptor): string {
  return duckdbTypes[field.type ?? 'string'] ?? 'VARCHAR';
}
