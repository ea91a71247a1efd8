import type { Catalogue } from '../../shared/catalogue.ts';
import type { MethodArgs } from '../../shared/contract.ts';
import type { ImportInspection, ImportStatus, ImportSummary } from '../../shared/import/answers.ts';

/** What the engine gives the imports: its store, and a way to open the packages again once an import is written or removed. */
export interface ImportHost {
  storeDir: string;
  reload: () => Promise<Catalogue>;
}

/** The import jobs of one engine (filled in by src/engine/import/*). */
export class Imports {
  readonly host: ImportHost;
  constructor(host: ImportHost) {
    this.host = host;
  }
  async inspect(_args: MethodArgs<'inspectImport'>): Promise<ImportInspection> {
    throw new Error('not yet');
  }
  async start(_args: MethodArgs<'startImport'>): Promise<ImportStatus> {
    throw new Error('not yet');
  }
  async status(_args: MethodArgs<'importStatus'>): Promise<ImportStatus> {
    throw new Error('not yet');
  }
  async cancel(_args: MethodArgs<'cancelImport'>): Promise<ImportStatus> {
    throw new Error('not yet');
  }
  async confirm(_args: MethodArgs<'confirmImport'>): Promise<ImportStatus> {
    throw new Error('not yet');
  }
  async list(): Promise<ImportSummary[]> {
    return [];
  }
  async remove(_args: MethodArgs<'removeImport'>): Promise<Catalogue> {
    throw new Error('not yet');
  }
}
