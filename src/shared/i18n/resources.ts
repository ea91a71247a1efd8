import deCharts from './locales/de/charts.json' with { type: 'json' };
import deCli from './locales/de/cli.json' with { type: 'json' };
import deCommon from './locales/de/common.json' with { type: 'json' };
import deImport from './locales/de/import.json' with { type: 'json' };
import deMapping from './locales/de/mapping.json' with { type: 'json' };
import deMenu from './locales/de/menu.json' with { type: 'json' };
import deSql from './locales/de/sql.json' with { type: 'json' };
import elCharts from './locales/el/charts.json' with { type: 'json' };
import elCli from './locales/el/cli.json' with { type: 'json' };
import elCommon from './locales/el/common.json' with { type: 'json' };
import elImport from './locales/el/import.json' with { type: 'json' };
import elMapping from './locales/el/mapping.json' with { type: 'json' };
import elMenu from './locales/el/menu.json' with { type: 'json' };
import elSql from './locales/el/sql.json' with { type: 'json' };
import charts from './locales/en-GB/charts.json' with { type: 'json' };
import cli from './locales/en-GB/cli.json' with { type: 'json' };
import common from './locales/en-GB/common.json' with { type: 'json' };
import importing from './locales/en-GB/import.json' with { type: 'json' };
import mapping from './locales/en-GB/mapping.json' with { type: 'json' };
import menu from './locales/en-GB/menu.json' with { type: 'json' };
import sql from './locales/en-GB/sql.json' with { type: 'json' };
import usCharts from './locales/en-US/charts.json' with { type: 'json' };
import usCli from './locales/en-US/cli.json' with { type: 'json' };
import usCommon from './locales/en-US/common.json' with { type: 'json' };
import usImport from './locales/en-US/import.json' with { type: 'json' };
import usMapping from './locales/en-US/mapping.json' with { type: 'json' };
import usMenu from './locales/en-US/menu.json' with { type: 'json' };
import usSql from './locales/en-US/sql.json' with { type: 'json' };
import { SOURCE_LANGUAGE } from './languages.ts';

export { SOURCE_LANGUAGE };

/**
 * Every shipped language's strings, bundled (no network, no back-end). British English is
 * the source; test/shared/translations.test.ts fails when another language lacks a key or a
 * namespace, leaves a value empty or leaves it in English. The pseudo-locale is generated
 * from British English at run time (see create.ts), not stored. A new namespace needs a file
 * in every language's folder and a line here for each.
 */
export const resources = {
  'en-GB': { charts, cli, common, import: importing, mapping, menu, sql },
  'en-US': { charts: usCharts, cli: usCli, common: usCommon, import: usImport, mapping: usMapping, menu: usMenu, sql: usSql },
  de: { charts: deCharts, cli: deCli, common: deCommon, import: deImport, mapping: deMapping, menu: deMenu, sql: deSql },
  el: { charts: elCharts, cli: elCli, common: elCommon, import: elImport, mapping: elMapping, menu: elMenu, sql: elSql },
} as const;

export type Namespace = keyof (typeof resources)['en-GB'];
export const namespaces = Object.keys(resources['en-GB']) as Namespace[];
