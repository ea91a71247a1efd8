/**
 * How each programme's synthetic cohort is shaped (data.md, "Synthetic cohorts"). The
 * numbers are the generator's settings, not findings: England's follow the published
 * national shares (≈60% female, ≈23% ethnic minority, ≈42% from the two most deprived
 * quintiles, ≈12% declined, ≈75–80% medical referrals, ≈90% reach a link worker, ≈40%
 * start an activity); the others follow each programme's model.
 */

type Weights = Readonly<Record<string, number>>;

export interface InstrumentPlan {
  instrument: string;
  /** Share of people with a baseline questionnaire who complete this instrument. */
  share: number;
  followUps: readonly ('w8_12' | 'm6' | 'm12')[];
}

export interface CohortShape {
  programme: string;
  country: string;
  /** Parts per thousand of all referrals. */
  perMille: number;
  firstDay: string;
  lastDay: string;
  /** Referrals grow over time (a workforce being built up) rather than arriving evenly. */
  growing: boolean;
  sites: readonly string[];
  ageBands: Weights;
  female: number;
  otherSex: number;
  /** Share from ethnic minority groups, where the programme records it (null: not recorded). */
  ethnicMinority: number | null;
  /** Weights of deprivation quintiles 1 (most deprived) to 5, where a national index exists. */
  deprivation: readonly [number, number, number, number, number] | null;
  sources: Weights;
  needs: Weights;
  pathway: {
    offered: number;
    declined: number;
    /** Chance a person who declined had first talked to the link worker. */
    contactedBeforeDeclining: number;
    contacted: number;
    /** Chance of starting an activity once contacted and not declined, and its change per year. */
    connected: number;
    connectedPerYear: number;
  };
  categories: Weights;
  /** Sessions in a prescribed course (Art Pharmacy's 12 "doses", Greece's 3-month cycles), or a range. */
  sessions: number | readonly [number, number];
  /** Greek arts cycles run in groups of about this many people. */
  groupSize: number | null;
  baselineShare: number;
  instruments: readonly InstrumentPlan[];
  /** Share of people reached whose service use before and after is known from linked records (0: none). */
  serviceUse: number;
}

