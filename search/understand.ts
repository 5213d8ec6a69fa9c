import { CATEGORIES, type Category, FORMATS, FUNDING, LEVELS } from '../app/modules/catalogue/schemas';
import { stripGenericHead } from './text';
import { fold } from './vocabulary';
import {
  type Concept,
  concepts,
  digits,
  type FilterMeaning,
  isTopic,
  nearWords,
  noiseWords,
  normalizeWord,
  placeAliases,
  stopWords,
  type TopicMeaning,
  VOCABULARY_LANGUAGES,
  type VocabularyLanguage,
} from './vocabulary/index';
import { cityQuarters } from './vocabulary/places';

/**
 * Query understanding shared by both engines: what a person typed, in any of the portal's
 * languages, becomes
 * - filters the facets would set (times of day, weekend, format, price, step-free access,
 *   funding, levels, places), each shown as a removable chip;
 * - groups of German words to match (one group per need, its alternatives OR-ed): a topic
 *   from the vocabulary ("Almanca" → deutsch, deutschkurs, integrationskurs …), or a word
 *   the vocabulary doesn't know, left for the engine (typo correction, compounds);
 * - words that carry no meaning in a course search ("Kurs", "course", "دورة", "lernen"),
 *   which need not match.
 * Pure: the catalogue's places come in as a gazetteer, so it runs the same in every engine,
 * on the page, in the API and in tests.
 */

export type UnderstoodKind = 'time' | 'format' | 'price' | 'accessible' | 'funding' | 'level' | 'place';

/** One thing the query was understood to ask for: a chip above the results and an entry of `understood` in the API. */
export interface UnderstoodItem {
  kind: UnderstoodKind;
  /** Facet values (time: evening …; level: A1 …; place: the district or the place searched around). */
  values: string[];
  /** The vocabulary concept ("level.beginner") or null (a CEFR level typed as such, a place). */
  concept: string | null;
  /** The words of the query that said it, as typed. */
  words: string;
  /** The query without those words: the chip's link (removing the chip removes the filter). */
  query: string;
}

/** A need the query expresses in words: every group must match, any alternative of a group will do. */
export interface WordGroup {
  /** As typed. */
  typed: string;
  /** German words (folded) that count as a match; the first is the main one. */
  alternatives: string[];
  /** The vocabulary concept, or null for a word the vocabulary doesn't know. */
  concept: string | null;
  /** Typed in another language than German (the page then names the German words searched). */
  translated: boolean;
  /** Where offers of this topic are usually filed (ranking; the last resort when no word matches). */
  categories: Category[];
  /** Says for whom or how (women, beginners, with childcare): left out first when nothing matches. */
  modifier: boolean;
}

export interface UnderstoodFilters {
  time: string[];
  format: string[];
  level: string[];
  funding: string[];
  district: string[];
  free: boolean;
  accessible: boolean;
  /** A place to search around (postcode or town), for the engine's location. */
  near: string | null;
}

export interface Understanding {
  groups: WordGroup[];
  /** Words typed that need not match (highlighted when they do). */
  optional: string[];
  filters: UnderstoodFilters;
  understood: UnderstoodItem[];
  /** The German words searched for the groups, for "Gesucht wurde: …"; `translated` when a group was typed in another language. */
  searched: { words: string[]; translated: boolean };
}

/** The catalogue's places: what a word of the query can name. */
export interface Gazetteer {
  /** The venues' districts and towns (the district facet's values): they become the district filter. */
  districts: readonly string[];
  /** Towns of venues that are not a district value themselves ("Kassel"): searched around. */
  cities: readonly string[];
  /** Postcode → its place, for postcodes in the query ("34117" or "34117 Kassel"). */
  postcode: (code: string) => string | null;
  /** Any German town (folded), recognised only after "in der Nähe von", "near", "рядом с" … */
  town?: (folded: string) => string | null;
}

