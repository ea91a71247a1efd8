import { geoAlbersUsa, geoAzimuthalEqualArea, geoCentroid, geoStream, type GeoProjection, type GeoStream } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import shapes from './map-shapes.json' with { type: 'json' };

/**
 * The outlines the map draws ship with Sprig, so the map never asks the network for
 * anything: Natural Earth 1:10m (public domain), built by scripts/maps/build-map-shapes.ts,
 * one per country code Sprig knows. The UK's nations have their own (GB-ENG, GB-WLS, GB-SCT,
 * GB-NIR), and the UK (GB) is their union.
 */

export type Outline = GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>;
/** A rectangle in the figure's pixels: [[left, top], [right, bottom]]. */
export type Extent = [[number, number], [number, number]];

let outlines: Map<string, Outline> | undefined;

/** The outline of a country (or UK nation) by its code, or undefined when Sprig has none. */
export function mapOutline(code: string): Outline | undefined {
  if (!outlines) {
    const topology = shapes as unknown as Topology;
    const collection = feature(topology, topology.objects.countries as GeometryCollection) as GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon>;
    outlines = new Map(collection.features.map((f) => [String(f.id), f]));
  }
  return outlines.get(code);
}

/**
 * The projection that fits one country into its tile: equal-area and centred on the country,
 * so its shape is true; the United States as the usual Albers composite, with Alaska and
 * Hawaii moved in beside the contiguous states.
 */
function tileProjection(code: string, outline: Outline, extent: Extent): GeoProjection {
  const projection = code === 'US' ? geoAlbersUsa() : geoAzimuthalEqualArea().rotate(geoCentroid(outline).map((d) => -d) as [number, number]);
  return projection.fitExtent(extent, outline);
}

/**
 * A country's outline projected into a tile of the figure: planar coordinates in pixels,
 * which Plot draws through an identity projection. Each tile has its own projection, which
 * one Plot projection could not give.
 */
export function outlineInTile(code: string, extent: Extent): GeoJSON.MultiPolygon | undefined {
  const outline = mapOutline(code);
  if (!outline) return undefined;
  const polygons: [number, number][][][] = [];
  let rings: [number, number][][] = [];
  let ring: [number, number][] = [];
  const sink: GeoStream = {
    point: (x, y) => void ring.push([round(x), round(y)]),
    lineStart: () => void (ring = []),
    lineEnd: () => {
      if (ring.length > 2) rings.push([...ring, ring[0]!]);
    },
    polygonStart: () => void (rings = []),
    polygonEnd: () => {
      if (rings.length > 0) polygons.push(rings);
    },
    sphere: () => undefined,
  };
  geoStream(outline, tileProjection(code, outline, extent).stream(sink));
  return { type: 'MultiPolygon', coordinates: polygons };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
