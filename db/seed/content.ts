/**
 * German building blocks for the demo catalogue. Written for Wegweiser (not copied from
 * any real catalogue); the names of providers and people are invented. Place names are
 * real districts and towns of the demo region (city and county of Kassel).
 */

export type Category =
  | 'politik_gesellschaft_umwelt'
  | 'kultur_gestalten'
  | 'gesundheit'
  | 'sprachen'
  | 'deutsch_integration'
  | 'grundbildung_schulabschluesse'
  | 'arbeit_beruf_digitales'
  | 'berufliche_weiterbildung'
  | 'beratung';

export type ProviderKind =
  | 'vhs'
  | 'vocational_school'
  | 'language_school'
  | 'trainer'
  | 'counselling_service'
  | 'other';
export type Cefr = 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2';
export type Funding = 'bildungsgutschein' | 'azav' | 'bildungsurlaub' | 'aufstiegs_bafoeg' | 'free' | 'other';
export type TimeOfDay = 'morning' | 'afternoon' | 'evening';

export type EntryRequirement = 'school_certificate' | 'vocational_qualification' | 'professional_experience';

/** A title with facts of its own; a plain string takes the template's. */
export interface TitleSpec {
  text: string;
  /** Formal entry requirements (default: the template's). */
  entry?: EntryRequirement[];
  /** The levels this title can have; `module` ties the level to the integration course module. */
  levels?: Cefr[] | 'module' | null;
  /** Hands-on training (welding, forklifts, care): never online. */
  practical?: boolean;
  /** People can join after the start (open and modular courses). */
  lateEntry?: boolean;
  entryNote?: string;
}

/** A description sentence that is true only with some funding. */
export interface FundingSentence {
  text: string;
  funding: Funding;
}

export interface CourseTemplate {
  category: Category;
  kind: 'course' | 'measure' | 'counselling';
  /** Base titles; `{level}`, `{lang}` and `{module}` are filled in. */
  titles: (string | TitleSpec)[];
  levels?: Cefr[];
  /** Language of instruction; foreign-language courses teach in the target language. */
  languages?: { code: string; name: string }[];
  /**
   * Each entry is one possible set of funding options (repeat an entry to make it more
   * likely). `free` makes every run cost nothing; `bildungsgutschein` comes with `azav`.
   */
  funding: Funding[][];
  /** Only providers with an AZAV approval offer it (Bildungsgutschein measures). */
  azavOnly?: boolean;
  /** Price range in euros per run, when it is not free; [0, 0] means always free. */
  price: [number, number];
  sessions: [number, number];
  /** Teaching units (45 minutes) per run: the session count follows from them (integration course modules). */
  units?: number;
  /** Minutes per session. */
  minutes: number[];
  times: TimeOfDay[];
  /** Fixed weekdays (a Bildungsurlaub week, a full-time course). */
  pattern?: number[];
  weekendChance?: number;
  onlineChance?: number;
  /** Formal entry requirements; default: none. */
  entry?: EntryRequirement[];
  /** The German level expected at the start: `below` = one level below the course's. */
  entryLevel?: Cefr | 'below';
  entryNotes?: string[];
  lateEntryChance?: number;
  /** How often a run has a registration deadline. */
  deadlineChance?: number;
  keywords: string[];
  targetGroups: string[];
  certificates?: string[];
  summaries: string[];
  sentences: (string | FundingSentence)[];
  providers: ProviderKind[];
  /** Relative frequency in the catalogue. */
  weight: number;
}

const FOREIGN = [
  { code: 'en', name: 'Englisch' },
  { code: 'es', name: 'Spanisch' },
  { code: 'fr', name: 'Französisch' },
  { code: 'it', name: 'Italienisch' },
  { code: 'tr', name: 'Türkisch' },
  { code: 'ar', name: 'Arabisch' },
  { code: 'pl', name: 'Polnisch' },
  { code: 'ru', name: 'Russisch' },
  { code: 'pt', name: 'Portugiesisch' },
  { code: 'nl', name: 'Niederländisch' },
  { code: 'sv', name: 'Schwedisch' },
  { code: 'ja', name: 'Japanisch' },
];

const ENTITLEMENT_NOTE =
  'Sie brauchen eine Berechtigung oder Verpflichtung zur Teilnahme (vom BAMF, der Ausländerbehörde oder dem Jobcenter). Wir helfen Ihnen beim Antrag.';