export interface UnderstandOptions {
  places?: Gazetteer | null;
  /** The search has a place of its own (the place field): towns in the text don't replace it. */
  explicitNear?: boolean;
  /** Facet selections: a language category makes "Anfänger" a CEFR level even without a language word. */
  categories?: readonly string[];
}

// ---- the vocabulary as a look-up table -----------------------------------------------------

type EntryRole = 'concept' | 'noise' | 'stop' | 'near';
interface Entry {
  role: EntryRole;
  concept: Concept | null;
  language: VocabularyLanguage | 'variant';
  /** Normalised tokens; a token ending in `*` matches any word beginning with it. */
  tokens: string[];
}

function splitWords(phrase: string): string[] {
  return phrase
    .split(/[\s\-–/]+/)
    .map((t) => t.trim())
    .filter(Boolean);
}

function entryTokens(phrase: string): string[] {
  return splitWords(phrase).map((t) =>
    t.endsWith('*') ? `${normalizeWord(t.slice(0, -1))}*` : normalizeWord(t),
  );
}

function buildEntries(): Entry[] {
  const entries: Entry[] = [];
  const add = (role: EntryRole, concept: Concept | null, language: Entry['language'], phrase: string) => {
    const tokens = entryTokens(phrase);
    if (tokens.length > 0 && tokens.every((t) => t.replace('*', '').length > 0))
      entries.push({ role, concept, language, tokens });
  };
  for (const concept of concepts) {
    for (const language of VOCABULARY_LANGUAGES)
      for (const w of concept.words[language]) add('concept', concept, language, w);
    for (const w of concept.variants ?? []) add('concept', concept, 'variant', w);
  }
  for (const language of VOCABULARY_LANGUAGES) {
    for (const w of noiseWords[language]) add('noise', null, language, w);
    for (const w of stopWords[language]) add('stop', null, language, w);
    for (const w of nearWords[language]) add('near', null, language, w);
  }
  return entries;
}

const ENTRIES = buildEntries();
/** Entries by their first token (exact), and those whose first token is a prefix. */
const BY_FIRST = new Map<string, Entry[]>();
const PREFIX_FIRST: Entry[] = [];
for (const e of ENTRIES) {
  const first = e.tokens[0]!;
  if (first.endsWith('*')) PREFIX_FIRST.push(e);
  else BY_FIRST.set(first, [...(BY_FIRST.get(first) ?? []), e]);
}
const ROLE_RANK: Record<EntryRole, number> = { concept: 3, near: 2, noise: 1, stop: 0 };

/** Whether one normalised word is a vocabulary entry of its own. */
function isWord(norm: string): boolean {
  return (
    (BY_FIRST.get(norm) ?? []).some((e) => e.tokens.length === 1) ||
    PREFIX_FIRST.some((e) => e.tokens.length === 1 && tokenMatches(e.tokens[0]!, norm))
  );
}

function tokenMatches(pattern: string, word: string): boolean {
  return pattern.endsWith('*')
    ? word.length >= pattern.length - 1 && word.startsWith(pattern.slice(0, -1))
    : pattern === word;
}

// ---- tokens --------------------------------------------------------------------------------

interface Token {
  raw: string;
  start: number;
  end: number;
  /** Normalised for the vocabulary. */
  norm: string;
  /** Written with a hyphen to the next token ("Deutsch-Kurs"). */
  hyphenNext: boolean;
}

const CYRILLIC_LOOKALIKE: Record<string, string> = { а: 'a', в: 'b', с: 'c' };

