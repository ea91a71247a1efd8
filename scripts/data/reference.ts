/**
 * The package's reference tables: countries, sources, programmes, populations. Every
 * fact here comes from ../shared/design/data.md; where data.md gives no date, year or
 * amount, the cell stays empty rather than being guessed.
 */

export const GENERATOR_SOURCE = 'sprig_generator';
export const CURATORS_SOURCE = 'sprig_curators';

export interface Country {
  code: string;
  en: string;
  de: string;
  el: string;
  parent: string | null;
  healthSystem: string;
  policyStatus: string;
  nationalData: boolean;
  deprivationIndex: string | null;
  reportingYear: string;
  comparabilityNote: string;
}

export const countries: Country[] = [
  {
    code: 'GB', en: 'United Kingdom', de: 'Vereinigtes Königreich', el: 'Ηνωμένο Βασίλειο', parent: null,
    healthSystem: 'national_health_service', policyStatus: 'devolved', nationalData: false, deprivationIndex: null,
    reportingYear: 'April–March (financial year)',
    comparabilityNote: 'Health is devolved: England, Wales and Scotland each count social prescribing differently, and there is no UK-wide series.',
  },
  {
    code: 'GB-ENG', en: 'England', de: 'England', el: 'Αγγλία', parent: 'GB',
    healthSystem: 'national_health_service', policyStatus: 'national_programme', nationalData: true, deprivationIndex: 'imd_2019',
    reportingYear: 'April–March (NHS financial year)',
    comparabilityNote: 'The only national figures: link-worker FTE in primary care networks (two series on different bases) and referral totals modelled from GP records.',
  },
  {
    code: 'GB-WLS', en: 'Wales', de: 'Wales', el: 'Ουαλία', parent: 'GB',
    healthSystem: 'national_health_service', policyStatus: 'national_programme', nationalData: true, deprivationIndex: null,
    reportingYear: 'April–March (financial year)',
    comparabilityNote: 'A few approximate headline referral counts from Public Health Wales; not a series comparable with England’s.',
  },
  {
    code: 'GB-SCT', en: 'Scotland', de: 'Schottland', el: 'Σκωτία', parent: 'GB',
    healthSystem: 'national_health_service', policyStatus: 'national_programme', nationalData: true, deprivationIndex: null,
    reportingYear: 'April–March (financial year)',
    comparabilityNote: 'Counts community link-worker posts, not FTE in primary care networks.',
  },
  {
    code: 'US', en: 'United States', de: 'Vereinigte Staaten', el: 'Ηνωμένες Πολιτείες', parent: null,
    healthSystem: 'mixed_private_public', policyStatus: 'regional_programmes', nationalData: false, deprivationIndex: 'adi',
    reportingYear: 'Calendar year',
    comparabilityNote: 'No national data. State and local programmes count different things (Massachusetts CultureRx counts prescriptions issued).',
  },
  {
    code: 'AU', en: 'Australia', de: 'Australien', el: 'Αυστραλία', parent: null,
    healthSystem: 'universal_public_insurance', policyStatus: 'regional_programmes', nationalData: false, deprivationIndex: 'seifa_irsd',
    reportingYear: 'July–June (financial year)',
    comparabilityNote: 'No national data. State programmes and trials, with neighbourhood-centre link workers; families and children are included.',
  },
  {
    code: 'DE', en: 'Germany', de: 'Deutschland', el: 'Γερμανία', parent: null,
    healthSystem: 'social_health_insurance', policyStatus: 'local_pilots', nationalData: false, deprivationIndex: 'gimd',
    reportingYear: 'Calendar year',
    comparabilityNote: 'No national data. A local health kiosk counts consultations; the EU-funded SP-EU trial reports planned participants.',
  },
  {
    code: 'GR', en: 'Greece', de: 'Griechenland', el: 'Ελλάδα', parent: null,
    healthSystem: 'national_health_service', policyStatus: 'national_pilot', nationalData: false, deprivationIndex: null,
    reportingYear: 'Calendar year',
    comparabilityNote: 'No national data. The Ministry of Culture’s programme counts participants in 3-month arts cycles, referred by psychiatrists.',
  },
];

/** The countries with synthetic programme cohorts, in the order charts list them. */
export const cohortCountries = ['GB-ENG', 'US', 'AU', 'DE', 'GR'] as const;

