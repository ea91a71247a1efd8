import { parseHTML } from 'linkedom';

/**
 * The document Observable Plot draws with in the engine (plain Node has none). One per
 * figure: nothing drawn for one export lingers into the next.
 */
export function figureDocument(): Document {
  return parseHTML('<!doctype html><html><head></head><body></body></html>').document as unknown as Document;
}
