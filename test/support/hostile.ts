import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Engine, type EngineOptions } from '../../src/engine/engine.ts';
import type { Catalogue, RefusedPackage } from '../../src/shared/catalogue.ts';
import { problemSentence } from '../../src/shared/load-problems.ts';
import { tempDir } from './temp.ts';
import { createI18n } from '../../src/shared/i18n/create.ts';

/** A package folder written from a descriptor and files (text or bytes). */
export async function writePackage(dir: string, descriptor: object, files: Record<string, string | Uint8Array> = {}): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'datapackage.json'), JSON.stringify(descriptor));
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
  return dir;
}

/** Opens one folder in a fresh engine with its own store; answers the catalogue, then closes. */
export async function catalogueOf(folder: string, options: Partial<EngineOptions> = {}): Promise<Catalogue> {
  const engine = await Engine.open({ storeDir: await tempDir('sprig-store-'), bundledDataDirs: [], extraDataDirs: [folder], prepare: false, ...options });
  try {
    return await engine.listDatasets();
  } finally {
    await engine.close();
  }
}

/** The sentence the interface shows for a refusal, in a language. */
export function shownSentence(refused: RefusedPackage, lng = 'en-GB'): string {
  const i18n = createI18n(lng);
  const sentence = problemSentence((key, options) => (i18n.t as unknown as (k: string, o?: object) => string)(key, options), refused);
  // A key without a translation would come back as the key itself.
  if (sentence.includes('loadProblem.')) throw new Error(`no ${lng} sentence for ${refused.code}: ${sentence}`);
  return sentence;
}

/**
 * What the interface must never show: DuckDB's own error wording, control characters or raw
 * bytes, an absolute path of this machine, a message longer than a researcher reads.
 */
export function plainForResearchers(text: string, machinePaths: string[]): string[] {
  const problems: string[] = [];
  for (const raw of ['Invalid Input Error', 'CSV Error on Line', 'Binder Error', 'Catalog Error', 'Conversion Error', 'Parser Error', 'Error:']) {
    if (text.includes(raw)) problems.push(`says DuckDB's "${raw}"`);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/.test(text)) problems.push('holds control characters or raw bytes');
  if (text.length > 600) problems.push(`is ${text.length} characters long`);
  for (const p of machinePaths) if (text.includes(p)) problems.push(`names the machine's path ${p}`);
  return problems;
}
