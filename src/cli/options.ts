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
  };
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
        options.format = parseFormat(value());
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
  return options;
}

/** The first word is the command; only `query` takes one more (its SQL). */
function positional(options: CliOptions, word: string): void {
  if (options.command === null) options.command = word;
  else if (options.command === 'query' && options.sql === null) options.sql = word;
  else if (options.command === 'query') throw new UsageError('queryOneSql', {});
  else throw new UsageError('unknownCommand', { command: word });
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
