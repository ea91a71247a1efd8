import type { ValueKind } from '../view-answer.ts';

/**
 * How each kind of value is drawn, on every chart and in its legend: the one place that
 * decides that a target never looks like a published figure. Greyscale-safe: kinds differ
 * by line pattern, marker shape and fill, never by colour alone (colour is the country's).
 */
export interface KindStyle {
  /** Line pattern (SVG stroke-dasharray); null for a solid line. */
  dash: string | null;
  /** Marker shape (Observable Plot symbol names). */
  symbol: 'circle' | 'triangle' | 'square' | 'diamond';
  /** An open marker (white inside) rather than a filled one. */
  hollow: boolean;
  /** Whether a country's values of this kind are joined by a line (a target stands alone). */
  joined: boolean;
  /** Drawn at the period's end rather than its start (a target is for a date). */
  atEnd: boolean;
}

/** Synthetic values are dashed on every chart, so they can never pass for published ones. */
export const SYNTHETIC_DASH = '5,4';

export const KIND_STYLES: Readonly<Record<ValueKind, KindStyle>> = {
  published: { dash: null, symbol: 'circle', hollow: false, joined: true, atEnd: false },
  modelled: { dash: '1,3', symbol: 'triangle', hollow: false, joined: true, atEnd: false },
  provisional: { dash: '8,3,2,3', symbol: 'square', hollow: true, joined: true, atEnd: false },
  target: { dash: '2,3', symbol: 'diamond', hollow: true, joined: false, atEnd: true },
  synthetic: { dash: SYNTHETIC_DASH, symbol: 'circle', hollow: true, joined: true, atEnd: false },
};

/** The order kinds are listed in a legend. */
export const KIND_ORDER: readonly ValueKind[] = ['published', 'modelled', 'provisional', 'target', 'synthetic'];
