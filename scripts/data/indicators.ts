/**
 * What each indicator measures, in which unit and on what basis. Different counting
 * units (FTE, posts, prescriptions, consultations) are different indicators, so no chart
 * can put them on one axis as if they were alike.
 */

export interface Indicator {
  id: string;
  name: string;
  de: string;
  el: string;
  definition: string;
  unit: string;
  measureKind: 'actual' | 'target' | 'modelled' | 'derived';
  denominator: string | null;
  comparability: 'comparable' | 'with_caveats' | 'within_country_only' | 'not_comparable';
  caveat: string;
}

/** Indicators measured nationally in England: the four countries without national data get `not_available` rows. */
export const nationalIndicators = [
  'link_worker_fte_nwrs',
  'people_referred_modelled',
  'people_referred_per_100k',
  'link_worker_fte_per_100k',
  'referred_female_pct',
  'referred_ethnic_minority_pct',
  'referred_deprived_pct',
  'referral_declined_pct',
];

export const COHORT_CONNECTED = 'cohort_connected_pct';

export const indicators: Indicator[] = [
  {
    id: 'link_worker_fte_nwrs', name: 'Link-worker FTE in primary care networks (NWRS basis)',
    de: 'Link Worker in Primärversorgungsnetzwerken, Vollzeitäquivalente (NWRS)',
    el: 'Λειτουργοί διασύνδεσης σε δίκτυα πρωτοβάθμιας φροντίδας, ισοδύναμα πλήρους απασχόλησης (NWRS)',
    definition: 'Full-time equivalent social prescribing link workers employed in primary care networks, from the National Workforce Reporting Service, at the end of each month',
    unit: 'FTE', measureKind: 'actual', denominator: null, comparability: 'within_country_only',
    caveat: 'England only; a different basis from the 3,433 ARRS + NWRS count of March 2023: never one line with it',
  },
  {
    id: 'link_workers_arrs_nwrs', name: 'Link workers via ARRS and NWRS',
    de: 'Link Worker über ARRS und NWRS', el: 'Λειτουργοί διασύνδεσης μέσω ARRS και NWRS',
    definition: 'Social prescribing link workers in primary care networks counted from Additional Roles Reimbursement Scheme claims and National Workforce Reporting Service returns',
    unit: 'link workers', measureKind: 'actual', denominator: null, comparability: 'within_country_only',
    caveat: 'England only; a different basis from the monthly NWRS FTE series (2,845 FTE in April 2024): never one line with it',
  },
  {
    id: 'link_worker_fte_nhsd', name: 'Link-worker FTE in primary care networks (NHS Digital, early series)',
    de: 'Link Worker in Primärversorgungsnetzwerken, Vollzeitäquivalente (NHS Digital, frühe Reihe)',
    el: 'Λειτουργοί διασύνδεσης σε δίκτυα πρωτοβάθμιας φροντίδας, ισοδύναμα πλήρους απασχόλησης (NHS Digital, πρώιμη σειρά)',
    definition: 'Full-time equivalent social prescribing link workers in primary care networks in NHS Digital workforce statistics, 2020–2021',
    unit: 'FTE', measureKind: 'actual', denominator: null, comparability: 'within_country_only',
    caveat: 'England only; reported second-hand; an earlier basis than the NWRS series from 2023',
  },
  {
    id: 'link_worker_headcount_nhsd', name: 'Link workers in primary care networks, headcount (NHS Digital)',
    de: 'Link Worker in Primärversorgungsnetzwerken, Personenzahl (NHS Digital)',
    el: 'Λειτουργοί διασύνδεσης σε δίκτυα πρωτοβάθμιας φροντίδας, αριθμός ατόμων (NHS Digital)',
    definition: 'Social prescribing link workers in primary care networks in NHS Digital workforce statistics, counted as people rather than FTE',
    unit: 'people', measureKind: 'actual', denominator: null, comparability: 'within_country_only',
    caveat: 'England only; a headcount, not FTE',
  },
  {
    id: 'link_worker_target', name: 'Target: additional link workers',
    de: 'Ziel: zusätzliche Link Worker', el: 'Στόχος: πρόσθετοι λειτουργοί διασύνδεσης',
    definition: 'NHS Long Term Plan target for new social prescribing link workers in primary care networks',
    unit: 'link workers', measureKind: 'target', denominator: null, comparability: 'not_comparable',
    caveat: 'A national target, not a count of staff in post',
  },
  {
    id: 'people_referred_target', name: 'Target: people referred to social prescribing',
    de: 'Ziel: an Social Prescribing vermittelte Personen', el: 'Στόχος: άτομα που παραπέμπονται σε κοινωνική συνταγογράφηση',
    definition: 'NHS Long Term Plan target for the number of people referred to social prescribing',
    unit: 'people', measureKind: 'target', denominator: null, comparability: 'not_comparable',
    caveat: 'A national target, not a count; the modelled estimate of people referred is a different measure',
  },
  {
    id: 'people_referred_modelled', name: 'People referred to social prescribing (modelled estimate)',
    de: 'An Social Prescribing vermittelte Personen (modellierte Schätzung)', el: 'Άτομα που παραπέμφθηκαν σε κοινωνική συνταγογράφηση (εκτίμηση μοντέλου)',
    definition: 'People referred to social prescribing in a year, estimated by modelling English GP records',
    unit: 'people', measureKind: 'modelled', denominator: null, comparability: 'within_country_only',
    caveat: 'Modelled from GP records in England; not a count of referrals',
  },
  {
    id: 'people_referred_per_100k', name: 'People referred per 100,000 residents (derived)',
    de: 'Vermittelte Personen je 100.000 Einwohner (abgeleitet)', el: 'Άτομα που παραπέμφθηκαν ανά 100.000 κατοίκους (παράγωγο)',
    definition: 'The modelled number of people referred divided by the resident population, times 100,000',
    unit: 'per 100,000 residents', measureKind: 'derived', denominator: 'Resident population (ONS mid-year estimate)', comparability: 'within_country_only',
    caveat: 'Derived by Sprig from a modelled numerator and a resident-population denominator; the GP-registered population would give a different rate',
  },
  {
    id: 'link_worker_fte_per_100k', name: 'Link-worker FTE per 100,000 residents (derived)',
    de: 'Link-Worker-Vollzeitäquivalente je 100.000 Einwohner (abgeleitet)', el: 'Ισοδύναμα πλήρους απασχόλησης λειτουργών διασύνδεσης ανά 100.000 κατοίκους (παράγωγο)',
    definition: 'Link-worker FTE (NWRS basis) divided by the resident population, times 100,000',
    unit: 'FTE per 100,000 residents', measureKind: 'derived', denominator: 'Resident population (ONS mid-year estimate)', comparability: 'within_country_only',
    caveat: 'Derived by Sprig: the July 2023 NWRS count over the mid-2023 resident population',
  },
  {
    id: 'referred_female_pct', name: 'Referred people who are female',
    de: 'Anteil der Frauen an den vermittelten Personen', el: 'Ποσοστό γυναικών μεταξύ όσων παραπέμφθηκαν',
    definition: 'Women as a share of people referred to social prescribing in the year',
    unit: '%', measureKind: 'actual', denominator: 'People referred', comparability: 'with_caveats',
    caveat: 'England GP records only; no national data elsewhere',
  },
  {
    id: 'referred_ethnic_minority_pct', name: 'Referred people from ethnic minority groups',
    de: 'Anteil ethnischer Minderheiten an den vermittelten Personen', el: 'Ποσοστό ατόμων από εθνοτικές μειονότητες μεταξύ όσων παραπέμφθηκαν',
    definition: 'People from ethnic minority groups as a share of people referred to social prescribing in the year',
    unit: '%', measureKind: 'actual', denominator: 'People referred', comparability: 'within_country_only',
    caveat: 'Ethnic groups are defined nationally; England’s categories do not carry over to other countries',
  },
  {
    id: 'referred_deprived_pct', name: 'Referred people from more deprived areas',
    de: 'Anteil der vermittelten Personen aus stärker benachteiligten Gebieten', el: 'Ποσοστό όσων παραπέμφθηκαν από περιοχές με μεγαλύτερη στέρηση',
    definition: 'People living in more deprived areas (national deprivation index) as a share of people referred in the year',
    unit: '%', measureKind: 'actual', denominator: 'People referred', comparability: 'within_country_only',
    caveat: 'Deprivation indices are national: compare within a country only',
  },
  {
    id: 'referral_declined_pct', name: 'Referrals declined',
    de: 'Abgelehnte Vermittlungen', el: 'Παραπομπές που απορρίφθηκαν',
    definition: 'Share of social prescribing referrals recorded as declined',
    unit: '%', measureKind: 'actual', denominator: 'Referrals', comparability: 'within_country_only',
    caveat: 'England GP records only; no national data elsewhere',
  },
  {
    id: 'referrals_reported_wales', name: 'Social prescribing referrals reported in Wales',
    de: 'Gemeldete Social-Prescribing-Vermittlungen in Wales', el: 'Αναφερθείσες παραπομπές κοινωνικής συνταγογράφησης στην Ουαλία',
    definition: 'Approximate number of social prescribing referrals in Wales in a financial year',
    unit: 'referrals', measureKind: 'actual', denominator: null, comparability: 'not_comparable',
    caveat: 'Approximate headline figures; counted differently from England’s modelled estimates',
  },
  {
    id: 'community_link_worker_posts', name: 'Community link-worker posts (Scotland)',
    de: 'Stellen für Community Link Worker (Schottland)', el: 'Θέσεις λειτουργών διασύνδεσης στην κοινότητα (Σκωτία)',
    definition: 'Community link-worker posts in general practices in Scotland',
    unit: 'posts', measureKind: 'actual', denominator: null, comparability: 'not_comparable',
    caveat: 'Counts posts, not FTE; a different role and basis from England’s link workers',
  },
  {
    id: 'programme_people_supported', name: 'People supported by a programme',
    de: 'Von einem Programm unterstützte Personen', el: 'Άτομα που υποστηρίχθηκαν από ένα πρόγραμμα',
    definition: 'People supported by one named programme over its whole period',
    unit: 'people', measureKind: 'actual', denominator: null, comparability: 'not_comparable',
    caveat: 'One programme, not a national figure',
  },
  {
    id: 'prescriptions_issued', name: 'Cultural prescriptions issued',
    de: 'Ausgestellte Kulturrezepte', el: 'Πολιτιστικές συνταγές που εκδόθηκαν',
    definition: 'Prescriptions for cultural activities issued by one programme over the period',
    unit: 'prescriptions', measureKind: 'actual', denominator: null, comparability: 'not_comparable',
    caveat: 'Massachusetts CultureRx only; counts prescriptions, not people; reported as a lower bound',
  },
  {
    id: 'trial_sites', name: 'Trial sites',
    de: 'Studienstandorte', el: 'Τοποθεσίες της δοκιμής',
    definition: 'Sites taking part in one programme trial',
    unit: 'sites', measureKind: 'actual', denominator: null, comparability: 'not_comparable',
    caveat: 'Queensland trial only',
  },
  {
    id: 'kiosk_consultations', name: 'Health-kiosk consultations',
    de: 'Beratungen im Gesundheitskiosk', el: 'Συνεδρίες στο σημείο καθοδήγησης υγείας',
    definition: 'Consultations held by one health navigation kiosk over the period',
    unit: 'consultations', measureKind: 'actual', denominator: null, comparability: 'not_comparable',
    caveat: 'Gesundheitskiosk Billstedt/Horn (Hamburg) only; counts consultations, not people; approximate',
  },
  {
    id: 'planned_participants', name: 'Planned trial participants',
    de: 'Geplante Studienteilnehmende', el: 'Προγραμματισμένοι συμμετέχοντες στη δοκιμή',
    definition: 'People a trial plans to recruit over its whole period',
    unit: 'people', measureKind: 'target', denominator: null, comparability: 'not_comparable',
    caveat: 'A plan, not a result; the SP-EU trial recruits in several countries',
  },
  {
    id: 'programme_funding_gbp', name: 'Programme funding (GBP)',
    de: 'Programmfinanzierung (GBP)', el: 'Χρηματοδότηση προγράμματος (GBP)',
    definition: 'Funding for one programme over its whole period, in pounds sterling',
    unit: 'GBP', measureKind: 'actual', denominator: null, comparability: 'not_comparable',
    caveat: 'One programme’s funding over its whole period, not annual spending',
  },
  {
    id: 'programme_funding_eur', name: 'Programme funding (EUR)',
    de: 'Programmfinanzierung (EUR)', el: 'Χρηματοδότηση προγράμματος (EUR)',
    definition: 'Funding for one programme or trial over its whole period, in euros',
    unit: 'EUR', measureKind: 'actual', denominator: null, comparability: 'not_comparable',
    caveat: 'One programme’s funding over its whole period; EU trial funding covers several countries',
  },
  {
    id: 'research_budget_eur', name: 'Programme research budget (EUR)',
    de: 'Forschungsbudget des Programms (EUR)', el: 'Ερευνητικός προϋπολογισμός του προγράμματος (EUR)',
    definition: 'Research budget attached to one programme, in euros',
    unit: 'EUR', measureKind: 'actual', denominator: null, comparability: 'not_comparable',
    caveat: 'A research budget from the EU Recovery and Resilience Facility, not spending on services',
  },
  ...(
    [
      ['life_satisfaction', 'Life satisfaction', 'Lebenszufriedenheit', 'Ικανοποίηση από τη ζωή', 'higher is better'],
      ['worthwhile', 'Feeling that things done in life are worthwhile', 'Gefühl, dass das eigene Tun sinnvoll ist', 'Αίσθηση ότι όσα κάνω στη ζωή μου αξίζουν', 'higher is better'],
      ['happiness', 'Happiness yesterday', 'Glücksgefühl am Vortag', 'Ευτυχία την προηγούμενη ημέρα', 'higher is better'],
      ['anxiety', 'Anxiety yesterday', 'Ängstlichkeit am Vortag', 'Άγχος την προηγούμενη ημέρα', 'lower is better'],
    ] as const
  ).map(
    ([item, en, de, el, direction]): Indicator => ({
      id: `ons4_${item}_mean`,
      name: `${en}: adult population mean (ONS4)`,
      de: `${de}: Mittelwert der Erwachsenen (ONS4)`,
      el: `${el}: μέση τιμή ενηλίκων (ONS4)`,
      definition: `Mean answer of adults to the ONS4 question on ${en.toLowerCase()}, on a 0–10 scale (${direction})`,
      unit: 'mean score (0–10)', measureKind: 'actual', denominator: null, comparability: 'with_caveats',
      caveat: 'A national reference point for ONS4 scores, not a social prescribing result; the four ONS4 items are never summed',
    }),
  ),
  {
    id: COHORT_CONNECTED, name: 'People connected to an activity (synthetic cohorts)',
    de: 'Mit einer Aktivität verbundene Personen (synthetische Kohorten)', el: 'Άτομα που ξεκίνησαν μια δραστηριότητα (συνθετικές κοορτές)',
    definition: 'Share of people referred in a calendar year, in a country’s programme cohorts, who started at least one activity',
    unit: '%', measureKind: 'actual', denominator: 'Referrals in the calendar year', comparability: 'with_caveats',
    caveat: 'Synthetic demonstration cohorts shaped like each country’s programmes; not real figures',
  },
];
