import * as Plot from '@observablehq/plot';
import { feature } from 'topojson-client';
import world from 'world-atlas/countries-110m.json' with { type: 'json' };
import { countryName, formatNumber } from '../format.ts';
import { unitLabel } from '../i18n/units.ts';
import {
  baseStyle,
  caption,
  countryNames,
  forLogScale,
  HATCH_FILL,
  hatchDefinition,
  indicatorNotes,
  indicatorTooltip,
  listText,
  logScaleNotes,
  missingText,
  valueText,
  type IndicatorChartInput,
} from './chart-common.ts';
import { latestPerCountry } from './latest-chart.ts';
import type { TrendRow } from './trend-rows.ts';

/**
 * Shapes ship with Sprig (Natural Earth 1:110m via the `world-atlas` package): the map never
 * asks the network for anything. The atlas names countries by ISO 3166-1 numeric code.
 */
export const ISO_NUMERIC: Readonly<Record<string, string>> = {
  GB: '826',
  US: '840',
  AU: '036',
  DE: '276',
  GR: '300',
};

/** The atlas shape a country code is drawn as: the UK's nations share the UK's (the atlas has no nations). */
export function mapShapeId(code: string): string | undefined {
  return ISO_NUMERIC[code.startsWith('GB-') ? 'GB' : code];
}

type Topology = Parameters<typeof feature>[0];
type Shape = GeoJSON.Feature<GeoJSON.Geometry, { name: string }>;

let shapes: Shape[] | undefined;
/** The world's country shapes, decoded from TopoJSON once. */
function worldShapes(): Shape[] {
  if (!shapes) {
    const topology = world as unknown as Topology;
    const collection = feature(topology, topology.objects.countries as Parameters<typeof feature>[1]) as unknown as GeoJSON.FeatureCollection<GeoJSON.Geometry, { name: string }>;
    shapes = collection.features;
  }
  return shapes;
}

export interface MapChartInput extends IndicatorChartInput {
  /** Put `mapNotes` in the figure's caption (default). */
  notesInCaption?: boolean;
}

/** A shape as the map draws it: the country (or nations) it stands for and the value it is coloured by. */
interface MapDatum {
  shape: Shape;
  codes: string[];
  /** The row the shape's colour comes from; null when it has no single value to show. */
  row: TrendRow | null;
  /** Coloured by a value; standing for several nations with values (uncoloured); or without any value. */
  kind: 'value' | 'nations' | 'none';
  tooltip: string;
}

/**
 * Which row colours each asked-for shape. The UK's nations share one shape: it is coloured
 * when exactly one of them has a value (its name is said in the notes), left uncoloured when
 * several do (its tooltip lists each), and hatched when none does.
 */
function mapData(input: MapChartInput): { data: MapDatum[]; ukShows: string | null | undefined; unmapped: string[] } {
  const names = countryNames(input.countries);
  const latest = latestPerCountry(input.logScale ? forLogScale(input.rows) : input.rows);
  const tooltip = indicatorTooltip(input, names);
  const byShape = Map.groupBy(
    input.countries.filter((c) => mapShapeId(c.code)),
    (c) => mapShapeId(c.code)!,
  );
  let ukShows: string | null | undefined;
  const data: MapDatum[] = [];
  for (const shape of worldShapes()) {
    const members = byShape.get(String(shape.id));
    if (!members) continue;
    const codes = members.map((c) => c.code);
    const withValue = codes.map((code) => latest.get(code)).filter((r): r is TrendRow => r !== undefined && r.value !== null);
    const nations = codes.some((code) => code.startsWith('GB-'));
    const row = withValue.length === 1 ? withValue[0]! : null;
    if (nations) ukShows = row ? (names.get(row.country) ?? row.country) : withValue.length > 1 ? null : ukShows;
    let text: string;
    if (row) text = tooltip(row);
    else if (withValue.length > 1) {
      const list = codes.map((code) => {
        const r = latest.get(code);
        return `${names.get(code)}: ${r && r.value !== null ? valueText(r.value, input.unit, input.locale, input.t) : missingText(r?.status, input.t)}`;
      });
      text = input.t('charts:map.nationsTooltip', { country: countryName('GB', input.locale), list: list.join('\n') });
    } else {
      const status = codes.map((code) => latest.get(code)?.status).find((s) => s !== undefined);
      text = input.t('charts:tooltip.noData', { country: codes.map((code) => names.get(code)).join(', '), reason: missingText(status, input.t) });
    }
    data.push({ shape, codes, row, kind: row ? 'value' : withValue.length > 1 ? 'nations' : 'none', tooltip: text });
  }
  const unmapped = input.countries.filter((c) => !mapShapeId(c.code)).map((c) => c.name);
  return { data, ukShows, unmapped };
}

export function mapNotes(input: MapChartInput): string[] {
  const { t, locale } = input;
  const names = countryNames(input.countries);
  const latest = [...latestPerCountry(input.rows).values()];
  const { data, ukShows, unmapped } = mapData(input);
  const notes = [...indicatorNotes(latest, names, locale, t), ...(input.logScale ? logScaleNotes(latest, names, locale, t) : [])];
  if (input.countries.some((c) => c.code.startsWith('GB-'))) {
    notes.push(ukShows === null ? t('charts:notes.ukNationsNone') : t('charts:notes.ukNations', { shown: ukShows ?? t('charts:missing.not_available') }));
  }
  if (data.some((d) => d.kind === 'none')) notes.push(t('charts:notes.noDataPattern'));
  if (unmapped.length > 0) notes.push(t('charts:notes.unmapped', { list: listText(unmapped, locale) }));
  return notes;
}