function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  for (const m of q.matchAll(/[\p{L}\p{N}\p{M}'’ʼ]+/gu)) {
    const raw = m[0].replace(/^['’ʼ]+|['’ʼ]+$/g, '');
    if (!raw) continue;
    const start = m.index! + m[0].indexOf(raw);
    const end = start + raw.length;
    tokens.push({
      raw,
      start,
      end,
      norm: normalizeWord(raw),
      hyphenNext: /^\s*[-‐]\s*\S/.test(q.slice(end, end + 3)),
    });
  }
  return tokens;
}

/** The forms a word is looked up in: as typed, without an Arabic prefix (و, ب, ال …). */
function lookupForms(norm: string): string[] {
  const forms = [norm];
  if (/^[\u0600-\u06ff]/.test(norm)) {
    for (const prefix of ['وال', 'بال', 'فال', 'كال', 'لل', 'ال', 'و', 'ب', 'ل', 'ف']) {
      if (norm.startsWith(prefix) && norm.length - prefix.length >= 3) forms.push(norm.slice(prefix.length));
    }
  }
  return forms;
}

interface Match {
  entry: Entry;
  from: number;
  to: number;
}

/** The longest vocabulary entry at position `i`, if any (concepts win ties). */
function matchAt(norms: string[][], i: number): Match | null {
  let best: Match | null = null;
  for (const form of norms[i]!) {
    const candidates = [
      ...(BY_FIRST.get(form) ?? []),
      ...PREFIX_FIRST.filter((e) => tokenMatches(e.tokens[0]!, form)),
    ];
    for (const entry of candidates) {
      const n = entry.tokens.length;
      if (i + n > norms.length) continue;
      let ok = true;
      for (let k = 1; k < n && ok; k++) ok = norms[i + k]!.some((f) => tokenMatches(entry.tokens[k]!, f));
      if (!ok) continue;
      if (
        !best ||
        n > best.to - best.from ||
        (n === best.to - best.from && ROLE_RANK[entry.role] > ROLE_RANK[best.entry.role])
      )
        best = { entry, from: i, to: i + n };
    }
  }
  return best;
}

// ---- places -------------------------------------------------------------------------------

interface PlaceMatch {
  from: number;
  to: number;
  kind: 'district' | 'near';
  value: string;
}

function nameTokens(name: string): string[] {
  return name
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(normalizeWord);
}

function findPlaces(tokens: Token[], places: Gazetteer, explicitNear: boolean): PlaceMatch[] {
  const names: { tokens: string[]; kind: 'district' | 'near'; value: string }[] = [];
  for (const d of places.districts) names.push({ tokens: nameTokens(d), kind: 'district', value: d });
  if (!explicitNear) {
    for (const c of places.cities) names.push({ tokens: nameTokens(c), kind: 'near', value: c });
    // Quarters without a venue: searched around (their postcode, see locate()).
    for (const quarter of Object.keys(cityQuarters))
      if (!places.districts.includes(quarter))
        names.push({ tokens: nameTokens(quarter), kind: 'near', value: quarter });
    for (const [alias, city] of Object.entries(placeAliases))
      names.push({ tokens: entryTokens(alias), kind: 'near', value: city });
  }
  names.sort((a, b) => b.tokens.length - a.tokens.length);
  const found: PlaceMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const code = digits(tokens[i]!.raw);
    if (/^\d{5}$/.test(code)) {
      const place = explicitNear ? null : places.postcode(code);
      if (place) {
        // "34117 Kassel": the place name after the postcode belongs to it.
        const after = nameTokens(place);
        let to = i + 1;
        if (after.every((t, k) => tokens[i + 1 + k]?.norm === t)) to += after.length;
        found.push({ from: i, to, kind: 'near', value: `${code} ${place}` });
        i = to - 1;
      }
      continue;
    }
    const name = names.find((n) =>
      n.tokens.every((t, k) => tokens[i + k] && tokenMatches(t, tokens[i + k]!.norm)),
    );
    if (name) {
      found.push({ from: i, to: i + name.tokens.length, kind: name.kind, value: name.value });
      i += name.tokens.length - 1;
      continue;
    }
    // Any German town, but only after a word that says a place follows ("in der Nähe von Fulda").
    if (places.town && !explicitNear && i > 0) {
      const marker = matchBefore(tokens, i);
      if (marker?.strong) {
        for (const n of [3, 2, 1]) {
          if (i + n > tokens.length) continue;
          const town = places.town(
            fold(
              tokens
                .slice(i, i + n)
                .map((t) => t.raw)
                .join(' '),
            ),
          );
          if (town) {
            found.push({ from: i, to: i + n, kind: 'near', value: town });
            i += n - 1;
            break;
          }
        }
      }
    }
  }
  return found;
}

