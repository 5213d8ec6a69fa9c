import type { Db } from '../client.server';

/** Published offers and the approved providers that have at least one. */
export async function countPublishedCatalogue(sql: Db): Promise<{ offers: number; providers: number }> {
  const [row] = await sql<{ offers: number; providers: number }[]>`
    select count(*)::int as offers, count(distinct o.provider_id)::int as providers
    from offers o
    join providers p on p.id = o.provider_id
    where o.status = 'published' and p.status = 'approved'`;
  return row ?? { offers: 0, providers: 0 };
}
