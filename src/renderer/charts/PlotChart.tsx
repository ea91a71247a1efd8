import * as Plot from '@observablehq/plot';
import { useLayoutEffect, useRef } from 'react';

interface Props {
  options: Plot.PlotOptions;
  label: string;
  /** Called with the datum under the pointer when the reader clicks the chart (cross-filtering). */
  onPick?: (datum: Record<string, unknown>) => void;
}

/** Mounts a chart compiled elsewhere; charts themselves are pure functions in src/shared/charts. */
export function PlotChart({ options, label, onPick }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  // Drawn in the same commit as the caption and the chart's ready marker around it, so no
  // frame (and no test) sees a new caption over the previous drawing.
  useLayoutEffect(() => {
    const figure = Plot.plot(options) as (HTMLElement | SVGSVGElement) & { value?: unknown };
    ref.current?.replaceChildren(figure);
    // Marks with a tip keep the datum under the pointer in `figure.value`; a click chooses it.
    const onClick = () => {
      const datum = figure.value;
      if (pick.current && datum && typeof datum === 'object') pick.current(datum as Record<string, unknown>);
    };
    figure.addEventListener('click', onClick);
    return () => {
      figure.removeEventListener('click', onClick);
      figure.remove();
    };
  }, [options]);

  return <div ref={ref} className={`plot${onPick ? ' pickable' : ''}`} role="img" aria-label={label} />;
}