/** Countries with no national social-prescribing data: they get explicit `not_available` rows. */
export const noNationalData = ['US', 'AU', 'DE', 'GR'] as const;

export interface Source {
  id: string;
  title: string;
  organisation: string;
  year: number | null;
  url: string | null;
  doi: string | null;
  type: string;
  licence: string;
  reliability: string;
}

const QUOTED = 'Quoted figure; reuse under the publisher’s terms';
const OGL = 'Open Government Licence v3.0';

export const sources: Source[] = [
  {
    id: 'nhse_sp_faq', title: 'NHS Long Term Plan (2019) commitments on social prescribing, as summarised in NHS England’s social prescribing FAQ',
    organisation: 'NHS England', year: 2019, url: 'https://www.england.nhs.uk/personalisedcare/social-prescribing/', doi: null,
    type: 'government', licence: OGL, reliability: 'Targets, not achievements.',
  },
  {
    id: 'arc_gm_blog', title: 'Link workers in primary care networks: NIHR ARC Greater Manchester blog citing NHS Digital workforce statistics',
    organisation: 'NIHR Applied Research Collaboration Greater Manchester', year: null, url: 'https://arc-gm.nihr.ac.uk/', doi: null,
    type: 'blog', licence: QUOTED, reliability: 'Secondary report of NHS Digital figures.',
  },
  {
    id: 'pulse_2023', title: 'Social prescribing link workers via ARRS and NWRS at 31 March 2023: NHS England data reported by Pulse (May 2023)',
    organisation: 'Pulse (reporting NHS England data)', year: 2023, url: 'https://www.pulsetoday.co.uk/', doi: null,
    type: 'trade_press', licence: QUOTED, reliability: 'Secondary report; a different basis from the monthly NWRS FTE series.',
  },
  {
    id: 'pulse_pcn_2024', title: 'Monthly PCN workforce statistics (NWRS basis), as reported by Pulse, The Pharmacist and Management in Practice',
    organisation: 'NHS England (reported by Pulse, The Pharmacist, Management in Practice)', year: 2024, url: 'https://www.pulsetoday.co.uk/', doi: null,
    type: 'trade_press', licence: QUOTED, reliability: 'Secondary reports of monthly official statistics.',
  },
  {
    id: 'bu_2025', title: 'Bu F et al., Lancet Public Health 2025: social prescribing referrals in England estimated from GP records',
    organisation: 'Lancet Public Health', year: 2025, url: 'https://doi.org/10.1016/s2468-2667(25)00217-8', doi: '10.1016/s2468-2667(25)00217-8',
    type: 'peer_reviewed', licence: QUOTED, reliability: 'Peer reviewed; referral totals are modelled estimates, not counts.',
  },
  {
    id: 'ons_mye_2023', title: 'Population estimates, mid-2023 (England)',
    organisation: 'Office for National Statistics', year: null,
    url: 'https://www.ons.gov.uk/peoplepopulationandcommunity/populationandmigration/populationestimates', doi: null,
    type: 'official_statistics', licence: OGL, reliability: 'Official statistics; resident population, not GP-registered.',
  },
  {
    id: 'ons_wellbeing_2023', title: 'Personal well-being in the UK, April 2022 to March 2023',
    organisation: 'Office for National Statistics', year: null, url: 'https://www.ons.gov.uk/peoplepopulationandcommunity/wellbeing', doi: null,
    type: 'official_statistics', licence: OGL, reliability: 'Official statistics; population means, a reference point for ONS4 scores.',
  },
  {
    id: 'phw_2023', title: 'Social prescribing referrals in Wales (Public Health Wales, 2023)',
    organisation: 'Public Health Wales', year: 2023, url: 'https://phw.nhs.wales/', doi: null,
    type: 'government', licence: QUOTED, reliability: 'Approximate headline figures.',
  },
  {
    id: 'sp_s6w_26226', title: 'Scottish Parliament written answer S6W-26226: community link workers',
    organisation: 'Scottish Parliament', year: null,
    url: 'https://www.parliament.scot/chamber-and-committees/questions-and-answers/question?ref=S6W-26226', doi: null,
    type: 'parliamentary', licence: QUOTED, reliability: 'Ministerial answer; counts posts.',
  },
  {
    id: 'jech_gsp', title: 'Green social prescribing test-and-learn programme: J Epidemiol Community Health 78(Suppl 1):A43',
    organisation: 'J Epidemiol Community Health', year: null, url: 'https://jech.bmj.com/', doi: null,
    type: 'peer_reviewed', licence: QUOTED, reliability: 'Conference abstract.',
  },
  {
    id: 'mcc_culturerx', title: 'CultureRx: Mass Cultural Council’s social prescription programme',
    organisation: 'Mass Cultural Council', year: null, url: 'https://massculturalcouncil.org/', doi: null,
    type: 'project_page', licence: QUOTED, reliability: 'Programme’s own figure, reported as a lower bound.',
  },
  {
    id: 'qld_sp_trial', title: 'Queensland social prescribing trial (qldsptrial)',
    organisation: 'Queensland Government', year: null, url: 'https://www.qld.gov.au/', doi: null,
    type: 'project_page', licence: QUOTED, reliability: 'Programme page; planned trial.',
  },
  {
    id: 'mopo_2022', title: 'Gesundheitskiosk Billstedt/Horn: report in the Hamburger Morgenpost (2022)',
    organisation: 'Hamburger Morgenpost', year: 2022, url: 'https://www.mopo.de/', doi: null,
    type: 'news', licence: QUOTED, reliability: 'Newspaper report of an approximate figure.',
  },
  {
    id: 'charite_speu', title: 'SP-EU social prescribing trial led by Charité, as announced by Charité and reported by Deutsches Ärzteblatt',
    organisation: 'Charité – Universitätsmedizin Berlin; Deutsches Ärzteblatt', year: null, url: 'https://www.charite.de/', doi: null,
    type: 'project_page', licence: QUOTED, reliability: 'Planned figures of a trial, not results.',
  },
  {
    id: 'rrf_gr_cultural', title: 'Cultural Prescription (Πολιτιστική Συνταγογράφηση): project page under the EU Recovery and Resilience Facility',
    organisation: 'Hellenic Ministry of Culture (Greece 2.0)', year: null, url: 'https://greece20.gov.gr/', doi: null,
    type: 'project_page', licence: QUOTED, reliability: 'Project budget, not spending on services.',
  },
  {
    id: 'elstat_census_2021', title: 'Resident population of Greece at the 2021 census (ELSTAT figure, as reported)',
    organisation: 'Hellenic Statistical Authority (ELSTAT)', year: null, url: 'https://www.statistics.gr/', doi: null,
    type: 'official_statistics', licence: QUOTED, reliability: 'Official figure taken from a secondary report.',
  },
  {
    id: CURATORS_SOURCE, title: 'Review of published sources by the curators of the Sprig demonstration package: where no national data exist, and which programmes run',
    organisation: 'Sprig', year: null, url: null, doi: null,
    type: 'curation', licence: 'CC0 1.0', reliability: 'Records that no national series was found; names programmes without figures.',
  },
  {
    id: GENERATOR_SOURCE, title: 'Sprig demonstration data generator (synthetic programme cohorts)',
    organisation: 'Sprig', year: null, url: null, doi: null,
    type: 'generator', licence: 'CC0 1.0', reliability: 'Synthetic: no real person and no real programme result.',
  },
];

