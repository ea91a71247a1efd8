import type { i18n } from 'i18next';
import type { CliOptions } from './options.ts';
import { openEngine } from './open-engine.ts';

/** `sprig datasets`: what the engine opens and what it refuses; non-zero exit if anything was refused. */
export async function datasetsCommand(options: CliOptions, i18n: i18n): Promise<number> {
  const t = i18n.getFixedT(null, 'cli');
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
      }
      if (catalogue.refused.length) {
        lines.push(t('refusedHeading', { count: catalogue.refused.length }));
        for (const r of catalogue.refused) lines.push(`  ${t('refusedLine', { path: r.path, reason: r.reason })}`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return catalogue.refused.length > 0 ? 1 : 0;
  } finally {
    engine.close();
  }
}
