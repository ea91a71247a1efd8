/**
 * The contract's method names, free of any dependency so the sandboxed preload can take
 * them without bundling the schemas. `contract.ts` fails the type check if the two differ.
 */
export const methodNames = [
  'listDatasets',
  'describeDataset',
  'runView',
  'addDataFolder',
  'removeDataFolder',
  'cancelQuery',
  'runSql',
  'inspectMapping',
  'saveMapping',
  'listMappings',
  'removeMapping',
  'renderFigure',
  'exportFigureBundle',
  'loadStatus',
  'cancelPreparation',
  'inspectImport',
  'startImport',
  'importStatus',
  'cancelImport',
  'confirmImport',
  'listImports',
  'removeImport',
] as const;

export type MethodName = (typeof methodNames)[number];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && (methodNames as readonly string[]).includes(name);
}
