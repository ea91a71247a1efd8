import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDesktopArgs } from '../../src/main/command-line.ts';

const cwd = path.resolve('/home/ana/work');

describe('the desktop command line', () => {
  it('takes repeated --data folders and one --store, like `sprig serve`', () => {
    const options = parseDesktopArgs(['--data', 'uk', '--data=/srv/us', '--store', '/tmp/sprig'], cwd);
    expect(options).toEqual({
      dataDirs: [path.join(cwd, 'uk'), path.resolve('/srv/us')],
      storeDir: path.resolve('/tmp/sprig'),
      problems: [],
    });
  });

  it('leaves Electron and Chromium switches and the app path alone', () => {
    const options = parseDesktopArgs(['.', '--no-sandbox', '--inspect=9229', '--data', 'de', '--enable-logging'], cwd);
    expect(options.dataDirs).toEqual([path.join(cwd, 'de')]);
    expect(options.storeDir).toBeUndefined();
  });

  it('reports an option without a folder and carries on', () => {
    const options = parseDesktopArgs(['--data', '--store', 'st', '--data'], cwd);
    expect(options.problems).toEqual(['--data needs a folder', '--data needs a folder']);
    expect(options.storeDir).toBe(path.join(cwd, 'st'));
    expect(options.dataDirs).toEqual([]);
  });

  it('reports an empty --store=', () => {
    expect(parseDesktopArgs(['--store='], cwd).problems).toEqual(['--store needs a folder']);
  });

  it('does not mistake a longer switch for one of its own', () => {
    expect(parseDesktopArgs(['--database', 'x', '--storefront=y'], cwd)).toEqual({ dataDirs: [], problems: [] });
  });
});
