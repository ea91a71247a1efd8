import path from 'node:path';

/** What the desktop app takes from its command line: the same data options as `sprig serve`. */
export interface DesktopOptions {
  /** Extra folders of data packages for this run (`--data DIR`, repeatable). */
  dataDirs: string[];
  /** Sprig's own folder instead of the default (`--store DIR`). */
  storeDir?: string;
  /** Options given without a folder, to report; the app still starts. */
  problems: string[];
}

const OPTIONS = ['--data', '--store'] as const;
type OptionName = (typeof OPTIONS)[number];

/**
 * Reads `--data DIR`, `--data=DIR`, `--store DIR` and `--store=DIR` from `argv`, resolving
 * folders against `cwd`. Anything else is left alone: Electron and Chromium put their own
 * switches there.
 */
export function parseDesktopArgs(argv: readonly string[], cwd: string): DesktopOptions {
  const options: DesktopOptions = { dataDirs: [], problems: [] };
  let i = 0;
  while (i < argv.length) {
    const option = readOption(argv, i);
    i += option?.consumed ?? 1;
    if (!option) continue;
    if (!option.value) {
      options.problems.push(`${option.name} needs a folder`);
      continue;
    }
    const folder = path.resolve(cwd, option.value);
    if (option.name === '--data') options.dataDirs.push(folder);
    else options.storeDir = folder;
  }
  return options;
}

interface Option {
  name: OptionName;
  value: string | undefined;
  /** How many arguments it took: 1 for `--data=DIR` or a missing value, 2 for `--data DIR`. */
  consumed: number;
}

function readOption(argv: readonly string[], index: number): Option | undefined {
  const arg = argv[index] ?? '';
  for (const name of OPTIONS) {
    if (arg.startsWith(`${name}=`)) return { name, value: arg.slice(name.length + 1), consumed: 1 };
    if (arg === name) {
      const next = argv[index + 1];
      if (next === undefined || next.startsWith('--')) return { name, value: undefined, consumed: 1 };
      return { name, value: next, consumed: 2 };
    }
  }
  return undefined;
}