export const templates: CourseTemplate[] = [
  // --- Deutsch & Integration -------------------------------------------------------------
  {
    category: 'deutsch_integration',
    kind: 'course',
    // The federal integration course: six modules of 100 teaching units each, A1 to B1.
    titles: [
      { text: 'Integrationskurs – Modul {module} ({level})', levels: 'module', lateEntry: true },
      { text: 'Integrationskurs mit Alphabetisierung – Modul {module}', levels: null, lateEntry: true },
    ],
    levels: ['A1', 'A2', 'B1'],
    funding: [['free']],
    price: [0, 0],
    sessions: [20, 25],
    units: 100,
    minutes: [180, 225],
    times: ['morning', 'afternoon'],
    pattern: [1, 2, 3, 4, 5],
    entryLevel: 'below',
    entryNotes: [ENTITLEMENT_NOTE],
    deadlineChance: 0.2,
    keywords: ['integrationskurs', 'bamf', 'deutsch lernen', 'zuwanderung', 'orientierungskurs'],
    targetGroups: ['Zugewanderte', 'Geflüchtete', 'Erwachsene'],
    certificates: ['Deutsch-Test für Zuwanderer (DTZ)', 'Teilnahmebescheinigung'],
    summaries: [
      'Deutsch für Alltag und Beruf im Integrationskurs nach den Vorgaben des BAMF.',
      'Sie lernen Deutsch in kleinen Schritten – mit Themen aus Alltag, Arbeit und Behörden.',
    ],
    sentences: [
      'Der Kurs ist Teil des Integrationskurses nach dem Aufenthaltsgesetz und wird vom Bundesamt für Migration und Flüchtlinge (BAMF) gefördert.',
      'Wer eine Berechtigung oder Verpflichtung hat, zahlt in der Regel nichts.',
      'Themen sind zum Beispiel Wohnen, Einkaufen, Gesundheit, Arbeit und der Umgang mit Ämtern.',
      'Vor dem Kurs machen Sie einen kurzen Einstufungstest, damit Sie im passenden Modul beginnen.',
      'Am Ende des Integrationskurses steht der Deutsch-Test für Zuwanderer und der Test „Leben in Deutschland“.',
      'Während des Kurses gibt es auf Wunsch eine Kinderbetreuung; bitte fragen Sie bei der Anmeldung danach.',
      'Der Unterricht findet in kleinen Gruppen statt, damit alle viel sprechen können.',
    ],
    providers: ['vhs', 'language_school', 'counselling_service'],
    weight: 9,
  },
  {
    category: 'deutsch_integration',
    kind: 'course',
    titles: [
      'Deutsch als Zweitsprache {level}',
      'Deutsch als Zweitsprache {level} – Intensivkurs',
      'Deutsch {level} am Abend',
      'Deutsch {level} am Vormittag',
      'Deutsch {level} – Kompaktkurs am Wochenende',
      'Deutsch {level} online',
      'DaZ {level}: Sprechen im Alltag',
    ],
    levels: ['A1', 'A2', 'B1', 'B2', 'C1'],
    funding: [[], [], [], [], [], [], ['other'], ['free']],
    price: [60, 320],
    sessions: [8, 30],
    minutes: [90, 135, 180],
    times: ['morning', 'evening'],
    weekendChance: 0.1,
    onlineChance: 0.15,
    entryLevel: 'below',
    lateEntryChance: 0.15,
    deadlineChance: 0.2,
    keywords: ['deutschkurs', 'deutsch als zweitsprache', 'daz', 'deutsch lernen', 'sprachkurs'],
    targetGroups: ['Zugewanderte', 'Erwachsene', 'Berufstätige'],
    certificates: ['telc Deutsch {level}', 'Goethe-Zertifikat {level}', 'Teilnahmebescheinigung'],
    summaries: [
      'Deutsch lernen auf dem Niveau {level} des Gemeinsamen Europäischen Referenzrahmens.',
      'Sie verbessern Ihr Deutsch im Hören, Sprechen, Lesen und Schreiben.',
      'Ein Deutschkurs für Menschen, die im Alltag und im Beruf sicherer sprechen möchten.',
    ],
    sentences: [
      'Wir üben Gespräche, die Sie im Alltag wirklich brauchen: beim Arzt, in der Schule Ihrer Kinder, bei der Arbeit.',
      'Grammatik lernen Sie an Beispielen und wenden sie gleich an.',
      'Sie bekommen regelmäßig Rückmeldung zu Ihrer Aussprache und Ihren Texten.',
      'Das Lehrbuch wird in der ersten Stunde besprochen und ist nicht im Preis enthalten.',
      'Wer nicht sicher ist, welches Niveau passt, kann vorher kostenlos einen Einstufungstest machen.',
      'Auf Wunsch bereiten wir Sie auf eine Prüfung vor.',
      'Zwischen den Terminen üben Sie mit Aufgaben auf der Lernplattform.',
    ],
    providers: ['vhs', 'language_school'],
    weight: 12,
  },
  {
    category: 'deutsch_integration',
    kind: 'course',
    // Job-related German (DeuFöV): a special module at A2, basic modules to B1, B2 and C1.
    titles: [
      'Berufssprachkurs Deutsch {level}',
      'Deutsch für den Beruf {level}',
      'Deutsch in der Pflege (Berufssprachkurs {level})',
    ],
    levels: ['A2', 'B1', 'B1', 'B2', 'B2', 'C1'],
    funding: [['free'], ['free'], ['free'], ['free'], ['free'], ['other']],
    price: [0, 0],
    sessions: [30, 60],
    minutes: [180, 225],
    times: ['morning', 'afternoon', 'evening'],
    entryLevel: 'below',
    entryNotes: [ENTITLEMENT_NOTE],
    lateEntryChance: 0.3,
    deadlineChance: 0.3,
    keywords: ['berufssprachkurs', 'deufoev', 'deutsch für den beruf', 'bamf', 'job'],
    targetGroups: ['Zugewanderte', 'Arbeitsuchende', 'Berufstätige'],
    certificates: ['telc Deutsch {level} Beruf', 'DTB – Deutsch-Test für den Beruf'],
    summaries: [
      'Berufsbezogene Deutschsprachförderung nach der DeuFöV: Deutsch für Bewerbung und Arbeitsplatz.',
      'Sie lernen die Sprache, die Sie am Arbeitsplatz brauchen: Telefonate, E-Mails, Besprechungen.',
    ],
    sentences: [
      {
        text: 'Die Teilnahme ist mit einer Berechtigung der Agentur für Arbeit, des Jobcenters oder des BAMF kostenfrei.',
        funding: 'free',
      },
      'Im Kurs schreiben Sie Bewerbungen, üben Vorstellungsgespräche und lernen Fachwortschatz.',
      'Der Kurs lässt sich mit einer Beschäftigung verbinden; es gibt Gruppen am Vormittag und am Abend.',
      'Am Ende legen Sie den Deutsch-Test für den Beruf ab.',
    ],
    providers: ['vhs', 'language_school', 'vocational_school'],
    weight: 5,
  },
  {
    category: 'deutsch_integration',
    kind: 'course',
    // Literacy has no CEFR level: it comes before A1.
    titles: [
      'Alphabetisierungskurs für Zugewanderte',
      'Lesen und Schreiben in lateinischer Schrift',
      'Zweitschriftlernende: Deutsch mit Alphabetisierung',
    ],
    funding: [['free']],
    price: [0, 0],
    sessions: [20, 40],
    minutes: [135, 180],
    times: ['morning'],
    entryNotes: ['Sie brauchen keine Vorkenntnisse in Deutsch.'],
    lateEntryChance: 0.5,
    keywords: ['alphabetisierung', 'lesen lernen', 'schreiben lernen', 'integrationskurs'],
    targetGroups: ['Zugewanderte', 'Geflüchtete'],
    summaries: ['Lesen und Schreiben in lateinischer Schrift lernen – Schritt für Schritt und ohne Druck.'],
    sentences: [
      'Der Kurs ist für Menschen, die in ihrer ersten Sprache nicht oder in einer anderen Schrift lesen und schreiben gelernt haben.',
      'Wir arbeiten mit Bildern, Gesprächen und viel Übung.',
      'Die Gruppe ist klein, und die Lehrkraft hat Erfahrung in der Alphabetisierung.',
    ],
    providers: ['vhs', 'counselling_service', 'language_school'],
    weight: 2,
  },
  {
    category: 'deutsch_integration',
    kind: 'course',
    titles: [
      'Sprachcafé: Deutsch sprechen in entspannter Runde',
      'Deutsch-Treff für Eltern',
      'Mama lernt Deutsch',
    ],
    funding: [['free']],
    price: [0, 0],
    sessions: [6, 20],
    minutes: [90, 120],
    times: ['afternoon', 'morning'],
    lateEntryChance: 1,
    keywords: ['sprachcafe', 'deutsch üben', 'begegnung', 'eltern'],
    targetGroups: ['Zugewanderte', 'Eltern', 'Frauen'],
    summaries: ['Ein offenes Angebot zum Deutschsprechen ohne Prüfung und ohne Anmeldedruck.'],
    sentences: [
      'Sie können jederzeit dazukommen; eine Anmeldung hilft uns bei der Planung.',
      'Ehrenamtliche Sprachbegleiterinnen und -begleiter helfen beim Gespräch.',
      'Kinder sind willkommen; eine Spielecke ist vorhanden.',
    ],
    providers: ['counselling_service', 'other', 'vhs'],
    weight: 2,
  },
  // --- Fremdsprachen ------------------------------------------------------------------------
  {
    category: 'sprachen',
    kind: 'course',
    titles: [
      '{lang} {level}',
      '{lang} {level} – Kompaktkurs',
      '{lang} {level} am Abend',
      '{lang} {level} online',
      '{lang} für die Reise ({level})',
      '{lang} {level} – Konversation',
      '{lang} für den Beruf ({level})',
    ],
    levels: ['A1', 'A2', 'B1', 'B2', 'C1'],
    languages: FOREIGN,
    funding: [[], [], ['bildungsurlaub']],
    price: [55, 240],
    sessions: [6, 15],
    minutes: [90, 135],
    times: ['evening', 'morning', 'afternoon'],
    weekendChance: 0.12,
    onlineChance: 0.2,
    deadlineChance: 0.1,
    keywords: ['sprachkurs', 'fremdsprache', 'konversation'],
    targetGroups: ['Erwachsene', 'Berufstätige', 'Senioren'],
    certificates: ['Teilnahmebescheinigung', 'telc {level}'],
    summaries: [
      '{lang} auf dem Niveau {level}: mehr Sicherheit im Sprechen und Verstehen.',
      'Mit Freude {lang} lernen – in einer kleinen, freundlichen Gruppe.',
    ],
    sentences: [
      'Im Mittelpunkt steht das Sprechen: Sie üben in Paaren und kleinen Gruppen.',
      'Die Lehrkraft spricht im Unterricht vor allem die Zielsprache.',
      'Neben der Sprache lernen Sie auch Land und Leute kennen.',
      'Das Lehrwerk wird zu Beginn vorgestellt und ist im Buchhandel erhältlich.',
      'Wer unsicher ist, ob das Niveau passt, kann gern vorher eine Probestunde besuchen.',
      'Hausaufgaben sind freiwillig, helfen aber beim Wiederholen.',
    ],
    providers: ['vhs', 'language_school'],
    weight: 22,
  },
  // --- Grundbildung & Schulabschlüsse ------------------------------------------------------
  {
    category: 'grundbildung_schulabschluesse',
    kind: 'course',
    titles: [
      'Hauptschulabschluss nachholen',
      { text: 'Realschulabschluss im Abendkurs', entry: ['school_certificate'] },
      { text: 'Mittlerer Schulabschluss für Erwachsene', entry: ['school_certificate'] },
      'Vorbereitung auf die Nichtschülerprüfung',
    ],
    funding: [['free'], ['free'], []],
    price: [60, 150],
    sessions: [60, 160],
    minutes: [180, 240],
    times: ['evening', 'morning'],
    entryLevel: 'B1',
    deadlineChance: 0.6,
    keywords: ['schulabschluss', 'hauptschulabschluss', 'realschulabschluss', 'zweiter bildungsweg'],
    targetGroups: ['Erwachsene', 'Junge Erwachsene', 'Arbeitsuchende'],
    certificates: ['Staatlich anerkannter Schulabschluss'],
    summaries: ['Den Schulabschluss nachholen – neben Arbeit oder Familie, mit Unterstützung.'],
    sentences: [
      'Unterrichtet werden Deutsch, Mathematik, Englisch und weitere Prüfungsfächer.',
      'Die Prüfung legen Sie an einer staatlichen Schule ab; wir melden Sie an.',
      'Eine sozialpädagogische Begleitung hilft, wenn es im Alltag schwierig wird.',
      'Vor dem Start gibt es ein Beratungsgespräch, in dem wir Ihre bisherigen Zeugnisse ansehen.',
    ],
    providers: ['vhs', 'vocational_school'],
    weight: 3,
  },
  {
    category: 'grundbildung_schulabschluesse',
    kind: 'course',
    titles: [
      'Lesen und Schreiben für Erwachsene',
      'Rechnen im Alltag',
      'Fit im Alltag: Lesen, Schreiben, Rechnen',
      'Grundbildung am Computer',
    ],
    funding: [['free']],
    price: [0, 0],
    sessions: [10, 30],
    minutes: [90, 120],
    times: ['morning', 'afternoon', 'evening'],
    lateEntryChance: 0.5,
    keywords: ['grundbildung', 'alphabetisierung', 'lesen', 'schreiben', 'rechnen'],
    targetGroups: ['Erwachsene'],
    summaries: ['Besser lesen, schreiben und rechnen – vertraulich und in Ihrem Tempo.'],
    sentences: [
      'Niemand muss vor der Gruppe vorlesen, wenn er es nicht möchte.',
      'Wir arbeiten mit Texten aus dem Alltag: Briefe, Formulare, Fahrpläne, Rechnungen.',
      'Die Teilnahme ist kostenlos und wird vertraulich behandelt.',
    ],
    providers: ['vhs', 'counselling_service', 'other'],
    weight: 3,
  },
  // --- Arbeit, Beruf, Digitales -----------------------------------------------------------
  {
    category: 'arbeit_beruf_digitales',
    kind: 'course',
    titles: [
      'Excel für Einsteiger',
      'Excel Aufbaukurs: Formeln und Diagramme',
      'Word: Briefe und Berichte gestalten',
      'EDV-Grundlagen: Computer sicher nutzen',
      'Smartphone und Tablet im Alltag',
      'Digitale Behördengänge: Anträge am Computer stellen',
      'Sicher im Internet: Passwörter, Betrug, Datenschutz',
      'PowerPoint: überzeugend präsentieren',
      'Videokonferenzen sicher nutzen',
      'Künstliche Intelligenz im Büroalltag',
      'Excel kompakt online',
    ],
    funding: [[], [], ['bildungsurlaub'], ['free']],
    price: [35, 190],
    sessions: [2, 8],
    minutes: [180, 240, 360],
    times: ['morning', 'evening'],
    weekendChance: 0.2,
    onlineChance: 0.25,
    keywords: ['edv', 'computer', 'digitale kompetenzen', 'office', 'internet'],
    targetGroups: ['Erwachsene', 'Berufstätige', 'Senioren'],
    certificates: ['Teilnahmebescheinigung'],
    summaries: [
      'Praktisch am Rechner üben, was Sie im Alltag und im Beruf brauchen.',
      'Digitale Grundlagen verständlich erklärt – ohne Fachchinesisch.',
    ],
    sentences: [
      'Jede Person arbeitet an einem eigenen Rechner; eigene Geräte dürfen mitgebracht werden.',
      'Sie brauchen keine Vorkenntnisse außer dem Ein- und Ausschalten des Geräts.',
      'Wir gehen in kleinen Schritten vor und wiederholen oft.',
      'Alle Übungen bekommen Sie als Unterlagen zum Nacharbeiten.',
      {
        text: 'Das Angebot ist als Bildungsurlaub anerkannt, wenn es als Woche gebucht wird.',
        funding: 'bildungsurlaub',
      },
    ],
    providers: ['vhs', 'trainer', 'vocational_school'],
    weight: 12,
  },
  {
    category: 'arbeit_beruf_digitales',
    kind: 'course',
    titles: [
      'Bewerbungstraining: Unterlagen, die überzeugen',
      'Vorstellungsgespräche sicher meistern',
      'Beruflicher Wiedereinstieg nach der Familienzeit',
      'Zeitmanagement und Selbstorganisation',
      'Konflikte im Team lösen',
      'Rhetorik: frei und sicher sprechen',
    ],
    funding: [[], ['bildungsurlaub'], ['free']],
    price: [25, 160],
    sessions: [1, 5],
    minutes: [180, 360, 420],
    times: ['morning', 'evening'],
    weekendChance: 0.3,
    keywords: ['bewerbung', 'beruf', 'kommunikation', 'wiedereinstieg'],
    targetGroups: ['Arbeitsuchende', 'Berufstätige', 'Frauen', 'Eltern'],
    summaries: ['Praxisnahes Training für den nächsten beruflichen Schritt.'],
    sentences: [
      'Sie bringen eigene Beispiele mit und arbeiten direkt daran.',
      'Übungen in Rollenspielen helfen, sicherer aufzutreten.',
      'Die Trainerin hat viele Jahre Erfahrung in der Personalauswahl.',
      'Ihre Unterlagen werden vertraulich behandelt.',
    ],
    providers: ['vhs', 'trainer', 'counselling_service'],
    weight: 6,
  },
  // --- Berufliche Weiterbildung -----------------------------------------------------------
  {
    category: 'berufliche_weiterbildung',
    kind: 'measure',
    titles: [
      'Umschulung Kauffrau/Kaufmann für Büromanagement (IHK)',
      { text: 'Umschulung Fachkraft für Lagerlogistik (IHK)', practical: true },
      'Umschulung Fachinformatiker/in Anwendungsentwicklung (IHK)',
      'Umschulung Kauffrau/Kaufmann im Einzelhandel (IHK)',
      { text: 'Umschulung Medizinische/r Fachangestellte/r', practical: true },
      { text: 'Umschulung Industriemechaniker/in (IHK)', practical: true },
      { text: 'Umschulung Elektroniker/in für Betriebstechnik', practical: true },
    ],
    funding: [['bildungsgutschein', 'azav']],
    azavOnly: true,
    price: [9800, 22000],
    sessions: [280, 480],
    minutes: [480],
    times: ['morning'],
    entry: ['school_certificate'],
    entryLevel: 'B1',
    entryNotes: [
      'Vor dem Start machen Sie bei uns einen Eignungstest.',
      'Die Agentur für Arbeit oder das Jobcenter prüft vorher, ob die Umschulung für Sie gefördert wird.',
    ],
    deadlineChance: 0.8,
    keywords: ['umschulung', 'ihk', 'bildungsgutschein', 'azav', 'berufsabschluss'],
    targetGroups: ['Arbeitsuchende', 'Berufswechsler'],
    certificates: ['IHK-Abschluss', 'Berufsabschluss vor der Handwerkskammer'],
    summaries: [
      'In 24 bis 28 Monaten zum anerkannten Berufsabschluss – mit Praktikum im Betrieb.',
      'Eine Umschulung mit Bildungsgutschein: Theorie bei uns, Praxis im Unternehmen.',
    ],
    sentences: [
      'Die Maßnahme ist nach AZAV zugelassen und kann mit einem Bildungsgutschein der Agentur für Arbeit oder des Jobcenters gefördert werden.',
      'Zur Umschulung gehört ein mehrmonatiges Praktikum in einem Betrieb der Region.',
      'Wir unterstützen Sie bei der Suche nach dem Praktikumsbetrieb.',
      'Vor dem Start laden wir Sie zu einem Informationsgespräch ein.',
      'Die Abschlussprüfung legen Sie vor der zuständigen Kammer ab.',
      'Lernbegleitung und Prüfungsvorbereitung sind im Preis enthalten.',
    ],
    providers: ['vocational_school', 'trainer'],
    weight: 5,
  },
  {
    category: 'berufliche_weiterbildung',
    kind: 'measure',
    titles: [
      { text: 'Gabelstaplerschein (Flurförderzeuge)', practical: true, entryNote: 'Mindestalter 18 Jahre.' },
      { text: 'Qualifizierung zur Pflegehilfskraft', practical: true },
      { text: 'Betreuungskraft nach § 53b SGB XI', practical: true },
      { text: 'SAP-Anwenderschulung Materialwirtschaft', entry: ['professional_experience'] },
      {
        text: 'Buchhaltung mit DATEV',
        entry: ['vocational_qualification'],
        entryNote: 'Kaufmännische Grundkenntnisse werden vorausgesetzt.',
      },
      { text: 'Lohn- und Gehaltsabrechnung', entry: ['vocational_qualification'] },
      { text: 'CNC-Fräsen: Grundlagen', practical: true, entry: ['vocational_qualification'] },
      { text: 'Schweißen: MAG-Schweißkurs', practical: true },
      'Sachkunde im Bewachungsgewerbe (§ 34a GewO)',
      {
        text: 'Berufskraftfahrer-Weiterbildung (Module)',
        practical: true,
        lateEntry: true,
        entry: ['professional_experience'],
        entryNote: 'Sie brauchen einen Führerschein der Klasse C oder D.',
      },
      { text: 'Projektmanagement mit Zertifikat', entry: ['professional_experience'] },
      'Digitales Marketing und Social Media',
    ],
    funding: [['bildungsgutschein', 'azav'], ['bildungsgutschein', 'azav'], []],
    price: [290, 4800],
    sessions: [3, 60],
    minutes: [360, 480],
    times: ['morning'],
    onlineChance: 0.15,
    entryLevel: 'A2',
    deadlineChance: 0.6,
    keywords: ['weiterbildung', 'qualifizierung', 'bildungsgutschein', 'azav', 'zertifikat'],
    targetGroups: ['Arbeitsuchende', 'Berufstätige', 'Berufswechsler'],
    certificates: ['Zertifikat', 'Sachkundeprüfung vor der IHK', 'Befähigungsnachweis'],
    summaries: [
      'Eine kompakte Qualifizierung, die auf dem Arbeitsmarkt gefragt ist.',
      'Praxisnah und mit anerkanntem Abschluss – in Vollzeit oder Teilzeit.',
    ],
    sentences: [
      {
        text: 'Die Maßnahme ist nach AZAV zertifiziert; eine Förderung mit Bildungsgutschein ist möglich.',
        funding: 'azav',
      },
      'Der Unterricht verbindet Theorie mit vielen praktischen Übungen.',
      'Arbeitskleidung und Lernmaterial werden gestellt.',
      'Nach erfolgreicher Prüfung erhalten Sie ein Zertifikat.',
      'Teilzeit ist nach Absprache möglich, zum Beispiel für Alleinerziehende.',
    ],
    providers: ['trainer', 'vocational_school'],
    weight: 9,
  },
  {
    category: 'berufliche_weiterbildung',
    kind: 'course',
    // Upgrading qualifications: a completed apprenticeship and years in the trade come first.
    titles: [
      'Vorbereitung auf die Meisterprüfung Teil III und IV',
      'Geprüfte/r Fachwirt/in im Gesundheits- und Sozialwesen',
      'Industriemeister/in Metall (IHK)',
      'Geprüfte/r Bilanzbuchhalter/in',
    ],
    funding: [['aufstiegs_bafoeg'], ['aufstiegs_bafoeg', 'bildungsgutschein', 'azav']],
    price: [2900, 7900],
    sessions: [40, 120],
    minutes: [240, 480],
    times: ['evening', 'morning'],
    weekendChance: 0.4,
    entry: ['vocational_qualification', 'professional_experience'],
    entryLevel: 'B2',
    entryNotes: [
      'Zur Prüfung zugelassen wird, wer eine abgeschlossene Berufsausbildung und Berufspraxis nachweist.',
    ],
    deadlineChance: 0.8,
    keywords: ['aufstiegs-bafög', 'meister', 'fachwirt', 'aufstiegsfortbildung', 'ihk'],
    targetGroups: ['Berufstätige', 'Fachkräfte'],
    certificates: ['IHK-Fortbildungsabschluss', 'Meisterbrief'],
    summaries: ['Berufsbegleitend zum nächsten Abschluss – förderfähig mit dem Aufstiegs-BAföG.'],
    sentences: [
      'Der Lehrgang bereitet auf die öffentlich-rechtliche Prüfung vor der Kammer vor.',
      'Mit dem Aufstiegs-BAföG werden Lehrgangs- und Prüfungskosten zu einem großen Teil übernommen.',
      'Die Dozentinnen und Dozenten kommen aus der Praxis.',
    ],
    providers: ['vocational_school', 'trainer'],
    weight: 3,
  },
  {
    category: 'berufliche_weiterbildung',
    kind: 'course',
    titles: ['Ausbildung der Ausbilder (AdA)', 'Ausbildereignung nach AEVO – Prüfungsvorbereitung'],
    funding: [[], ['bildungsgutschein', 'azav']],
    price: [450, 950],
    sessions: [8, 16],
    minutes: [240, 480],
    times: ['evening', 'morning'],
    weekendChance: 0.3,
    entry: ['vocational_qualification'],
    entryLevel: 'B2',
    deadlineChance: 0.5,
    keywords: ['aevo', 'ausbildereignung', 'ausbilder', 'ihk'],
    targetGroups: ['Berufstätige', 'Fachkräfte'],
    certificates: ['Ausbildereignungsprüfung vor der IHK'],
    summaries: ['In wenigen Wochen zur Ausbildereignung: Sie bilden danach selbst Nachwuchs aus.'],
    sentences: [
      'Der Lehrgang bereitet auf die Prüfung nach der Ausbilder-Eignungsverordnung vor.',
      'Sie üben die praktische Unterweisung und das Fachgespräch.',
      {
        text: 'Der Lehrgang ist nach AZAV zugelassen; eine Förderung mit Bildungsgutschein ist möglich.',
        funding: 'azav',
      },
    ],
    providers: ['vocational_school', 'trainer'],
    weight: 1,
  },
  // --- Gesundheit --------------------------------------------------------------------------
  {
    category: 'gesundheit',
    kind: 'course',
    titles: [
      'Yoga am Morgen',
      'Hatha-Yoga für Einsteiger',
      'Rückenfit: Kräftigung und Entspannung',
      'Pilates',
      'Progressive Muskelentspannung',
      'Qigong im Park',
      { text: 'Gesund kochen mit wenig Geld', practical: true },
      { text: 'Vegetarische Küche aus aller Welt', practical: true },
      { text: 'Erste Hilfe am Kind', practical: true },
      'Achtsamkeit und Stressbewältigung',
      { text: 'Wassergymnastik', practical: true },
      'Tanzen für Menschen ab 60',
    ],
    funding: [[]],
    price: [25, 120],
    sessions: [1, 12],
    minutes: [60, 75, 90, 180],
    times: ['morning', 'evening', 'afternoon'],
    weekendChance: 0.15,
    keywords: ['gesundheit', 'bewegung', 'entspannung', 'ernährung'],
    targetGroups: ['Erwachsene', 'Senioren', 'Eltern'],
    summaries: [
      'Etwas für die eigene Gesundheit tun – in einer freundlichen Gruppe.',
      'Bewegung, Entspannung und Genuss für Körper und Kopf.',
    ],
    sentences: [
      'Bitte bringen Sie bequeme Kleidung, eine Decke und etwas zu trinken mit.',
      'Alle Übungen können an Ihre Möglichkeiten angepasst werden.',
      'Viele Krankenkassen bezuschussen den Kurs; fragen Sie bei Ihrer Kasse nach.',
      'Die Lebensmittelkosten werden im Kurs gemeinsam abgerechnet.',
      'Vorkenntnisse sind nicht nötig.',
    ],
    providers: ['vhs', 'other'],
    weight: 12,
  },
  // --- Kultur & Gestalten ------------------------------------------------------------------
  {
    category: 'kultur_gestalten',
    kind: 'course',
    titles: [
      'Aquarellmalerei für Anfängerinnen und Anfänger',
      'Zeichnen lernen',
      'Fotografieren mit dem Smartphone',
      { text: 'Töpfern an der Drehscheibe', practical: true },
      { text: 'Nähen: vom Schnitt zum Kleidungsstück', practical: true },
      'Gitarre für Einsteiger',
      'Kreatives Schreiben',
      'Chorsingen für alle',
      { text: 'Holzwerkstatt: kleine Möbel bauen', practical: true },
      'Stadtführung: Kassel und die documenta',
    ],
    funding: [[]],
    price: [20, 180],
    sessions: [1, 10],
    minutes: [120, 150, 180],
    times: ['evening', 'afternoon', 'morning'],
    weekendChance: 0.35,
    keywords: ['kreativ', 'kunst', 'musik', 'gestalten'],
    targetGroups: ['Erwachsene', 'Senioren', 'Familien'],
    summaries: [
      'Selbst gestalten und Neues ausprobieren – ohne Vorkenntnisse.',
      'Kreative Stunden mit Anleitung und viel Zeit zum Üben.',
    ],
    sentences: [
      'Materialkosten werden direkt im Kurs bezahlt.',
      'Sie bekommen Anregungen und individuelle Tipps von der Kursleitung.',
      'Am Ende gestalten Sie ein eigenes kleines Werk.',
      'Der Kurs eignet sich auch für Menschen, die lange nicht mehr kreativ waren.',
    ],
    providers: ['vhs', 'other'],
    weight: 9,
  },
  // --- Politik, Gesellschaft, Umwelt ------------------------------------------------------
  {
    category: 'politik_gesellschaft_umwelt',
    kind: 'course',
    titles: [
      'Mietrecht für Mieterinnen und Mieter',
      'Klimaschutz im Alltag: Energie sparen zu Hause',
      'Demokratie verstehen: Wie funktioniert unsere Stadt?',
      'Geschichte Nordhessens im 20. Jahrhundert',
      'Erben und Vererben',
      'Falschmeldungen erkennen',
      'Ehrenamt: Einstieg und Rechte',
    ],
    funding: [[], [], ['free']],
    price: [8, 90],
    sessions: [1, 5],
    minutes: [90, 180, 360],
    times: ['evening', 'morning'],
    keywords: ['politik', 'gesellschaft', 'umwelt', 'recht', 'geschichte'],
    targetGroups: ['Erwachsene', 'Senioren'],
    summaries: ['Informationen aus erster Hand und Raum für Fragen und Austausch.'],
    sentences: [
      'Die Referentin beantwortet Ihre Fragen; eine Einzelfallberatung ist jedoch nicht möglich.',
      'Wir diskutieren aktuelle Beispiele aus der Region.',
    ],
    providers: ['vhs', 'other'],
    weight: 4,
  },
  {
    category: 'politik_gesellschaft_umwelt',
    kind: 'course',
    // A Bildungsurlaub is a whole week, Monday to Friday.
    titles: ['Bildungsurlaub: Europa verstehen', 'Bildungsurlaub: Demokratie und Beteiligung vor Ort'],
    funding: [['bildungsurlaub']],
    price: [120, 290],
    sessions: [5, 5],
    minutes: [360],
    times: ['morning'],
    pattern: [1, 2, 3, 4, 5],
    deadlineChance: 0.8,
    keywords: ['bildungsurlaub', 'politik', 'europa', 'demokratie'],
    targetGroups: ['Berufstätige', 'Erwachsene'],
    summaries: ['Eine Woche Bildungsurlaub: Politik verstehen, Fragen stellen, mitreden.'],
    sentences: [
      'Die Veranstaltung ist nach dem Hessischen Bildungsurlaubsgesetz anerkannt.',
      'Die Bescheinigung für Ihren Arbeitgeber bekommen Sie mit der Anmeldebestätigung.',
      'Wir besuchen Einrichtungen in der Region und sprechen mit Fachleuten.',
    ],
    providers: ['vhs', 'other'],
    weight: 1,
  },
  // --- Beratung ------------------------------------------------------------------------------
  {
    category: 'beratung',
    kind: 'counselling',
    titles: [
      'Beratung zur Anerkennung ausländischer Berufsabschlüsse',
      'Weiterbildungsberatung',
      'Migrationsberatung für Erwachsene',
      'Berufsorientierung für junge Erwachsene',
      'Beratung zum Aufstiegs-BAföG',
      'Bildungsberatung für Frauen',
    ],
    funding: [['free']],
    price: [0, 0],
    sessions: [1, 1],
    minutes: [45, 60],
    times: ['morning', 'afternoon'],
    onlineChance: 0.3,
    keywords: ['beratung', 'anerkennung', 'orientierung', 'förderung'],
    targetGroups: ['Zugewanderte', 'Arbeitsuchende', 'Erwachsene', 'Frauen'],
    summaries: ['Kostenlose, vertrauliche Beratung – auf Wunsch auch in Ihrer Sprache.'],
    sentences: [
      'Bringen Sie, wenn vorhanden, Zeugnisse und Ihren Lebenslauf mit.',
      'Wir klären gemeinsam, welche Wege und Förderungen für Sie in Frage kommen.',
      'Die Beratung ist unabhängig von einzelnen Bildungsanbietern.',
      'Auf Wunsch kommt eine Dolmetscherin oder ein Dolmetscher dazu.',
    ],
    providers: ['counselling_service'],
    weight: 3,
  },
];

