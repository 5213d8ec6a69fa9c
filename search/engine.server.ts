import { getEnv } from '../app/utils/env.server';

/**
 * Which search engine serves queries. PostgreSQL is the default and the fallback;
 * Meilisearch is used when MEILISEARCH_URL is set (the catalogue issue adds both engines).
 */
export type EngineName = 'postgres' | 'meilisearch';

export function configuredEngine(): EngineName {
  return getEnv().MEILISEARCH_URL ? 'meilisearch' : 'postgres';
}
