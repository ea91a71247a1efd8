import { useId, useLayoutEffect, useRef } from 'react';
import type { Figure } from '../../shared/figures/figure.ts';
import { renderFigure } from '../../shared/figures/render-figure.ts';
import { screenTheme } from '../../shared/figures/theme.ts';

interface Props {
  figure: Figure;
  /** Called with the datum under the pointer when the reader clicks a chart (cross-filtering). */
  onPick?: (datum: Record<string, unknown>) => void;
}

/** Narrower than this, a figure is drawn at this width and scrolls. */
const MIN_WIDTH = 320;
/** Room kept under a chart of free height before the window's bottom edge. */
const BELOW = 24;

/**
 * Draws a figure (src/shared/figures) to fill the width of its panel, with the same
 * renderer every export uses: legend, badges and notes inside one SVG. Charts whose height
 * is free (lines over time) take what is left of the window, so they are seen whole without
 * scrolling; the charts stay interactive (tooltips, click to filter).
 */
export function FigureChart({ figure, onPick }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const idPrefix = `sprig-fig-${useId().replace(/[^A-Za-z0-9]/g, '')}`;

  // Drawn in the same commit as the figure's ready marker around it, so no frame (and no
  // test) sees the new caption over the previous drawing; drawn again when the panel resizes.
  useLayoutEffect(() => {
    const container = ref.current;
    if (!container) return;
    let drawnWidth = -1;
    const cleanups: (() => void)[] = [];
    const draw = () => {
      const width = Math.max(MIN_WIDTH, Math.floor(container.clientWidth || 760));
      if (width === drawnWidth) return;
      drawnWidth = width;
      for (const cleanup of cleanups.splice(0)) cleanup();
      let drawn = renderFigure(figure, screenTheme(width, null, idPrefix), document);
      if (figure.freeHeight && window.innerHeight > 0) {
        // What is left of the window below the figure's head, measured from the page's top.
        const top = container.getBoundingClientRect().top + window.scrollY;
        const chartTop = Number(drawn.charts[0]?.getAttribute('y') ?? 0);
        const room = window.innerHeight - top - chartTop - BELOW;
        const chartHeight = Math.round(Math.min(width * 0.62, Math.max(260, room)));
        drawn = renderFigure(figure, screenTheme(width, chartHeight, idPrefix), document);
      }
      container.replaceChildren(drawn.svg);
      // Marks with a tip keep the datum under the pointer in the chart's `value`; a click chooses it.
      for (const chart of drawn.charts) {
        const onClick = () => {
          const datum = (chart as Element & { value?: unknown }).value;
          if (pick.current && datum && typeof datum === 'object') pick.current(datum as Record<string, unknown>);
        };
        chart.addEventListener('click', onClick);
        cleanups.push(() => chart.removeEventListener('click', onClick));
      }
    };
    draw();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(draw);
    observer?.observe(container);
    return () => {
      observer?.disconnect();
      for (const cleanup of cleanups.splice(0)) cleanup();
      container.replaceChildren();
    };
  }, [figure, idPrefix]);

  return <div ref={ref} className={`plot figure-chart${onPick ? ' pickable' : ''}`} role="img" aria-label={figure.title} />;
}
