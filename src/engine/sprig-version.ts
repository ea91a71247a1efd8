import pkg from '../../package.json' with { type: 'json' };

/** Sprig's own version, as figure bundles cite it. */
export const SPRIG_VERSION: string = pkg.version;