/**
 * The asked-for countries' latest values as a choropleth of the world (Equal Earth), the
 * colour a sequential, colour-blind-safe scale (viridis, in five classes). Asked-for countries without a
 * value are hatched, with "No national data" in their tooltip; other land is pale.
 */
export function mapChart(input: MapChartInput): Plot.PlotOptions {
  const { unit, locale, t } = input;
  const { data } = mapData(input);
  const coloured = data.filter((d) => d.kind === 'value');
  const several = data.filter((d) => d.kind === 'nations');
  const noValue = data.filter((d) => d.kind === 'none');
  const values = coloured.map((d) => d.row!.value as number);
  const asked = new Set(data.map((d) => d.shape.id));
  const shape = (d: MapDatum) => d.shape;
  const value = (d: MapDatum) => d.row?.value;
  const colourOf = (synthetic: boolean) =>
    Plot.geo(
      coloured.filter((d) => d.row!.synthetic === synthetic),
      Plot.centroid({
        geometry: shape,
        fill: value,
        stroke: '#222',
        strokeWidth: synthetic ? 1.5 : 1,
        ...(synthetic ? { strokeDasharray: '3,2' } : {}),
        className: synthetic ? 'sprig-values sprig-synthetic' : 'sprig-values',
      }),
    );
  return {
    width: input.width ?? 760,
    ...(input.height ? { height: input.height } : {}),
    style: baseStyle,
    ...caption(input.notesInCaption === false ? [] : mapNotes(input)),
    projection: { type: 'equal-earth' },
    color: colourScale(values, input.logScale === true, unitLabel(unit, t), locale),
    marks: [
      hatchDefinition,
      Plot.sphere({ stroke: '#bbb', strokeWidth: 0.8 }),
      Plot.graticule({ stroke: '#000', strokeOpacity: 0.06 }),
      Plot.geo(
        worldShapes().filter((s) => !asked.has(s.id)),
        { fill: '#ececec', stroke: 'white', strokeWidth: 0.5, className: 'sprig-land' },
      ),
      colourOf(false),
      colourOf(true),
      Plot.geo(noValue, Plot.centroid({ geometry: shape, fill: HATCH_FILL, stroke: '#666', strokeWidth: 1, className: 'sprig-no-data' })),
      Plot.geo(several, Plot.centroid({ geometry: shape, fill: 'white', stroke: '#222', strokeWidth: 1.5, className: 'sprig-nations' })),
      // Small countries are hard to see at world scale: each asked-for shape is named, with its value.
      ...data.map((d) =>
        Plot.text([d], Plot.centroid({
          geometry: shape,
          text: (datum: MapDatum) => label(datum, input),
          ...(LABEL_PLACES[String(d.shape.id)] ?? { textAnchor: 'middle' }),
          fill: 'currentColor',
          stroke: 'white',
          strokeWidth: 3,
          paintOrder: 'stroke',
          fontSize: 11,
          lineHeight: 1.1,
          className: 'sprig-map-label',
        })),
      ),
      // One tip for every asked-for shape, at its centroid: one tooltip at a time.
      Plot.tip(data, Plot.pointer(Plot.centroid({ geometry: shape, title: (d: MapDatum) => d.tooltip, className: 'sprig-tip' }))),
    ],
  };
}

/** Where each study country's label sits beside its shape, so the European three do not collide. */
const LABEL_PLACES: Record<string, { textAnchor: 'start' | 'middle' | 'end'; dx?: number; dy?: number }> = {
  '826': { textAnchor: 'end', dx: -10, dy: -4 },
  '276': { textAnchor: 'start', dx: 10, dy: -16 },
  '300': { textAnchor: 'start', dx: 10, dy: 8 },
  '840': { textAnchor: 'middle', dy: 12 },
  '036': { textAnchor: 'middle', dy: 4 },
};

function label(d: MapDatum, input: MapChartInput): string {
  const names = countryNames(input.countries);
  const name = d.codes.length === 1 || d.row === null ? (d.codes.length === 1 ? names.get(d.codes[0]!) : countryName('GB', input.locale)) : names.get(d.row.country);
  if (d.kind === 'value') return `${name}\n${valueText(d.row!.value as number, input.unit, input.locale, input.t)}`;
  if (d.kind === 'nations') return `${name}`;
  return `${name}\n${input.t('charts:missing.not_available')}`;
}

/**
 * Classes, not a continuous ramp: readable as steps, and drawn without a canvas so exported
 * figures render headless. Equal steps from zero, or on a log scale steps of 1, 2 and 5.
 */
function colourScale(values: number[], log: boolean, label: string, locale: string): Plot.ScaleOptions {
  const common = { scheme: 'viridis' as const, reverse: true, legend: values.length > 0, label, tickFormat: (n: number) => formatNumber(n, locale) };
  if (values.length === 0) return { ...common, type: 'quantize', domain: [0, 1], n: 5 };
  if (!log) return { ...common, type: 'quantize', domain: [Math.min(0, ...values), Math.max(...values)], n: 5, nice: true };
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const steps: number[] = [];
  for (let power = Math.floor(Math.log10(lo)); power <= Math.ceil(Math.log10(hi)); power++) {
    for (const m of [1, 2, 5]) {
      const step = m * 10 ** power;
      if (step > lo && step <= hi) steps.push(step);
    }
  }
  const thresholds = steps.length > 6 ? steps.filter((_, i) => i % Math.ceil(steps.length / 6) === 0) : steps;
  return { ...common, type: 'threshold', domain: thresholds.length > 0 ? thresholds : [hi] };
}
