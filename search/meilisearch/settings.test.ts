import { describe, expect, it } from 'vitest';
import { FACETS } from '../../app/modules/catalogue/schemas';
import { fold, stopWords } from '../vocabulary';
import {
  buildSettings,
  buildStopWords,
  buildSynonyms,
  FILTERABLE_ATTRIBUTES,
  OFFER_FACET_KEYS,
  RANKING_RULES,
  SEARCHABLE_ATTRIBUTES,
  SORTABLE_ATTRIBUTES,
  umlautVariant,
  vocabularyGroups,
} from './settings';

describe('synonyms', () => {
  const synonyms = buildSynonyms();

  it('maps each topic’s main word (what the shared understanding sends) to all its search words', () => {
    for (const [head, ...rest] of vocabularyGroups()) {
      for (const word of rest) expect(synonyms[fold(head!)], `${head} → ${word}`).toContain(fold(word));
    }
    expect(synonyms.deutsch).toEqual(expect.arrayContaining(['deutschkurs', 'integrationskurs', 'daz']));
    expect(synonyms.einsteiger).toEqual(expect.arrayContaining(['anfänger', 'grundlagen']));
  });

  it('is one-way: a word of a topic does not widen into the topic (integrationskurs is not all of "deutsch")', () => {
    expect(synonyms.integrationskurs ?? []).not.toContain('deutsch');
    expect(synonyms.integrationskurs).toEqual(expect.arrayContaining(['orientierungskurs', 'bamf']));
  });

  it('never maps a word to itself and lists no duplicates', () => {
    for (const [key, values] of Object.entries(synonyms)) {
      expect(values).not.toContain(key);
      expect(new Set(values).size).toBe(values.length);
    }
  });

  it('adds the umlaut spelling Meilisearch folds documents to', () => {
    expect(synonyms.bewerbung).toContain('vorstellungsgespräch');
    expect(synonyms.niederlaendisch).toEqual(expect.arrayContaining(['niederländisch', 'holländisch']));
    expect(synonyms.berufssprachkurs).toContain('deutsch für den beruf');
  });

  it('keeps topics apart', () => {
    expect(synonyms.excel).toEqual(['tabellenkalkulation']);
    expect(synonyms.yoga).not.toContain('excel');
  });

  it('works for any groups, e.g. a phrase and a word', () => {
    expect(buildSynonyms([['a b', 'c']])).toEqual({ 'a b': ['c'] });
  });
});

describe('umlautVariant', () => {
  it('turns ae/oe/ue into umlauts', () => {
    expect(umlautVariant('vorstellungsgespraech')).toBe('vorstellungsgespräch');
    expect(umlautVariant('flurfoerderzeug')).toBe('flurförderzeug');
    expect(umlautVariant('deutsch fuer den beruf')).toBe('deutsch für den beruf');
  });

  it('leaves diphthongs alone (eu, au before e)', () => {
    expect(umlautVariant('betreuungskraft')).toBe('betreuungskraft');
    expect(umlautVariant('steuer')).toBe('steuer');
  });
});

describe('stop words', () => {
  it('includes every vocabulary stop word and its folded spellings', () => {
    const words = buildStopWords();
    for (const w of stopWords) {
      expect(words).toContain(w);
      expect(words).toContain(fold(w));
    }
    expect(words).toEqual(expect.arrayContaining(['für', 'fuer', 'fur']));
    expect(new Set(words).size).toBe(words.length);
  });
});

describe('index settings', () => {
  const settings = buildSettings();

  it('makes hits distinct offers', () => {
    expect(settings.distinctAttribute).toBe('offer_id');
  });

  it('searches title before keywords before summary before description before provider', () => {
    const order = ['title', 'keywords', 'summary', 'description', 'provider_name'].map((a) =>
      SEARCHABLE_ATTRIBUTES.indexOf(a),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('can filter on every facet field, the distinct keys and the location', () => {
    for (const field of [
      'category',
      'format',
      'time_of_day',
      'weekend',
      'funding',
      'cefr_level',
      'language',
      'district',
      'accessible',
      'free',
      'price_cents',
      'starts_on',
      'ends_on',
      'offer_id',
      'id',
      '_geo',
      ...Object.values(OFFER_FACET_KEYS),
    ]) {
      expect(FILTERABLE_ATTRIBUTES).toContain(field);
    }
    expect(FACETS.length).toBe(9);
  });

  it('can sort on start (real and for sorting), price, location and run id', () => {
    expect(SORTABLE_ATTRIBUTES).toEqual(
      expect.arrayContaining(['starts_on', 'sort_start', 'price_cents', '_geo', 'id']),
    );
  });

  it('lets an explicit sort decide and breaks relevance ties by the start (runs under way as today)', () => {
    expect(RANKING_RULES.indexOf('sort')).toBeLessThan(RANKING_RULES.indexOf('typo'));
    expect(RANKING_RULES.at(-1)).toBe('sort_start:asc');
    expect(settings.rankingRules).toEqual(RANKING_RULES);
  });

  it('tokenises the text fields as German', () => {
    expect(settings.localizedAttributes).toEqual([
      { attributePatterns: SEARCHABLE_ATTRIBUTES, locales: ['deu'] },
    ]);
  });

  it('tolerates typos, a second one in long (compound) words, none in numbers', () => {
    expect(settings.typoTolerance).toMatchObject({
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 8 },
      disableOnNumbers: true,
    });
  });

  it('returns enough facet values and exact totals beyond 1,000', () => {
    expect(settings.faceting?.maxValuesPerFacet).toBeGreaterThanOrEqual(100);
    expect(settings.pagination?.maxTotalHits).toBeGreaterThanOrEqual(100_000);
  });

  it('carries the vocabulary', () => {
    expect(settings.synonyms).toEqual(buildSynonyms());
    expect(settings.stopWords).toEqual(buildStopWords());
  });
});
