import { getSql } from '../../../db/client.server';
import { operationalFigures, ping } from '../../../db/queries/health.server';
import { activeEngineName } from '../../../search/engine.server';

export interface Health {
  status: 'ok' | 'degraded';
  database: { status: 'ok' | 'error'; latencyMs?: number };
  search: { engine: string; ready: boolean };
}

/** Shared by the server and the Remix bundle (two copies of this module). */
const g = globalThis as unknown as { __wegweiserSearchReady?: boolean };

/** The server calls this once the search index is loaded (readiness waits for it). */
export function markSearchReady() {
  g.__wegweiserSearchReady = true;
}

export function searchReady(): boolean {
  return g.__wegweiserSearchReady === true;
}

const PING_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Whether the database answers within 2 s, and how fast. */
export async function checkDatabase(): Promise<Health['database']> {
  const started = performance.now();
  try {
    await withTimeout(ping(getSql()), PING_TIMEOUT_MS);
    return { status: 'ok', latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch {
    return { status: 'error' };
  }
}

/**
 * Readiness for load balancers and monitoring (no personal data, no secrets): ready when the
 * database answers and the search index is loaded.
 */
export async function checkHealth(): Promise<Health> {
  const database = await checkDatabase();
  const ready = searchReady();
  return {
    status: database.status === 'ok' && ready ? 'ok' : 'degraded',
    database,
    search: { engine: await activeEngineName(), ready },
  };
}

export interface OperationalFigures {
  database: Health['database'];
  searchVersion: number | null;
  connections: { state: string; n: number }[];
  jobs: { name: string; state: string; n: number }[];
  failed24h: { name: string; n: number }[];
}

/** What /metrics reports from the database; empty figures while it doesn't answer. */
export async function readOperationalFigures(): Promise<OperationalFigures> {
  const database = await checkDatabase();
  const empty = { database, searchVersion: null, connections: [], jobs: [], failed24h: [] };
  if (database.status !== 'ok') return empty;
  try {
    const row = await withTimeout(operationalFigures(getSql(), `wegweiser:${process.pid}`), PING_TIMEOUT_MS);
    return {
      database,
      searchVersion: row.search_version,
      connections: row.connections,
      jobs: row.jobs,
      failed24h: row.failed_24h,
    };
  } catch {
    return empty;
  }
}
