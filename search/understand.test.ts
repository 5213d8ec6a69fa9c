import { describe, expect, it } from 'vitest';
import { type Gazetteer, understand } from './understand';

const places: Gazetteer = {
  districts: ['Mitte', 'Wesertor', 'Bad Wilhelmshöhe', 'Nord-Holland', 'Baunatal', 'Vellmar'],
  cities: ['Kassel'],
  postcode: (code) => ({ '34117': 'Kassel', '34225': 'Baunatal' })[code] ?? null,
  town: (folded) => ({ fulda: 'Fulda', 'bad hersfeld': 'Bad Hersfeld' })[folded] ?? null,
};
const u = (q: string, options: Parameters<typeof understand>[1] = {}) =>
  understand(q, { places, ...options });
const words = (q: string) => u(q).groups.map((g) => g.concept ?? g.alternatives[0]);
const set = (q: string) => {
  const f = u(q).filters;
  return Object.fromEntries(
    Object.entries(f).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : Boolean(v))),
  );
};

describe('understand: the issue’s queries', () => {
  it.each<[string, string[], Record<string, unknown>]>([
    ['Yoga am Wochenende', ['yoga'], { time: ['weekend'] }],
    ['Englisch für Anfänger', ['english'], { level: ['A1', 'A2'] }],
    ['Kochkurs', ['cooking'], {}],
    ['Hilfe bei der Bewerbung', ['job_application'], {}],
    ['Excel online', ['excel'], { format: ['online'] }],
    ['Deutsch B2 für den Beruf', ['job_german'], { level: ['B2'] }],
    ['deutschkurs 34117 Kassel', ['german'], { near: '34117 Kassel' }],
    ['Almanca kursu', ['german'], {}],
    ['German course in the evening', ['german'], { time: ['evening'] }],
    ['دورة لغة ألمانية', ['german'], {}],
    ['курсы немецкого языка', ['german'], {}],
    ['deutschkurs abends', ['german'], { time: ['evening'] }],
  ])('"%s" → words %j, filters %j', (q, groups, filters) => {
    expect(words(q)).toEqual(groups);
    expect(set(q)).toEqual(filters);
  });

  it('names the places of the catalogue, as the district filter or a place to search around', () => {
    expect(set('Wesertor')).toEqual({ district: ['Wesertor'] });
    expect(set('Deutsch in Bad Wilhelmshöhe')).toEqual({ district: ['Bad Wilhelmshöhe'] });
    expect(set('nord-holland computer')).toEqual({ district: ['Nord-Holland'] });
    expect(set('34225')).toEqual({ near: '34225 Baunatal' });
    expect(set('Pflege in Kassel')).toEqual({ near: 'Kassel' });
    expect(set('Pflege рядом с Касселем')).toEqual({ near: 'Kassel' });
    // Any German town, once a word says a place follows.
    expect(set('Deutsch in der Nähe von Fulda')).toEqual({ near: 'Fulda' });
    expect(set('Schweißen near Bad Hersfeld')).toEqual({ near: 'Bad Hersfeld' });
    expect(words('Fulda')).toEqual(['fulda']);
    // A quarter of the city without any venue is still a place: searched around.
    expect(set('Deutschkurs Rothenditmold')).toEqual({ near: 'Rothenditmold' });
    expect(words('Deutschkurs Rothenditmold')).toEqual(['german']);
    // A postcode nobody has, or a five-digit course number, stays a word.
    expect(set('Kurs 99999')).toEqual({});
  });

  it('leaves the place to the place field when it is filled (its districts still filter)', () => {
    const near = u('Deutsch Kassel Wesertor', { explicitNear: true });
    expect(near.filters.near).toBeNull();
    expect(near.filters.district).toEqual(['Wesertor']);
    expect(near.groups.map((g) => g.typed)).toEqual(['Deutsch', 'Kassel']);
  });
});

describe('understand: words that mean filters, in every language', () => {
  it.each<[string, Record<string, unknown>]>([
    ['nach Feierabend', { time: ['evening'] }],
    ['вечером', { time: ['evening'] }],
    ['ввечері', { time: ['evening'] }],
    ['مساء', { time: ['evening'] }],
    ['akşam', { time: ['evening'] }],
    ['aksamlari', { time: ['evening'] }],
    ['morgens', { time: ['morning'] }],
    ['в выходные', { time: ['weekend'] }],
    ['hafta sonu', { time: ['weekend'] }],
    ['berufsbegleitend', { time: ['evening', 'weekend'] }],
    ['digital', { format: ['online'] }],
    ['vor Ort', { format: ['in_person'] }],
    ['онлайн', { format: ['online'] }],
    ['kostenlos', { free: true }],
    ['gratis', { free: true }],
    ['free', { free: true }],
    ['бесплатно', { free: true }],
    ['безкоштовно', { free: true }],
    ['مجاني', { free: true }],
    ['ücretsiz', { free: true }],
    ['رایگان', { free: true }],
    ['mit Bildungsgutschein', { funding: ['bildungsgutschein'] }],
    ['Bildungsurlaub', { funding: ['bildungsurlaub'] }],
    ['barrierefrei', { accessible: true }],
  ])('"%s" → %j', (q, filters) => {
    expect(set(q)).toEqual(filters);
    expect(u(q).groups).toEqual([]);
  });

  it('turns level words into CEFR levels for languages, and into beginners’ words elsewhere', () => {
    expect(set('Deutsch ohne Vorkenntnisse')).toEqual({ level: ['A1', 'A2'] });
    expect(set('английский для начинающих')).toEqual({ level: ['A1', 'A2'] });
    expect(set('Spanisch für Fortgeschrittene')).toEqual({ level: ['B2', 'C1', 'C2'] });
    expect(set('İngilizce orta seviye')).toEqual({ level: ['B1', 'B2'] });
    // A language chosen in the facets makes it a level too.
    expect(u('für Anfänger', { categories: ['sprachen'] }).filters.level).toEqual(['A1', 'A2']);
    // Beginners' Excel is "Excel für Einsteiger".
    const excel = u('Excel für Anfänger');
    expect(excel.filters.level).toEqual([]);
    expect(excel.groups.map((g) => g.alternatives[0])).toEqual(['excel', 'einsteiger']);
  });

  it('reads CEFR levels as typed, ranges and Cyrillic look-alikes included', () => {
    expect(set('Deutsch A1-A2')).toEqual({ level: ['A1', 'A2'] });
    expect(set('английский В1')).toEqual({ level: ['B1'] });
    expect(u('Deutsch A2/B1').understood).toMatchObject([
      { kind: 'level', values: ['A2', 'B1'], words: 'A2/B1' },
    ]);
  });
});

