import type { Facet } from '../../app/modules/catalogue/schemas';
import { FACETS } from '../../app/modules/catalogue/schemas';
import type { Sql } from '../../db/client.server';
import {
  closestWord,
  type HitDetailRow,
  hitDetails,
  knownWordsAndVersion,
  lexemesOf,
  loadSearchRuns,
  postingsSince,
  refreshAllSearchDocuments,
  type SearchRunRow,
  searchRunChangesSince,
  searchVersion,
} from '../../db/queries/search.server';
import { applyUnderstanding, describeRelaxation, missingTopics, relaxationSteps } from '../relax';
import { highlight, runState, stripGenericHead } from '../text';
import type { EngineQuery, EngineResult, FacetValue, Relaxation, SearchEngine, SearchHit } from '../types';
import { categoriesOf, understand, type WordGroup } from '../understand';
import { MIN_PARALLEL, ParallelScan } from './parallel-scan';
import { combinePostings, sortPostingList, type TextMatches } from './postings';
import {
  type IndexHit,
  type IndexQuery,
  type IndexResult,
  type RunIndex,
  RunIndexBuilder,
} from './run-index';

/**
 * The default engine. PostgreSQL does the language: German stemming on folded text
 * (weighted title > keywords > summary > description), posting lists per lexeme (kept in
 * memory, patched with what changed), typos corrected against a lexicon of the catalogue's
 * own words (pg_trgm) — only for words the catalogue doesn't know. The words come grouped
 * by the shared understanding (search/understand.ts): every group must match, any of its
 * German alternatives will do; when nothing matches, the shared ladder widens the query
 * (search/relax.ts). Filters, disjunctive facet counts, radius and sorting run over a
 * columnar in-memory copy of the search rows (RunIndex), patched with the offers that
 * changed whenever a change bumps `search_state.version` — checked at most every 500 ms
 * and with every text search, so a change is findable within a second in every process.
 */
const VERSION_CHECK_MS = 500;
/**
 * Text matches kept per catalogue version: broad, popular words ("deutsch") are asked
 * again and again. Bounded by the number of ids held, not entries: one broad query can
 * match most of the catalogue.
 */
const TEXT_CACHE_MAX_IDS = 2_000_000;

/** The words of a query after the catalogue's lexicon had its say. */
interface ResolvedText {
  groups: WordGroup[];
  /** The query with corrected words, when a word was unknown and corrected. */
  corrected: string | null;
  version: number;
}

