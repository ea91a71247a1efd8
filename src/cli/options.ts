import { figureFormats, presetIds, sizeUnits, type FigureFormat, type PresetId, type SizeUnit } from '../shared/figures/presets.ts';
import { LANGUAGES } from '../shared/i18n/languages.ts';
import { dateOrders, textEncodings, type DateOrder, type TextEncoding } from '../shared/import/recipe.ts';

/** The command line's words, parsed strictly: an unknown option is an error, never ignored. */

/** How `sprig query` prints its rows. */
export const queryFormats = ['csv', 'json'] as const;
export type QueryFormat = (typeof queryFormats)[number];

export interface CliOptions {
  command: string | null;
  port: number;
  store: string | null;
  data: string[];
  json: boolean;
  help: boolean;
  /** `sprig query`'s SQL: the one word after the command. */
  sql: string | null;
  /** `sprig query --dataset`: the default schema for unqualified table names. */
  dataset: string | null;
  format: QueryFormat;
  /** `sprig query --max-rows`; null means the engine's default. */
  maxRows: number | null;
  /** `sprig figure`: its options (src/cli/figure.ts). */
  figure: FigureCliOptions;
  /** `sprig import`: its options (src/cli/import.ts). */
  import: ImportCliOptions;
}

/** What `sprig import` is told; anything left null is detected (or taken from the recipe file). */
export interface ImportCliOptions {
  /** The file to import: the one word after the command. */
  file: string | null;
  encoding: TextEncoding | null;
  sheet: string | null;
  dateOrder: DateOrder | null;
  recipe: string | null;
  replace: boolean;
}

/** What `sprig figure` is told; anything left null comes from the view file's export settings, else the preset. */
export interface FigureCliOptions {
  /** The saved view: the one word after the command. */
  view: string | null;
  preset: PresetId | null;
  formats: FigureFormat[] | null;
  dpi: 300 | 600 | 1200 | null;
  language: string | null;
  out: string | null;
  bundle: boolean;
  width: Length | null;
  height: Length | null;
  font: 'arimo' | 'noto-sans' | null;
  pt: number | null;
  greyscale: boolean | null;
  plain: boolean | null;
  gridlines: boolean | null;
  allowOtherVersion: boolean;
}

export interface Length {
  value: number;
  unit: SizeUnit;
}

/** The largest --max-rows, as the contract's runSql allows. */
const MAX_ROWS_LIMIT = 100_000;

export class UsageError extends Error {
  readonly key: string;
  readonly values: Record<string, string>;
  constructor(key: string, values: Record<string, string>) {
    super(`${key} ${JSON.stringify(values)}`);
    this.key = key;
    this.values = values;
  }
}

