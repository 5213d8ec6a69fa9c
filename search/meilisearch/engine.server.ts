import {
  type EnqueuedTask,
  type IndexSwap,
  Meilisearch,
  MeilisearchApiError,
  type MultiSearchQuery,
  type Task,
} from 'meilisearch';
import { todayInBerlin } from '../../app/utils/clock.server';
import { getLogger } from '../../app/utils/logger.server';
import type { Sql } from '../../db/client.server';
import { knownWords } from '../../db/queries/search.server';
import {
  offersUnderWay,
  searchDocumentBatches,
  searchDocumentRows,
} from '../../db/queries/search-documents.server';
import { diversify } from '../rank';
import { applyUnderstanding, describeRelaxation, missingTopics, relaxationSteps } from '../relax';
import type { EngineQuery, EngineResult, Relaxation, SearchEngine } from '../types';
import { categoriesOf, understand, type WordGroup } from '../understand';
import { toDocument } from './documents';
import {
  compoundLookups,
  diversityWindow,
  type PlanText,
  planRunQueries,
  planSearch,
  queryText,
} from './filters';
import { toSearchResult } from './results';
import { buildSettings } from './settings';

/**
 * The Meilisearch engine: one document per run, `offer_id` distinct. PostgreSQL stays
 * the source of truth; this index is a copy, synced per offer by the `search-sync` job
 * and rebuilt into a fresh index that is swapped in atomically.
 */

export interface MeilisearchEngineOptions {
  host: string;
  apiKey?: string;
  db: () => Sql;
  /** The live index readers search; rebuilds build `<indexUid>_<timestamp>` and swap it in. */
  indexUid?: string;
  batchSize?: number;
  /** Answers searches while the live index does not exist yet (a fresh server before its first rebuild). */
  fallback?: SearchEngine;
}

/** Thrown by a sync while a rebuild runs: the job is retried after the swap, so no change is lost. */
export class SearchRebuildInProgressError extends Error {
  constructor(readonly rebuildIndex: string) {
    super(`A search index rebuild (${rebuildIndex}) is in progress; sync deferred`);
  }
}

/** A rebuild index older than this was left behind by a crash, not one still running. */
const STALE_REBUILD_MS = 60 * 60 * 1000;
const SEARCH_TIMEOUT_MS = 10_000;
const PROBE_TIMEOUT_MS = 1_500;
const TASK_TIMEOUT_MS = 120_000;
const REBUILD_TASK_TIMEOUT_MS = 15 * 60_000;
/** Offer ids per deletion filter: keeps filter strings far below request limits. */
const DELETE_CHUNK = 1000;
const WARN_EVERY_MS = 60_000;
/** Score lifts within Meilisearch's 0…1 scores (PostgreSQL: +0.4 and +0.2 on its own scale). */
const CATEGORY_BOOST = 0.04;
const LANGUAGE_BOOST = 0.02;

