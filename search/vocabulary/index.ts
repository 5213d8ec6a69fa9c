import { fold } from '../vocabulary';
import { filterConcepts } from './filters';
import { languageTopics } from './topics-language';
import { lifeTopics } from './topics-life';
import { workTopics } from './topics-work';
import type { Concept, TopicMeaning } from './types';
import { nearWords, noiseWords, placeAliases, stopWords } from './words';

/**
 * The multilingual search vocabulary as data: one entry per concept with the words people
 * type for it in every language (and common misspellings and transliterations), and what
 * it means for the search — German words to look for, or a filter. Both engines get the
 * same understanding of a query from it (search/understand.ts).
 */
export const concepts: Concept[] = [...filterConcepts, ...languageTopics, ...workTopics, ...lifeTopics];
export type * from './types';
export { VOCABULARY_LANGUAGES } from './types';
export { nearWords, noiseWords, placeAliases, stopWords };

export const conceptById = new Map(concepts.map((c) => [c.id, c]));

export function isTopic(concept: Concept): concept is Concept & { means: TopicMeaning } {
  return concept.means.kind === 'topic';
}

/**
 * Normalises a word for vocabulary look-ups, in any script: German folding (ä → ae, as
 * typed without a German keyboard), then looser still — umlauts written as plain vowels
 * (anfanger = anfänger), Turkish ı as i, ß/ss as s — so "Anfanger", "öğrenmek"/"ogrenmek"
 * meet; Arabic and Persian letters in one form (hamza seats, ta marbuta, alef maqsura,
 * Persian yeh and kaf, no vowel marks, no tatweel), Arabic-Indic digits as digits;
 * apostrophes inside words dropped (комп'ютер).
 */
export function normalizeWord(word: string): string {
  const arabic = /[\u0600-\u06ff]/.test(word)
    ? word
        .replace(/[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g, '')
        .replace(/[أإآٱ]/g, 'ا')
        .replace(/ة/g, 'ه')
        .replace(/[ىی]/g, 'ي')
        .replace(/ؤ/g, 'و')
        .replace(/ئ/g, 'ي')
        .replace(/ک/g, 'ك')
        .replace(/ۀ/g, 'ه')
    : word;
  return fold(digits(arabic).replace(/\u200c/g, ''))
    .replace(/['’ʼ`]/g, '')
    .replace(/ı/g, 'i')
    .replace(/ae/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/ue/g, 'u')
    .replace(/ss/g, 's');
}

/** Arabic-Indic and Persian digits as ASCII digits (a postcode typed on an Arabic keyboard). */
export function digits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}

/**
 * The German synonym groups both engines use: each topic's search words (Meilisearch gets
 * them as synonyms of the topic's main word).
 */
export const synonymGroups: string[][] = concepts.flatMap((c) =>
  c.means.kind === 'topic' && c.means.search.length > 1 ? [c.means.search.map(fold)] : [],
);
