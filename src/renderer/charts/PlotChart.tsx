import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'react';

/** Mounts a chart compiled elsewhere; charts themselves are pure functions in src/shared/charts. */
export function PlotChart({ options, label }: { options: Plot.PlotOptions; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const figure = Plot.plot(options);
    ref.current?.replaceChildren(figure);
    return () => figure.remove();
  }, [options]);
  return <div ref={ref} className="plot" role="img" aria-label={label} />;
}
