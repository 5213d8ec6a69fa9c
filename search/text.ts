import type { Highlighted } from './types';
import { fold, genericHeads, stopWords, synonymGroups } from './vocabulary';

/**
 * Query analysis shared by the engines: folding, tokens, synonym groups, compound heads
 * and highlighting. Pure; the PostgreSQL engine adds the lexicon look-ups (typos,
 * compound splitting) on top.
 */

const STOP = new Set(stopWords.map(fold));
const GENERIC = new Set(genericHeads.map(fold));
const GENERIC_BY_LENGTH = [...GENERIC].sort((a, b) => b.length - a.length);

/** word → the synonym group (folded) it belongs to */
const SYNONYMS = new Map<string, string[]>();
for (const group of synonymGroups) {
  const folded = group.map(fold);
  for (const word of folded) SYNONYMS.set(word, folded);
}
const PHRASES = [...SYNONYMS.keys()].filter((k) => k.includes(' ')).sort((a, b) => b.length - a.length);

export interface QueryUnit {
  /** What the person typed (folded): a word or a known phrase. */
  text: string;
  /** Alternatives that count as a match (the unit itself first). */
  alternatives: string[];
  /** A generic word like "kurs": it may match, but it is not required. */
  optional: boolean;
}

export function tokenize(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0 && !STOP.has(t));
}

/** Splits the query into units, keeping known multi-word phrases ("deutsch als zweitsprache") together. */
export function analyse(query: string): QueryUnit[] {
  let rest = ` ${fold(query)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
  const units: QueryUnit[] = [];
  for (const phrase of PHRASES) {
    if (rest.includes(` ${phrase} `)) {
      units.push({ text: phrase, alternatives: SYNONYMS.get(phrase)!, optional: false });
      rest = rest.replace(` ${phrase} `, ' ');
    }
  }
  for (const token of tokenize(rest)) {
    if (units.some((u) => u.text === token)) continue;
    const group = SYNONYMS.get(token);
    units.push({
      text: token,
      alternatives: group ? [token, ...group.filter((g) => g !== token)] : [token],
      optional: GENERIC.has(token),
    });
  }
  return units;
}

/** "deutschkurs" → "deutsch", "sprachkurse" → "sprach"; null when the word has no generic head. */
export function stripGenericHead(word: string): string | null {
  for (const head of GENERIC_BY_LENGTH) {
    if (word.length > head.length + 2 && word.endsWith(head)) {
      const stem = word.slice(0, -head.length);
      // German joins compounds with a linking "s" (Integrations|kurs).
      return stem.endsWith('s') && stem.length > 4 ? stem.slice(0, -1) : stem;
    }
  }
  return null;
}

/** A crude German stem for highlighting: enough to mark "Kurse" for "kurs", "Deutschkurs" for "deutsch". */
function stemPrefix(term: string): string {
  if (term.length <= 4) return term;
  return term.replace(/(en|er|es|e|n|s)$/, '');
}

/**
 * Splits text into plain and matched parts for the given (folded) terms. A word
 * matches when its folded form contains a term's stem at a word start.
 */
export function highlight(text: string, terms: string[]): Highlighted {
  const stems = [...new Set(terms.flatMap((t) => t.split(' ')).filter((t) => t.length >= 2))].map(stemPrefix);
  if (stems.length === 0 || text.length === 0) return [{ text, match: false }];
  const parts: Highlighted = [];
  const words = text.split(/(\s+|[,.;:!?()„“"/–-]+)/);
  for (const word of words) {
    if (word === '') continue;
    const f = fold(word);
    const match = f.length > 0 && /[a-z0-9]/.test(f) && stems.some((s) => f.startsWith(s));
    const last = parts[parts.length - 1];
    if (last && last.match === match) last.text += word;
    else parts.push({ text: word, match });
  }
  return parts;
}

/**
 * Where a run stands on `today` (YYYY-MM-DD): over once its last day (or, without one, its
 * first) has passed; started when it began before today and is not over. Both engines
 * mark their hits with it.
 */
export function runState(
  startsOn: string | null,
  endsOn: string | null,
  today: string,
): { started: boolean; over: boolean } {
  const last = endsOn ?? startsOn;
  const over = last !== null && last < today;
  return { over, started: !over && startsOn !== null && startsOn < today };
}
