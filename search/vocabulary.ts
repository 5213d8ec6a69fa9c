/**
 * The shared search vocabulary: synonyms and stop words used by every engine (PostgreSQL
 * expands queries with it; Meilisearch gets it as its synonym and stop-word settings).
 * All entries lower case, without accents; multi-word entries are phrases.
 */
export const synonymGroups: string[][] = [
  ['daz', 'daf', 'deutsch als zweitsprache', 'deutsch als fremdsprache', 'deutschkurs', 'deutsch'],
  ['integrationskurs', 'bamf', 'integrationskurse', 'orientierungskurs'],
  ['berufssprachkurs', 'deufoev', 'deutsch fuer den beruf', 'berufsbezogene deutschsprachfoerderung'],
  ['edv', 'computer', 'it', 'pc', 'informatik'],
  ['bildungsgutschein', 'bgs', 'azav', 'foerderung durch die arbeitsagentur'],
  ['bildungsurlaub', 'bildungsfreistellung', 'bildungszeit'],
  ['aufstiegs-bafoeg', 'aufstiegsbafoeg', 'meister-bafoeg', 'meisterbafoeg'],
  ['umschulung', 'berufsabschluss', 'ausbildung fuer erwachsene'],
  ['alphabetisierung', 'lesen und schreiben', 'grundbildung'],
  ['schulabschluss', 'hauptschulabschluss', 'realschulabschluss', 'mittlerer schulabschluss'],
  ['englisch', 'english'],
  ['excel', 'tabellenkalkulation'],
  ['smartphone', 'handy', 'tablet'],
  ['bewerbung', 'bewerbungstraining', 'vorstellungsgespraech'],
  ['yoga', 'hatha-yoga'],
  ['pflege', 'pflegehilfe', 'pflegehelfer', 'betreuungskraft'],
  ['gabelstapler', 'stapler', 'flurfoerderzeug', 'staplerschein'],
];

/** Words that say nothing about what someone looks for ("kurs fuer anfaenger"). */
export const stopWords = [
  'der',
  'die',
  'das',
  'und',
  'oder',
  'fuer',
  'für',
  'mit',
  'im',
  'in',
  'am',
  'an',
  'zu',
  'zum',
  'zur',
  'ein',
  'eine',
  'von',
  'auf',
];

/**
 * Generic heads of German compounds: "Deutschkurs" is a "Kurs" about "Deutsch". Alone
 * they are optional in a query (everything here is a course); glued to another word they
 * are split off, so "deutschkurs" finds "Deutsch A2".
 */
export const genericHeads = [
  'kurse',
  'kurs',
  'lehrgang',
  'lehrgaenge',
  'seminar',
  'seminare',
  'workshop',
  'unterricht',
  'training',
  'angebot',
  'angebote',
];

/** Folds umlauts and ß the way users type them without a German keyboard. */
export function fold(text: string): string {
  // Printable ASCII (most words) only needs lower case: the steps below change nothing else.
  if (/^[ -~]*$/.test(text)) return text.toLowerCase();
  return text
    .toLowerCase()
    .replaceAll('ä', 'ae')
    .replaceAll('ö', 'oe')
    .replaceAll('ü', 'ue')
    .replaceAll('ß', 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}