function isNotFound(error: unknown): boolean {
  return (
    error instanceof MeilisearchApiError &&
    (error.cause?.code === 'index_not_found' || error.response?.status === 404)
  );
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class MeilisearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const;
  readonly indexUid: string;
  /** Documents written by the last successful rebuild of this instance (for the rebuild script). */
  lastRebuildDocuments: number | null = null;
  private readonly client: Meilisearch;
  /** A second client with a short timeout, so a hanging server cannot stall the health check. */
  private readonly probe: Meilisearch;
  private readonly db: () => Sql;
  private readonly batchSize: number;
  private readonly fallback: SearchEngine | undefined;
  private warnedAt = 0;

  constructor(options: MeilisearchEngineOptions) {
    this.client = new Meilisearch({ host: options.host, apiKey: options.apiKey, timeout: SEARCH_TIMEOUT_MS });
    this.probe = new Meilisearch({ host: options.host, apiKey: options.apiKey, timeout: PROBE_TIMEOUT_MS });
    this.db = options.db;
    this.indexUid = options.indexUid ?? 'offers';
    this.batchSize = options.batchSize ?? 5000;
    this.fallback = options.fallback;
  }

  async search(input: EngineQuery): Promise<EngineResult> {
    // A caller that didn't go through the shared understanding (tests, scripts) gets it here.
    const query = input.words
      ? input
      : applyUnderstanding(input, understand(input.q, { categories: input.category }));
    try {
      return await this.searchIndex(query);
    } catch (error) {
      // A request Meilisearch refused as wrong (4xx other than a missing index) is our bug:
      // let it surface. A missing index, a 5xx, a timeout or a network error falls back.
      const refused =
        error instanceof MeilisearchApiError && !isNotFound(error) && (error.response?.status ?? 500) < 500;
      if (!this.fallback || refused) throw error;
      if (Date.now() - this.warnedAt >= WARN_EVERY_MS) {
        this.warnedAt = Date.now();
        getLogger().warn(
          { index: this.indexUid, reason: isNotFound(error) ? 'no index yet' : 'unreachable' },
          'Meilisearch could not answer (no index yet: run npm run search:rebuild); answering with PostgreSQL',
        );
      }
      return this.fallback.search(query);
    }
  }

  /**
   * All words first; when that finds nothing, the shared ladder (search/relax.ts) with each
   * word's own count, one count-only multi-search for all of them.
   */
  private async searchIndex(query: EngineQuery): Promise<EngineResult> {
    const groups = query.words ?? [];
    const known = await this.lexicon(groups);
    const first = await this.run(query, { q: queryText(groups, known) });
    if (first.total > 0 || groups.length === 0) return { ...first, relaxed: null, missing: [] };
    const { results } = await this.client.multiSearch({
      queries: groups.map(
        (g): MultiSearchQuery => ({
          indexUid: this.indexUid,
          q: queryText([g], known),
          matchingStrategy: 'all',
          page: 1,
          hitsPerPage: 0,
        }),
      ),
    });
    const counts = results.map((r) => r.totalHits ?? 0);
    let relaxed: Relaxation | null = null;
    let answer = first;
    for (const step of relaxationSteps(groups, counts, query.category)) {
      const widened = await this.run(query, {
        q: queryText(step.groups, known),
        any: step.any,
        categories: step.categories,
      });
      if (widened.total > 0) {
        answer = widened;
        relaxed = describeRelaxation(step);
        break;
      }
    }
    return { ...answer, relaxed, missing: missingTopics(groups, counts) };
  }

  /** One search: the hits with facet counts, then the page offers' best runs and run counts. */
  private async run(query: EngineQuery, text: PlanText): Promise<Omit<EngineResult, 'relaxed' | 'missing'>> {
    const plan = planSearch(query, this.indexUid, text);
    const { results } = await this.client.multiSearch({ queries: plan.queries });
    const main = results[0];
    const window = diversityWindow(query);
    if (main && window) {
      // The first pages from a window of the best hits: providers interleaved where scores tie.
      // As in PostgreSQL (ADR 017): the topics' usual category and the reader's language of
      // instruction lift a hit among near-equal scores (Meilisearch's scores lie in 0…1).
      const offset = (query.page - 1) * query.perPage;
      const boosted = new Set<string>(categoriesOf(query.words ?? []));
      const score = (h: Record<string, unknown>) =>
        Number(h._rankingScore ?? 0) +
        (boosted.has(String(h.category)) ? CATEGORY_BOOST : 0) +
        (query.uiLanguage && h.language === query.uiLanguage ? LANGUAGE_BOOST : 0);
      const ranked = main.hits
        .map((h, i) => ({ h, i, s: score(h) }))
        .sort((a, b) => b.s - a.s || a.i - b.i)
        .map((x) => x.h);
      main.hits = diversify(ranked, query.perPage, score, (h) => Number(h.provider_id ?? 0)).slice(
        offset,
        offset + query.perPage,
      );
    }
    const offerIds = (main?.hits ?? [])
      .map((hit) => hit.offer_id)
      .filter((id): id is number => typeof id === 'number');
    if (offerIds.length === 0) return toSearchResult(query, plan.parts, results);
    // Second round: each offer's best run (nearest / next to start) and its matching-run count.
    const second = await this.client.multiSearch({ queries: planRunQueries(query, this.indexUid, offerIds) });
    const [best, counts] = second.results;
    return toSearchResult(query, plan.parts, results, { best, counts });
  }

  /**
   * Runs under way change their place when sorted by start every day (documents.ts,
   * `sort_start`): the nightly job rewrites the documents of offers with a joinable run
   * under way (and of runs that started since yesterday).
   */
  async resyncStarted(today = todayInBerlin()): Promise<number> {
    const ids = await offersUnderWay(this.db(), today);
    if (ids.length > 0) await this.syncOffers(ids);
    return ids.length;
  }

  async syncOffers(offerIds: number[]): Promise<void> {
    const ids = [...new Set(offerIds)].filter((id) => Number.isSafeInteger(id));
    if (ids.length === 0) return;
    const rebuilding = await this.runningRebuild();
    if (rebuilding) throw new SearchRebuildInProgressError(rebuilding);
    if (!(await this.indexExists(this.indexUid))) {
      // No live index yet (a fresh server): build it whole, with its settings.
      await this.rebuild();
      return;
    }
    const today = todayInBerlin();
    const documents = (await searchDocumentRows(this.db(), ids)).map((row) => toDocument(row, today));
    const index = this.client.index(this.indexUid);
    // Enqueued one after another: Meilisearch applies an index's tasks in the order it receives them.
    const tasks: EnqueuedTask[] = [];
    for (const chunk of chunks(ids, DELETE_CHUNK)) {
      tasks.push(await index.deleteDocuments({ filter: `offer_id IN [${chunk.join(', ')}]` }));
    }
    for (const chunk of chunks(documents, this.batchSize)) {
      tasks.push(await index.addDocuments(chunk, { primaryKey: 'id' }));
    }
    for (const task of tasks) await this.waitFor(task, TASK_TIMEOUT_MS);
    getLogger().info({ offers: ids.length, documents: documents.length }, 'Search index synced');
  }

  /**
   * Builds every document into a fresh index with current settings, then swaps it with the
   * live one in one atomic task: readers see the old index until the new one is complete.
   */
  async rebuild(): Promise<void> {
    const logger = getLogger();
    const started = Date.now();
    const fresh = `${this.indexUid}_${started}`;
    await this.waitFor(await this.client.createIndex(fresh, { primaryKey: 'id' }), TASK_TIMEOUT_MS);
    let documents = 0;
    try {
      const index = this.client.index(fresh);
      await this.waitFor(await index.updateSettings(buildSettings()), TASK_TIMEOUT_MS);
      // Enqueue every batch, then wait: Meilisearch indexes while the next batch is read.
      const tasks: EnqueuedTask[] = [];
      const today = todayInBerlin();
      for await (const rows of searchDocumentBatches(this.db(), { batchSize: this.batchSize })) {
        tasks.push(
          await index.addDocuments(
            rows.map((row) => toDocument(row, today)),
            { primaryKey: 'id' },
          ),
        );
        documents += rows.length;
      }
      for (const task of tasks) await this.waitFor(task, REBUILD_TASK_TIMEOUT_MS);
      if (!(await this.indexExists(this.indexUid))) {
        await this.waitFor(
          await this.client.createIndex(this.indexUid, { primaryKey: 'id' }),
          TASK_TIMEOUT_MS,
        );
      }
      // `rename` (v1.18+) is left out: its default is a swap, and older servers refuse the field.
      const swap = { indexes: [this.indexUid, fresh] } as Omit<IndexSwap, 'rename'> as IndexSwap;
      await this.waitFor(await this.client.swapIndexes([swap]), TASK_TIMEOUT_MS);
    } finally {
      // After the swap `fresh` holds the old documents; after a failure, a half-built index.
      await this.client
        .deleteIndex(fresh)
        .then((task) => this.waitFor(task, TASK_TIMEOUT_MS))
        .catch((error: unknown) =>
          logger.warn({ err: error, index: fresh }, 'Could not delete rebuild index'),
        );
    }
    this.lastRebuildDocuments = documents;
    await this.removeStaleRebuilds();
    logger.info({ index: this.indexUid, documents, ms: Date.now() - started }, 'Search index rebuilt');
  }

  /** True when the server answers within a moment (a missing index is handled by `search`). */
  async health(): Promise<boolean> {
    try {
      return (await this.probe.health()).status === 'available';
    } catch {
      return false;
    }
  }

  /** Which of the query's compounds and stems the catalogue knows; null (compounds stay whole) if unsure. */
  private async lexicon(groups: WordGroup[]): Promise<ReadonlySet<string> | null> {
    const lookups = compoundLookups(groups);
    if (lookups.length === 0) return null;
    try {
      return await knownWords(this.db(), lookups);
    } catch (error) {
      getLogger().warn({ err: error }, 'Lexicon look-up failed; compounds searched whole');
      return null;
    }
  }

  private async waitFor(enqueued: EnqueuedTask, timeout: number): Promise<Task> {
    const task = await this.client.tasks.waitForTask(enqueued.taskUid, { timeout, interval: 100 });
    if (task.status !== 'succeeded') {
      throw new Error(
        `Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? 'no details'}`,
      );
    }
    return task;
  }

  private async indexExists(uid: string): Promise<boolean> {
    try {
      await this.client.getRawIndex(uid);
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /** The rebuild indexes (`<live>_<timestamp>`) on the server, with their start times. */
  private async rebuildIndexes(): Promise<{ uid: string; started: number }[]> {
    const pattern = new RegExp(`^${this.indexUid.replace(/[^a-zA-Z0-9]/g, '\\$&')}_(\\d{13})$`);
    const found: { uid: string; started: number }[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await this.client.getRawIndexes({ offset, limit: 100 });
      for (const { uid } of page.results) {
        const match = pattern.exec(uid);
        if (match) found.push({ uid, started: Number(match[1]) });
      }
      if (page.results.length < 100) return found;
    }
  }

  private async runningRebuild(): Promise<string | null> {
    const now = Date.now();
    return (await this.rebuildIndexes()).find((r) => now - r.started < STALE_REBUILD_MS)?.uid ?? null;
  }

  /** Rebuild indexes a crash left behind would otherwise keep deferring syncs until they age out. */
  private async removeStaleRebuilds(): Promise<void> {
    const now = Date.now();
    for (const { uid } of (await this.rebuildIndexes()).filter((r) => now - r.started >= STALE_REBUILD_MS)) {
      await this.client.deleteIndexIfExists(uid).catch(() => false);
    }
  }
}
