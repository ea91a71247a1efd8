import * as Plot from '@observablehq/plot';
import {
  baseStyle,
  caption,
  countryNames,
  FADED,
  forLogScale,
  indicatorNotes,
  indicatorTooltip,
  listText,
  logScaleNotes,
  missingText,
  MUTED_TEXT,
  periodText,
  valueText,
  type IndicatorChartInput,
} from './chart-common.ts';
import { unitLabel } from '../i18n/units.ts';
import { latestPerCountry } from './latest-chart.ts';
import { colourBreaks, legendNumber, legendTicks, type LegendTick } from './map-legend.ts';
import { mapOutline, outlineInTile } from './map-shapes.ts';
import { textWidth, wrapText } from './text-width.ts';
import type { TrendRow } from './trend-rows.ts';

export interface MapChartInput extends IndicatorChartInput {
  /** Put `mapNotes` in the figure's caption (default). */
  notesInCaption?: boolean;
}

/** Tiles narrower than this would shrink the shapes to stamps: more rows instead. */
const MIN_TILE = 150;
const GAP = 16;
const ROW_GAP = 18;
const NAME_SIZE = 13;
const VALUE_SIZE = 12;
const LINE_HEIGHT = 1.2;
const SWATCH_HEIGHT = 12;
const KEY_WIDTH = 22;
/** Between a tile's name and its value: the font's line box is taller than its line height. */
const NAME_GAP = 3;

/** One shown country: its shape fitted into its own tile, its name and latest value beneath. */
export interface MapTile {
  code: string;
  name: string;
  /** The row the tile shows: the latest with a value, else the latest saying why there is none. */
  row: TrendRow | null;
  value: number | null;
  /** The outline in the figure's pixels. */
  outline: GeoJSON.MultiPolygon;
  /** The tile's box in the figure's pixels. */
  box: { x: number; y: number; width: number; height: number };
  /** Where the name's first line starts (centred on `cx`), and the value's. */
  cx: number;
  nameY: number;
  valueY: number;
  nameLines: string[];
  valueLines: string[];
  /** The centre of the shape, where the tooltip points. */
  cy: number;
  colour: string | null;
  tooltip: string;
}

/** A swatch of the legend: a colour class, or a key to the dashed and hatched looks. */
interface Swatch {
  kind: 'class' | 'synthetic' | 'none';
  colour: string | null;
  outline: GeoJSON.Polygon;
}

interface LegendText {
  x: number;
  y: number;
  text: string;
  anchor: 'start' | 'middle';
}

export interface MapLayout {
  width: number;
  height: number;
  tiles: MapTile[];
  /** Each class's lower end, then the top class's upper end. */
  breaks: number[];
  ticks: (LegendTick & { y: number })[];
  swatches: Swatch[];
  legendTexts: LegendText[];
  /** Asked-for countries Sprig has no outline for. */
  unmapped: string[];
}

/** Viridis, light for low values and dark for high: colour-blind-safe and readable in greyscale. */
function classColours(count: number): string[] {
  if (count <= 1) return ['#21918c'];
  const thresholds = Array.from({ length: count - 1 }, (_, i) => i + 1);
  return Plot.scale({ color: { type: 'threshold', scheme: 'viridis', reverse: true, domain: thresholds } }).range as string[];
}

function classOf(value: number, breaks: number[]): number {
  let i = 0;
  while (i < breaks.length - 2 && value >= breaks[i + 1]!) i++;
  return i;
}

/** A legend swatch as a polygon in the figure's pixels, drawn by the same geo marks as the tiles. */
function rectangle(x: number, y: number, width: number, height: number): GeoJSON.Polygon {
  return { type: 'Polygon', coordinates: [[[x, y], [x, y + height], [x + width, y + height], [x + width, y], [x, y]]] };
}

/** Symbols and codes that the tick numbers carry themselves need no legend title. */
function legendTitle(unit: string, t: MapChartInput['t']): string | null {
  return unit === '' || unit === '%' || /^[A-Z]{3}$/.test(unit) ? null : unitLabel(unit, t);
}

/**
 * Where everything of the map goes, in pixels: a grid of tiles, one per shown country, then
 * the legend. Labels are wrapped to their tile's width, and every tile gets the height of the
 * tallest label, so no label reaches into another tile.
 */