describe('understand: chips', () => {
  it('says what each filter came from and what the query is without it', () => {
    const chips = u('Deutsch-Kurs am Abend kostenlos in Wesertor').understood;
    expect(chips.map((c) => [c.kind, c.values, c.words, c.query])).toEqual([
      ['time', ['evening'], 'am Abend', 'Deutsch-Kurs kostenlos in Wesertor'],
      ['price', ['free'], 'kostenlos', 'Deutsch-Kurs am Abend in Wesertor'],
      ['place', ['Wesertor'], 'in Wesertor', 'Deutsch-Kurs am Abend kostenlos'],
    ]);
  });

  it('removes the whole phrase, so no stray "am" or "für" is left', () => {
    expect(u('Yoga am Wochenende').understood[0]?.query).toBe('Yoga');
    expect(u('Englisch für Anfänger').understood[0]?.query).toBe('Englisch');
    expect(u('abends').understood[0]?.query).toBe('');
  });
});

describe('understand: the words searched', () => {
  it('translates other languages into the German words of the topic, and says so', () => {
    const ar = u('دورة لغة ألمانية');
    expect(ar.groups[0]?.alternatives).toEqual(
      expect.arrayContaining(['deutsch', 'deutschkurs', 'integrationskurs']),
    );
    expect(ar.searched).toEqual({
      words: ['Deutschkurs', 'Deutsch als Zweitsprache', 'Integrationskurs'],
      translated: true,
    });
    expect(u('Almanca kursu').searched.translated).toBe(true);
    expect(u('Deutschkurs').searched.translated).toBe(false);
    expect(u('Deutsch lernen').searched.translated).toBe(false);
  });

  it('puts the German word typed first, so it ranks above its synonyms', () => {
    expect(u('DaZ').groups[0]?.alternatives[0]).toBe('daz');
    expect(u('Deutschkurs').groups[0]?.alternatives[0]).toBe('deutschkurs');
  });

  it('does not require words without meaning in a course search', () => {
    for (const q of ['Kurs', 'course', 'دورة', 'курс', 'lernen', 'Hilfe bei', 'kursu', 'курси'])
      expect(u(q).groups).toEqual([]);
    expect(u('Hilfe bei der Bewerbung').optional).toEqual(['hilfe', 'bei']);
  });

  it('keeps words it doesn’t know for the engine (typos, compounds, places it doesn’t know)', () => {
    expect(u('Integratinskurs').groups).toMatchObject([
      { typed: 'Integratinskurs', concept: null, alternatives: ['integratinskurs'] },
    ]);
    const pottery = u('Töpferkurs Kassel-Nord');
    expect(pottery.groups.map((g) => g.typed)).toEqual(['Töpferkurs', 'Nord']);
    expect(pottery.filters.near).toBe('Kassel');
    // Non-Latin words it doesn't know are not dropped silently: they stay words (and match nothing).
    expect(u('كلمة').groups.map((g) => g.typed)).toEqual(['كلمة']);
  });

  it('knows compounds with a generic head, hyphenated words and misspellings', () => {
    expect(words('Yogakurs')).toEqual(['yoga']);
    expect(words('Pilateskurs')).toEqual(['pilates']);
    expect(words('Bewerbungs-Training')).toEqual(['job_application']);
    expect(words('Computer-Kurs')).toEqual(['computer']);
    // Joined before normalising: "Arbeits-Suche" is the vocabulary's "Arbeitssuche".
    expect(words('Hilfe bei der Arbeits-Suche')).toEqual(['job_application']);
    expect(words('Englich')).toEqual(['english']);
    expect(words('Anfanger Deutsh')).toEqual(['german']);
  });

  it('lets a generic topic stand back for a specific one', () => {
    expect(words('Sprachkurs Englisch')).toEqual(['english']);
    expect(words('Weiterbildung Pflege')).toEqual(['care']);
    expect(words('Gesundheit Yoga')).toEqual(['yoga']);
    expect(words('Sprachkurs')).toEqual(['foreign_language']);
  });
});