export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres' as const;
  private index: RunIndex | null = null;
  private loading: Promise<void> | null = null;
  private checkedAt = 0;
  private readonly textCache = new Map<string, { version: number; matches: TextMatches }>();
  private textCacheIds = 0;
  /** The posting lists (lexeme → offers, weights), patched with what changed since `postingsVersion`. */
  private readonly postings = new Map<string, { ids: Int32Array; weights: Uint8Array }>();
  private postingsVersion = -1;
  private postingsLoading: Promise<void> | null = null;
  /** German stemming never changes: each phrase's lexemes are asked once. */
  private readonly lexemes = new Map<string, string[]>();
  /** Started with the first search of a large catalogue (see `scan`). */
  private scanner: ParallelScan | null = null;
  /** For benchmarks: how the index last caught up (full load or patch) and how long it took. */
  lastIndexLoad: { kind: 'full' | 'patch'; ms: number; offers: number } | null = null;

  constructor(private readonly db: () => Sql) {}

  /**
   * The words as the catalogue knows them: a word the vocabulary doesn't know and no offer
   * has is split off its generic head when the stem is known ("Yogakurs" → yoga), else
   * corrected to the closest catalogue word ("Integratinskurs" → integrationskurs) unless
   * the search is exact. Words the catalogue has, and the vocabulary's topics, stay as typed.
   */
  private async resolve(q: string, groups: WordGroup[], exact: boolean): Promise<ResolvedText> {
    const sql = this.db();
    const raw = groups.filter((g) => g.concept === null && /^[a-z0-9]+$/.test(g.alternatives[0]!));
    const candidates = raw.flatMap((g) => {
      const word = g.alternatives[0]!;
      const stem = stripGenericHead(word);
      return stem ? [word, stem, `${stem}s`] : [word];
    });
    // The catalogue version comes along: the text matches must be of this version or newer.
    const { known, version } = await knownWordsAndVersion(sql, candidates);
    const words = [...new Set([...groups.flatMap((g) => g.alternatives), ...candidates])];
    const [lexemes] = await Promise.all([this.lexemesOf(words), this.currentPostings(version)]);
    const inCatalogue = (word: string) =>
      known.has(word) ||
      ((lexemes.get(word) ?? []).length > 0 &&
        (lexemes.get(word) ?? []).every((l) => (this.postings.get(l)?.ids.length ?? 0) > 0));
    let corrected = q;
    let changed = false;
    const resolved: WordGroup[] = [];
    for (const group of groups) {
      const word = group.alternatives[0]!;
      if (!raw.includes(group) || /^[a-z]\d$/.test(word) || inCatalogue(word)) {
        resolved.push(group);
        continue;
      }
      const stem = stripGenericHead(word);
      if (stem && (inCatalogue(stem) || known.has(`${stem}s`))) {
        resolved.push({ ...group, alternatives: [word, stem] });
        continue;
      }
      const closest = exact ? null : await closestWord(sql, word);
      if (closest) {
        resolved.push({ ...group, alternatives: [closest] });
        corrected = replaceWord(corrected, group.typed, closest);
        changed = true;
        await this.lexemesOf([closest]);
      } else resolved.push(group);
    }
    return { groups: resolved, corrected: changed ? corrected : null, version };
  }

  /**
   * The in-memory index at least as new as `knownVersion` (or the current version, checked
   * at most every 500 ms). A newer catalogue is patched in from the offers that changed;
   * after a rebuild (or on the first load) it is loaded whole. One catch-up at a time; an
   * older snapshot never replaces a newer one.
   */
  private async currentIndex(knownVersion?: number): Promise<RunIndex> {
    let wanted = knownVersion;
    if (wanted === undefined) {
      if (this.index && Date.now() - this.checkedAt <= VERSION_CHECK_MS) return this.index;
      wanted = await searchVersion(this.db());
      this.checkedAt = Date.now();
    }
    // Versions only grow, so a catch-up started now sees at least `wanted`; one already in
    // flight may have started earlier, hence the loop.
    while (!this.index || this.index.version < wanted) {
      this.loading ??= this.catchUp().finally(() => {
        this.loading = null;
      });
      await this.loading;
    }
    return this.index;
  }

  private async catchUp(): Promise<void> {
    const started = performance.now();
    const current = this.index;
    if (current) {
      const changes = await searchRunChangesSince(this.db(), current.version);
      if (!changes.full) {
        if (changes.version <= current.version || (this.index && this.index.version >= changes.version))
          return;
        const byOffer = new Map<number, SearchRunRow[]>(changes.offers.map((id) => [id, []]));
        for (const row of changes.rows) byOffer.get(row.offer_id)?.push(row);
        this.index = current.patch(byOffer, changes.version);
        this.lastIndexLoad = { kind: 'patch', ms: performance.now() - started, offers: byOffer.size };
        return;
      }
    }
    let builder: RunIndexBuilder | null = null;
    const { version } = await loadSearchRuns(
      this.db(),
      ({ runs, offers }) => {
        builder = new RunIndexBuilder(runs, offers);
      },
      (rows) => builder?.add(rows),
    );
    const fresh = (builder as RunIndexBuilder | null)?.finish(version);
    if (fresh && (!this.index || this.index.version < version)) this.index = fresh;
    this.lastIndexLoad = { kind: 'full', ms: performance.now() - started, offers: fresh?.offers ?? 0 };
  }

  private async lexemesOf(phrases: string[]): Promise<Map<string, string[]>> {
    const missing = phrases.filter((p) => !this.lexemes.has(p));
    if (missing.length > 0) {
      for (const [phrase, lexemes] of await lexemesOf(this.db(), missing)) this.lexemes.set(phrase, lexemes);
    }
    return this.lexemes;
  }

  /** Brings the in-memory posting lists to at least `wanted` (only what changed is read). */
  private async currentPostings(wanted: number): Promise<void> {
    while (this.postingsVersion < wanted) {
      this.postingsLoading ??= postingsSince(this.db(), this.postingsVersion)
        .then(({ version, full, lists }) => {
          if (version <= this.postingsVersion) return;
          if (full) this.postings.clear();
          for (const list of lists) {
            sortPostingList(list.ids, list.weights);
            this.postings.set(list.lexeme, { ids: list.ids, weights: list.weights });
          }
          this.postingsVersion = version;
        })
        .finally(() => {
          this.postingsLoading = null;
        });
      await this.postingsLoading;
    }
  }

  /** Loads the column index and the posting lists before the first search (server start). */
  async warm(): Promise<void> {
    const version = await searchVersion(this.db());
    const [index] = await Promise.all([this.currentIndex(version), this.currentPostings(version)]);
    // The worker thread takes a few hundred milliseconds to start: not on a visitor's time.
    if (index.offers >= MIN_PARALLEL) this.scanner ??= new ParallelScan();
  }

  /**
   * Filters, counts and sorts over the index: on two threads for a large catalogue (a
   * worker thread costs memory, so small catalogues never start one).
   */
  private async scan(index: RunIndex, q: IndexQuery): Promise<IndexResult> {
    if (index.offers < MIN_PARALLEL) return index.search(q);
    this.scanner ??= new ParallelScan();
    return this.scanner.search(index, q);
  }

  /** How many threads the last large search ran on (benchmarks report it). */
  get scanThreads(): 1 | 2 {
    return this.scanner?.active ? 2 : 1;
  }

  /** For benchmarks and tests: the index as it is now (no catch-up). */
  get loadedIndex(): RunIndex | null {
    return this.index;
  }

  /** For benchmarks: forget cached text matches (measures the cold path). */
  clearCache() {
    this.textCache.clear();
    this.textCacheIds = 0;
  }

  private remember(key: string, version: number, matches: TextMatches) {
    const old = this.textCache.get(key);
    if (old) this.textCacheIds -= old.matches.ids.length;
    this.textCache.delete(key);
    this.textCache.set(key, { version, matches });
    this.textCacheIds += matches.ids.length;
    // Oldest entries go first (a Map keeps insertion order).
    for (const [k, v] of this.textCache) {
      if (this.textCacheIds <= TEXT_CACHE_MAX_IDS || k === key) break;
      this.textCache.delete(k);
      this.textCacheIds -= v.matches.ids.length;
    }
  }

  /** The offers matching the groups (all of them, or any), from the in-memory posting lists. */
  private async match(groups: WordGroup[], any: boolean, version: number): Promise<TextMatches> {
    const alternatives = groups.map((g) => g.alternatives);
    // Word order doesn't change the matches: "kassel vhs" and "vhs kassel" share an entry.
    const key = JSON.stringify([any, alternatives.map((a) => [a[0], ...a.slice(1).sort()]).sort()]);
    const cached = this.textCache.get(key);
    if (cached && cached.version === this.postingsVersion) return cached.matches;
    const words = [...new Set(alternatives.flat())];
    const [lexemes] = await Promise.all([this.lexemesOf(words), this.currentPostings(version)]);
    const rows = words.flatMap((alt) =>
      (lexemes.get(alt) ?? []).map((lexeme) => {
        const list = this.postings.get(lexeme);
        return { alt, lexeme, offer_ids: list?.ids ?? null, weights: list?.weights ?? null };
      }),
    );
    const matches = combinePostings(alternatives, rows, any ? 'any' : 'all');
    this.remember(key, this.postingsVersion, matches);
    return matches;
  }

  async search(input: EngineQuery): Promise<EngineResult> {
    // A caller that didn't go through the shared understanding (tests, scripts) gets it here.
    const query = input.words
      ? input
      : applyUnderstanding(input, understand(input.q, { categories: input.category }));
    const groups = query.words ?? [];
    const base: IndexQuery = {
      matches: null,
      category: query.category,
      format: query.format,
      time: query.time,
      funding: query.funding,
      level: query.level,
      language: query.language,
      district: query.district,
      accessible: query.accessible,
      free: query.free,
      from: query.from,
      to: query.to,
      maxPriceCents: query.maxPrice === undefined ? undefined : query.maxPrice * 100,
      includePast: query.past,
      today: query.today,
      location: query.location,
      radiusKm: query.radius,
      sort: query.sort,
      offset: (query.page - 1) * query.perPage,
      limit: query.perPage,
      boostCategories: categoriesOf(groups),
      boostLanguage: query.uiLanguage ?? null,
      diversify: true,
    };
    if (groups.length === 0) {
      const index = await this.currentIndex();
      return this.answer(query, await this.scan(index, base), [], null, null, []);
    }
    // With text, the current version is read every time (with the known words), so a
    // cached match list is never combined with a newer catalogue.
    const text = await this.resolve(query.q, groups, query.exact);
    const matches = await this.match(text.groups, false, text.version);
    // The index must be at least as new as the matches it is combined with.
    const index = await this.currentIndex(this.postingsVersion);
    let result = await this.scan(index, { ...base, matches });
    let relaxed: Relaxation | null = null;
    let missing: string[] = [];
    let terms = text.groups.flatMap((g) => g.alternatives);
    if (result.total === 0) {
      const counts = await Promise.all(
        text.groups.map(async (g) => (await this.match([g], false, text.version)).ids.length),
      );
      missing = missingTopics(text.groups, counts);
      for (const step of relaxationSteps(text.groups, counts, base.category)) {
        const stepMatches =
          step.groups.length > 0 ? await this.match(step.groups, step.any, text.version) : null;
        const category =
          step.categories.length > 0 && base.category.length === 0 ? step.categories : base.category;
        const widened = await this.scan(index, { ...base, matches: stepMatches, category });
        if (widened.total > 0) {
          result = widened;
          relaxed = describeRelaxation(step);
          terms = step.groups.flatMap((g) => g.alternatives);
          break;
        }
      }
    }
    return this.answer(query, result, terms, text.corrected, relaxed, missing);
  }

  private async answer(
    query: EngineQuery,
    result: IndexResult,
    terms: string[],
    corrected: string | null,
    relaxed: Relaxation | null,
    missing: string[],
  ): Promise<EngineResult> {
    const details = new Map(
      (
        await hitDetails(
          this.db(),
          result.hits.map((h) => h.runId),
        )
      ).map((d) => [d.run_id, d]),
    );
    const facets = Object.fromEntries(FACETS.map((f) => [f, [] as FacetValue[]])) as Record<
      Facet,
      FacetValue[]
    >;
    for (const row of result.facets) facets[row.facet as Facet]?.push({ value: row.value, count: row.count });
    for (const list of Object.values(facets))
      list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    return {
      total: result.total,
      page: query.page,
      perPage: query.perPage,
      // A hit whose rows vanished between index and detail query (a concurrent unpublish) is left out.
      hits: result.hits.flatMap((h) => {
        const d = details.get(h.runId);
        return d ? [toHit(h, d, terms, query.today)] : [];
      }),
      facets,
      didYouMean: corrected,
      relaxed,
      missing,
    };
  }

  // The search rows live in the same database and are refreshed in the change's transaction.
  async syncOffers(): Promise<void> {}

  async rebuild(): Promise<void> {
    await refreshAllSearchDocuments(this.db());
    // The refresh bumped the version; the next search loads the new rows.
    this.checkedAt = 0;
  }

  async health(): Promise<boolean> {
    await searchVersion(this.db());
    return true;
  }
}

