import type { Settings } from 'meilisearch';
import { fold, stopWords, synonymGroups } from '../vocabulary';

/**
 * The Meilisearch index settings, built from the shared vocabulary so both engines
 * understand the same words. One document per run; `offer_id` makes hits distinct.
 */

/** Text fields, most important first: Meilisearch ranks a match in an earlier field higher. */
export const SEARCHABLE_ATTRIBUTES = [
  'title',
  'keywords',
  'subtitle',
  'summary',
  'target_groups',
  'certificate',
  'description',
  'provider_name',
];

/**
 * Per-facet composite keys (`<offer>:<value>`): used as the query-time `distinct` of a
 * run-level facet, so its counts are distinct offers per value (an offer with an online
 * and an in-person run counts once for each), which `distinct: offer_id` alone cannot give.
 */
export const OFFER_FACET_KEYS = {
  format: 'offer_format',
  time_of_day: 'offer_time_of_day',
  district: 'offer_district',
} as const;

export const FILTERABLE_ATTRIBUTES = [
  'id',
  'offer_id',
  'provider_id',
  'category',
  'language',
  'cefr_level',
  'funding',
  'starts_on',
  'ends_on',
  'format',
  'time_of_day',
  'weekend',
  'price_cents',
  'free',
  'accessible',
  'district',
  'late_entry',
  '_geo',
  ...Object.values(OFFER_FACET_KEYS),
];

export const SORTABLE_ATTRIBUTES = ['starts_on', 'price_cents', '_geo', 'id'];

/**
 * `sort` right after `words`: an explicit sort (start, price, distance) orders the
 * matches strictly, as the PostgreSQL engine does. With `matchingStrategy: 'all'`
 * `words` is a no-op and with no sort parameter `sort` is skipped, so relevance falls to
 * typo/proximity/attribute/exactness; the final `starts_on:asc` breaks ties by the next
 * start, the PostgreSQL engine's tie-breaker too.
 */
export const RANKING_RULES = [
  'words',
  'sort',
  'typo',
  'proximity',
  'attribute',
  'exactness',
  'starts_on:asc',
];

/** Enough for a district list; the run counts per offer (at most 100 per page) use it too. */
export const MAX_VALUES_PER_FACET = 200;
/** page × perPage can reach 1,000 × 100; Meilisearch caps totals at 1,000 by default. */
export const MAX_TOTAL_HITS = 100_000;

/**
 * Meilisearch strips diacritics (ä → a) when it indexes, while the vocabulary spells
 * umlauts the keyboard-less way (ae). A synonym like "vorstellungsgespraech" would then
 * never meet "Vorstellungsgespräch" in a document, so each entry also gets its umlaut
 * spelling. "ue" after a vowel is a diphthong (betreuung, steuer), not an ü.
 */
export function umlautVariant(term: string): string {
  return term
    .replaceAll('ae', 'ä')
    .replaceAll('oe', 'ö')
    .replace(/(^|[^aeiou])ue/g, '$1ü');
}

function variants(term: string): string[] {
  const lower = term.toLowerCase();
  return [...new Set([lower, fold(lower), umlautVariant(fold(lower))])];
}

/** Every word of a group maps to all the others (and their spellings): synonyms are symmetric. */
export function buildSynonyms(groups: string[][] = synonymGroups): Record<string, string[]> {
  const map = new Map<string, Set<string>>();
  for (const group of groups) {
    const spelled = group.map(variants);
    for (const [i, forms] of spelled.entries()) {
      const others = spelled.filter((_, j) => j !== i).flat();
      for (const form of forms) {
        const set = map.get(form) ?? new Set<string>();
        for (const other of [...others, ...forms]) if (other !== form) set.add(other);
        map.set(form, set);
      }
    }
  }
  return Object.fromEntries([...map].map(([key, set]) => [key, [...set].sort()]));
}

/** The vocabulary's stop words in every spelling a document or a query may use (für, fuer, fur). */
export function buildStopWords(words: string[] = stopWords): string[] {
  const all = new Set<string>();
  for (const word of words) {
    for (const form of variants(word)) all.add(form);
    all.add(
      word
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase(),
    );
  }
  return [...all].sort();
}

export function buildSettings(): Settings {
  return {
    searchableAttributes: SEARCHABLE_ATTRIBUTES,
    filterableAttributes: FILTERABLE_ATTRIBUTES,
    sortableAttributes: SORTABLE_ATTRIBUTES,
    rankingRules: RANKING_RULES,
    distinctAttribute: 'offer_id',
    synonyms: buildSynonyms(),
    stopWords: buildStopWords(),
    // German tokenisation for the text: compound decomposition and German normalisation.
    localizedAttributes: [{ attributePatterns: SEARCHABLE_ATTRIBUTES, locales: ['deu'] }],
    typoTolerance: {
      enabled: true,
      // German words run long (Bildungsgutschein, Flurförderzeug): a second typo from 8 letters
      // instead of 9; short words and codes (DaZ, EDV, A2) stay exact.
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 8 },
      // Course numbers, postcodes and years must match exactly.
      disableOnNumbers: true,
    },
    faceting: { maxValuesPerFacet: MAX_VALUES_PER_FACET, sortFacetValuesBy: { '*': 'count' } },
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
  };
}