export function parseOptions(argv: string[]): CliOptions {
  const options: CliOptions = {
    command: null,
    port: 0,
    store: null,
    data: [],
    json: false,
    help: false,
    sql: null,
    dataset: null,
    format: 'csv',
    maxRows: null,
    figure: {
      view: null,
      preset: null,
      formats: null,
      dpi: null,
      language: null,
      out: null,
      bundle: false,
      width: null,
      height: null,
      font: null,
      pt: null,
      greyscale: null,
      plain: null,
      gridlines: null,
      allowOtherVersion: false,
    },
    import: { file: null, encoding: null, sheet: null, dateOrder: null, recipe: null, replace: false },
  };
  let formatText: string | null = null;
  let optionsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    // After `--` every word is positional, so SQL may start with "-" (a `-- comment`).
    if (optionsEnded) {
      positional(options, word);
      continue;
    }
    if (word === '--') {
      optionsEnded = true;
      continue;
    }
    const [flag, inline] = word.startsWith('--') && word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError('optionNeedsValue', { option: flag });
      return v;
    };
    switch (flag) {
      case '--port':
        options.port = parsePort(value());
        break;
      case '--store':
        options.store = value();
        break;
      case '--data':
        options.data.push(value());
        break;
      case '--json':
        options.json = true;
        break;
      case '--dataset':
        options.dataset = value();
        break;
      case '--format':
        formatText = value();
        break;
      case '--preset':
        options.figure.preset = oneOf(value(), presetIds, '--preset');
        break;
      case '--dpi':
        options.figure.dpi = Number(oneOf(value(), ['300', '600', '1200'], '--dpi')) as 300 | 600 | 1200;
        break;
      case '--lang':
        options.figure.language = oneOf(value(), LANGUAGES.map((l) => l.code), '--lang');
        break;
      case '--out':
        options.figure.out = value();
        break;
      case '--bundle':
        options.figure.bundle = true;
        break;
      case '--width':
        options.figure.width = parseLength(value(), '--width');
        break;
      case '--height':
        options.figure.height = parseLength(value(), '--height');
        break;
      case '--font':
        options.figure.font = oneOf(value(), ['arimo', 'noto-sans'] as const, '--font');
        break;
      case '--pt':
        options.figure.pt = parsePt(value());
        break;
      case '--greyscale':
        options.figure.greyscale = true;
        break;
      case '--plain':
        options.figure.plain = true;
        break;
      case '--no-gridlines':
        options.figure.gridlines = false;
        break;
      case '--gridlines':
        options.figure.gridlines = true;
        break;
      case '--allow-other-version':
        options.figure.allowOtherVersion = true;
        break;
      case '--encoding':
        options.import.encoding = oneOf(value().toLowerCase(), textEncodings, '--encoding');
        break;
      case '--sheet':
        options.import.sheet = value();
        break;
      case '--date-order':
        options.import.dateOrder = oneOf(value(), dateOrders, '--date-order');
        break;
      case '--recipe':
        options.import.recipe = value();
        break;
      case '--replace':
        options.import.replace = true;
        break;
      case '--max-rows':
        options.maxRows = parseMaxRows(value());
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        if (flag.startsWith('-')) throw new UsageError('unknownOption', { option: flag });
        positional(options, word);
    }
  }
  const { width, height } = options.figure;
  if (width && height && width.unit !== height.unit) throw new UsageError('lengthUnitsDiffer', { width: `${width.value}${width.unit}`, height: `${height.value}${height.unit}` });
  if (formatText !== null) {
    if (options.command === 'figure') options.figure.formats = parseFigureFormats(formatText);
    else options.format = parseFormat(formatText);
  }
  return options;
}

/** The first word is the command; `query` takes one more (its SQL), `figure` its view file. */
function positional(options: CliOptions, word: string): void {
  if (options.command === null) options.command = word;
  else if (options.command === 'query' && options.sql === null) options.sql = word;
  else if (options.command === 'query') throw new UsageError('queryOneSql', {});
  else if (options.command === 'figure' && options.figure.view === null) options.figure.view = word;
  else if (options.command === 'figure') throw new UsageError('figureOneView', {});
  else if (options.command === 'import' && options.import.file === null) options.import.file = word;
  else if (options.command === 'import') throw new UsageError('importOneFile', {});
  else throw new UsageError('unknownCommand', { command: word });
}

function oneOf<T extends string>(text: string, allowed: readonly T[], option: string): T {
  if ((allowed as readonly string[]).includes(text)) return text as T;
  throw new UsageError('badChoice', { option, value: text, choices: allowed.join(', ') });
}

function parseFigureFormats(text: string): FigureFormat[] {
  return [...new Set(text.split(',').map((f) => oneOf(f.trim(), figureFormats, '--format')))];
}

/** "120mm", "3.5in", "1200px", or a bare number of mm. */
function parseLength(text: string, option: string): Length {
  const match = /^(\d+(?:\.\d+)?)\s*(mm|in|px)?$/.exec(text.trim());
  const value = Number(match?.[1]);
  if (!match || !(value > 0)) throw new UsageError('badLength', { option, value: text, units: sizeUnits.join(', ') });
  return { value, unit: (match[2] as SizeUnit | undefined) ?? 'mm' };
}

function parsePt(text: string): number {
  const pt = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || pt <= 0) throw new UsageError('badPt', { value: text });
  return pt;
}

function parseFormat(text: string): QueryFormat {
  if ((queryFormats as readonly string[]).includes(text)) return text as QueryFormat;
  throw new UsageError('badFormat', { value: text, formats: queryFormats.join(', ') });
}

function parseMaxRows(text: string): number {
  const rows = Number(text);
  if (!/^\d+$/.test(text) || rows < 1 || rows > MAX_ROWS_LIMIT) {
    throw new UsageError('badMaxRows', { value: text, max: String(MAX_ROWS_LIMIT) });
  }
  return rows;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError('badPort', { value: text });
  return port;
}
