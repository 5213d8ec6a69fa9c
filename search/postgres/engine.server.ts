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
  searchVersion,
} from '../../db/queries/search.server';
import { analyse, highlight, runState, stripGenericHead } from '../text';
import type { EngineQuery, FacetValue, SearchEngine, SearchHit, SearchResult } from '../types';
import { MIN_PARALLEL, ParallelScan } from './parallel-scan';
import { combinePostings, sortPostingList, type TextMatches } from './postings';
import { type IndexHit, type IndexQuery, RunIndex } from './run-index';

/**
 * The default engine. PostgreSQL does the text part: German stemming on folded text
 * (weighted title > keywords > summary > description), synonyms from the shared
 * vocabulary, compound heads split off ("deutschkurs" → "deutsch"), typos corrected
 * against a lexicon of the catalogue's own words (pg_trgm). Filters, disjunctive facet
 * counts, radius and sorting then run over a columnar in-memory copy of the search rows
 * (RunIndex), reloaded whenever a change bumps `search_state.version` — checked at most
 * every 500 ms, so a change is findable well within 2 seconds in every process.
 */
const VERSION_CHECK_MS = 500;
/**
 * Text matches kept per catalogue version: broad, popular words ("deutsch") are asked
 * again and again. Bounded by the number of ids held, not entries: one broad query can
 * match most of the catalogue.
 */
const TEXT_CACHE_MAX_IDS = 2_000_000;

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

  constructor(private readonly db: () => Sql) {}

  /** Turns the typed text into AND-of-OR groups, correcting words the catalogue doesn't know. */
  async understand(
    q: string,
    options: { exact?: boolean } = {},
  ): Promise<{
    groups: string[][] | null;
    terms: string[];
    corrected: string | null;
    version: number | null;
  }> {
    const units = analyse(q);
    if (units.length === 0) return { groups: null, terms: [], corrected: null, version: null };
    const sql = this.db();
    const candidates = units
      .filter((u) => !u.text.includes(' '))
      .flatMap((u) => {
        const stem = stripGenericHead(u.text);
        return stem ? [u.text, stem, `${stem}s`] : [u.text];
      });
    // The catalogue version comes along: the text matches must be of this version or newer.
    const { known, version } = await knownWordsAndVersion(sql, candidates);
    const groups: string[][] = [];
    const terms: string[] = [];
    const shown: string[] = [];
    let changed = false;
    for (const unit of units) {
      let alternatives = unit.alternatives;
      let text = unit.text;
      if (!unit.text.includes(' ') && !known.has(unit.text) && !/^[a-z]\d$/.test(unit.text)) {
        const stem = stripGenericHead(unit.text);
        if (stem && (known.has(stem) || known.has(`${stem}s`))) {
          alternatives = [...alternatives, stem];
        } else if (!unit.optional && unit.alternatives.length === 1 && !options.exact) {
          const closest = await closestWord(sql, unit.text);
          if (closest) {
            alternatives = [closest];
            text = closest;
            changed = true;
          }
        }
      }
      shown.push(text);
      terms.push(...alternatives);
      if (!unit.optional) groups.push(alternatives);
    }
    return {
      groups: groups.length > 0 ? groups : null,
      terms,
      corrected: changed ? shown.join(' ') : null,
      version,
    };
  }

  /**
   * The in-memory index, reloaded when the catalogue changed. One load at a time; a
   * caller that needs a newer version than the load in flight waits for the next one,
   * and an older snapshot never replaces a newer one.
   */
  private async currentIndex(knownVersion?: number): Promise<RunIndex> {
    let wanted = knownVersion;
    if (wanted === undefined) {
      if (this.index && Date.now() - this.checkedAt <= VERSION_CHECK_MS) return this.index;
      wanted = await searchVersion(this.db());
      this.checkedAt = Date.now();
    }
    // Versions only grow, so a load started now sees at least `wanted`; a load already in
    // flight may have started earlier, hence the loop.
    while (!this.index || this.index.version < wanted) {
      this.loading ??= loadSearchRuns(this.db())
        .then(({ rows, version }) => {
          if (!this.index || this.index.version < version) this.index = RunIndex.fromRows(rows, version);
        })
        .finally(() => {
          this.loading = null;
        });
      await this.loading;
    }
    return this.index;
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
            const ids = list.ids ? Int32Array.from(list.ids.split(','), Number) : new Int32Array(0);
            const weights = new Uint8Array(list.weights.length);
            for (let i = 0; i < weights.length; i++) weights[i] = list.weights.charCodeAt(i) - 48;
            sortPostingList(ids, weights);
            this.postings.set(list.lexeme, { ids, weights });
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
  private async scan(index: RunIndex, q: IndexQuery) {
    if (index.offers < MIN_PARALLEL) return index.search(q);
    this.scanner ??= new ParallelScan();
    return this.scanner.search(index, q);
  }

  /** How many threads the last large search ran on (benchmarks report it). */
  get scanThreads(): 1 | 2 {
    return this.scanner?.active ? 2 : 1;
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

  async search(query: EngineQuery): Promise<Omit<SearchResult, 'engine' | 'location'>> {
    const text = await this.understand(query.q, { exact: query.exact });
    let index: RunIndex;
    let matches: TextMatches | null = null;
    if (text.groups) {
      // With text, the current version is read every time (with the known words), so a
      // cached match list is never combined with a newer catalogue.
      const version = text.version ?? (await searchVersion(this.db()));
      // Word order doesn't change the matches: "kassel vhs" and "vhs kassel" share an entry.
      const key = JSON.stringify(text.groups.map((g) => [...g].sort()).sort());
      const cached = this.textCache.get(key);
      let matchesVersion = version;
      if (cached && cached.version === version) {
        matches = cached.matches;
      } else {
        const alternatives = [...new Set(text.groups.flat())];
        const [lexemes] = await Promise.all([this.lexemesOf(alternatives), this.currentPostings(version)]);
        const rows = alternatives.flatMap((alt) =>
          (lexemes.get(alt) ?? []).map((lexeme) => {
            const list = this.postings.get(lexeme);
            return { alt, lexeme, offer_ids: list?.ids ?? null, weights: list?.weights ?? null };
          }),
        );
        matches = combinePostings(text.groups, rows);
        matchesVersion = this.postingsVersion;
        this.remember(key, matchesVersion, matches);
      }
      // The index must be at least as new as the matches it is combined with.
      index = await this.currentIndex(matchesVersion);
    } else {
      index = await this.currentIndex();
    }
    const indexQuery: IndexQuery = {
      matches,
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
    };
    const result = await this.scan(index, indexQuery);
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
        return d ? [toHit(h, d, text.terms, query.today)] : [];
      }),
      facets,
      didYouMean: text.corrected,
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