export function mapLayout(input: MapChartInput): MapLayout {
  const { unit, locale, t } = input;
  const width = input.width ?? 760;
  const names = countryNames(input.countries);
  const latest = latestPerCountry(input.logScale ? forLogScale(input.rows) : input.rows);
  const drawable = (r: TrendRow | null) => !input.logScale || r === null || r.value === null || r.value > 0;
  const asGiven = latestPerCountry(input.rows);
  const tooltip = indicatorTooltip(input, names);
  const mapped = input.countries.filter((c) => mapOutline(c.code));
  const unmapped = input.countries.filter((c) => !mapOutline(c.code)).map((c) => c.name);

  const count = Math.max(mapped.length, 1);
  const rows = Math.ceil(count / Math.max(1, Math.floor((width + GAP) / (MIN_TILE + GAP))));
  const cols = Math.ceil(count / rows);
  const tileWidth = (width - GAP * (cols - 1)) / cols;
  const shapeHeight = Math.round(Math.min(200, Math.max(90, tileWidth * 0.72)));
  const textRoom = tileWidth - 8;

  const values = mapped.map((c) => latest.get(c.code)?.value).filter((v): v is number => v !== null && v !== undefined);
  const breaks = colourBreaks(values, input.logScale === true);
  const colours = classColours(breaks.length - 1);

  const labelled = mapped.map((c) => {
    const row = latest.get(c.code) ?? null;
    const value = row?.value ?? null;
    // Why there is no value: the package says there is no national figure, or has none, or the log scale cannot draw it.
    const reason = drawable(asGiven.get(c.code) ?? null) ? missingText(row?.status, t) : t('charts:missing.logScale');
    const valueLine = row && value !== null ? t('charts:mapTiles.value', { value: valueText(value, unit, locale, t), period: periodText(row.period, locale, t) }) : reason;
    return { c, row, value, reason, nameLines: wrapText(c.name, textRoom, NAME_SIZE, true), valueLines: wrapText(valueLine, textRoom, VALUE_SIZE) };
  });
  const labelHeight = Math.max(0, ...labelled.map((l) => l.nameLines.length * NAME_SIZE * LINE_HEIGHT + NAME_GAP + l.valueLines.length * VALUE_SIZE * LINE_HEIGHT));
  const tileHeight = Math.ceil(shapeHeight + 8 + labelHeight);

  const tiles: MapTile[] = labelled.map((l, i) => {
    const row = Math.floor(i / cols);
    const inRow = Math.min(cols, mapped.length - row * cols);
    // A short last row is centred under the others.
    const x = ((cols - inRow) * (tileWidth + GAP)) / 2 + (i % cols) * (tileWidth + GAP);
    const y = row * (tileHeight + ROW_GAP);
    const pad = 6;
    const nameY = y + shapeHeight + 8;
    return {
      code: l.c.code,
      name: l.c.name,
      row: l.row,
      value: l.value,
      outline: outlineInTile(l.c.code, [[x + pad, y + pad], [x + tileWidth - pad, y + shapeHeight - pad]])!,
      box: { x, y, width: tileWidth, height: tileHeight },
      cx: x + tileWidth / 2,
      cy: y + shapeHeight / 2,
      nameY,
      valueY: nameY + l.nameLines.length * NAME_SIZE * LINE_HEIGHT + NAME_GAP,
      nameLines: l.nameLines,
      valueLines: l.valueLines,
      colour: l.value === null ? null : colours[classOf(l.value, breaks)]!,
      tooltip: l.row && l.value !== null ? tooltip(l.row) : t('charts:tooltip.noData', { country: l.c.name, reason: l.reason }),
    };
  });

  const legend = legendLayout(input, { top: rows * tileHeight + (rows - 1) * ROW_GAP + 22, width, breaks, colours, hasValues: values.length > 0, tiles });
  return { width, height: Math.ceil(legend.bottom + 4), tiles, breaks, unmapped, ...legend };
}

/**
 * The legend, inside the figure: the unit, a ramp of the colour classes with thinned tick
 * labels beneath, and keys to the dashed (synthetic) and hatched (no value) looks when the
 * map has them.
 */
