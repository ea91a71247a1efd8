import cli from './locales/en-GB/cli.json' with { type: 'json' };
import common from './locales/en-GB/common.json' with { type: 'json' };
import menu from './locales/en-GB/menu.json' with { type: 'json' };

/** British English is the source language; every other language must have the same keys. */
export const SOURCE_LANGUAGE = 'en-GB';

export const resources = {
  'en-GB': { common, cli, menu },
} as const;

export type Namespace = keyof (typeof resources)['en-GB'];
export const namespaces = Object.keys(resources['en-GB']) as Namespace[];
