import type { Category } from '../../app/modules/catalogue/schemas';

/**
 * The languages the search vocabulary is written in: the portal's (German, English,
 * Turkish, Arabic, Ukrainian, Russian, Leichte Sprache) and Persian, which many people
 * who come to counselling type although the portal has no Persian pages.
 */
export const VOCABULARY_LANGUAGES = ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'fa', 'ls'] as const;
export type VocabularyLanguage = (typeof VOCABULARY_LANGUAGES)[number];

/**
 * What people type, per language. A word ending in `*` matches every word that begins
 * with it (inflected forms: "немецк*" is немецкий, немецкого, немецкому …); several words
 * are a phrase that must appear in this order ("am wochenende").
 */
export type Words = Record<VocabularyLanguage, string[]>;

/** A topic: searched as German words, because the catalogue's offers are written in German. */
export interface TopicMeaning {
  kind: 'topic';
  /** The German words searched (lower case, any spelling); the first is the main one. */
  search: string[];
  /** The German words the results page names ("Gesucht wurde: Deutschkurs, Integrationskurs"). */
  shown: string[];
  /** Where such offers are usually filed: ranks them first, and is the last resort when no word matches. */
  categories: Category[];
  /** A language one learns: level words ("Anfänger") then mean CEFR levels. */
  language?: boolean;
  /** Stands back when a more specific topic of the same kind is in the query ("language course" beside "German"). */
  generic?: boolean;
  /** Says for whom or how rather than what ("für Frauen", "mit Kinderbetreuung"): left out first when nothing matches. */
  modifier?: boolean;
}

export type TimeValue = 'morning' | 'afternoon' | 'evening' | 'weekend';
export type FormatValue = 'in_person' | 'online' | 'hybrid';
export type LevelValue = 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2';
export type FundingValue = 'bildungsgutschein' | 'bildungsurlaub' | 'aufstiegs_bafoeg' | 'other';

/** Words that mean one of the search's filters: they set it as the facets would. */
export type FilterMeaning =
  | { kind: 'time'; values: TimeValue[] }
  | { kind: 'format'; values: FormatValue[] }
  | { kind: 'price' }
  | { kind: 'accessible' }
  | { kind: 'funding'; values: FundingValue[] }
  /**
   * A level: CEFR levels when the query is about a language; otherwise (Excel, yoga) the
   * German words of beginner or advanced courses are searched instead.
   */
  | { kind: 'level'; values: LevelValue[]; otherwise: string[]; shown: string[] };

export interface Concept {
  id: string;
  means: TopicMeaning | FilterMeaning;
  words: Words;
  /** Common misspellings and transliterations, in any script. */
  variants?: string[];
}