function legendLayout(
  input: MapChartInput,
  at: { top: number; width: number; breaks: number[]; colours: string[]; hasValues: boolean; tiles: MapTile[] },
): Pick<MapLayout, 'ticks' | 'swatches' | 'legendTexts'> & { bottom: number } {
  const { t, locale } = input;
  const swatches: Swatch[] = [];
  const legendTexts: LegendText[] = [];
  let ticks: MapLayout['ticks'] = [];
  let y = at.top;
  let x = 0;
  let bottom = at.top;
  if (at.hasValues) {
    const title = legendTitle(input.unit, t);
    if (title) {
      for (const line of wrapText(title, at.width, VALUE_SIZE, true)) {
        legendTexts.push({ x: 0, y, text: line, anchor: 'start' });
        y += VALUE_SIZE * LINE_HEIGHT;
      }
      y += 4;
    }
    const classes = at.breaks.length - 1;
    const swatchWidth = Math.max(28, Math.min(64, Math.floor(Math.min(360, at.width - 40) / classes)));
    const format = (n: number) => legendNumber(n, input.unit, locale);
    const raw = legendTicks(at.breaks, swatchWidth, format, VALUE_SIZE);
    // The ramp starts far enough in for its first label to fit in the figure.
    const left = Math.ceil(raw[0]!.width / 2);
    for (let i = 0; i < classes; i++) swatches.push({ kind: 'class', colour: at.colours[i]!, outline: rectangle(left + i * swatchWidth, y, swatchWidth, SWATCH_HEIGHT) });
    ticks = raw.map((tick) => ({ ...tick, x: left + tick.x, y: y + SWATCH_HEIGHT + 4 }));
    const lastTick = ticks[ticks.length - 1]!;
    x = Math.max(left + classes * swatchWidth, lastTick.x + lastTick.width / 2) + 28;
    bottom = y + SWATCH_HEIGHT + 4 + VALUE_SIZE * LINE_HEIGHT;
  }
  const keys: { kind: 'synthetic' | 'none'; text: string }[] = [
    ...(at.tiles.some((tile) => tile.value !== null && tile.row?.synthetic) ? [{ kind: 'synthetic' as const, text: t('charts:mapTiles.syntheticKey') }] : []),
    ...(at.tiles.some((tile) => tile.value === null) ? [{ kind: 'none' as const, text: t('charts:mapTiles.noValueKey') }] : []),
  ];
  for (const key of keys) {
    const lines = wrapText(key.text, at.width - KEY_WIDTH - 6, VALUE_SIZE);
    const width = KEY_WIDTH + 6 + Math.max(...lines.map((l) => textWidth(l, VALUE_SIZE)));
    if (x > 0 && x + width > at.width) {
      x = 0;
      y = bottom + 8;
    }
    swatches.push({ kind: key.kind, colour: null, outline: rectangle(x, y, KEY_WIDTH, SWATCH_HEIGHT) });
    legendTexts.push({ x: x + KEY_WIDTH + 6, y: y - 1, text: lines.join('\n'), anchor: 'start' });
    bottom = Math.max(bottom, y + lines.length * VALUE_SIZE * LINE_HEIGHT);
    x += width + 20;
  }
  return { ticks, swatches, legendTexts, bottom };
}

export function mapNotes(input: MapChartInput): string[] {
  const { t, locale } = input;
  const names = countryNames(input.countries);
  const latest = [...latestPerCountry(input.rows).values()];
  const unmapped = input.countries.filter((c) => !mapOutline(c.code)).map((c) => c.name);
  return [
    ...indicatorNotes(latest, names, locale, t, input.sourceLabel, input.ukNations, input.addsUp),
    ...(input.logScale ? logScaleNotes(latest, names, locale, t) : []),
    ...(input.countries.length > 1 ? [t('charts:mapTiles.notToScale')] : []),
    ...(unmapped.length > 0 ? [t('charts:notes.unmapped', { list: listText(unmapped, locale) })] : []),
  ];
}

const SVG = 'http://www.w3.org/2000/svg';

let hatchCount = 0;
const hatchIds = new WeakMap<Plot.Context, string>();

/**
 * The hatching's id, unique to each drawn chart: two maps on one page must not share one
 * (a reference to a pattern in a hidden chart draws nothing). Drawn charts have a context each.
 */
function hatchId(context: Plot.Context): string {
  let id = hatchIds.get(context);
  if (!id) {
    id = `sprig-hatch-${++hatchCount}`;
    hatchIds.set(context, id);
  }
  return id;
}

/** Defines this chart's hatching, with the document Plot draws with (screen or headless). */
const hatchPattern: Plot.RenderFunction = (_index, _scales, _values, _dimensions, context) => {
  const doc = context.document;
  const defs = doc.createElementNS(SVG, 'defs');
  const pattern = doc.createElementNS(SVG, 'pattern');
  const attributes = (el: Element, values: Record<string, string>) => Object.entries(values).forEach(([k, v]) => el.setAttribute(k, v));
  attributes(pattern, { id: hatchId(context), patternUnits: 'userSpaceOnUse', width: '6', height: '6', patternTransform: 'rotate(45)' });
  const back = doc.createElementNS(SVG, 'rect');
  attributes(back, { width: '6', height: '6', fill: '#f2f2f2' });
  const line = doc.createElementNS(SVG, 'line');
  attributes(line, { x1: '0', y1: '0', x2: '0', y2: '6', stroke: '#8c8c8c', 'stroke-width': '2' });
  pattern.append(back, line);
  defs.append(pattern);
  return defs as unknown as SVGElement;
};