export interface Programme {
  id: string;
  country: string;
  name: string;
  localName: string | null;
  modelType: string;
  kind: string;
  referrers: string;
  startYear: number | null;
  endYear: number | null;
  fundingAmount: number | null;
  currency: string | null;
  fundingScope: string | null;
  source: string;
  note: string | null;
}

export const programmes: Programme[] = [
  {
    id: 'eng_link_workers', country: 'GB-ENG', name: 'Social prescribing link workers in primary care networks', localName: null,
    modelType: 'link_worker_primary_care', kind: 'national_programme', referrers: 'GPs and practice staff, other local services, self-referral',
    startYear: 2019, endYear: null, fundingAmount: null, currency: 'GBP', fundingScope: 'Additional Roles Reimbursement Scheme (ARRS), national',
    source: 'nhse_sp_faq', note: 'NHS Long Term Plan (2019)',
  },
  {
    id: 'eng_green_sp', country: 'GB-ENG', name: 'Green Social Prescribing test-and-learn programme', localName: null,
    modelType: 'green_social_prescribing', kind: 'pilot', referrers: 'Primary care, mental health services, community organisations, self-referral',
    startYear: 2021, endYear: 2023, fundingAmount: 5_770_000, currency: 'GBP', fundingScope: 'Whole programme, April 2021 – March 2023',
    source: 'jech_gsp', note: null,
  },
  {
    id: 'sct_community_link_workers', country: 'GB-SCT', name: 'Community link workers in general practice', localName: null,
    modelType: 'community_link_worker', kind: 'national_programme', referrers: 'General practices',
    startYear: null, endYear: null, fundingAmount: null, currency: null, fundingScope: null,
    source: 'sp_s6w_26226', note: null,
  },
  {
    id: 'us_culturerx', country: 'US', name: 'CultureRx (Massachusetts)', localName: null,
    modelType: 'arts_on_prescription', kind: 'regional_programme', referrers: 'Clinicians and care providers',
    startYear: null, endYear: null, fundingAmount: null, currency: null, fundingScope: null,
    source: 'mcc_culturerx', note: 'Prescriptions counted over 2020–2023',
  },
  {
    id: 'us_art_pharmacy', country: 'US', name: 'Art Pharmacy', localName: null,
    modelType: 'arts_on_prescription', kind: 'regional_programme', referrers: 'Clinicians; care navigators arrange a course of 12 arts “doses”',
    startYear: null, endYear: null, fundingAmount: null, currency: null, fundingScope: null,
    source: CURATORS_SOURCE, note: 'Programme named in the curators’ review; no published figure is used',
  },
  {
    id: 'au_qld_trial', country: 'AU', name: 'Queensland social prescribing trial', localName: null,
    modelType: 'neighbourhood_centre_link_worker', kind: 'trial', referrers: 'GPs and other health professionals, community services',
    startYear: 2024, endYear: 2026, fundingAmount: null, currency: null, fundingScope: null,
    source: 'qld_sp_trial', note: '10 sites',
  },
  {
    id: 'au_vic_local_connections', country: 'AU', name: 'Local Connections (Victoria)', localName: null,
    modelType: 'neighbourhood_centre_link_worker', kind: 'regional_programme', referrers: 'Health and community services, families, self-referral',
    startYear: null, endYear: null, fundingAmount: null, currency: null, fundingScope: null,
    source: CURATORS_SOURCE, note: 'Programme named in the curators’ review; no published figure is used',
  },
  {
    id: 'de_kiosk_hamburg', country: 'DE', name: 'Health kiosk Billstedt/Horn (Hamburg)', localName: 'Gesundheitskiosk Billstedt/Horn',
    modelType: 'navigation_kiosk', kind: 'pilot', referrers: 'GP referral slip or self-referral',
    startYear: null, endYear: null, fundingAmount: null, currency: null, fundingScope: null,
    source: 'mopo_2022', note: 'Consultations counted over about 2017–2022',
  },
  {
    id: 'de_sp_eu', country: 'DE', name: 'SP-EU social prescribing trial (led by Charité)', localName: null,
    modelType: 'link_worker_primary_care', kind: 'trial', referrers: 'General practices',
    startYear: 2025, endYear: 2029, fundingAmount: 6_900_000, currency: 'EUR', fundingScope: 'EU funding for the whole multi-country trial',
    source: 'charite_speu', note: 'Planned: about 1,800 participants',
  },
  {
    id: 'gr_cultural_prescription', country: 'GR', name: 'Cultural Prescription (Ministry of Culture)', localName: 'Πολιτιστική Συνταγογράφηση',
    modelType: 'arts_on_prescription', kind: 'pilot', referrers: 'Psychiatrists refer people to 3-month arts cycles',
    startYear: 2023, endYear: null, fundingAmount: 2_654_116, currency: 'EUR', fundingScope: 'Research budget, EU Recovery and Resilience Facility',
    source: 'rrf_gr_cultural', note: null,
  },
];

export interface Population {
  id: string;
  country: string;
  type: string;
  referenceYear: number;
  periodLabel: string;
  value: number;
  status: string;
  source: string;
  note: string | null;
}

export const populations: Population[] = [
  {
    id: 'eng_resident_mid2023', country: 'GB-ENG', type: 'resident', referenceYear: 2023, periodLabel: 'mid-2023',
    value: 57_690_300, status: 'published', source: 'ons_mye_2023', note: null,
  },
  {
    id: 'gr_resident_census2021', country: 'GR', type: 'resident', referenceYear: 2021, periodLabel: '2021 census',
    value: 10_432_481, status: 'published_secondary', source: 'elstat_census_2021', note: null,
  },
];