/** A place marker ending right before token `i` ("in der Nähe von"), and whether it is more than "in". */
function matchBefore(tokens: Token[], i: number): { from: number; strong: boolean } | null {
  const norms = tokens.map((t) => [t.norm]);
  for (let from = Math.max(0, i - 4); from < i; from++) {
    const m = matchAt(norms, from);
    if (m && m.to === i && m.entry.role === 'near')
      return {
        from,
        strong:
          m.entry.tokens.length > 1 ||
          !['in', 'в', 'у', 'في', 'در', 'de', 'da', 'bei'].includes(m.entry.tokens[0]!),
      };
  }
  return null;
}

// ---- understanding -------------------------------------------------------------------------

const LANGUAGE_CATEGORIES = new Set<string>(['sprachen', 'deutsch_integration']);
const LEVEL_TOKEN = /^[abc][12]$/;

function levelToken(raw: string): string | null {
  const t = [...raw.toLowerCase()]
    .map((ch) => CYRILLIC_LOOKALIKE[ch] ?? ch)
    .join('')
    .replace(/\+$/, '');
  return LEVEL_TOKEN.test(t) ? t.toUpperCase() : null;
}

interface Piece {
  from: number;
  to: number;
  kind: 'concept' | 'level-code' | 'place' | 'noise' | 'stop' | 'word';
  concept?: Concept;
  language?: Entry['language'];
  values?: string[];
  place?: PlaceMatch;
  /** A token that only matched after splitting off a generic head ("yogakurs" → yoga). */
  viaHead?: boolean;
}

/** The query without the tokens [from, to) of each span: what a chip's link searches for. */
function without(q: string, tokens: Token[], spans: [number, number][]): string {
  let out = '';
  let at = 0;
  const cut = spans
    .map(([from, to]) => [tokens[from]!.start, tokens[to - 1]!.end] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  for (const [s, e] of cut) {
    out += `${q.slice(at, s)} `;
    at = e;
  }
  out += q.slice(at);
  return out
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,.;:!?-]+|[\s,;:-]+$/g, '')
    .trim();
}

function emptyFilters(): UnderstoodFilters {
  return {
    time: [],
    format: [],
    level: [],
    funding: [],
    district: [],
    free: false,
    accessible: false,
    near: null,
  };
}

