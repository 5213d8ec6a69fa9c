import { getSql } from '../../../db/client.server';
import { ping } from '../../../db/queries/health.server';
import { activeEngineName } from '../../../search/engine.server';

export interface Health {
  status: 'ok' | 'degraded';
  database: { status: 'ok' | 'error'; latencyMs?: number };
  search: { engine: string };
}

/** A cheap readiness report for load balancers and monitoring: no personal data, no secrets. */
export async function checkHealth(): Promise<Health> {
  const started = performance.now();
  let database: Health['database'];
  try {
    await Promise.race([
      ping(getSql()),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000)),
    ]);
    database = { status: 'ok', latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch {
    database = { status: 'error' };
  }
  return {
    status: database.status === 'ok' ? 'ok' : 'degraded',
    database,
    search: { engine: await activeEngineName() },
  };
}