/** `text` with `word` (as typed) replaced by `by`: the "results for …" line of a corrected query. */
function replaceWord(text: string, word: string, by: string): string {
  const at = text.toLowerCase().indexOf(word.toLowerCase());
  return at < 0 ? text : `${text.slice(0, at)}${by}${text.slice(at + word.length)}`;
}

function toHit(h: IndexHit, d: HitDetailRow, terms: string[], today: string): SearchHit {
  return {
    id: d.offer_id,
    title: d.title,
    summary: d.summary,
    highlight: { title: highlight(d.title, terms), summary: highlight(d.summary, terms) },
    category: d.category as SearchHit['category'],
    language: d.language,
    cefrLevel: d.cefr_level,
    funding: d.funding,
    provider: { id: d.provider_id, slug: d.provider_slug, name: d.provider_name },
    run: {
      id: d.run_id,
      startsOn: d.starts_on,
      endsOn: d.ends_on,
      format: d.format,
      timeOfDay: d.time_of_day,
      weekend: d.weekend,
      priceCents: d.price_cents,
      venue: d.venue_name
        ? { name: d.venue_name, city: d.venue_city, district: d.district, accessible: d.accessible }
        : null,
      distanceKm: h.distanceKm,
      lateEntry: d.late_entry,
      ...runState(d.starts_on, d.ends_on, today),
    },
    matchingRuns: h.matchingRuns,
  };
}
