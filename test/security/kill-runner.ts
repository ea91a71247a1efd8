/**
 * The engine doing store writes without end, for the kill test (crash-safety.test.ts): it adds
 * and removes data folders, saves a mapping, and answers a view, round after round, and says
 * on standard output what it is about to write ("attempt …") and what is written ("confirmed …"),
 * so that the test knows, whenever it kills this process, what must be in the store.
 *
 * node test/security/kill-runner.ts STORE FOLDER...   (the first folder holds the mapped package)
 */
import { Engine } from '../../src/engine/engine.ts';

const [store, ...folders] = process.argv.slice(2);
if (!store || folders.length < 2) throw new Error('usage: kill-runner.ts STORE MAPPED-FOLDER FOLDER...');

const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
const engine = await Engine.open({ storeDir: store, bundledDataDirs: [], prepare: false, log: () => {} });
say({ kind: 'open' });

for (let round = 0; ; round++) {
  // Folders: the mapped package's always there; the others come and go.
  const current = (await engine.listDatasets()).folders;
  const other = folders[1 + (round % (folders.length - 1))]!;
  const next = current.includes(folders[0]!) ? (current.includes(other) ? current.filter((f) => f !== other) : [...current, other]) : [...current, folders[0]!];
  say({ kind: 'attempt', what: 'folders', folders: next });
  if (next.length > current.length) await engine.addDataFolder({ path: next.find((f) => !current.includes(f))! });
  else await engine.removeDataFolder({ path: current.find((f) => !next.includes(f))! });
  say({ kind: 'confirmed', what: 'folders', folders: next });

  // A mapping, renamed each round.
  const inspection = await engine.inspectMapping({ dataset: 'bevoelkerung-de', table: 'bevoelkerung' });
  const draft = inspection.draft;
  const name = `Einwohner ${round}`;
  const leftOut = Object.fromEntries(inspection.check.countryValues.filter((c) => !c.decided).map((c) => [c.raw, null]));
  say({ kind: 'attempt', what: 'mapping', name });
  await engine.saveMapping({
    dataset: 'bevoelkerung-de',
    draft: { ...draft, countries: { ...draft.countries, ...leftOut }, indicators: draft.indicators.map((i) => ({ ...i, name, unit: 'million people' })) },
  });
  say({ kind: 'confirmed', what: 'mapping', name });

  // A view, killed in the middle of as often as not.
  await engine.run({ sql: 'SELECT count(*) AS n FROM "bevoelkerung-de".bevoelkerung', params: {} });
  say({ kind: 'confirmed', what: 'view' });
}
