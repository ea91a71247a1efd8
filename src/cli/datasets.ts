import type { i18n } from 'i18next';
import { problemSentence, skippedSentence, type Translate } from '../shared/load-problems.ts';
import type { CliOptions } from './options.ts';
import { openEngine } from './open-engine.ts';

/** `sprig datasets`: what the engine opens and what it refuses; non-zero exit if anything was refused. */
export async function datasetsCommand(options: CliOptions, i18n: i18n): Promise<number> {
  const t = i18n.getFixedT(null, 'cli');
  // Why a package or a resource was not opened, in the user's language (common.json, as the interface says it).
  const common = i18n.getFixedT(null, 'common');
  const say: Translate = (key, options) => common(key, options ?? {});
  const engine = await openEngine(options);
  try {
    const catalogue = await engine.listDatasets();
    if (options.json) {
      process.stdout.write(`${JSON.stringify(catalogue, null, 2)}\n`);
    } else {
      const lines = [t('datasetsHeading', { count: catalogue.datasets.length })];
      for (const d of catalogue.datasets) {
        lines.push(
          `  ${t('datasetLine', {
            name: d.name,
            version: d.version ?? '',
            title: d.title,
            tables: d.tables.join(', '),
            indicators: d.indicators.length ? d.indicators.join(', ') : t('noIndicators'),
          })}`,
        );
        if (d.skipped?.length) {
          lines.push(`    ${say('catalogue.skipped')}`);
          for (const s of d.skipped) lines.push(`      ${skippedSentence(say, s)}`);
        }
      }
      if (catalogue.refused.length) {
        lines.push(t('refusedHeading', { count: catalogue.refused.length }));
        for (const r of catalogue.refused) {
          lines.push(`  ${t('refusedLine', { path: r.path, reason: problemSentence(say, r) })}`);
          for (const s of r.resources ?? []) lines.push(`      ${skippedSentence(say, s)}`);
        }
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return catalogue.refused.length > 0 ? 1 : 0;
  } finally {
    engine.close();
  }
}
