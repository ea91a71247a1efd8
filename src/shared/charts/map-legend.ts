import { formatLocale } from '../i18n/languages.ts';
import { textWidth } from './text-width.ts';

/**
 * The map's colour classes and the ticks of its legend, as numbers and pixels, so the map
 * can draw its legend inside its own SVG (one standalone figure) and tests can check that
 * no two tick labels overlap.
 */

/**
 * Class breaks, ascending: class i holds values from `breaks[i]` up to (not including)
 * `breaks[i + 1]`, the last class its upper end too. Equal round steps from zero (or from
 * the lowest value, when below zero); on a log scale steps of 1, 2 and 5 (then of powers of
 * ten, when there would be more than six classes).
 */
export function colourBreaks(values: number[], log: boolean): number[] {
  if (values.length === 0) return [0, 1];
  if (log) return logBreaks(Math.min(...values), Math.max(...values));
  const lo = Math.min(0, ...values);
  const hi = Math.max(...values);
  const step = roundStep((hi - lo || Math.abs(hi) || 1) / 5);
  const start = Math.floor(lo / step) * step;
  let end = Math.ceil(hi / step) * step;
  if (end <= start) end = start + step;
  const breaks: number[] = [];
  for (let i = 0; start + i * step <= end + step / 1e6; i++) breaks.push(tidy(start + i * step));
  return breaks;
}

/** The thresholds a threshold colour scale takes: the breaks between classes. */
export function colourThresholds(breaks: number[]): number[] {
  return breaks.slice(1, -1);
}

/** A round step (1, 2 or 5 times a power of ten) nearest to `raw`, as d3's ticks choose one. */
function roundStep(raw: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const error = raw / magnitude;
  return magnitude * (error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1);
}

function logBreaks(lo: number, hi: number): number[] {
  const candidates = (multiples: number[]) => {
    const all: number[] = [];
    for (let power = Math.floor(Math.log10(lo)) - 1; power <= Math.ceil(Math.log10(hi)) + 1; power++) for (const m of multiples) all.push(tidy(m * 10 ** power));
    const start = Math.max(...all.filter((c) => c <= lo));
    const end = Math.min(...all.filter((c) => c > hi));
    return all.filter((c) => c >= start && c <= end);
  };
  const fine = candidates([1, 2, 5]);
  return fine.length <= 7 ? fine : candidates([1]);
}

/** Removes floating-point dust (0.30000000000000004). */
function tidy(n: number): number {
  return Number(n.toPrecision(12));
}

/**
 * A legend tick's number as a reader reads it: grouped, or compact for large values
 * ("1.3M", "1,3 Mio.", "1,3 εκ."), with the percent sign or currency when the unit is one.
 */
export function legendNumber(value: number, unit: string, locale: string): string {
  const big = Math.abs(value) >= 10_000;
  const options: Intl.NumberFormatOptions = { maximumFractionDigits: big ? 1 : 2, ...(big ? { notation: 'compact' } : {}) };
  if (unit === '%') return new Intl.NumberFormat(formatLocale(locale), { ...options, style: 'percent' }).format(value / 100);
  if (/^[A-Z]{3}$/.test(unit)) return new Intl.NumberFormat(formatLocale(locale), { ...options, style: 'currency', currency: unit, minimumFractionDigits: 0 }).format(value);
  return new Intl.NumberFormat(formatLocale(locale), options).format(value);
}

export interface LegendTick {
  value: number;
  /** Centre of the label, in pixels from the ramp's left end. */
  x: number;
  text: string;
  /** The label's estimated width in pixels. */
  width: number;
}

/** Pixels kept free between two tick labels. */
export const TICK_GAP = 6;

/**
 * The ticks of a ramp of `breaks.length - 1` swatches, `swatchWidth` pixels each: a label at
 * each break, thinned to every second (third, …) break until no two labels touch. The last
 * break keeps its label when it has room.
 */
export function legendTicks(breaks: number[], swatchWidth: number, format: (n: number) => string, fontSize: number): LegendTick[] {
  const all = breaks.map((value, i) => {
    const text = format(value);
    return { value, x: i * swatchWidth, text, width: textWidth(text, fontSize) };
  });
  const apart = (a: LegendTick, b: LegendTick) => b.x - a.x >= (a.width + b.width) / 2 + TICK_GAP;
  for (let stride = 1; stride < all.length; stride++) {
    const shown = all.filter((_, i) => i % stride === 0);
    if (!shown.every((tick, i) => i === 0 || apart(shown[i - 1]!, tick))) continue;
    const last = all[all.length - 1]!;
    if (shown[shown.length - 1] !== last && apart(shown[shown.length - 1]!, last)) shown.push(last);
    return shown;
  }
  return all.slice(0, 1);
}
