import { codesOf, type ListName } from './codelists.ts';
import { DATA_CUT } from './cohorts.ts';

/**
 * The table schema of every resource (Frictionless Table Schema v1): types, constraints,
 * keys. Coded columns take their `enum` from the code lists, so schema and labels agree.
 */

type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date';
type Scalar = string | number | boolean;

// Type aliases, not interfaces, so a field fits the engine's loose field descriptor.
type Constraints = {
  required?: boolean;
  unique?: boolean;
  enum?: Scalar[];
  minimum?: Scalar;
  maximum?: Scalar;
  pattern?: string;
};

export type FieldSpec = {
  name: string;
  type: FieldType;
  title: string;
  description?: string;
  constraints?: Constraints;
  /** Sprig's extension: the code list (in the codelist table) that labels this column's codes. */
  sprig?: { codelist: ListName };
};

export interface ForeignKey {
  fields: string | string[];
  reference: { resource: string; fields: string | string[] };
}

export interface TableSpec {
  name: string;
  title: string;
  description: string;
  fields: FieldSpec[];
  primaryKey: string | string[];
  foreignKeys: ForeignKey[];
  /** Every row is synthetic (the resource carries `"sprig": {"synthetic": true}`). */
  synthetic: boolean;
}

interface Options extends Omit<Constraints, 'enum'> {
  description?: string;
}

function field(name: string, type: FieldType, title: string, options: Options & { enum?: Scalar[] } = {}): FieldSpec {
  const { description, ...constraints } = options;
  return {
    name,
    type,
    title,
    ...(description ? { description } : {}),
    ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
  };
}

const text = (name: string, title: string, options: Options = {}) => field(name, 'string', title, options);
const code = (name: string, title: string, list: ListName, options: Options = {}): FieldSpec => ({
  ...field(name, 'string', title, { ...options, enum: codesOf(list) }),
  sprig: { codelist: list },
});
/** A column whose codes are labelled in a code list but checked by a foreign key rather than an enum. */
const labelled = (spec: FieldSpec, list: ListName): FieldSpec => ({ ...spec, sprig: { codelist: list } });
const int = (name: string, title: string, options: Options = {}) => field(name, 'integer', title, options);
const num = (name: string, title: string, options: Options = {}) => field(name, 'number', title, options);
const flag = (name: string, title: string, options: Options = {}) => field(name, 'boolean', title, options);
const date = (name: string, title: string, options: Options = {}) => field(name, 'date', title, options);

const required = { required: true } as const;
/** Synthetic tables say so on every row, and the schema allows nothing else. */
const syntheticFlag = field('is_synthetic', 'boolean', 'Synthetic', { required: true, enum: [true], description: 'Always true: this row is synthetic' });
const isSyntheticValue = flag('is_synthetic', 'Synthetic', { ...required, description: 'True when the value comes from synthetic rows' });

const fk = (fields: string | string[], resource: string, referenced: string | string[] = fields): ForeignKey => ({
  fields,
  reference: { resource, fields: referenced },
});
const COUNTRY_CODE = '^[A-Z]{2}(-[A-Z]{3})?$';
const IDENTIFIER = '^[a-z0-9_]+$';

