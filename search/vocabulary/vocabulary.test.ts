import { describe, expect, it } from 'vitest';
import { CATEGORIES, FORMATS, FUNDING, LEVELS, TIMES } from '../../app/modules/catalogue/schemas';
import {
  type Concept,
  concepts,
  noiseWords,
  normalizeWord,
  stopWords,
  synonymGroups,
  VOCABULARY_LANGUAGES,
} from './index';

/** A phrase as the look-up sees it. */
const key = (phrase: string) =>
  phrase
    .split(/[\s\-–/]+/)
    .filter(Boolean)
    .map((t) => (t.endsWith('*') ? `${normalizeWord(t.slice(0, -1))}*` : normalizeWord(t)))
    .join(' ');

function clashes(list: Concept[]): string[] {
  const owner = new Map<string, string>();
  const found: string[] = [];
  for (const c of list) {
    const own = new Set([...VOCABULARY_LANGUAGES.flatMap((l) => c.words[l]), ...(c.variants ?? [])].map(key));
    for (const k of own) {
      const other = owner.get(k);
      if (other && other !== c.id) found.push(`${k}: ${other} / ${c.id}`);
      owner.set(k, c.id);
    }
  }
  for (const lng of VOCABULARY_LANGUAGES) {
    for (const w of [...noiseWords[lng], ...stopWords[lng]]) {
      const other = owner.get(key(w));
      if (other) found.push(`${key(w)}: ${other} / noise`);
    }
  }
  return found;
}

describe('the search vocabulary', () => {
  it('has words for every concept in every language: de, en, tr, ar, uk, ru, fa and Leichte Sprache', () => {
    const missing = concepts.flatMap((c) =>
      VOCABULARY_LANGUAGES.filter((lng) => c.words[lng].filter((w) => w.trim()).length === 0).map(
        (lng) => `${c.id}: ${lng}`,
      ),
    );
    expect(missing).toEqual([]);
    expect(concepts.length).toBeGreaterThan(60);
  });

  it('writes the other languages in their own script, not German copied over', () => {
    const script: Partial<Record<(typeof VOCABULARY_LANGUAGES)[number], RegExp>> = {
      ar: /[\u0600-\u06ff]/,
      fa: /[\u0600-\u06ff]/,
      uk: /[\u0400-\u04ff]/,
      ru: /[\u0400-\u04ff]/,
    };
    const wrong = concepts.flatMap((c) =>
      Object.entries(script).flatMap(([lng, re]) =>
        // Every concept has at least one word in the language's script (brand names like "Excel" aside).
        c.words[lng as 'ar'].some((w) => re.test(w)) ? [] : [`${c.id}: ${lng}`],
      ),
    );
    expect(wrong).toEqual([]);
  });

  it('gives every word one meaning: no word or phrase belongs to two concepts, or to a concept and the noise', () => {
    expect(clashes(concepts)).toEqual([]);
  });

  it('the clash check notices a word with two meanings', () => {
    // Guards the guard: a check that finds nothing would pass the test above vacuously.
    const [a, b] = [concepts.find((c) => c.id === 'yoga')!, concepts.find((c) => c.id === 'pilates')!];
    const twice = { ...b, words: { ...b.words, tr: [...b.words.tr, 'Yoga'] } };
    expect(clashes([a, twice])).toEqual(['yoga: yoga / pilates']);
    const noisy = { ...a, words: { ...a.words, en: [...a.words.en, 'course'] } };
    expect(clashes([noisy])).toEqual(['course: yoga / noise']);
  });

  it('has unique ids and meanings the search knows', () => {
    expect(new Set(concepts.map((c) => c.id)).size).toBe(concepts.length);
    for (const c of concepts) {
      const m = c.means;
      if (m.kind === 'topic') {
        expect(m.search.length, c.id).toBeGreaterThan(0);
        expect(m.shown.length, c.id).toBeGreaterThan(0);
        for (const cat of m.categories) expect(CATEGORIES, c.id).toContain(cat);
      } else if (m.kind === 'time') {
        for (const v of m.values) expect(TIMES, c.id).toContain(v);
      } else if (m.kind === 'format') {
        for (const v of m.values) expect(FORMATS, c.id).toContain(v);
      } else if (m.kind === 'funding') {
        for (const v of m.values) expect(FUNDING, c.id).toContain(v);
      } else if (m.kind === 'level') {
        for (const v of m.values) expect(LEVELS, c.id).toContain(v);
        expect(m.otherwise.length, c.id).toBeGreaterThan(0);
      }
    }
  });

  it('covers the portal’s core topics', () => {
    const ids = new Set(concepts.map((c) => c.id));
    for (const id of [
      'german',
      'integration_course',
      'literacy',
      'school_certificate',
      'english',
      'computer',
      'excel',
      'job_application',
      'care',
      'retraining',
      'forklift',
      'driving_licence',
      'exercise',
      'cooking',
      'childcare',
      'counselling',
    ])
      expect(ids, id).toContain(id);
  });

  it('gives each topic main word its own synonym group', () => {
    const heads = synonymGroups.map((g) => g[0]);
    expect(new Set(heads).size).toBe(heads.length);
  });
});