/** How people register, as providers word it (one of them on some offers). */
export const registrationNotes = [
  'Bitte melden Sie sich schriftlich, telefonisch oder online an.',
  'Vor dem Kurs laden wir Sie zu einem kurzen Beratungsgespräch ein.',
  'Die Anmeldung ist verbindlich; Sie erhalten eine Bestätigung per E-Mail.',
  'Sie können sich auch persönlich in unserer Geschäftsstelle anmelden.',
];

export const targetSentencesFallback = 'Bitte melden Sie sich vorher an, damit wir planen können.';

export interface ProviderSeed {
  name: string;
  kind: ProviderKind;
  description: string;
  /** Share of the catalogue's offers. */
  weight: number;
  azav?: boolean;
}

export const providerSeeds: ProviderSeed[] = [
  {
    name: 'Volkshochschule am Fulda-Ufer',
    kind: 'vhs',
    weight: 14,
    description:
      'Die Volkshochschule der Stadt: Sprachen, Beruf, Gesundheit, Kultur und Grundbildung an vielen Orten im Stadtgebiet.',
  },
  {
    name: 'Kreisvolkshochschule Habichtswald',
    kind: 'vhs',
    weight: 11,
    description:
      'Die Volkshochschule des Landkreises mit Außenstellen in vielen Gemeinden – Weiterbildung in Ihrer Nähe.',
  },
  {
    name: 'Berufsbildungszentrum Nordstadt',
    kind: 'vocational_school',
    weight: 3,
    azav: true,
    description:
      'Berufliche Aus- und Weiterbildung in Technik, Logistik und Verwaltung mit eigener Lehrwerkstatt.',
  },
  {
    name: 'Bildungswerk Fuldatal gGmbH',
    kind: 'vocational_school',
    weight: 3,
    azav: true,
    description: 'Gemeinnütziger Träger für Umschulung, Qualifizierung und Sprachförderung.',
  },
  {
    name: 'Technikakademie Waldau',
    kind: 'vocational_school',
    weight: 2,
    azav: true,
    description: 'Meister- und Technikerlehrgänge, CNC und Automatisierung.',
  },
  {
    name: 'Pflegeschule am Park',
    kind: 'vocational_school',
    weight: 2,
    azav: true,
    description: 'Ausbildung und Weiterbildung in der Pflege und Betreuung.',
  },
  {
    name: 'Kaufmännisches Bildungszentrum Wehlheiden',
    kind: 'vocational_school',
    weight: 2,
    azav: true,
    description: 'Kaufmännische Umschulungen, Buchhaltung und Bürokommunikation.',
  },
  {
    name: 'Berufskolleg Baunatal',
    kind: 'vocational_school',
    weight: 2,
    description: 'Schulabschlüsse und berufliche Bildung für Erwachsene.',
  },
  {
    name: 'Sprachschule Lingua Nova',
    kind: 'language_school',
    weight: 4,
    description: 'Sprachkurse in kleinen Gruppen, Deutsch als Zweitsprache und Prüfungsvorbereitung.',
  },
  {
    name: 'Sprachinstitut Weltoffen',
    kind: 'language_school',
    weight: 3,
    description: 'Integrationskurse, Berufssprachkurse und Fremdsprachen.',
  },
  {
    name: 'Deutschwerkstatt Wesertor',
    kind: 'language_school',
    weight: 3,
    description: 'Deutsch lernen im Stadtteil – mit Kinderbetreuung.',
  },
  {
    name: 'Polyglott Sprachenzentrum',
    kind: 'language_school',
    weight: 3,
    description: 'Mehr als zehn Sprachen für Alltag, Reise und Beruf.',
  },
  {
    name: 'Sprachtreff Kirchditmold',
    kind: 'language_school',
    weight: 2,
    description: 'Kleine Sprachschule mit Abendkursen und Konversationsgruppen.',
  },
  {
    name: 'Brücke Sprachschule Vellmar',
    kind: 'language_school',
    weight: 2,
    description: 'Deutschkurse und Prüfungen im Norden des Landkreises.',
  },
  {
    name: 'Campus Sprachen Hofgeismar',
    kind: 'language_school',
    weight: 2,
    description: 'Sprachkurse und Integrationskurse im Altkreis Hofgeismar.',
  },
  {
    name: 'Digitalwerk Schulungen GmbH',
    kind: 'trainer',
    weight: 3,
    azav: true,
    description: 'IT- und Office-Schulungen, Online-Marketing und digitale Grundbildung.',
  },
  {
    name: 'Logistik Campus Lohfelden',
    kind: 'trainer',
    weight: 2,
    azav: true,
    description: 'Qualifizierungen für Lager, Logistik und Berufskraftfahrt.',
  },
  {
    name: 'Lernfabrik Metall Baunatal',
    kind: 'trainer',
    weight: 2,
    azav: true,
    description: 'Praxisnahe Lehrgänge in Metallbearbeitung und Schweißtechnik.',
  },
  {
    name: 'Kompetenzzentrum Büro & Verwaltung',
    kind: 'trainer',
    weight: 2,
    azav: true,
    description: 'Weiterbildung für Büro, Buchhaltung und Personalwesen.',
  },
  {
    name: 'Neustart Coaching & Bildung',
    kind: 'trainer',
    weight: 2,
    azav: true,
    description: 'Bewerbungstraining, Coaching und Wiedereinstieg in den Beruf.',
  },
  {
    name: 'IT-Akademie Nordhessen',
    kind: 'trainer',
    weight: 2,
    azav: true,
    description: 'Zertifizierte IT-Weiterbildungen in Präsenz und online.',
  },
  {
    name: 'Gastro-Profis Schulungszentrum',
    kind: 'trainer',
    weight: 1,
    azav: true,
    description: 'Qualifizierung für Gastronomie und Hotellerie.',
  },
  {
    name: 'Pflege Plus Akademie',
    kind: 'trainer',
    weight: 2,
    azav: true,
    description: 'Betreuungskräfte, Pflegehilfe und Fortbildung für Pflegeberufe.',
  },
  {
    name: 'Lagerschule Vellmar',
    kind: 'trainer',
    weight: 1,
    azav: true,
    description: 'Gabelstapler, Ladungssicherung und Lagerlogistik.',
  },
  {
    name: 'Seminarhaus Buchhaltung Hofgeismar',
    kind: 'trainer',
    weight: 1,
    azav: true,
    description: 'Buchhaltung, Lohnabrechnung und Steuern für die Praxis.',
  },
  {
    name: 'Sicherheitsakademie Kassel-Nord',
    kind: 'trainer',
    weight: 1,
    azav: true,
    description: 'Sachkunde nach § 34a GewO und Weiterbildung im Sicherheitsgewerbe.',
  },
  {
    name: 'Migrationsberatung im Quartier',
    kind: 'counselling_service',
    weight: 2,
    description: 'Beratung für Zugewanderte zu Sprache, Arbeit und Alltag.',
  },
  {
    name: 'Anerkennungsberatung Nordhessen',
    kind: 'counselling_service',
    weight: 1,
    description: 'Unabhängige Beratung zur Anerkennung ausländischer Berufs- und Studienabschlüsse.',
  },
  {
    name: 'Frauen-Bildungsberatung Lila',
    kind: 'counselling_service',
    weight: 1,
    description: 'Bildungs- und Berufsberatung für Frauen, auch in Teilzeit.',
  },
  {
    name: 'Jugendberufshilfe Brückenschlag',
    kind: 'counselling_service',
    weight: 1,
    description: 'Unterstützung für junge Erwachsene auf dem Weg in Ausbildung und Beruf.',
  },
  {
    name: 'Grundbildungszentrum Alpha',
    kind: 'counselling_service',
    weight: 2,
    description: 'Lesen, Schreiben und Rechnen für Erwachsene – vertraulich und kostenlos.',
  },
  {
    name: 'Familienbildungsstätte am Weinberg',
    kind: 'other',
    weight: 2,
    description: 'Kurse für Eltern und Familien, Gesundheit und Ernährung.',
  },
  {
    name: 'Stadtteilzentrum Bettenhausen',
    kind: 'other',
    weight: 1,
    description: 'Nachbarschaftszentrum mit Sprachcafé, Beratung und Kursen.',
  },
  {
    name: 'Kulturwerkstatt Harleshausen',
    kind: 'other',
    weight: 2,
    description: 'Malen, Töpfern, Musik und Theater für alle Generationen.',
  },
  {
    name: 'Bürgerhaus Niestetal',
    kind: 'other',
    weight: 1,
    description: 'Kurse und Treffpunkte für die Gemeinde.',
  },
  {
    name: 'Seniorenakademie Nordhessen',
    kind: 'other',
    weight: 1,
    description: 'Bildung und Begegnung für Menschen ab 60.',
  },
  {
    name: 'Umweltbildungszentrum Kaufunger Wald',
    kind: 'other',
    weight: 1,
    description: 'Natur- und Umweltbildung, Klimaschutz zum Mitmachen.',
  },
  {
    name: 'Musikschule Wesertor e. V.',
    kind: 'other',
    weight: 1,
    description: 'Instrumentalunterricht und Ensembles für Erwachsene.',
  },
  {
    name: 'Gesundheitszentrum Lohfelden',
    kind: 'other',
    weight: 1,
    description: 'Präventionskurse, Rückenschule und Entspannung.',
  },
  {
    name: 'Technik-Treff Schauenburg',
    kind: 'other',
    weight: 1,
    description: 'Computer- und Smartphone-Hilfe von Ehrenamtlichen.',
  },
];

