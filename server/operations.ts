import { timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { checkHealth, readOperationalFigures } from '../app/modules/health/health.server';
import type { Gate } from './gate';
import { gauge, type Metrics } from './metrics';

/**
 * Endpoints for operators and load balancers, answered by the server itself (no app, no
 * session, no database for liveness):
 * - /healthz/live: 200 while the process can answer at all (restart it when this fails);
 * - /healthz/ready (and /healthz, with details): 200 when the database answers and the search
 *   index is loaded, 503 otherwise (send it no traffic meanwhile);
 * - /metrics: Prometheus text format. Not public: with METRICS_TOKEN set, only for
 *   `Authorization: Bearer <token>`; without, only from loopback and not through a proxy.
 *   Anyone else gets 404, as if it didn't exist.
 */

export function live(_req: Request, res: Response) {
  res.setHeader('Cache-Control', 'no-store');
  res.json({ status: 'ok' });
}

export async function ready(_req: Request, res: Response) {
  const health = await checkHealth();
  res.setHeader('Cache-Control', 'no-store');
  res.status(health.status === 'ok' ? 200 : 503).json(health);
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function metricsAllowed(req: Pick<Request, 'headers' | 'socket'>, token: string | undefined): boolean {
  if (token) {
    const header = req.headers.authorization ?? '';
    return header.startsWith('Bearer ') && sameSecret(header.slice('Bearer '.length), token);
  }
  // A proxy on the same machine connects from loopback too: its forwarded requests don't count.
  if (req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined) return false;
  return LOOPBACK.has(req.socket.remoteAddress ?? '');
}

/** The first time this process saw each search version: the index's age. */
let seenVersion: { version: number; at: number } | null = null;

export function metricsHandler(options: {
  metrics: Metrics;
  gate: Gate;
  token: string | undefined;
  startedAt: number;
}) {
  return async (req: Request, res: Response) => {
    if (!metricsAllowed(req, options.token)) {
      res.status(404).type('text/plain').end('Not found');
      return;
    }
    const figures = await readOperationalFigures();
    if (figures.searchVersion !== null && seenVersion?.version !== figures.searchVersion) {
      seenVersion = { version: figures.searchVersion, at: Date.now() };
    }
    const memory = process.memoryUsage();
    const lines = [
      ...options.metrics.render(),
      ...gauge('wegweiser_http_requests_in_flight', 'Requests being served now.', [
        [{}, options.gate.inFlight],
      ]),
      ...gauge('wegweiser_http_requests_queued', 'Requests waiting for a turn.', [[{}, options.gate.queued]]),
      ...gauge('wegweiser_db_up', 'Whether the database answered a ping within 2 s.', [
        [{}, figures.database.status === 'ok' ? 1 : 0],
      ]),
      ...gauge(
        'wegweiser_db_ping_seconds',
        'Round trip of the ping.',
        figures.database.latencyMs === undefined ? [] : [[{}, figures.database.latencyMs / 1000]],
      ),
      ...gauge(
        'wegweiser_db_pool_connections',
        "This process's database connections by state (pg_stat_activity).",
        figures.connections.map((c) => [{ state: c.state }, c.n]),
      ),
      ...gauge(
        'wegweiser_jobs',
        'Jobs waiting or running, by queue and state.',
        figures.jobs.map((j) => [{ queue: j.name, state: j.state }, j.n]),
      ),
      ...gauge(
        'wegweiser_jobs_failed_24h',
        'Jobs that failed for good in the last 24 hours, by queue.',
        figures.failed24h.map((j) => [{ queue: j.name }, j.n]),
      ),
      ...gauge(
        'wegweiser_search_index_version',
        'Version of the search catalogue (grows with every change).',
        figures.searchVersion === null ? [] : [[{}, figures.searchVersion]],
      ),
      ...gauge(
        'wegweiser_search_index_age_seconds',
        'Seconds since this process first saw the current search catalogue version.',
        seenVersion ? [[{}, Math.round((Date.now() - seenVersion.at) / 1000)]] : [],
      ),
      ...gauge('process_resident_memory_bytes', 'Resident memory.', [[{}, memory.rss]]),
      ...gauge('process_start_time_seconds', 'Start of the process (Unix time).', [
        [{}, Math.round(options.startedAt / 1000)],
      ]),
    ];
    res.setHeader('Cache-Control', 'no-store');
    res.type('text/plain; version=0.0.4; charset=utf-8').end(`${lines.join('\n')}\n`);
  };
}
