import { createI18n } from '../shared/i18n/create.ts';
import { languageFromEnvironment } from '../shared/i18n/languages.ts';
import { datasetsCommand } from './datasets.ts';
import { figureCommand } from './figure.ts';
import { importCommand } from './import.ts';
import { parseOptions, UsageError, type CliOptions } from './options.ts';
import { queryCommand } from './query.ts';
import { serveCommand } from './serve.ts';

const commands: Record<string, (options: CliOptions, i18n: ReturnType<typeof createI18n>) => Promise<number>> = {
  serve: serveCommand,
  datasets: datasetsCommand,
  query: queryCommand,
  figure: figureCommand,
  import: importCommand,
};

async function main(argv: string[]): Promise<number> {
  // The command speaks the user's language, from LANGUAGE / LC_ALL / LC_MESSAGES / LANG.
  const i18n = createI18n(languageFromEnvironment(process.env), 'cli');
  const t = i18n.getFixedT(null, 'cli');
  let options: CliOptions;
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${t(error.key, error.values)}\n\n${t('usage')}`);
    return 2;
  }
  const run = options.command ? commands[options.command] : undefined;
  if (options.help || !options.command) {
    process.stdout.write(t('usage'));
    return options.help ? 0 : 2;
  }
  if (!run) {
    process.stderr.write(`${t('unknownCommand', { command: options.command })}\n\n${t('usage')}`);
    return 2;
  }
  return run(options, i18n);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`sprig: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