export const streets = [
  'Lindenstraße',
  'Am Marktplatz',
  'Bahnhofstraße',
  'Schulstraße',
  'Gartenweg',
  'Mühlenweg',
  'Kirchplatz',
  'Am Rathaus',
  'Hauptstraße',
  'Wilhelmstraße',
  'Am Stadtpark',
  'Ahornweg',
  'Brunnenstraße',
  'Fuldastraße',
  'Parkallee',
  'Ringstraße',
  'Am Weinberg',
  'Waldstraße',
  'Friedhofsweg',
  'Sandweg',
];

export const cityDistricts: Record<string, string> = {
  '34117': 'Mitte',
  '34119': 'Vorderer Westen',
  '34121': 'Wehlheiden',
  '34123': 'Bettenhausen',
  '34125': 'Wesertor',
  '34127': 'Nord-Holland',
  '34128': 'Harleshausen',
  '34130': 'Kirchditmold',
  '34131': 'Bad Wilhelmshöhe',
  '34132': 'Brasselsberg',
  '34134': 'Niederzwehren',
};

export const venueNames = [
  'Hauptstelle',
  'Bildungszentrum',
  'Schulungsraum',
  'Lernzentrum',
  'Außenstelle',
  'Seminarhaus',
];

export const accessibilityNotes = [
  'Ebenerdiger Zugang, Aufzug und barrierefreie Toilette vorhanden.',
  'Zugang über eine Rampe; Aufzug in alle Etagen.',
  'Induktionsschleife im Kursraum vorhanden.',
];