const sites = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}`);

const ADULTS = { '0-5': 0, '6-17': 1, '18-24': 7, '25-34': 13, '35-44': 15, '45-54': 17, '55-64': 17, '65-74': 16, '75+': 14 };
const FAMILIES = { '0-5': 5, '6-17': 11, '18-24': 8, '25-34': 12, '35-44': 13, '45-54': 13, '55-64': 13, '65-74': 13, '75+': 12 };

export const cohortShapes: CohortShape[] = [
  {
    programme: 'eng_link_workers', country: 'GB-ENG', perMille: 400,
    firstDay: '2019-07-01', lastDay: '2024-12-31', growing: true, sites: sites('ENG-P', 40),
    ageBands: ADULTS, female: 0.6, otherSex: 0.004, ethnicMinority: 0.23, deprivation: [23, 19, 20, 19, 19],
    sources: { gp: 55, practice_nurse: 10, other_primary_care: 12, social_care: 5, community_organisation: 8, self: 10 },
    needs: { mental_health: 30, loneliness: 20, long_term_condition: 12, financial: 12, physical_health: 8, housing: 6, carer_support: 5, bereavement: 7 },
    pathway: { offered: 0.98, declined: 0.12, contactedBeforeDeclining: 0.6, contacted: 0.955, connected: 0.44, connectedPerYear: 0.015 },
    categories: { social: 25, advice: 20, physical_activity: 15, arts: 10, culture_heritage: 8, nature: 8, learning: 8, volunteering: 6 },
    sessions: [4, 10], groupSize: null, baselineShare: 0.85,
    instruments: [
      { instrument: 'swemwbs', share: 1, followUps: ['w8_12', 'm6', 'm12'] },
      { instrument: 'eq5d5l_index', share: 0.3, followUps: ['m6'] },
    ],
    serviceUse: 0.5,
  },
  {
    programme: 'eng_green_sp', country: 'GB-ENG', perMille: 75,
    firstDay: '2021-04-01', lastDay: '2023-03-31', growing: false, sites: sites('GSP-', 7),
    ageBands: { ...ADULTS, '6-17': 2, '65-74': 13, '75+': 8 }, female: 0.58, otherSex: 0.005, ethnicMinority: 0.18, deprivation: [26, 21, 19, 18, 16],
    sources: { gp: 35, other_primary_care: 15, mental_health_service: 20, community_organisation: 20, self: 10 },
    needs: { mental_health: 55, loneliness: 20, physical_health: 15, long_term_condition: 10 },
    pathway: { offered: 0.97, declined: 0.1, contactedBeforeDeclining: 0.5, contacted: 0.93, connected: 0.62, connectedPerYear: 0 },
    categories: { nature: 80, physical_activity: 10, volunteering: 10 },
    sessions: [6, 12], groupSize: null, baselineShare: 0.8,
    instruments: ['life_satisfaction', 'worthwhile', 'happiness', 'anxiety'].map((item) => ({ instrument: `ons4_${item}`, share: 1, followUps: ['w8_12', 'm6'] as const })),
    serviceUse: 0,
  },
  {
    programme: 'us_culturerx', country: 'US', perMille: 60,
    firstDay: '2020-01-01', lastDay: '2023-12-31', growing: false, sites: sites('MA-', 12),
    ageBands: { ...ADULTS, '6-17': 0, '18-24': 8 }, female: 0.64, otherSex: 0.01, ethnicMinority: 0.3, deprivation: [24, 22, 20, 18, 16],
    sources: { gp: 40, hospital: 20, mental_health_service: 20, community_organisation: 15, self: 5 },
    needs: { mental_health: 35, loneliness: 35, long_term_condition: 15, physical_health: 15 },
    pathway: { offered: 0.99, declined: 0.08, contactedBeforeDeclining: 0.4, contacted: 0.9, connected: 0.55, connectedPerYear: 0.01 },
    categories: { culture_heritage: 60, arts: 40 },
    sessions: [3, 8], groupSize: null, baselineShare: 0.75,
    instruments: [{ instrument: 'ucla3', share: 1, followUps: ['w8_12'] }],
    serviceUse: 0,
  },
  {
    programme: 'us_art_pharmacy', country: 'US', perMille: 90,
    firstDay: '2022-01-01', lastDay: '2024-12-31', growing: true, sites: sites('AP-', 5),
    ageBands: { ...ADULTS, '6-17': 4, '18-24': 12, '25-34': 16 }, female: 0.62, otherSex: 0.015, ethnicMinority: 0.35, deprivation: [25, 22, 20, 18, 15],
    sources: { gp: 30, mental_health_service: 30, hospital: 20, social_care: 10, self: 10 },
    needs: { mental_health: 45, loneliness: 35, long_term_condition: 10, physical_health: 10 },
    pathway: { offered: 0.99, declined: 0.07, contactedBeforeDeclining: 0.5, contacted: 0.92, connected: 0.58, connectedPerYear: 0.01 },
    categories: { arts: 55, culture_heritage: 45 },
    sessions: 12, groupSize: null, baselineShare: 0.85,
    instruments: [{ instrument: 'ucla3', share: 1, followUps: ['w8_12', 'm6'] }],
    serviceUse: 0,
  },
  {
    programme: 'au_qld_trial', country: 'AU', perMille: 90,
    firstDay: '2024-01-01', lastDay: '2025-06-30', growing: false, sites: sites('QLD-', 10),
    ageBands: FAMILIES, female: 0.6, otherSex: 0.01, ethnicMinority: null, deprivation: [26, 22, 20, 17, 15],
    sources: { gp: 50, other_primary_care: 10, community_organisation: 25, self: 15 },
    needs: { loneliness: 30, mental_health: 25, financial: 10, housing: 10, family_support: 10, long_term_condition: 10, physical_health: 5 },
    pathway: { offered: 0.97, declined: 0.1, contactedBeforeDeclining: 0.5, contacted: 0.9, connected: 0.5, connectedPerYear: 0 },
    categories: { social: 30, physical_activity: 15, advice: 15, learning: 10, arts: 10, volunteering: 10, nature: 10 },
    sessions: [4, 10], groupSize: null, baselineShare: 0.8,
    instruments: [{ instrument: 'k10', share: 1, followUps: ['w8_12', 'm6'] }],
    serviceUse: 0,
  },
  {
    programme: 'au_vic_local_connections', country: 'AU', perMille: 60,
    firstDay: '2023-01-01', lastDay: '2025-06-30', growing: false, sites: sites('VIC-', 6),
    ageBands: FAMILIES, female: 0.61, otherSex: 0.01, ethnicMinority: null, deprivation: [27, 22, 20, 16, 15],
    sources: { gp: 40, community_organisation: 30, family: 10, self: 20 },
    needs: { loneliness: 35, mental_health: 25, family_support: 15, financial: 10, housing: 10, physical_health: 5 },
    pathway: { offered: 0.97, declined: 0.11, contactedBeforeDeclining: 0.5, contacted: 0.88, connected: 0.48, connectedPerYear: 0.01 },
    categories: { social: 40, learning: 15, advice: 15, physical_activity: 10, volunteering: 10, arts: 10 },
    sessions: [4, 10], groupSize: null, baselineShare: 0.75,
    instruments: [{ instrument: 'whoqol_bref_psychological', share: 1, followUps: ['m6'] }],
    serviceUse: 0,
  },
  {
    programme: 'de_kiosk_hamburg', country: 'DE', perMille: 125,
    firstDay: '2017-01-01', lastDay: '2022-12-31', growing: false, sites: ['HH-BH01'],
    ageBands: { ...FAMILIES, '0-5': 2, '6-17': 5 }, female: 0.6, otherSex: 0.005, ethnicMinority: null, deprivation: [45, 30, 15, 7, 3],
    sources: { gp: 55, self: 45 },
    needs: { long_term_condition: 30, physical_health: 25, financial: 15, mental_health: 15, housing: 10, family_support: 5 },
    pathway: { offered: 0.99, declined: 0.05, contactedBeforeDeclining: 0.9, contacted: 0.97, connected: 0.36, connectedPerYear: 0.005 },
    categories: { advice: 35, physical_activity: 20, social: 20, learning: 15, arts: 10 },
    sessions: [1, 6], groupSize: null, baselineShare: 0,
    instruments: [],
    serviceUse: 0.5,
  },
  {
    programme: 'de_sp_eu', country: 'DE', perMille: 25,
    firstDay: '2025-01-01', lastDay: '2025-06-30', growing: false, sites: sites('SPEU-DE', 4),
    ageBands: { ...ADULTS, '6-17': 0, '18-24': 6, '55-64': 20, '65-74': 20, '75+': 16 }, female: 0.62, otherSex: 0.005, ethnicMinority: null, deprivation: [22, 21, 20, 19, 18],
    sources: { gp: 90, other_primary_care: 10 },
    needs: { loneliness: 60, mental_health: 25, long_term_condition: 15 },
    pathway: { offered: 0.95, declined: 0.15, contactedBeforeDeclining: 0.6, contacted: 0.92, connected: 0.45, connectedPerYear: 0 },
    categories: { social: 40, arts: 20, physical_activity: 20, nature: 10, volunteering: 10 },
    sessions: [4, 10], groupSize: null, baselineShare: 0.95,
    instruments: [
      { instrument: 'ucla3', share: 1, followUps: ['w8_12'] },
      { instrument: 'eq5d5l_index', share: 1, followUps: ['w8_12'] },
    ],
    serviceUse: 0,
  },
  {
    programme: 'gr_cultural_prescription', country: 'GR', perMille: 75,
    firstDay: '2023-03-01', lastDay: '2025-05-31', growing: false, sites: ['GR-ATT', 'GR-THE', 'GR-PAT', 'GR-HER'],
    ageBands: { '0-5': 0, '6-17': 8, '18-24': 10, '25-34': 14, '35-44': 16, '45-54': 17, '55-64': 16, '65-74': 12, '75+': 7 },
    female: 0.63, otherSex: 0.005, ethnicMinority: null, deprivation: null,
    sources: { psychiatrist: 100 },
    needs: { mental_health: 100 },
    pathway: { offered: 0.96, declined: 0.08, contactedBeforeDeclining: 0.5, contacted: 0.95, connected: 0.7, connectedPerYear: 0.01 },
    categories: { arts: 50, culture_heritage: 50 },
    sessions: 12, groupSize: 20, baselineShare: 0.9,
    instruments: [{ instrument: 'wemwbs', share: 1, followUps: ['w8_12', 'm6'] }],
    serviceUse: 0,
  },
];

/** Which referral sources count as the medical route. */
export const medicalSources = new Set(['gp', 'practice_nurse', 'other_primary_care', 'psychiatrist', 'mental_health_service', 'hospital']);

/** Last day the synthetic records cover: referrals after it have not happened. */
export const DATA_CUT = '2025-06-30';
