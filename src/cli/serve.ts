import { existsSync } from 'node:fs';
import path from 'node:path';
import type { i18n } from 'i18next';
import { problemSentence, type Translate } from '../shared/load-problems.ts';
import { startHttpHost } from './http-host.ts';
import { appRoot, openEngine } from './open-engine.ts';
import type { CliOptions } from './options.ts';

export const rendererDir = path.join(appRoot, 'out', 'renderer');

/** `sprig serve`: the first line on stdout is the address to open; everything else goes to stderr. */
export async function serveCommand(options: CliOptions, i18n: i18n): Promise<number> {
  const t = i18n.getFixedT(null, 'cli');
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    process.stderr.write(`${t('notBuilt', { path: rendererDir })}\n`);
    return 1;
  }
  const engine = await openEngine(options, { prepare: true });
  let host;
  try {
    host = await startHttpHost({ service: engine, rendererDir, port: options.port });
  } catch (error) {
    engine.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(`${t('portInUse', { port: options.port })}\n`);
      return 1;
    }
    throw error;
  }
  process.stdout.write(`${host.url}\n`);
  process.stderr.write(`${t('serving')}\n`);
  const { refused } = await engine.listDatasets();
  const common = i18n.getFixedT(null, 'common');
  const say: Translate = (key, values) => common(key, values ?? {});
  for (const r of refused) process.stderr.write(`${t('refusedLine', { path: r.path, reason: problemSentence(say, r) })}\n`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  engine.close();
  process.stderr.write(`${t('stopped')}\n`);
  return 0;
}