export const counsellorNames = [
  'Aylin Demir',
  'Jonas Becker',
  'Mariam Haddad',
  'Olena Kovalenko',
  'Sven Hoffmann',
  'Katarzyna Nowak',
  'Thomas Wagner',
  'Leyla Yılmaz',
  'Dmitri Sokolow',
  'Fatemeh Rahimi',
  'Julia Schneider',
  'Samuel Mensah',
];

export const counsellingTopics = [
  {
    slug: 'weiterbildung-umschulung',
    slot: 45,
    name: {
      de: 'Weiterbildung und Umschulung',
      en: 'Further training and retraining',
      tr: 'Mesleki eğitim ve yeniden eğitim',
      ar: 'التدريب المستمر وإعادة التأهيل المهني',
      uk: 'Підвищення кваліфікації та перекваліфікація',
      ru: 'Повышение квалификации и переобучение',
      ls: 'Weiter-Bildung und neuer Beruf',
    },
    description: {
      de: 'Welche Weiterbildung passt zu mir, und wie komme ich zu einem neuen Beruf?',
      en: 'Which further training suits me, and how do I get into a new occupation?',
      tr: 'Hangi eğitim bana uygun ve yeni bir mesleğe nasıl geçerim?',
      ar: 'ما التدريب المناسب لي، وكيف أنتقل إلى مهنة جديدة؟',
      uk: 'Яке навчання мені підходить і як здобути нову професію?',
      ru: 'Какое обучение мне подходит и как получить новую профессию?',
      ls: 'Sie wollen etwas Neues lernen. Oder Sie wollen einen neuen Beruf. Wir helfen Ihnen.',
    },
  },
  {
    slug: 'deutsch-integration',
    slot: 30,
    name: {
      de: 'Deutsch- und Integrationskurse',
      en: 'German and integration courses',
      tr: 'Almanca ve uyum kursları',
      ar: 'دورات اللغة الألمانية والاندماج',
      uk: 'Курси німецької мови та інтеграційні курси',
      ru: 'Курсы немецкого языка и интеграционные курсы',
      ls: 'Deutsch lernen',
    },
    description: {
      de: 'Welcher Deutschkurs passt, wer bezahlt ihn, und wie melde ich mich an?',
      en: 'Which German course fits, who pays for it, and how do I sign up?',
      tr: 'Hangi Almanca kursu uygun, ücretini kim öder ve nasıl kayıt olurum?',
      ar: 'ما دورة الألمانية المناسبة، ومن يدفع تكاليفها، وكيف أسجّل؟',
      uk: 'Який курс німецької підходить, хто його оплачує і як записатися?',
      ru: 'Какой курс немецкого подходит, кто его оплачивает и как записаться?',
      ls: 'Sie wollen Deutsch lernen. Wir finden den richtigen Kurs für Sie.',
    },
  },
  {
    slug: 'berufsorientierung',
    slot: 45,
    name: {
      de: 'Berufliche Orientierung',
      en: 'Career orientation',
      tr: 'Meslek yönlendirmesi',
      ar: 'التوجيه المهني',
      uk: 'Професійна орієнтація',
      ru: 'Профориентация',
      ls: 'Welcher Beruf passt zu mir?',
    },
    description: {
      de: 'Was kann ich, was will ich, und welcher Weg führt dorthin?',
      en: 'What can I do, what do I want, and which path leads there?',
      tr: 'Neler yapabilirim, ne istiyorum ve oraya hangi yol götürür?',
      ar: 'ما الذي أستطيعه، وما الذي أريده، وما الطريق إلى ذلك؟',
      uk: 'Що я вмію, чого хочу і який шлях туди веде?',
      ru: 'Что я умею, чего хочу и какой путь туда ведёт?',
      ls: 'Wir sprechen über Ihre Stärken. Und über Ihre Wünsche für die Arbeit.',
    },
  },
  {
    slug: 'anerkennung-auslaendischer-abschluesse',
    slot: 60,
    name: {
      de: 'Anerkennung ausländischer Abschlüsse',
      en: 'Recognition of foreign qualifications',
      tr: 'Yurt dışı diplomalarının tanınması',
      ar: 'الاعتراف بالمؤهلات الأجنبية',
      uk: 'Визнання іноземних дипломів',
      ru: 'Признание иностранных дипломов',
      ls: 'Zeugnisse aus einem anderen Land',
    },
    description: {
      de: 'Wird mein Berufs- oder Studienabschluss aus dem Ausland anerkannt, und was muss ich dafür tun?',
      en: 'Will my vocational or university qualification from abroad be recognised, and what do I need to do?',
      tr: 'Yurt dışındaki meslek ya da üniversite diplomam tanınır mı ve bunun için ne yapmalıyım?',
      ar: 'هل سيُعترف بشهادتي المهنية أو الجامعية من الخارج، وماذا عليّ أن أفعل؟',
      uk: 'Чи визнають мій професійний або університетський диплом з-за кордону і що для цього потрібно?',
      ru: 'Признают ли мой профессиональный или вузовский диплом из-за рубежа и что для этого нужно?',
      ls: 'Sie haben ein Zeugnis aus einem anderen Land. Wir sagen Ihnen: So gilt das Zeugnis auch in Deutschland.',
    },
  },
  {
    slug: 'foerderung-finanzierung',
    slot: 30,
    name: {
      de: 'Förderung und Finanzierung',
      en: 'Funding and financing',
      tr: 'Destek ve finansman',
      ar: 'الدعم والتمويل',
      uk: 'Підтримка та фінансування',
      ru: 'Поддержка и финансирование',
      ls: 'Wer bezahlt den Kurs?',
    },
    description: {
      de: 'Bildungsgutschein, Aufstiegs-BAföG, Bildungsurlaub und andere Hilfen: Was kommt für mich in Frage?',
      en: 'Education voucher, upgrading grant, educational leave and other help: what could apply to me?',
      tr: 'Eğitim çeki, Aufstiegs-BAföG, eğitim izni ve diğer destekler: Benim için hangisi uygun?',
      ar: 'قسيمة التعليم، ومنحة الترقي المهني، والإجازة التعليمية وغيرها: ما الذي يناسبني؟',
      uk: 'Освітній ваучер, Aufstiegs-BAföG, освітня відпустка та інша допомога: що мені підходить?',
      ru: 'Образовательный ваучер, Aufstiegs-BAföG, учебный отпуск и другая помощь: что подходит мне?',
      ls: 'Ein Kurs kostet Geld. Manchmal bezahlt das Amt den Kurs. Wir sagen Ihnen: Welche Hilfe können Sie bekommen?',
    },
  },
  {
    slug: 'grundbildung',
    slot: 45,
    name: {
      de: 'Grundbildung und Schulabschluss',
      en: 'Basic education and school qualifications',
      tr: 'Temel eğitim ve okul diploması',
      ar: 'التعليم الأساسي والشهادة المدرسية',
      uk: 'Базова освіта та шкільний атестат',
      ru: 'Базовое образование и школьный аттестат',
      ls: 'Lesen, Schreiben, Rechnen und Schul-Abschluss',
    },
    description: {
      de: 'Besser lesen, schreiben und rechnen oder den Schulabschluss nachholen – vertraulich beraten.',
      en: 'Read, write and do maths better, or catch up on a school qualification – in confidence.',
      tr: 'Daha iyi okumak, yazmak ve hesap yapmak ya da okul diplomasını sonradan almak – gizlilik içinde danışmanlık.',
      ar: 'تحسين القراءة والكتابة والحساب أو استكمال الشهادة المدرسية – استشارة سرية.',
      uk: 'Краще читати, писати й рахувати або здобути шкільний атестат – конфіденційна консультація.',
      ru: 'Лучше читать, писать и считать или получить школьный аттестат – конфиденциальная консультация.',
      ls: 'Sie wollen besser lesen, schreiben oder rechnen. Oder Sie wollen einen Schul-Abschluss. Das Gespräch bleibt geheim.',
    },
  },
];

