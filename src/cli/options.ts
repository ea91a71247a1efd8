/** The command line's words, parsed strictly: an unknown option is an error, never ignored. */

export interface CliOptions {
  command: string | null;
  port: number;
  store: string | null;
  data: string[];
  json: boolean;
  help: boolean;
}

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
  const options: CliOptions = { command: null, port: 0, store: null, data: [], json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
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
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        if (flag.startsWith('-')) throw new UsageError('unknownOption', { option: flag });
        if (options.command !== null) throw new UsageError('unknownCommand', { command: flag });
        options.command = flag;
    }
  }
  return options;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError('badPort', { value: text });
  return port;
}
