import { cp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSprig as run } from '../support/sprig-cli.ts';
import { demoPackage, tempDir } from '../support/temp.ts';

describe('sprig datasets', () => {
  it('lists the bundled package with its tables and indicators, and exits 0', async () => {
    const { code, stdout } = await run(['datasets', '--store', await tempDir(), '--json']);
    expect(code).toBe(0);
    const catalogue = JSON.parse(stdout);
    expect(catalogue.refused).toEqual([]);
    expect(catalogue.datasets[0]).toMatchObject({ name: 'sprig-demo', version: expect.any(String), title: expect.any(String) });
    expect(catalogue.datasets[0].indicators).toContain('link_worker_fte_nwrs');
  });

  it('prints a readable list', async () => {
    const { code, stdout } = await run(['datasets', '--store', await tempDir()]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/sprig-demo .* — /);
    expect(stdout).toMatch(/indicators: .*link_worker_fte_nwrs/);
  });

  it('names every refused package with its reason and exits non-zero', async () => {
    const extra = await tempDir();
    const broken = path.join(extra, 'broken');
    await cp(demoPackage, broken, { recursive: true });
    await writeFile(path.join(broken, 'datapackage.json'), '{ "name": "broken", ');
    const { code, stdout } = await run(['datasets', '--store', await tempDir(), '--data', extra]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/Refused \(1\)/);
    expect(stdout).toContain(broken);
    expect(stdout).toMatch(/not valid JSON/);
  });
});

describe('the command line speaks the user’s language', () => {
  it('answers in German when the environment asks for German', async () => {
    const { code, stderr } = await run(['frobnicate'], { LANG: 'de_DE.UTF-8' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/frobnicate/);
    expect(stderr).not.toMatch(/Unknown command/);
  });
});

describe('the command line refuses what it does not understand', () => {
  it.each([
    [['datasets', '--colour'], /Unknown option --colour/],
    [['serve', '--port', 'eighty'], /--port must be a whole number/],
    [['serve', '--port'], /--port needs a value/],
    [['frobnicate'], /Unknown command “frobnicate”/],
  ])('%j', async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/Usage:/);
  });
});
