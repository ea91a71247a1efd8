/**
 * Every coded column's allowed values with their labels in English, German and Greek.
 * The table schemas take their `enum` constraints from here, and the `codelist` table
 * is written from here, so a code can never be allowed without a label, or the reverse.
 */

export interface Code {
  code: string;
  en: string;
  de: string;
  el: string;
  /** The code this one belongs to in the list named by `parentList` (subcategory → category). */
  parent?: string;
}

const c = (code: string, en: string, de: string, el: string, parent?: string): Code => ({
  code,
  en,
  de,
  el,
  ...(parent ? { parent } : {}),
});

export const codelists = {
  data_status: [
    c('published', 'Published', 'Veröffentlicht', 'Δημοσιευμένο'),
    c('published_secondary', 'Published (reported by a secondary source)', 'Veröffentlicht (über eine Sekundärquelle)', 'Δημοσιευμένο (μέσω δευτερογενούς πηγής)'),
    c('derived_from_published', 'Derived from published figures', 'Aus veröffentlichten Zahlen abgeleitet', 'Παράγωγο από δημοσιευμένα στοιχεία'),
    c('target', 'Target', 'Zielwert', 'Στόχος'),
    c('synthetic', 'Synthetic', 'Synthetisch', 'Συνθετικό'),
    c('not_available', 'No national data', 'Keine nationalen Daten', 'Δεν υπάρχουν εθνικά στοιχεία'),
  ],
  measure_kind: [
    c('actual', 'Actual', 'Ist-Wert', 'Πραγματική τιμή'),
    c('target', 'Target', 'Zielwert', 'Στόχος'),
    c('modelled', 'Modelled estimate', 'Modellierte Schätzung', 'Εκτίμηση μέσω μοντέλου'),
    c('derived', 'Derived', 'Abgeleitet', 'Παράγωγο μέγεθος'),
  ],
  comparability_level: [
    c('comparable', 'Comparable', 'Vergleichbar', 'Συγκρίσιμο'),
    c('with_caveats', 'Comparable with caveats', 'Mit Einschränkungen vergleichbar', 'Συγκρίσιμο με επιφυλάξεις'),
    c('within_country_only', 'Comparable within one country only', 'Nur innerhalb eines Landes vergleichbar', 'Συγκρίσιμο μόνο εντός της ίδιας χώρας'),
    c('not_comparable', 'Not comparable', 'Nicht vergleichbar', 'Μη συγκρίσιμο'),
  ],
  value_qualifier: [
    c('approximately', 'approximately', 'ungefähr', 'περίπου'),
    c('more_than', 'more than', 'mehr als', 'περισσότερα από'),
  ],
  health_system: [
    c('national_health_service', 'Tax-funded national health service', 'Steuerfinanzierter nationaler Gesundheitsdienst', 'Φορολογικά χρηματοδοτούμενο εθνικό σύστημα υγείας'),
    c('social_health_insurance', 'Statutory social health insurance', 'Gesetzliche Krankenversicherung', 'Υποχρεωτική κοινωνική ασφάλιση υγείας'),
    c('universal_public_insurance', 'Universal public health insurance', 'Allgemeine staatliche Krankenversicherung', 'Καθολική δημόσια ασφάλιση υγείας'),
    c('mixed_private_public', 'Mixed private and public insurance', 'Gemischte private und öffentliche Versicherung', 'Μικτή ιδιωτική και δημόσια ασφάλιση'),
  ],
  policy_status: [
    c('national_programme', 'National programme', 'Nationales Programm', 'Εθνικό πρόγραμμα'),
    c('devolved', 'Devolved to the four nations', 'Den vier Landesteilen übertragen', 'Αρμοδιότητα των τεσσάρων συνιστωσών χωρών'),
    c('national_pilot', 'National pilot', 'Nationales Pilotprogramm', 'Εθνικό πιλοτικό πρόγραμμα'),
    c('regional_programmes', 'State and regional programmes', 'Programme einzelner Bundesstaaten und Regionen', 'Πολιτειακά και περιφερειακά προγράμματα'),
    c('local_pilots', 'Local pilots and trials', 'Lokale Modellprojekte und Studien', 'Τοπικά πιλοτικά προγράμματα και δοκιμές'),
  ],
  programme_kind: [
    c('national_programme', 'National programme', 'Nationales Programm', 'Εθνικό πρόγραμμα'),
    c('regional_programme', 'Regional programme', 'Regionales Programm', 'Περιφερειακό πρόγραμμα'),
    c('pilot', 'Pilot', 'Modellprojekt', 'Πιλοτικό πρόγραμμα'),
    c('trial', 'Trial', 'Studie', 'Ερευνητική δοκιμή'),
  ],
  model_type: [
    c('link_worker_primary_care', 'Link worker in primary care', 'Link Worker in der hausärztlichen Versorgung', 'Λειτουργός διασύνδεσης στην πρωτοβάθμια φροντίδα υγείας'),
    c('community_link_worker', 'Community link worker', 'Link Worker in der Gemeinde', 'Λειτουργός διασύνδεσης στην κοινότητα'),
    c('green_social_prescribing', 'Green social prescribing', 'Grünes Social Prescribing (Natur auf Rezept)', 'Πράσινη κοινωνική συνταγογράφηση'),
    c('arts_on_prescription', 'Arts on prescription', 'Kunst auf Rezept', 'Τέχνη με συνταγή'),
    c('navigation_kiosk', 'Health navigation kiosk', 'Gesundheitskiosk (Lotsendienst)', 'Σημείο καθοδήγησης υγείας (kiosk)'),
    c('neighbourhood_centre_link_worker', 'Link worker in a neighbourhood centre', 'Link Worker im Nachbarschaftszentrum', 'Λειτουργός διασύνδεσης σε κέντρο γειτονιάς'),
  ],
  source_type: [
    c('official_statistics', 'Official statistics', 'Amtliche Statistik', 'Επίσημη στατιστική'),
    c('government', 'Government publication', 'Veröffentlichung der Regierung', 'Κυβερνητική δημοσίευση'),
    c('parliamentary', 'Parliamentary record', 'Parlamentsdokument', 'Κοινοβουλευτικό έγγραφο'),
    c('peer_reviewed', 'Peer-reviewed publication', 'Begutachtete Fachpublikation', 'Επιστημονική δημοσίευση με κρίση'),
    c('trade_press', 'Trade press', 'Fachpresse', 'Κλαδικός Τύπος'),
    c('news', 'News report', 'Pressebericht', 'Δημοσιογραφικό ρεπορτάζ'),
    c('blog', 'Blog post', 'Blogbeitrag', 'Ανάρτηση ιστολογίου'),
    c('project_page', 'Programme or project page', 'Programm- oder Projektseite', 'Ιστοσελίδα προγράμματος ή έργου'),
    c('curation', 'Review by the package curators', 'Prüfung durch die Herausgeber des Pakets', 'Έλεγχος από τους επιμελητές του πακέτου'),
    c('generator', 'Synthetic data generator', 'Generator für synthetische Daten', 'Γεννήτρια συνθετικών δεδομένων'),
  ],
  population_type: [
    c('resident', 'Resident population', 'Wohnbevölkerung', 'Μόνιμος πληθυσμός'),
    c('gp_registered', 'Population registered with a GP practice', 'In Hausarztpraxen eingeschriebene Bevölkerung', 'Πληθυσμός εγγεγραμμένος σε ιατρείο γενικής ιατρικής'),
  ],
  age_band: [
    c('0-5', '0–5 years', '0–5 Jahre', '0–5 ετών'),
    c('6-17', '6–17 years', '6–17 Jahre', '6–17 ετών'),
    c('18-24', '18–24 years', '18–24 Jahre', '18–24 ετών'),
    c('25-34', '25–34 years', '25–34 Jahre', '25–34 ετών'),
    c('35-44', '35–44 years', '35–44 Jahre', '35–44 ετών'),
    c('45-54', '45–54 years', '45–54 Jahre', '45–54 ετών'),
    c('55-64', '55–64 years', '55–64 Jahre', '55–64 ετών'),
    c('65-74', '65–74 years', '65–74 Jahre', '65–74 ετών'),
    c('75+', '75 years and over', '75 Jahre und älter', '75 ετών και άνω'),
  ],
  sex: [
    c('female', 'Female', 'Weiblich', 'Γυναίκα'),
    c('male', 'Male', 'Männlich', 'Άνδρας'),
    c('other', 'Other or not recorded', 'Divers oder nicht erfasst', 'Άλλο ή δεν καταγράφηκε'),
  ],
  deprivation_index: [
    c('imd_2019', 'English Index of Multiple Deprivation 2019', 'Englischer Index of Multiple Deprivation 2019', 'Αγγλικός Δείκτης Πολλαπλής Στέρησης 2019'),
    c('adi', 'Area Deprivation Index (United States)', 'Area Deprivation Index (Vereinigte Staaten)', 'Δείκτης Στέρησης Περιοχής (ΗΠΑ)'),
    c('seifa_irsd', 'SEIFA Index of Relative Socio-economic Disadvantage (Australia)', 'SEIFA-Index der relativen sozioökonomischen Benachteiligung (Australien)', 'Δείκτης Σχετικής Κοινωνικοοικονομικής Μειονεξίας SEIFA (Αυστραλία)'),
    c('gimd', 'German Index of Multiple Deprivation', 'German Index of Multiple Deprivation (GIMD)', 'Γερμανικός Δείκτης Πολλαπλής Στέρησης'),
  ],
  referral_source: [
    c('gp', 'General practitioner', 'Hausärztin oder Hausarzt', 'Γενικός ιατρός'),
    c('practice_nurse', 'Practice nurse', 'Pflegefachkraft der Praxis', 'Νοσηλευτής ή νοσηλεύτρια ιατρείου'),
    c('other_primary_care', 'Other primary-care staff', 'Anderes Personal der Primärversorgung', 'Άλλο προσωπικό πρωτοβάθμιας φροντίδας'),
    c('psychiatrist', 'Psychiatrist', 'Psychiaterin oder Psychiater', 'Ψυχίατρος'),
    c('mental_health_service', 'Mental health service', 'Psychiatrischer oder psychosozialer Dienst', 'Υπηρεσία ψυχικής υγείας'),
    c('hospital', 'Hospital', 'Krankenhaus', 'Νοσοκομείο'),
    c('social_care', 'Social care', 'Sozialdienst', 'Κοινωνικές υπηρεσίες'),
    c('community_organisation', 'Community organisation', 'Gemeinnützige Organisation', 'Κοινοτικός φορέας'),
    c('family', 'Family member', 'Angehörige', 'Μέλος της οικογένειας'),
    c('self', 'Self-referral', 'Selbstmeldung', 'Αυτοπαραπομπή'),
  ],
  referral_route: [
    c('medical', 'Medical route', 'Medizinischer Zugangsweg', 'Ιατρική οδός παραπομπής'),
    c('non_medical', 'Non-medical route', 'Nichtmedizinischer Zugangsweg', 'Μη ιατρική οδός παραπομπής'),
    c('self', 'Self-referral', 'Selbstmeldung', 'Αυτοπαραπομπή'),
  ],
  primary_need: [
    c('mental_health', 'Mental health', 'Psychische Gesundheit', 'Ψυχική υγεία'),
    c('loneliness', 'Loneliness or isolation', 'Einsamkeit oder soziale Isolation', 'Μοναξιά ή κοινωνική απομόνωση'),
    c('physical_health', 'Physical health', 'Körperliche Gesundheit', 'Σωματική υγεία'),
    c('long_term_condition', 'Long-term condition', 'Chronische Erkrankung', 'Χρόνια πάθηση'),
    c('financial', 'Money, debt or benefits', 'Geld, Schulden oder Sozialleistungen', 'Οικονομικά, χρέη ή επιδόματα'),
    c('housing', 'Housing', 'Wohnen', 'Στέγαση'),
    c('carer_support', 'Support as a carer', 'Unterstützung für pflegende Angehörige', 'Στήριξη φροντιστών'),
    c('bereavement', 'Bereavement', 'Trauer', 'Πένθος'),
    c('family_support', 'Family support', 'Unterstützung der Familie', 'Στήριξη της οικογένειας'),
  ],
  discharge_reason: [
    c('completed', 'Completed: goals met', 'Abgeschlossen: Ziele erreicht', 'Ολοκληρώθηκε: οι στόχοι επιτεύχθηκαν'),
    c('referred_onward', 'Referred onward', 'Weitervermittelt', 'Παραπέμφθηκε σε άλλη υπηρεσία'),
    c('disengaged', 'Stopped taking part', 'Teilnahme abgebrochen', 'Διέκοψε τη συμμετοχή'),
    c('declined', 'Declined', 'Abgelehnt', 'Αρνήθηκε'),
    c('no_contact', 'Could not be contacted', 'Nicht erreichbar', 'Δεν κατέστη δυνατή η επικοινωνία'),
    c('not_eligible', 'Not eligible', 'Nicht teilnahmeberechtigt', 'Δεν πληροί τα κριτήρια'),
    c('moved_or_died', 'Moved away or died', 'Verzogen oder verstorben', 'Μετακόμισε ή απεβίωσε'),
  ],
  activity_category: [
    c('arts', 'Arts and creativity', 'Kunst und Kreativität', 'Τέχνες και δημιουργικότητα'),
    c('culture_heritage', 'Culture and heritage (GLAM)', 'Kultur und Kulturerbe (GLAM)', 'Πολιτισμός και πολιτιστική κληρονομιά (GLAM)'),
    c('nature', 'Nature and green activities', 'Natur und Aktivitäten im Grünen', 'Φύση και δραστηριότητες στο πράσινο'),
    c('physical_activity', 'Physical activity', 'Bewegung und Sport', 'Σωματική δραστηριότητα'),
    c('advice', 'Advice on debt, benefits or housing', 'Beratung zu Schulden, Sozialleistungen oder Wohnen', 'Συμβουλευτική για χρέη, επιδόματα ή στέγαση'),
    c('learning', 'Learning', 'Lernen und Bildung', 'Μάθηση'),
    c('social', 'Social groups', 'Gesellige Gruppen', 'Κοινωνικές ομάδες'),
    c('volunteering', 'Volunteering', 'Ehrenamt', 'Εθελοντισμός'),
  ],
  activity_subcategory: [
    c('visual_arts', 'Visual arts', 'Bildende Kunst', 'Εικαστικά', 'arts'),
    c('music_singing', 'Music and singing', 'Musik und Gesang', 'Μουσική και τραγούδι', 'arts'),
    c('dance', 'Dance', 'Tanz', 'Χορός', 'arts'),
    c('creative_writing', 'Creative writing', 'Kreatives Schreiben', 'Δημιουργική γραφή', 'arts'),
    c('theatre', 'Theatre and drama', 'Theater und darstellendes Spiel', 'Θέατρο', 'arts'),
    c('museum', 'Museum', 'Museum', 'Μουσείο', 'culture_heritage'),
    c('gallery', 'Gallery', 'Galerie', 'Πινακοθήκη', 'culture_heritage'),
    c('library', 'Library', 'Bibliothek', 'Βιβλιοθήκη', 'culture_heritage'),
    c('archive', 'Archive', 'Archiv', 'Αρχείο', 'culture_heritage'),
    c('heritage_site', 'Heritage site', 'Kulturerbestätte', 'Χώρος πολιτιστικής κληρονομιάς', 'culture_heritage'),
    c('botanic_garden', 'Botanic garden', 'Botanischer Garten', 'Βοτανικός κήπος', 'culture_heritage'),
    c('community_gardening', 'Community gardening', 'Gemeinschaftsgarten', 'Κοινοτικός κήπος', 'nature'),
    c('walking_group', 'Walking group', 'Spaziergruppe', 'Ομάδα περπατήματος', 'nature'),
    c('conservation', 'Conservation volunteering', 'Naturschutzeinsatz', 'Εθελοντική προστασία της φύσης', 'nature'),
    c('exercise_class', 'Exercise class', 'Bewegungskurs', 'Πρόγραμμα άσκησης', 'physical_activity'),
    c('swimming', 'Swimming', 'Schwimmen', 'Κολύμβηση', 'physical_activity'),
    c('yoga_tai_chi', 'Yoga or tai chi', 'Yoga oder Tai-Chi', 'Γιόγκα ή τάι τσι', 'physical_activity'),
    c('debt_advice', 'Debt advice', 'Schuldnerberatung', 'Συμβουλευτική για χρέη', 'advice'),
    c('benefits_advice', 'Benefits advice', 'Sozialleistungsberatung', 'Συμβουλευτική για επιδόματα', 'advice'),
    c('housing_advice', 'Housing advice', 'Wohnungsberatung', 'Συμβουλευτική για στέγαση', 'advice'),
    c('adult_education', 'Adult education course', 'Kurs der Erwachsenenbildung', 'Πρόγραμμα εκπαίδευσης ενηλίκων', 'learning'),
    c('digital_skills', 'Digital skills', 'Digitale Kompetenzen', 'Ψηφιακές δεξιότητες', 'learning'),
    c('peer_support', 'Peer support group', 'Selbsthilfegruppe', 'Ομάδα αλληλοϋποστήριξης', 'social'),
    c('lunch_club', 'Lunch club or community café', 'Mittagstisch oder Begegnungscafé', 'Λέσχη γεύματος ή κοινοτικό καφέ', 'social'),
    c('mens_shed', "Men's shed", 'Männerwerkstatt (Men’s Shed)', 'Εργαστήρι ανδρών (Men’s Shed)', 'social'),
    c('befriending', 'Befriending', 'Besuchsdienst', 'Πρόγραμμα συντροφιάς', 'social'),
    c('community_volunteering', 'Community volunteering', 'Ehrenamt im Stadtteil', 'Εθελοντισμός στη γειτονιά', 'volunteering'),
  ],
  provider_sector: [
    c('voluntary', 'Voluntary and community sector', 'Gemeinnütziger Sektor', 'Εθελοντικός και κοινοτικός τομέας'),
    c('public', 'Public sector', 'Öffentlicher Sektor', 'Δημόσιος τομέας'),
    c('private', 'Private sector', 'Privatwirtschaft', 'Ιδιωτικός τομέας'),
  ],
  activity_mode: [
    c('in_person', 'In person', 'Vor Ort', 'Δια ζώσης'),
    c('online', 'Online', 'Online', 'Διαδικτυακά'),
    c('hybrid', 'In person and online', 'Vor Ort und online', 'Δια ζώσης και διαδικτυακά'),
  ],
  instrument: [
    c('swemwbs', 'SWEMWBS (short Warwick-Edinburgh Mental Wellbeing Scale), metric score', 'SWEMWBS (Kurzform der Warwick-Edinburgh-Skala des psychischen Wohlbefindens), metrischer Wert', 'SWEMWBS (σύντομη κλίμακα ψυχικής ευεξίας Warwick-Edinburgh), μετρική βαθμολογία'),
    c('wemwbs', 'WEMWBS (Warwick-Edinburgh Mental Wellbeing Scale)', 'WEMWBS (Warwick-Edinburgh-Skala des psychischen Wohlbefindens)', 'WEMWBS (κλίμακα ψυχικής ευεξίας Warwick-Edinburgh)'),
    c('ons4_life_satisfaction', 'ONS4: life satisfaction', 'ONS4: Lebenszufriedenheit', 'ONS4: ικανοποίηση από τη ζωή'),
    c('ons4_worthwhile', 'ONS4: things done in life are worthwhile', 'ONS4: Sinnhaftigkeit des eigenen Tuns', 'ONS4: όσα κάνω στη ζωή μου αξίζουν'),
    c('ons4_happiness', 'ONS4: happiness yesterday', 'ONS4: Glücksgefühl am Vortag', 'ONS4: ευτυχία την προηγούμενη ημέρα'),
    c('ons4_anxiety', 'ONS4: anxiety yesterday', 'ONS4: Ängstlichkeit am Vortag', 'ONS4: άγχος την προηγούμενη ημέρα'),
    c('ucla3', 'UCLA 3-item loneliness scale', 'UCLA-Einsamkeitsskala (3 Fragen)', 'Κλίμακα μοναξιάς UCLA (3 ερωτήσεις)'),
    c('eq5d5l_index', 'EQ-5D-5L index value (England value set)', 'EQ-5D-5L-Indexwert (englisches Value Set)', 'Τιμή δείκτη EQ-5D-5L (αγγλικό σύνολο σταθμίσεων)'),
    c('k10', 'Kessler Psychological Distress Scale (K10)', 'Kessler-Skala für psychische Belastung (K10)', 'Κλίμακα ψυχολογικής δυσφορίας Kessler (K10)'),
    c('whoqol_bref_psychological', 'WHOQOL-BREF, psychological domain (0–100)', 'WHOQOL-BREF, psychische Domäne (0–100)', 'WHOQOL-BREF, ψυχολογικός τομέας (0–100)'),
  ],
  timepoint: [
    c('baseline', 'Baseline', 'Ausgangsmessung', 'Αρχική μέτρηση'),
    c('w8_12', '8–12 weeks', '8–12 Wochen', '8–12 εβδομάδες'),
    c('m6', '6 months', '6 Monate', '6 μήνες'),
    c('m12', '12 months', '12 Monate', '12 μήνες'),
  ],
  service_measure: [
    c('gp', 'GP consultations', 'Hausarztkontakte', 'Επισκέψεις σε γενικό ιατρό'),
    c('ae', 'Emergency department (A&E) attendances', 'Besuche in der Notaufnahme', 'Επισκέψεις στα τμήματα επειγόντων περιστατικών'),
  ],
  time_window: [
    c('pre_12m', '12 months before referral', '12 Monate vor der Vermittlung', '12 μήνες πριν από την παραπομπή'),
    c('post_12m', '12 months after referral', '12 Monate nach der Vermittlung', '12 μήνες μετά την παραπομπή'),
  ],
  stratum_variable: [
    c('all', 'Everyone', 'Alle', 'Όλοι'),
    c('sex', 'Sex', 'Geschlecht', 'Φύλο'),
    c('age_band', 'Age band', 'Altersgruppe', 'Ηλικιακή ομάδα'),
    c('deprivation_quintile', 'Deprivation quintile (within the country)', 'Deprivationsquintil (innerhalb des Landes)', 'Πεμπτημόριο στέρησης (εντός της χώρας)'),
  ],
  study_design: [
    c('pre_post', 'Before and after, no comparison group', 'Vorher-nachher-Vergleich ohne Kontrollgruppe', 'Σύγκριση πριν και μετά, χωρίς ομάδα ελέγχου'),
  ],
  snomed_ct: [
    c('871731000000106', 'Referral to social prescribing service', 'Überweisung an einen Social-Prescribing-Dienst', 'Παραπομπή σε υπηρεσία κοινωνικής συνταγογράφησης'),
    c('871711000000103', 'Social prescribing declined', 'Social Prescribing abgelehnt', 'Άρνηση κοινωνικής συνταγογράφησης'),
  ],
} satisfies Record<string, Code[]>;

export type ListName = keyof typeof codelists;

/** The list a subcategory's parent code belongs to. */
export const parentLists: Partial<Record<ListName, ListName>> = {
  activity_subcategory: 'activity_category',
};

export function codesOf(list: ListName): string[] {
  return codelists[list].map((entry) => entry.code);
}
