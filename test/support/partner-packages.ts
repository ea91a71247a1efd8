import { chmod, cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from './temp.ts';

/**
 * Partners' data packages for the mapping tests: real public packages from the shared
 * conformance corpus (read there, never changed: tests work on copies), and a small package
 * whose country column is written in German.
 */
export const conformanceCorpus = path.resolve(repoRoot, '..', 'shared', 'conformance', 'frictionless');

/** Copies of corpus packages into `into` (writable, so the test's folder can be removed after). */
export async function copyCorpusPackages(into: string, names: string[]): Promise<void> {
  for (const name of names) {
    const target = path.join(into, name);
    await cp(path.join(conformanceCorpus, name), target, { recursive: true, verbatimSymlinks: true });
    await makeWritable(target);
  }
}

async function makeWritable(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const entryPath = path.join(dir, entry.name);
    if (entry.isDirectory()) await makeWritable(entryPath);
    else if (entry.isFile()) await chmod(entryPath, 0o644);
  }
}

/**
 * A package whose countries are German names ("Deutschland", "Griechenland", "Vereinigtes
 * Königreich"), one row per country and year: the shape of a German partner's table.
 * Population in millions, rounded, to have something true-ish to draw; the package says so.
 */
export async function germanNamedPackage(into: string): Promise<string> {
  const dir = path.join(into, 'bevoelkerung-de');
  await mkdir(dir, { recursive: true });
  const rows = [
    ['Deutschland', 2021, 83.2],
    ['Deutschland', 2022, 84.1],
    ['Deutschland', 2023, 84.7],
    ['Griechenland', 2021, 10.6],
    ['Griechenland', 2022, 10.4],
    ['Griechenland', 2023, 10.4],
    ['Vereinigtes Königreich', 2021, 67.0],
    ['Vereinigtes Königreich', 2022, 67.6],
    ['Vereinigtes Königreich', 2023, 68.3],
  ];
  await writeFile(path.join(dir, 'bevoelkerung.csv'), `Land,Jahr,Einwohner\n${rows.map((r) => r.join(',')).join('\n')}\n`);
  await writeFile(
    path.join(dir, 'datapackage.json'),
    `${JSON.stringify(
      {
        name: 'bevoelkerung-de',
        title: 'Bevölkerung ausgewählter Länder (Testdaten)',
        description: 'Einwohner in Millionen, gerundet; ein kleines Testpaket mit deutschen Ländernamen.',
        licenses: [{ name: 'CC0-1.0', title: 'Creative Commons Zero v1.0' }],
        sources: [{ title: 'Sprig-Testdaten' }],
        resources: [
          {
            name: 'bevoelkerung',
            path: 'bevoelkerung.csv',
            schema: {
              fields: [
                { name: 'Land', type: 'string', title: 'Land' },
                { name: 'Jahr', type: 'year', title: 'Jahr' },
                { name: 'Einwohner', type: 'number', title: 'Einwohner', description: 'Einwohner in Millionen (million people)' },
              ],
            },
          },
        ],
      },
      null,
      2,
    )}\n`,
  );
  return dir;
}
