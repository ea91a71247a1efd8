import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Engine } from '../../src/engine/engine.ts';
import { figureOptionsSchema, type FigureFormat, type FigureOptionsInput } from '../../src/shared/figures/presets.ts';
import { parseViewSpec, type ViewSpecInput } from '../../src/shared/view-spec.ts';
import { formatMs, median, timed, type RunCounts } from './timing.ts';

/**
 * Export time per format for a trend and a breakdown, on the bundled demonstration data
 * (a figure's cost is in drawing it, not in its view's query, which the engine caches):
 * each format drawn `runs` times after a warm-up, median and slowest printed beside the
 * target. Targets are printed, never asserted: this 2-core machine is not a user's laptop.
 */
const DATA = path.resolve(import.meta.dirname, '..', '..', 'data');

const VIEWS: [string, ViewSpecInput][] = [
  ['trend', { version: 2, dataset: 'sprig-demo', view: 'trend', indicator: 'cohort_connected_pct' }],
  ['breakdown', { version: 2, dataset: 'sprig-demo', view: 'breakdown', dimension: 'age_band' }],
];

const EXPORTS: { format: FigureFormat; label: string; options: FigureOptionsInput; targetMs: number }[] = [
  { format: 'svg', label: 'SVG', options: {}, targetMs: 1000 },
  { format: 'pdf', label: 'PDF', options: {}, targetMs: 1000 },
  { format: 'png', label: 'PNG 600 dpi', options: { dpi: 600 }, targetMs: 2000 },
  { format: 'svg-outlined', label: 'SVG outlined', options: {}, targetMs: 1000 },
  { format: 'tiff', label: 'TIFF (PLOS, 300 dpi)', options: { preset: 'plos' }, targetMs: 2000 },
];

export async function benchFigures(counts: RunCounts, progress: (message: string) => void): Promise<void> {
  const store = await mkdtemp(path.join(os.tmpdir(), 'sprig-bench-figures-'));
  const engine = await Engine.open({ storeDir: store, bundledDataDirs: [DATA] });
  try {
    for (const [name, input] of VIEWS) {
      progress(`figures: ${name}, Nature single column…`);
      const spec = parseViewSpec(input);
      for (const { format, label, options, targetMs } of EXPORTS) {
        const figure = figureOptionsSchema.parse(options);
        const samples: number[] = [];
        let bytes = 0;
        for (let round = 0; round < counts.warmup + counts.measured; round++) {
          const { ms, value } = await timed(() => engine.renderFigure({ spec, figure, format }));
          bytes = value.length;
          if (round >= counts.warmup) samples.push(ms);
        }
        const slowest = Math.max(...samples);
        console.log(
          `figure ${name} ${label}: median ${formatMs(median(samples))}, slowest ${formatMs(slowest)} (target < ${formatMs(targetMs)}: ${median(samples) < targetMs ? 'met' : 'missed'}); ${(bytes / 1024).toFixed(0)} KiB`,
        );
      }
    }
  } finally {
    engine.close();
    await rm(store, { recursive: true, force: true });
  }
}