export const tables: TableSpec[] = [
  {
    name: 'country',
    title: 'Countries and UK nations',
    description: 'The countries compared, with the UK’s nations as their own rows because health is devolved',
    fields: [
      text('country_code', 'Country code', { ...required, pattern: COUNTRY_CODE, description: 'ISO 3166-1 alpha-2, or ISO 3166-2 for the UK’s nations' }),
      text('name_en', 'Name (English)', required),
      text('name_de', 'Name (German)', required),
      text('name_el', 'Name (Greek)', required),
      text('parent_code', 'Part of', { pattern: COUNTRY_CODE }),
      code('health_system', 'Health system', 'health_system', required),
      code('policy_status', 'Social prescribing policy', 'policy_status', required),
      flag('national_data_available', 'National data available', required),
      code('deprivation_index', 'National deprivation index', 'deprivation_index'),
      text('reporting_year', 'Reporting year'),
      text('comparability_note', 'Comparability note', required),
    ],
    primaryKey: 'country_code',
    foreignKeys: [fk('parent_code', '', 'country_code')],
    synthetic: false,
  },
  {
    name: 'source',
    title: 'Sources',
    description: 'Every citable source; each value in the package names one',
    fields: [
      text('source_id', 'Source', { ...required, pattern: IDENTIFIER }),
      text('title', 'Title', required),
      text('organisation', 'Organisation', required),
      int('year', 'Year', { minimum: 1900, maximum: 2100 }),
      text('url', 'Web address', { pattern: '^https?://.+' }),
      text('doi', 'DOI', { pattern: '^10\\..+' }),
      code('source_type', 'Kind of source', 'source_type', required),
      text('licence', 'Licence', required),
      text('reliability_note', 'Reliability note'),
    ],
    primaryKey: 'source_id',
    foreignKeys: [],
    synthetic: false,
  },
  {
    name: 'indicator',
    title: 'Indicators',
    description: 'What each indicator measures, its unit and whether it can be compared between countries',
    fields: [
      text('indicator_id', 'Indicator', { ...required, pattern: IDENTIFIER }),
      text('name', 'Name (English)', required),
      text('name_de', 'Name (German)', required),
      text('name_el', 'Name (Greek)', required),
      text('definition', 'Definition', required),
      text('unit', 'Unit', required),
      code('measure_kind', 'Kind of measure', 'measure_kind', required),
      text('denominator', 'Denominator'),
      code('comparability_level', 'Comparability', 'comparability_level', required),
      text('caveat', 'Caveat', required),
    ],
    primaryKey: 'indicator_id',
    foreignKeys: [],
    synthetic: false,
  },
  {
    name: 'population',
    title: 'Populations',
    description: 'Denominators for rates, with their type (resident or GP-registered) and source',
    fields: [
      text('population_id', 'Population', { ...required, pattern: IDENTIFIER }),
      text('country_code', 'Country', required),
      code('population_type', 'Population type', 'population_type', required),
      int('reference_year', 'Reference year', { ...required, minimum: 1900, maximum: 2100 }),
      text('period_label', 'Reference period', required),
      num('value', 'People', { ...required, minimum: 0 }),
      code('data_status', 'Data status', 'data_status', required),
      text('source_id', 'Source', required),
      text('note', 'Note'),
    ],
    primaryKey: 'population_id',
    foreignKeys: [fk('country_code', 'country'), fk('source_id', 'source')],
    synthetic: false,
  },
  {
    name: 'programme',
    title: 'Programmes and pilots',
    description: 'Social prescribing programmes, pilots and trials: model, referrers, dates and funding where published',
    fields: [
      text('programme_id', 'Programme', { ...required, pattern: IDENTIFIER }),
      text('country_code', 'Country', required),
      text('name', 'Name (English)', required),
      text('name_local', 'Name in the country’s language'),
      code('model_type', 'Model', 'model_type', required),
      code('programme_kind', 'Kind of programme', 'programme_kind', required),
      text('referrers', 'Who refers', required),
      int('start_year', 'First year', { minimum: 2000, maximum: 2100 }),
      int('end_year', 'Last year', { minimum: 2000, maximum: 2100 }),
      num('funding_amount', 'Funding', { minimum: 0, description: 'Over the funding scope, in the currency given' }),
      text('currency', 'Currency', { pattern: '^[A-Z]{3}$', description: 'ISO 4217' }),
      text('funding_scope', 'Funding scope'),
      text('source_id', 'Source', required),
      text('note', 'Note'),
    ],
    primaryKey: 'programme_id',
    foreignKeys: [fk('country_code', 'country'), fk('source_id', 'source')],
    synthetic: false,
  },
  {
    name: 'instrument',
    title: 'Outcome instruments',
    description: 'The outcome measures used, their ranges and direction; scores on different instruments are never pooled',
    fields: [
      labelled(text('instrument_id', 'Instrument', { ...required, pattern: IDENTIFIER }), 'instrument'),
      text('name', 'Name', required),
      num('min_score', 'Lowest score', required),
      num('max_score', 'Highest score', required),
      flag('higher_is_better', 'Higher is better', required),
      int('score_decimals', 'Decimals', { ...required, minimum: 0, maximum: 3 }),
      text('note', 'Note'),
    ],
    primaryKey: 'instrument_id',
    foreignKeys: [],
    synthetic: false,
  },
  {
    name: 'country_year_indicator',
    title: 'Indicator values by country and period',
    description: 'One value of one indicator for one country and period, with its status, synthetic flag and source',
    fields: [
      text('country_code', 'Country', required),
      text('indicator_id', 'Indicator', required),
      text('period_label', 'Period', required),
      date('period_start', 'Period start', required),
      date('period_end', 'Period end', { description: 'Empty for an open-ended period' }),
      num('value', 'Value', { description: 'Empty when not available or suppressed; never zero for missing' }),
      num('lower', 'Lower bound (95%)'),
      num('upper', 'Upper bound (95%)'),
      code('data_status', 'Data status', 'data_status', required),
      isSyntheticValue,
      text('source_id', 'Source', required),
      text('note', 'Note'),
      text('programme_id', 'Programme', { description: 'Set when the value belongs to one programme, not the whole country' }),
      code('value_qualifier', 'Qualifier', 'value_qualifier', { description: 'As the source words it: approximately, more than' }),
    ],
    primaryKey: ['country_code', 'indicator_id', 'period_label'],
    foreignKeys: [fk('country_code', 'country'), fk('indicator_id', 'indicator'), fk('source_id', 'source'), fk('programme_id', 'programme')],
    synthetic: false,
  },
  {
    name: 'referral',
    title: 'Referrals (synthetic)',
    description: 'One synthetic referral episode per row, shaped like the programme it belongs to',
    fields: [
      int('referral_id', 'Referral', { ...required, minimum: 1 }),
      text('country_code', 'Country', required),
      text('programme_id', 'Programme', required),
      text('site_id', 'Site', { ...required, pattern: '^[A-Z]{2,4}-[A-Z0-9]+$' }),
      date('referral_date', 'Referral date', { ...required, minimum: '2015-01-01', maximum: DATA_CUT }),
      code('age_band', 'Age band', 'age_band', required),
      code('sex', 'Sex', 'sex', required),
      flag('ethnic_minority', 'Ethnic minority group', { description: 'Empty where the programme does not record ethnicity' }),
      int('deprivation_quintile', 'Deprivation quintile', {
        minimum: 1,
        maximum: 5,
        description: 'Quintile of the country’s own index (country.deprivation_index), 1 = most deprived; compare within a country only',
      }),
      code('referral_source', 'Referred by', 'referral_source', required),
      code('referral_route', 'Referral route', 'referral_route', required),
      code('primary_need', 'Main need', 'primary_need', required),
      flag('offered', 'Offered support', required),
      flag('declined', 'Declined', required),
      flag('contacted', 'Reached the link worker', required),
      flag('connected', 'Started an activity', required),
      code('discharge_reason', 'Discharge reason', 'discharge_reason', { description: 'Empty while the referral is still open' }),
      syntheticFlag,
    ],
    primaryKey: 'referral_id',
    foreignKeys: [fk('country_code', 'country'), fk('programme_id', 'programme')],
    synthetic: true,
  },
  {
    name: 'referral_activity',
    title: 'Activities prescribed (synthetic)',
    description: 'Activities a link worker or navigator connected a referred person to',
    fields: [
      int('activity_id', 'Activity', { ...required, minimum: 1 }),
      int('referral_id', 'Referral', required),
      code('category', 'Category', 'activity_category', required),
      code('subcategory', 'Subcategory', 'activity_subcategory', required),
      flag('is_glam', 'Galleries, libraries, archives, museums (GLAM)', required),
      code('provider_sector', 'Provider sector', 'provider_sector', required),
      code('mode', 'Mode', 'activity_mode', required),
      text('group_code', 'Group', { pattern: '^GR-[0-9]{4}Q[1-4]-G[0-9]{2,}$', description: 'Greek arts cycles: the cycle and group of about 20' }),
      int('sessions_offered', 'Sessions offered', { ...required, minimum: 1 }),
      flag('started', 'Started', required),
      int('sessions_attended', 'Sessions attended', { ...required, minimum: 0 }),
      syntheticFlag,
    ],
    primaryKey: 'activity_id',
    foreignKeys: [fk('referral_id', 'referral')],
    synthetic: true,
  },
  {
    name: 'outcome_measurement',
    title: 'Outcome scores (synthetic)',
    description: 'A score on one instrument at one timepoint; missing follow-ups are people lost to follow-up',
    fields: [
      int('referral_id', 'Referral', required),
      labelled(text('instrument', 'Instrument', required), 'instrument'),
      code('timepoint', 'Timepoint', 'timepoint', required),
      num('score', 'Score', { ...required, minimum: -0.285, maximum: 100, description: 'On the instrument’s own scale (see the instrument table)' }),
      syntheticFlag,
    ],
    primaryKey: ['referral_id', 'instrument', 'timepoint'],
    foreignKeys: [fk('referral_id', 'referral'), fk('instrument', 'instrument', 'instrument_id')],
    synthetic: true,
  },
  {
    name: 'service_use',
    title: 'Service use before and after referral (synthetic)',
    description: 'Counts of GP consultations and emergency attendances in the 12 months before and after referral',
    fields: [
      int('referral_id', 'Referral', required),
      code('measure', 'Measure', 'service_measure', required),
      code('time_window', 'Window', 'time_window', required),
      int('count', 'Count', { ...required, minimum: 0 }),
      syntheticFlag,
    ],
    primaryKey: ['referral_id', 'measure', 'time_window'],
    foreignKeys: [fk('referral_id', 'referral')],
    synthetic: true,
  },
  {
    name: 'cohort_outcome_summary',
    title: 'Cohort outcome summaries (from synthetic rows)',
    description:
      'Mean scores at baseline and follow-up among people with both, mean change and its 95% confidence interval; cells of fewer than 10 people are suppressed. The shape partners use to share aggregates they cannot share as rows',
    fields: [
      text('country_code', 'Country', required),
      text('programme_id', 'Programme', required),
      labelled(text('instrument', 'Instrument', required), 'instrument'),
      code('timepoint', 'Follow-up', 'timepoint', required),
      code('stratum_variable', 'Stratified by', 'stratum_variable', required),
      text('stratum_value', 'Stratum', required),
      int('n', 'People', { minimum: 1, description: 'People with both baseline and follow-up; empty when suppressed' }),
      num('baseline_mean', 'Baseline mean'),
      num('baseline_sd', 'Baseline SD', { minimum: 0 }),
      num('followup_mean', 'Follow-up mean'),
      num('followup_sd', 'Follow-up SD', { minimum: 0 }),
      num('mean_change', 'Mean change'),
      num('change_sd', 'SD of change', { minimum: 0 }),
      num('ci_lower', 'Mean change, lower 95% limit'),
      num('ci_upper', 'Mean change, upper 95% limit'),
      code('design', 'Design', 'study_design', required),
      flag('suppressed', 'Suppressed (small cell)', required),
      labelled(field('data_status', 'string', 'Data status', { ...required, enum: ['synthetic'] }), 'data_status'),
      syntheticFlag,
      text('source_id', 'Source', required),
    ],
    primaryKey: ['programme_id', 'instrument', 'timepoint', 'stratum_variable', 'stratum_value'],
    foreignKeys: [fk('country_code', 'country'), fk('programme_id', 'programme'), fk('instrument', 'instrument', 'instrument_id'), fk('source_id', 'source')],
    synthetic: true,
  },
  {
    name: 'codelist',
    title: 'Code lists',
    description: 'Labels in English, German and Greek for every coded column',
    fields: [
      text('list', 'List', { ...required, pattern: IDENTIFIER }),
      text('code', 'Code', required),
      text('label_en', 'Label (English)', required),
      text('label_de', 'Label (German)', required),
      text('label_el', 'Label (Greek)', required),
      text('parent_list', 'Parent list'),
      text('parent_code', 'Parent code'),
      int('sort_order', 'Order', { ...required, minimum: 1 }),
    ],
    primaryKey: ['list', 'code'],
    foreignKeys: [fk(['parent_list', 'parent_code'], '', ['list', 'code'])],
    synthetic: false,
  },
];

export function table(name: string): TableSpec {
  const found = tables.find((t) => t.name === name);
  if (!found) throw new Error(`no table ${name}`);
  return found;
}
