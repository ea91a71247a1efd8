import type * as Plot from '@observablehq/plot';
import type { ValueKind } from '../view-answer.ts';
import type { ViewKind } from '../view-spec.ts';

/**
 * One figure, whatever draws it: the screen sized to its panel, or an export at a journal's
 * size. Everything a reader needs is here as words and marks, so every drawing of it keeps
 * the same honesty: synthetic values badged and in the legend, each kind of value with its
 * own mark and entry, missing values with their true reasons, suppression said, ranking
 * refused where the notes say so, comparability, caveats and sources.
 */
export interface Figure {
  view: ViewKind;
  /** The figure's language (its words, numbers and dates). */
  language: string;
  title: string;
  /** What the values are measured in, in words ("FTE per 100,000 population"). */
  unit: string | null;
  /** A second line under the title: the unit, the filters, the periods compared. */
  subtitle: string | null;
  /** Kinds of value drawn that are not published figures: modelled, provisional, targets, synthetic. */
  badges: FigureBadge[];
  legend: LegendItem[];
  /** Notes in the order they are printed, by what they are about. */
  notes: FigureNote[];
  sources: FigureSource[];
  /** The word the sources follow ("Sources:"). */
  sourcesLabel: string;
  /** What the indicator counts (for captions and the bundle's README; not drawn). */
  definition: string | null;
  /** The rule small counts were suppressed by (person-level views), for captions. */
  suppressionRule: string | null;
  dataset: { name: string; version: string | null; title: string; licences: string[] };
  /** The charts of the figure, as Observable Plot options at a design size (see `PanelSize`). */
  panels: (size: PanelSize) => Plot.PlotOptions[];
  /** Whether the charts' height follows the space given (lines) or their content (a row per country). */
  freeHeight: boolean;
}

/**
 * The size charts are laid out at, in design pixels, with their text at `DESIGN_TEXT_SIZE`
 * pixels; the renderer scales the drawing to the figure's text size.
 */
export interface PanelSize {
  width: number;
  /** For charts of free height: the height all the figure's charts may take together. */
  height: number;
}

/** The text size the chart compilers draw at (src/shared/charts `baseStyle`). */
export const DESIGN_TEXT_SIZE = 13;

export interface FigureBadge {
  kind: ValueKind;
  label: string;
}

export type MarkerSymbol = 'circle' | 'triangle' | 'square' | 'diamond';

/** One entry of the legend: a country (its colour, and in greyscale its dash) or a kind of value. */
export interface LegendItem {
  group: 'country' | 'kind';
  key: string;
  label: string;
  colour: string;
  /** A line sample, with this dash (null: solid). */
  line: { dash: string | null } | null;
  /** A marker, open or filled. */
  marker: { symbol: MarkerSymbol; hollow: boolean } | null;
  /** A filled box (bars), pale and dashed for synthetic data. */
  box: { fillOpacity: number; dash: string | null } | null;
}

export type FigureNoteKind = 'chart' | 'missing' | 'comparability' | 'caveat';

export interface FigureNote {
  kind: FigureNoteKind;
  text: string;
}

export interface FigureSource {
  id: string;
  citation: string;
}
