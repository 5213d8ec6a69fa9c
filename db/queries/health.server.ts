import type { Db } from '../client.server';

export async function ping(sql: Db): Promise<void> {
  await sql`select 1`;
}

export interface OperationalRow {
  search_version: number;
  connections: { state: string; n: number }[];
  jobs: { name: string; state: string; n: number }[];
  failed_24h: { name: string; n: number }[];
}

/**
 * Figures for /metrics in one round trip: the search catalogue version, this process's
 * connections by state, and the job queue by queue and state (pg-boss's own table; the
 * schema may not exist yet in a fresh database).
 */
export async function operationalFigures(sql: Db, applicationName: string): Promise<OperationalRow> {
  const [row] = await sql<OperationalRow[]>`
    select
      (select version from search_state) as search_version,
      coalesce((select json_agg(json_build_object('state', coalesce(state, 'unknown'), 'n', n))
                from (select state, count(*)::int as n from pg_stat_activity
                      where application_name = ${applicationName} group by state) c), '[]') as connections,
      coalesce((select json_agg(json_build_object('name', name, 'state', state, 'n', n))
                from (select name, state::text, count(*)::int as n from pgboss.job
                      where state in ('created', 'retry', 'active') group by name, state) j), '[]') as jobs,
      coalesce((select json_agg(json_build_object('name', name, 'n', n))
                from (select name, count(*)::int as n from pgboss.job
                      where state = 'failed' and completed_on > now() - interval '24 hours' group by name) f), '[]') as failed_24h`;
  return row!;
}