export const offices = [
  {
    slug: 'bildungsberatung-mitte',
    name: 'Bildungsberatung im Stadthaus',
    street: 'Obere Königsstraße 8',
    postcode: '34117',
    city: 'Kassel',
    accessible: true,
    accessibilityNote: 'Stufenloser Eingang, Aufzug, barrierefreie Toilette, Induktionsschleife am Empfang.',
    hours: {
      1: [
        ['09:00', '12:00'],
        ['13:00', '16:00'],
      ],
      2: [
        ['09:00', '12:00'],
        ['13:00', '18:00'],
      ],
      3: [['09:00', '12:00']],
      4: [
        ['09:00', '12:00'],
        ['13:00', '18:00'],
      ],
      5: [['09:00', '12:00']],
    },
    phone: '0561 0000100',
    email: 'beratung-mitte@wegweiser.example',
  },
  {
    slug: 'bildungsberatung-nord',
    name: 'Bildungsberatung im Stadtteilzentrum Nord',
    street: 'Mühlenweg 14',
    postcode: '34127',
    city: 'Kassel',
    accessible: true,
    accessibilityNote: 'Ebenerdiger Zugang; Parkplatz für Menschen mit Behinderung vor dem Haus.',
    hours: { 1: [['10:00', '13:00']], 3: [['13:00', '18:00']], 4: [['10:00', '13:00']] },
    phone: '0561 0000200',
    email: 'beratung-nord@wegweiser.example',
  },
  {
    slug: 'bildungsberatung-baunatal',
    name: 'Bildungsberatung im Rathaus Baunatal',
    street: 'Am Rathaus 3',
    postcode: '34225',
    city: 'Baunatal',
    accessible: false,
    accessibilityNote: 'Beratungsraum im 1. Stock ohne Aufzug; auf Wunsch beraten wir im Erdgeschoss.',
    hours: {
      2: [
        ['09:00', '12:00'],
        ['13:00', '15:00'],
      ],
      4: [['13:00', '17:00']],
    },
    phone: '0561 0000300',
    email: 'beratung-baunatal@wegweiser.example',
  },
];
