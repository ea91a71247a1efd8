import { codelists, parentLists, type ListName } from './codelists.ts';
import { bool, integer, optional, type Cell } from './csv.ts';
import { indicators } from './indicators.ts';
import { instruments } from './instruments.ts';
import type { IndicatorValue } from './published.ts';
import { countries, populations, programmes, sources } from './reference.ts';
import type { Row } from './synthetic.ts';

/**
 * Rows of the reference tables, formatted for CSV. Numbers keep the precision they were
 * published with: `String(n)` prints 7.45 as "7.45" and 57690300 as "57690300".
 */

const num = (value: number): string => {
  if (!Number.isFinite(value)) throw new Error(`${value} is not a finite number`);
  return String(value);
};

export function countryRows(): Row[] {
  return countries.map((c) => ({
    country_code: c.code,
    name_en: c.en,
    name_de: c.de,
    name_el: c.el,
    parent_code: c.parent,
    health_system: c.healthSystem,
    policy_status: c.policyStatus,
    national_data_available: bool(c.nationalData),
    deprivation_index: c.deprivationIndex,
    reporting_year: c.reportingYear,
    comparability_note: c.comparabilityNote,
  }));
}

export function sourceRows(): Row[] {
  return sources.map((s) => ({
    source_id: s.id,
    title: s.title,
    organisation: s.organisation,
    year: optional(s.year, integer),
    url: s.url,
    doi: s.doi,
    source_type: s.type,
    licence: s.licence,
    reliability_note: s.reliability,
  }));
}

export function indicatorRows(): Row[] {
  return indicators.map((i) => ({
    indicator_id: i.id,
    name: i.name,
    name_de: i.de,
    name_el: i.el,
    definition: i.definition,
    unit: i.unit,
    measure_kind: i.measureKind,
    denominator: i.denominator,
    comparability_level: i.comparability,
    caveat: i.caveat,
  }));
}

export function populationRows(): Row[] {
  return populations.map((p) => ({
    population_id: p.id,
    country_code: p.country,
    population_type: p.type,
    reference_year: integer(p.referenceYear),
    period_label: p.periodLabel,
    value: num(p.value),
    data_status: p.status,
    source_id: p.source,
    note: p.note,
  }));
}

export function programmeRows(): Row[] {
  return programmes.map((p) => ({
    programme_id: p.id,
    country_code: p.country,
    name: p.name,
    name_local: p.localName,
    model_type: p.modelType,
    programme_kind: p.kind,
    referrers: p.referrers,
    start_year: optional(p.startYear, integer),
    end_year: optional(p.endYear, integer),
    funding_amount: optional(p.fundingAmount, num),
    currency: p.currency,
    funding_scope: p.fundingScope,
    source_id: p.source,
    note: p.note,
  }));
}

export function instrumentRows(): Row[] {
  return instruments.map((i) => ({
    instrument_id: i.id,
    name: i.name,
    min_score: num(i.min),
    max_score: num(i.max),
    higher_is_better: bool(i.higherIsBetter),
    score_decimals: integer(i.decimals),
    note: i.note,
  }));
}

export function valueRows(values: IndicatorValue[]): Row[] {
  return values.map((v) => ({
    country_code: v.country,
    indicator_id: v.indicator,
    period_label: v.period.label,
    period_start: v.period.start,
    period_end: v.period.end,
    value: optional(v.value, num),
    lower: optional(v.lower, num),
    upper: optional(v.upper, num),
    data_status: v.status,
    is_synthetic: bool(v.synthetic),
    source_id: v.source,
    note: v.note,
    programme_id: v.programme,
    value_qualifier: v.qualifier,
  }));
}

export function codelistRows(): Row[] {
  const rows: Row[] = [];
  for (const list of Object.keys(codelists) as ListName[]) {
    codelists[list].forEach((entry, i) => {
      const parentList: Cell = entry.parent ? (parentLists[list] ?? null) : null;
      rows.push({
        list,
        code: entry.code,
        label_en: entry.en,
        label_de: entry.de,
        label_el: entry.el,
        parent_list: parentList,
        parent_code: entry.parent ?? null,
        sort_order: integer(i + 1),
      });
    });
  }
  return rows;
}
