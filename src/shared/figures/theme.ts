import { fontFamilyList, type FigureFontId } from './fonts.ts';
import { ptFromMm, type FigureOptions, type ResolvedSize } from './presets.ts';

/**
 * How a figure is drawn: at what size, in what face, with or without gridlines, greyscale-
 * safe or not. Exports are drawn in points (1 unit = 1 pt, the root sized in mm); the
 * screen in CSS pixels, sized to its panel.
 */
export interface FigureTheme {
  unit: 'pt' | 'px';
  /** Width of the whole figure, in units. */
  width: number;
  /** A fixed height in units (a slide, a custom height); null: as tall as the figure needs. */
  height: number | null;
  /** The size written on the root element (exports: mm); null: `width` and `height` in units. */
  physicalMm: { width: number; height: number | null } | null;
  /** Body text size (legend, axis labels), in units. */
  fontSize: number;
  /** Notes and sources, in units: the body size, or smaller on a slide (never below the preset's least). */
  noteSize: number;
  font: FigureFontId;
  /** The SVG font-family of every text. */
  fontFamily: string;
  ink: string;
  muted: string;
  /** Space around the figure, in units. */
  padding: number;
  gridlines: boolean;
  /** Chart and legend only: no title, subtitle or sources. */
  plain: boolean;
  /** For charts of free height without a fixed figure height: their height in units; null: in proportion to the width. */
  chartHeight: number | null;
  /** Prefix of every id in the figure, so two figures on one page never share one. */
  idPrefix: string;
  /**
   * True for exports: one standalone SVG (no style sheet, no tooltips, no currentColor,
   * missing glyphs set in the fallback face). False on screen: the charts stay interactive.
   */
  standalone: boolean;
}

const INK = '#1d2327';
const MUTED = '#4d5760';

/** An export at a resolved physical size. */
export function exportTheme(size: ResolvedSize, options: FigureOptions): FigureTheme {
  return {
    unit: 'pt',
    width: ptFromMm(size.widthMm),
    height: size.heightMm === null ? null : ptFromMm(size.heightMm),
    physicalMm: { width: size.widthMm, height: size.heightMm },
    fontSize: size.pt,
    // A slide's notes are read close up, its chart from the back of the room.
    noteSize: size.preset.id === 'slide' ? Math.max(size.preset.pt.min, Math.round(size.pt * 0.67 * 2) / 2) : size.pt,
    font: options.font,
    fontFamily: fontFamilyList(options.font),
    ink: INK,
    muted: MUTED,
    // About 1 mm: journals crop to the figure, so its text must not touch the edge.
    padding: Math.max(2.8, size.pt * 0.4),
    gridlines: options.gridlines,
    plain: options.plain,
    chartHeight: null,
    idPrefix: 'sprig-figure',
    standalone: true,
  };
}

/** The interface's face for figures on screen: the same Noto Sans file as exports, then the interface's own. */
export const SCREEN_FONT_FAMILY = "'Sprig Figure Noto Sans', 'Sprig Figure Arimo', 'Sprig Noto Sans', 'Noto Sans', sans-serif";

/**
 * The figure on screen, filling a panel `width` pixels wide, its text growing a little on
 * wide screens, its charts as tall as `chartHeight` (what is left of the window) allows.
 */
export function screenTheme(width: number, chartHeight: number | null, idPrefix: string): FigureTheme {
  const fontSize = Math.round(Math.min(16, Math.max(13, 13 + (width - 640) / 220)) * 2) / 2;
  return {
    unit: 'px',
    width,
    height: null,
    physicalMm: null,
    fontSize,
    noteSize: fontSize,
    font: 'noto-sans',
    fontFamily: SCREEN_FONT_FAMILY,
    ink: INK,
    muted: MUTED,
    padding: 4,
    gridlines: true,
    plain: false,
    chartHeight,
    idPrefix,
    standalone: false,
  };
}