/** Fills a mark's shapes with this chart's hatching. */
const hatched: Plot.RenderFunction = (index, scales, values, dimensions, context, next) => {
  const g = next?.(index, scales, values, dimensions, context) ?? null;
  g?.setAttribute('fill', `url(#${hatchId(context)})`);
  return g;
};

/**
 * The shown countries' latest values as a grid of tiles, one per country (England, Wales and
 * Scotland each their own when the UK's nations are shown apart), each with a projection
 * fitted to its country, coloured by a sequential, colour-blind-safe scale in classes, named
 * and valued beneath. Countries without a value are hatched, with the reason beneath;
 * synthetic values are outlined dashed. One SVG, its legend inside.
 */
export function mapChart(input: MapChartInput): Plot.PlotOptions {
  const layout = mapLayout(input);
  const faded = (tile: MapTile) => (input.highlight && input.highlight !== tile.code ? FADED : 1);
  const coloured = layout.tiles.filter((tile) => tile.colour !== null);
  const shape = (synthetic: boolean) =>
    Plot.geo(coloured.filter((tile) => (tile.row?.synthetic ?? false) === synthetic), {
      geometry: 'outline',
      fill: 'colour',
      fillOpacity: faded,
      stroke: '#222',
      strokeWidth: synthetic ? 1.5 : 1,
      ...(synthetic ? { strokeDasharray: '3,2' } : {}),
      className: synthetic ? 'sprig-values sprig-synthetic' : 'sprig-values',
    });
  const text = (options: Plot.TextOptions) => ({ textAnchor: 'middle' as const, lineAnchor: 'top' as const, lineHeight: LINE_HEIGHT, ...options });
  const keyOf = (kind: Swatch['kind']) => layout.swatches.filter((s) => s.kind === kind);
  return {
    width: layout.width,
    height: layout.height,
    margin: 0,
    style: baseStyle,
    ...caption(input.notesInCaption === false ? [] : mapNotes(input)),
    // Everything is placed in pixels: each tile has its own projection, applied by `outlineInTile`.
    x: { type: 'identity', axis: null },
    y: { type: 'identity', axis: null },
    marks: [
      hatchPattern,
      shape(false),
      shape(true),
      Plot.geo(layout.tiles.filter((tile) => tile.colour === null), { geometry: 'outline', fill: 'white', fillOpacity: faded, stroke: '#666', strokeWidth: 1, className: 'sprig-no-data', render: hatched }),
      Plot.text(layout.tiles, text({ x: 'cx', y: 'nameY', text: (d: MapTile) => d.nameLines.join('\n'), fontSize: NAME_SIZE, fontWeight: 'bold', className: 'sprig-map-name' })),
      Plot.text(coloured, text({ x: 'cx', y: 'valueY', text: (d: MapTile) => d.valueLines.join('\n'), fontSize: VALUE_SIZE, className: 'sprig-map-value' })),
      Plot.text(layout.tiles.filter((tile) => tile.colour === null), text({ x: 'cx', y: 'valueY', text: (d: MapTile) => d.valueLines.join('\n'), fontSize: VALUE_SIZE, fill: MUTED_TEXT, fontStyle: 'italic', className: 'sprig-map-missing' })),
      // The legend.
      Plot.geo(keyOf('class'), { geometry: 'outline', fill: 'colour', stroke: '#222', strokeWidth: 0.5, className: 'sprig-legend-class' }),
      Plot.geo(keyOf('synthetic'), { geometry: 'outline', fill: 'white', stroke: '#222', strokeWidth: 1.5, strokeDasharray: '3,2', className: 'sprig-legend-synthetic' }),
      Plot.geo(keyOf('none'), { geometry: 'outline', fill: 'white', stroke: '#666', className: 'sprig-legend-none', render: hatched }),
      Plot.text(layout.ticks, text({ x: 'x', y: 'y', text: 'text', fontSize: VALUE_SIZE, className: 'sprig-legend-tick' })),
      Plot.text(layout.legendTexts, text({ x: 'x', y: 'y', text: 'text', textAnchor: 'start', fontSize: VALUE_SIZE, className: 'sprig-legend-text' })),
      // One tip for every tile, pointed at from anywhere over its shape: one tooltip at a time.
      Plot.tip(layout.tiles, Plot.pointer({ x: 'cx', y: 'cy', title: 'tooltip', maxRadius: Math.max(40, (layout.tiles[0]?.box.width ?? 80) / 2), className: 'sprig-tip' })),
    ],
  };
}
