import { getEnv } from '../app/utils/env.server';
import { getLogger } from '../app/utils/logger.server';
import { getSql } from '../db/client.server';
import { MeilisearchEngine } from './meilisearch/engine.server';
import { PostgresSearchEngine } from './postgres/engine.server';
import type { SearchEngine } from './types';

/**
 * Which search engine serves queries. PostgreSQL is the default and the fallback;
 * Meilisearch is used when MEILISEARCH_URL is set and its server answers. Otherwise the
 * portal keeps working on PostgreSQL and says so in the log; before Meilisearch's first
 * rebuild (no index yet) its engine hands searches to PostgreSQL itself.
 */
export type EngineName = 'postgres' | 'meilisearch';

export function configuredEngine(): EngineName {
  return getEnv().MEILISEARCH_URL ? 'meilisearch' : 'postgres';
}

const g = globalThis as unknown as {
  __wegweiserSearch?: {
    postgres: PostgresSearchEngine;
    meilisearch: MeilisearchEngine | null;
    meilisearchUrl: string | undefined;
    healthy: boolean;
    checkedUntil: number;
    pending: Promise<boolean> | null;
    warnedAt: number;
  };
};

/** How long a health verdict is reused: a probe per search would double the latency. */
const HEALTHY_FOR_MS = 15_000;
const UNHEALTHY_FOR_MS = 5_000;
const WARN_EVERY_MS = 60_000;

// Shared through globalThis: the server and the Remix bundle load this module as two copies.
function state() {
  const url = getEnv().MEILISEARCH_URL;
  let s = g.__wegweiserSearch;
  if (!s || s.meilisearchUrl !== url) {
    const postgres = s?.postgres ?? new PostgresSearchEngine(getSql);
    s = {
      postgres,
      // PostgreSQL answers whenever Meilisearch can't (no index yet, down, timing out).
      meilisearch: url
        ? new MeilisearchEngine({
            host: url,
            apiKey: getEnv().MEILISEARCH_KEY,
            db: getSql,
            fallback: postgres,
          })
        : null,
      meilisearchUrl: url,
      healthy: false,
      checkedUntil: 0,
      pending: null,
      warnedAt: 0,
    };
    g.__wegweiserSearch = s;
  }
  return s;
}

/**
 * The Meilisearch engine when it is configured, reachable or not: for the jobs and the
 * rebuild script, which must write to it (and fail loudly) rather than fall back.
 */
export function meilisearchEngine(): MeilisearchEngine | null {
  return state().meilisearch;
}

async function meilisearchUsable(): Promise<boolean> {
  const s = state();
  if (!s.meilisearch) return false;
  if (Date.now() < s.checkedUntil) return s.healthy;
  // Concurrent requests share one probe.
  s.pending ??= s.meilisearch
    .health()
    .catch(() => false)
    .then((healthy) => {
      s.healthy = healthy;
      s.checkedUntil = Date.now() + (healthy ? HEALTHY_FOR_MS : UNHEALTHY_FOR_MS);
      s.pending = null;
      if (!healthy && Date.now() - s.warnedAt >= WARN_EVERY_MS) {
        s.warnedAt = Date.now();
        getLogger().warn(
          { engine: 'meilisearch', fallback: 'postgres' },
          'Meilisearch is configured but not reachable; searching with PostgreSQL',
        );
      }
      return healthy;
    });
  return s.pending;
}

/** The engine for this request. */
export async function getSearchEngine(): Promise<SearchEngine> {
  const s = state();
  return s.meilisearch && (await meilisearchUsable()) ? s.meilisearch : s.postgres;
}

/** For /healthz: the engine searches are answered by right now. */
export async function activeEngineName(): Promise<EngineName> {
  return (await getSearchEngine()).name;
}

/** The `search-sync` job: PostgreSQL's rows were refreshed in the change's transaction already. */
export async function syncSearchIndex(offerIds: number[]): Promise<void> {
  await meilisearchEngine()?.syncOffers(offerIds);
}

/**
 * The nightly `search-started` job: in Meilisearch a joinable run under way sorts by start
 * as if it started on the day its document was written (`sort_start`), so those documents
 * are rewritten after midnight. PostgreSQL computes max(start, today) per search and needs
 * nothing.
 */
export async function resyncStartedRuns(): Promise<number> {
  return (await meilisearchEngine()?.resyncStarted()) ?? 0;
}
