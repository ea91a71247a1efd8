import { describe, expect, it } from 'vitest';
import { createClient, dispatch, methodNames, type SprigService } from '../../src/shared/contract.ts';
import { AppError } from '../../src/shared/errors.ts';

/** A service that records what reached it: the contract's job is to stop bad calls before this. */
function recordingService(calls: unknown[]): SprigService {
  const answer = async (args: unknown) => {
    calls.push(args);
    return { datasets: [], refused: [], folders: [] };
  };
  return {
    listDatasets: answer,
    describeDataset: async ({ dataset }) => {
      throw new AppError('dataset-not-found', `No dataset named ${dataset}`, { dataset });
    },
    runView: async () => new Uint8Array([1, 2, 3]),
    addDataFolder: answer,
    removeDataFolder: answer,
    cancelQuery: async () => undefined,
    runSql: async () => new Uint8Array(),
    loadStatus: async () => ({ preparing: [] }),
    cancelPreparation: async () => ({ preparing: [] }),
    inspectMapping: async () => {
      throw new AppError('table-not-found', 'No table', {});
    },
    saveMapping: async () => {
      throw new AppError('mapping-invalid', 'Not yet', {});
    },
    listMappings: async () => [],
    removeMapping: async () => undefined,
    renderFigure: async () => new Uint8Array(),
    exportFigureBundle: async () => new Uint8Array(),
    inspectImport: async () => {
      throw new AppError('import-refused', 'No file', { context: 'file-unreadable' });
    },
    startImport: async () => {
      throw new AppError('import-refused', 'No file', { context: 'file-unreadable' });
    },
    importStatus: async ({ importId }) => {
      throw new AppError('import-not-found', `No import ${importId}`, { importId });
    },
    cancelImport: async ({ importId }) => {
      throw new AppError('import-not-found', `No import ${importId}`, { importId });
    },
    confirmImport: async ({ importId }) => {
      throw new AppError('import-not-found', `No import ${importId}`, { importId });
    },
    listImports: async () => [],
    removeImport: answer,
  } as SprigService;
}

describe('the contract', () => {
  it('lists exactly the methods both sides implement', () => {
    expect([...methodNames].sort()).toEqual([
      'addDataFolder',
      'cancelImport',
      'cancelPreparation',
      'cancelQuery',
      'confirmImport',
      'describeDataset',
      'exportFigureBundle',
      'importStatus',
      'inspectImport',
      'inspectMapping',
      'listDatasets',
      'listImports',
      'listMappings',
      'loadStatus',
      'removeDataFolder',
      'removeImport',
      'removeMapping',
      'renderFigure',
      'runSql',
      'runView',
      'saveMapping',
      'startImport',
    ]);
  });

  it('refuses an unknown method as data, without calling anything', async () => {
    const calls: unknown[] = [];
    const result = await dispatch(recordingService(calls), 'dropEverything', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(calls).toEqual([]);
  });

  it('refuses arguments that break the schema, naming where', async () => {
    const calls: unknown[] = [];
    const service = recordingService(calls);
    expect(await dispatch(service, 'describeDataset', { dataset: 'Bad Name!' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', detail: { where: 'dataset' } },
    });
    expect(await dispatch(service, 'listDatasets', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await dispatch(service, 'addDataFolder', { path: '' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(calls).toEqual([]);
  });

  it('refuses a view spec that is not a valid view, before the engine sees it', async () => {
    const result = await dispatch(recordingService([]), 'runView', { spec: { version: 1, view: 'trend', dataset: 'x', indicator: 'a; DROP TABLE' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('carries errors across as data and turns them back into AppError with their code', async () => {
    const service = recordingService([]);
    const client = createClient((method, args) => dispatch(service, method, args));
    const error = await client.describeDataset({ dataset: 'missing' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'dataset-not-found', detail: { dataset: 'missing' } });
  });

  it('turns an unexpected exception into an internal error rather than losing it', async () => {
    const service = { ...recordingService([]), listDatasets: async () => { throw new TypeError('boom'); } } as SprigService;
    expect(await dispatch(service, 'listDatasets', {})).toMatchObject({ ok: false, error: { code: 'internal', message: 'boom' } });
  });

  it('passes binary answers through unchanged', async () => {
    const client = createClient((method, args) => dispatch(recordingService([]), method, args));
    const spec = { version: 1, view: 'trend', dataset: 'sprig-demo', indicator: 'x' } as const;
    expect(await client.runView({ spec })).toEqual(new Uint8Array([1, 2, 3]));
  });
});
