// @vitest-environment jsdom
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { act } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { App } from '../../src/renderer/App.tsx';
import { mountWithEngine } from '../support/mount.tsx';
import { screenSettled } from '../support/settled.ts';
import { tempDir } from '../support/temp.ts';

/** A partner's package in plain Frictionless form: no indicator values, no referrals. */
async function plainPackage(folder: string): Promise<void> {
  const dir = path.join(folder, 'visits');
  await mkdir(dir);
  await writeFile(path.join(dir, 'visits.csv'), 'site,visits\nLibrary,120\nMuseum,85\n');
  await writeFile(
    path.join(dir, 'datapackage.json'),
    JSON.stringify({
      name: 'visits',
      title: 'Visits by site',
      resources: [{ name: 'visits', path: 'visits.csv', schema: { fields: [{ name: 'site', type: 'string' }, { name: 'visits', type: 'integer' }] } }],
    }),
  );
}

describe('a dataset Sprig cannot chart', () => {
  let engine: Engine;
  let container: HTMLElement;
  let unmount: () => void;

  beforeAll(async () => {
    const folder = await tempDir();
    await plainPackage(folder);
    engine = await Engine.open({ storeDir: await tempDir(), bundledDataDirs: [], extraDataDirs: [folder] });
    ({ container, unmount } = await mountWithEngine(engine, (root) => <App root={root} />));
    await vi.waitFor(
      () => {
        expect(container.dataset.appState).toBe('ready');
        expect(screenSettled(container)).toBe(true);
      },
      { timeout: 10_000 },
    );
  });
  afterAll(() => {
    unmount();
    engine.close();
  });

  it('says there is nothing to chart instead of failing, and offers its tables to the SQL console', () => {
    expect(container.textContent).toContain('This dataset has no indicators to chart.');
    expect(container.querySelector('[role="alert"]')).toBeNull();
    expect(container.querySelector('textarea')).not.toBeNull();
  });

  it('offers to map it, and says plainly why it cannot be charted: sites and visits, but no period', async () => {
    const map = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Map columns to chart this dataset');
    expect(map).toBeDefined();
    await act(async () => map!.click());
    await vi.waitFor(() => expect(screenSettled(container)).toBe(true), { timeout: 10_000 });
    const panel = container.querySelector('section.mapping')!;
    expect(panel.querySelector('.mapping-preview')?.textContent).toContain('Library');
    // The only number column is the period Sprig could not find elsewhere: nothing is left to chart.
    expect(panel.querySelector('.mapping-problems')?.textContent ?? '').toContain('Choose at least one column of values to chart.');
    const save = [...panel.querySelectorAll('button')].find((b) => b.textContent === 'Save the mapping and chart it');
    expect(save?.disabled).toBe(true);
  });
});
