import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** A fresh folder for this test file, removed afterwards. */
export async function tempDir(prefix = 'sprig-test-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
export const bundledData = path.join(repoRoot, 'data');
export const demoPackage = path.join(bundledData, 'sprig-demo');

/** A copy of the demo package to break on purpose (the original is never touched). */
export async function copyDemoPackage(into: string, name = 'sprig-demo'): Promise<string> {
  const dir = path.join(into, name);
  await cp(demoPackage, dir, { recursive: true });
  return dir;
}

/**
 * Drops the demo copy's declared `hash` and `bytes` of every resource, for tests that break a
 * file on purpose to see another rule refuse it: otherwise the integrity check
 * (src/engine/source-integrity.ts, tested in test/security/integrity.test.ts) refuses every
 * edited file first.
 */
export async function withoutIntegrity(dir: string): Promise<void> {
  const file = path.join(dir, 'datapackage.json');
  const descriptor = JSON.parse(await readFile(file, 'utf8')) as { resources: Record<string, unknown>[] };
  for (const resource of descriptor.resources) {
    delete resource.hash;
    delete resource.bytes;
  }
  await writeFile(file, `${JSON.stringify(descriptor, null, 2)}\n`);
}