export function understand(q: string, options: UnderstandOptions = {}): Understanding {
  const tokens = tokenize(q);
  const pieces: Piece[] = [];
  const taken = new Array<boolean>(tokens.length).fill(false);
  const take = (piece: Piece) => {
    for (let k = piece.from; k < piece.to; k++) taken[k] = true;
    pieces.push(piece);
  };

  // 1. CEFR levels as typed ("B2", "A1-A2", Cyrillic "В1").
  tokens.forEach((t, i) => {
    const level = levelToken(t.raw);
    if (level) take({ from: i, to: i + 1, kind: 'level-code', values: [level] });
  });

  // 2. Places: postcodes, the catalogue's districts and towns, towns after "near …".
  if (options.places) {
    for (const place of findPlaces(tokens, options.places, Boolean(options.explicitNear))) {
      if (taken.slice(place.from, place.to).some(Boolean)) continue;
      const marker = place.from > 0 ? matchBefore(tokens, place.from) : null;
      const from = marker && !taken.slice(marker.from, place.from).some(Boolean) ? marker.from : place.from;
      take({ from, to: place.to, kind: 'place', place });
    }
  }

  // 3. The vocabulary, longest phrase first, over what is left (a level or a place in the
  //    middle doesn't break a phrase: "Deutsch B2 für den Beruf"). A hyphenated compound
  //    the vocabulary knows joined ("Bewerbungs-Training") is one word.
  const rest: { from: number; to: number; raw: string; norm: string }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (taken[i]) continue;
    const t = tokens[i]!;
    const next = tokens[i + 1];
    // Normalised joined, not joined normalised: normalising folds what meets at the seam
    // ("Arbeits-Suche" → arbeitsuche, as the vocabulary's "arbeitssuche" is stored).
    const joined = next ? normalizeWord(t.raw + next.raw) : '';
    if (t.hyphenNext && next && !taken[i + 1] && isWord(joined)) {
      rest.push({ from: i, to: i + 2, raw: t.raw + next.raw, norm: joined });
      i++;
    } else rest.push({ from: i, to: i + 1, raw: t.raw, norm: t.norm });
  }
  const norms = rest.map((r) => lookupForms(r.norm));
  for (let k = 0; k < rest.length; k++) {
    let m = matchAt(norms, k);
    let viaHead = false;
    if (!m && /^[a-z]+$/.test(rest[k]!.norm)) {
      // A compound with a generic head ("yogakurs", "pilateskurs") is its stem.
      const stem = stripGenericHead(fold(rest[k]!.raw));
      for (const form of stem ? [stem, `${stem}s`] : []) {
        const alone = norms.map((f, j) => (j === k ? [normalizeWord(form)] : f));
        const hit = matchAt(alone, k);
        if (hit && hit.to === k + 1 && hit.entry.role === 'concept') {
          m = hit;
          viaHead = true;
          break;
        }
      }
    }
    const from = rest[k]!.from;
    if (!m) {
      take({ from, to: rest[k]!.to, kind: 'word' });
      continue;
    }
    const role = m.entry.role;
    take({
      from,
      to: rest[m.to - 1]!.to,
      kind: role === 'concept' ? 'concept' : role === 'noise' ? 'noise' : 'stop',
      concept: m.entry.concept ?? undefined,
      language: m.entry.language,
      viaHead,
    });
    k = m.to - 1;
  }
  pieces.sort((a, b) => a.from - b.from);

  // 4. What the pieces mean.
  const topicPieces = pieces.filter((p) => p.kind === 'concept' && p.concept && isTopic(p.concept));
  const topics = topicPieces.map((p) => p.concept as Concept & { means: TopicMeaning });
  const languageTopic =
    topics.some((c) => c.means.language) ||
    (options.categories ?? []).some((c) => LANGUAGE_CATEGORIES.has(c));
  const filters = emptyFilters();
  const understood: UnderstoodItem[] = [];
  const groups: WordGroup[] = [];
  const optional: string[] = [];
  const span = (p: Piece): [number, number] => [p.from, p.to];
  const words = (p: Piece) => q.slice(tokens[p.from]!.start, tokens[p.to - 1]!.end);
  const add = (list: string[], values: readonly string[]) => {
    for (const v of values) if (!list.includes(v)) list.push(v);
  };
  const german = (p: Piece) => p.language === 'de' || p.language === 'ls' || p.language === 'variant';

  // CEFR codes typed next to each other ("A1-A2", "A2/B1") are one chip.
  const codes = pieces.filter((p) => p.kind === 'level-code');
  const codeRuns: Piece[][] = [];
  for (const p of codes) {
    const last = codeRuns[codeRuns.length - 1];
    if (last && last[last.length - 1]!.to === p.from) last.push(p);
    else codeRuns.push([p]);
  }
  for (const run of codeRuns) {
    const values = LEVELS.filter((l) => run.some((p) => p.values!.includes(l)));
    add(filters.level, values);
    understood.push({
      kind: 'level',
      values,
      concept: null,
      words: q.slice(tokens[run[0]!.from]!.start, tokens[run[run.length - 1]!.to - 1]!.end),
      query: without(q, tokens, run.map(span)),
    });
  }

  // Generic topics ("Sprachkurs", "Weiterbildung") stand back when a specific one of the same kind is there.
  const specific = topics.filter((c) => !c.means.generic);
  const keep = (c: Concept & { means: TopicMeaning }) =>
    !c.means.generic ||
    !specific.some(
      (s) =>
        (c.means.language && s.means.language) ||
        s.means.categories.some((cat) => c.means.categories.includes(cat)),
    );

  const seen = new Set<string>();
  for (const p of pieces) {
    if (p.kind === 'place') {
      const place = p.place!;
      if (place.kind === 'district') add(filters.district, [place.value]);
      else filters.near ??= place.value;
      understood.push({
        kind: 'place',
        values: [place.value],
        concept: null,
        words: words(p),
        query: without(q, tokens, [span(p)]),
      });
      continue;
    }
    if (p.kind === 'noise') {
      optional.push(...splitWords(fold(words(p))));
      continue;
    }
    if (p.kind === 'word') {
      const raw = words(p).replace(/[\s\-‐]+/g, '');
      const folded = fold(raw);
      // German function words the vocabulary's lists don't name are dropped as before.
      if (!folded) continue;
      groups.push({
        typed: raw,
        alternatives: [folded],
        concept: null,
        translated: false,
        categories: [],
        modifier: false,
      });
      continue;
    }
    if (p.kind !== 'concept' || !p.concept) continue;
    const concept = p.concept;
    const means = concept.means;
    if (means.kind === 'topic') {
      if (!keep(concept as Concept & { means: TopicMeaning }) || seen.has(concept.id)) continue;
      seen.add(concept.id);
      const typed = fold(words(p));
      const alternatives = means.search.map(fold);
      // The word as typed first when it is one of the German words searched: it ranks highest.
      const first = alternatives.indexOf(typed);
      if (first > 0) alternatives.unshift(...alternatives.splice(first, 1));
      groups.push({
        typed: words(p),
        alternatives,
        concept: concept.id,
        translated: !german(p),
        categories: [...means.categories],
        modifier: Boolean(means.modifier),
      });
      continue;
    }
    understandFilter(means, p, concept);
  }

  function understandFilter(means: FilterMeaning, p: Piece, concept: Concept) {
    const chip = (kind: UnderstoodKind, values: string[]) =>
      understood.push({
        kind,
        values,
        concept: concept.id,
        words: words(p),
        query: without(q, tokens, [span(p)]),
      });
    switch (means.kind) {
      case 'time':
        add(filters.time, means.values);
        chip('time', [...means.values]);
        return;
      case 'format':
        add(
          filters.format,
          means.values.filter((v) => (FORMATS as readonly string[]).includes(v)),
        );
        chip('format', [...means.values]);
        return;
      case 'price':
        filters.free = true;
        chip('price', ['free']);
        return;
      case 'accessible':
        filters.accessible = true;
        chip('accessible', ['true']);
        return;
      case 'funding':
        add(
          filters.funding,
          means.values.filter((v) => (FUNDING as readonly string[]).includes(v)),
        );
        chip('funding', [...means.values]);
        return;
      case 'level':
        if (languageTopic) {
          add(filters.level, means.values);
          chip('level', [...means.values]);
        } else if (!seen.has(concept.id)) {
          // Beginners' Excel is "Excel für Einsteiger": the words of such courses are searched.
          seen.add(concept.id);
          groups.push({
            typed: words(p),
            alternatives: means.otherwise.map(fold),
            concept: concept.id,
            translated: !german(p),
            categories: [],
            modifier: true,
          });
        }
        return;
    }
  }

  const searchedWords: string[] = [];
  for (const g of groups) {
    const concept = g.concept ? concepts.find((c) => c.id === g.concept) : null;
    const shown =
      concept?.means.kind === 'topic'
        ? concept.means.shown
        : concept?.means.kind === 'level'
          ? concept.means.shown
          : [g.typed];
    for (const w of shown) if (!searchedWords.includes(w)) searchedWords.push(w);
  }
  return {
    groups,
    optional,
    filters,
    understood,
    searched: { words: searchedWords, translated: groups.some((g) => g.translated) },
  };
}

/** Categories in the order the schema lists them (stable output for engines and tests). */
export function categoriesOf(groups: WordGroup[]): Category[] {
  const wanted = new Set(groups.flatMap((g) => g.categories));
  return CATEGORIES.filter((c) => wanted.has(c));
}
