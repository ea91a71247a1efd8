import { indicators, nationalIndicators } from './indicators.ts';
import { countries, CURATORS_SOURCE, noNationalData, populations } from './reference.ts';

/**
 * The country-period values that are not synthetic: the published figures of data.md,
 * exactly as printed there, the rates Sprig derives from them, and an explicit
 * "No national data" row wherever a country has no national figure.
 */

export interface Period {
  label: string;
  start: string;
  /** Empty for an open-ended period ("2023–"): the source gives no end. */
  end: string | null;
}

export interface IndicatorValue {
  country: string;
  indicator: string;
  programme: string | null;
  period: Period;
  value: number | null;
  qualifier: 'approximately' | 'more_than' | null;
  lower: number | null;
  upper: number | null;
  status: string;
  synthetic: boolean;
  source: string;
  note: string | null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export const period = {
  month: (year: number, month: number): Period => ({
    label: `${MONTHS[month - 1]} ${year}`,
    start: isoDate(year, month, 1),
    end: isoDate(year, month, daysInMonth(year, month)),
  }),
  calendarYear: (year: number): Period => ({ label: String(year), start: isoDate(year, 1, 1), end: isoDate(year, 12, 31) }),
  /** A UK financial year, April to March: 2020 → "2020/21". */
  financialYear: (year: number, prefix = ''): Period => ({
    label: `${prefix}${year}/${String((year + 1) % 100).padStart(2, '0')}`,
    start: isoDate(year, 4, 1),
    end: isoDate(year + 1, 3, 31),
  }),
  day: (label: string, year: number, month: number, day: number): Period => ({
    label,
    start: isoDate(year, month, day),
    end: isoDate(year, month, day),
  }),
  span: (label: string, start: string, end: string | null): Period => ({ label, start, end }),
};

type Extra = Partial<Pick<IndicatorValue, 'programme' | 'qualifier' | 'note'>>;

function figure(country: string, indicator: string, at: Period, value: number, status: string, source: string, extra: Extra = {}): IndicatorValue {
  return {
    country,
    indicator,
    programme: extra.programme ?? null,
    period: at,
    value,
    qualifier: extra.qualifier ?? null,
    lower: null,
    upper: null,
    status,
    synthetic: false,
    source,
    note: extra.note ?? null,
  };
}

const approx = { qualifier: 'approximately' } as const;

/** The real figures of data.md, one row each, with the period, status and source it gives. */
export const publishedFigures: IndicatorValue[] = [
  figure('GB-ENG', 'link_worker_target', period.financialYear(2020, 'by '), 1_000, 'target', 'nhse_sp_faq'),
  figure('GB-ENG', 'people_referred_target', period.financialYear(2023, 'by '), 900_000, 'target', 'nhse_sp_faq'),
  figure('GB-ENG', 'link_worker_fte_nhsd', period.month(2020, 3), 112, 'published_secondary', 'arc_gm_blog'),
  figure('GB-ENG', 'link_worker_fte_nhsd', period.day('end 2020/21', 2021, 3, 31), 1_265, 'published_secondary', 'arc_gm_blog'),
  figure('GB-ENG', 'link_worker_headcount_nhsd', period.day('end 2020/21', 2021, 3, 31), 1_449, 'published_secondary', 'arc_gm_blog'),
  figure('GB-ENG', 'link_workers_arrs_nwrs', period.day('31 Mar 2023', 2023, 3, 31), 3_433, 'published_secondary', 'pulse_2023'),
  ...(
    [
      [2023, 7, 2_775],
      [2024, 1, 2_866],
      [2024, 4, 2_845],
      [2024, 5, 2_832],
      [2024, 6, 2_805],
      [2024, 7, 2_781],
    ] as const
  ).map(([year, month, fte]) => figure('GB-ENG', 'link_worker_fte_nwrs', period.month(year, month), fte, 'published_secondary', 'pulse_pcn_2024')),
  figure('GB-ENG', 'people_referred_modelled', period.calendarYear(2023), 1_300_000, 'published', 'bu_2025', {
    ...approx,
    note: 'Modelled estimate from GP records',
  }),
  figure('GB-ENG', 'referred_female_pct', period.calendarYear(2023), 60, 'published', 'bu_2025'),
  figure('GB-ENG', 'referred_ethnic_minority_pct', period.calendarYear(2023), 23, 'published', 'bu_2025'),
  figure('GB-ENG', 'referred_deprived_pct', period.calendarYear(2017), 23, 'published', 'bu_2025'),
  figure('GB-ENG', 'referred_deprived_pct', period.calendarYear(2023), 42, 'published', 'bu_2025'),
  figure('GB-ENG', 'referral_declined_pct', period.calendarYear(2019), 22, 'published', 'bu_2025'),
  figure('GB-ENG', 'referral_declined_pct', period.calendarYear(2023), 12, 'published', 'bu_2025'),
  figure('GB-WLS', 'referrals_reported_wales', period.financialYear(2018), 10_000, 'published', 'phw_2023', approx),
  figure('GB-WLS', 'referrals_reported_wales', period.financialYear(2020), 25_000, 'published', 'phw_2023', approx),
  figure('GB-SCT', 'community_link_worker_posts', period.span('by 2024', '2024-01-01', '2024-12-31'), 250, 'published', 'sp_s6w_26226', {
    note: 'Posts achieved by 2024',
  }),
  figure('GB-ENG', 'programme_people_supported', period.span('Apr 2021 – Mar 2023', '2021-04-01', '2023-03-31'), 8_339, 'published', 'jech_gsp', {
    programme: 'eng_green_sp',
  }),
  figure('GB-ENG', 'programme_funding_gbp', period.span('Apr 2021 – Mar 2023', '2021-04-01', '2023-03-31'), 5_770_000, 'published', 'jech_gsp', {
    programme: 'eng_green_sp',
    note: '£5.77m',
  }),
  figure('US', 'prescriptions_issued', period.span('2020–2023', '2020-01-01', '2023-12-31'), 1_940, 'published', 'mcc_culturerx', {
    programme: 'us_culturerx',
    qualifier: 'more_than',
    note: 'Reported as more than 1,940',
  }),
  figure('AU', 'trial_sites', period.span('2024–2026', '2024-01-01', '2026-12-31'), 10, 'published', 'qld_sp_trial', {
    programme: 'au_qld_trial',
  }),
  figure('DE', 'kiosk_consultations', period.span('≈ 2017–2022', '2017-01-01', '2022-12-31'), 17_000, 'published_secondary', 'mopo_2022', {
    ...approx,
    programme: 'de_kiosk_hamburg',
    note: 'Period approximate',
  }),
  figure('DE', 'planned_participants', period.span('2025–2029', '2025-01-01', '2029-12-31'), 1_800, 'published', 'charite_speu', {
    ...approx,
    programme: 'de_sp_eu',
  }),
  figure('DE', 'programme_funding_eur', period.span('2025–2029', '2025-01-01', '2029-12-31'), 6_900_000, 'published', 'charite_speu', {
    programme: 'de_sp_eu',
    note: '€6.9m for the whole multi-country trial',
  }),
  figure('GR', 'research_budget_eur', period.span('2023–', '2023-01-01', null), 2_654_116, 'published', 'rrf_gr_cultural', {
    programme: 'gr_cultural_prescription',
    note: 'Open-ended: the source gives no end date',
  }),
  ...(
    [
      ['life_satisfaction', 7.45],
      ['worthwhile', 7.73],
      ['happiness', 7.39],
      ['anxiety', 3.23],
    ] as const
  ).map(([item, mean]) => figure('GB', `ons4_${item}_mean`, period.financialYear(2022), mean, 'published', 'ons_wellbeing_2023')),
];

/**
 * Rates per 100,000 residents from a cited numerator and the cited population; the note
 * shows the sum so anyone can check it.
 */
export function derivedRates(): IndicatorValue[] {
  const england = populations.find((p) => p.id === 'eng_resident_mid2023')!;
  const pick = (indicator: string, label: string) => publishedFigures.find((f) => f.indicator === indicator && f.period.label === label)!;
  const rate = (numerator: IndicatorValue, indicator: string, decimals: number): IndicatorValue => ({
    ...numerator,
    indicator,
    value: Number(((numerator.value! / england.value) * 100_000).toFixed(decimals)),
    qualifier: null,
    status: 'derived_from_published',
    note: `${thousands(numerator.value!)} (${numerator.source}) ÷ ${thousands(england.value)} residents, ${england.periodLabel} (${england.source}) × 100,000`,
  });
  return [
    rate(pick('people_referred_modelled', '2023'), 'people_referred_per_100k', 1),
    rate(pick('link_worker_fte_nwrs', 'Jul 2023'), 'link_worker_fte_per_100k', 2),
  ];
}

/** 57690300 → "57,690,300", without depending on the machine's locale data. */
export function thousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "No national data" rows: a value to show, never a zero and never a silent gap. */
export function notAvailableRows(published: IndicatorValue[]): IndicatorValue[] {
  const rows: IndicatorValue[] = [];
  for (const indicator of nationalIndicators) {
    const latest = published.filter((v) => v.indicator === indicator).map((v) => Number(v.period.start.slice(0, 4)));
    const year = Math.max(...latest);
    for (const country of noNationalData) {
      rows.push({
        country,
        indicator,
        programme: null,
        period: period.calendarYear(year),
        value: null,
        qualifier: null,
        lower: null,
        upper: null,
        status: 'not_available',
        synthetic: false,
        source: CURATORS_SOURCE,
        note: 'No national data',
      });
    }
  }
  return rows;
}

/** Indicator order, then country order, then time: one fixed order for byte-identical files. */
export function sortValues(values: IndicatorValue[]): IndicatorValue[] {
  const indicatorRank = new Map(indicators.map((i, n) => [i.id, n]));
  const countryRank = new Map(countries.map((c, n) => [c.code, n]));
  return [...values].sort(
    (a, b) =>
      indicatorRank.get(a.indicator)! - indicatorRank.get(b.indicator)! ||
      countryRank.get(a.country)! - countryRank.get(b.country)! ||
      compare(a.period.start, b.period.start) ||
      compare(a.period.label, b.period.label),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

