import type { Db } from '../client.server';

/**
 * The providers' own figures (issue 20): counters per offer and day, and what a provider's
 * statistics page reads. Every read is bound to one provider id: a provider never sees
 * another's offers.
 */

/**
 * One more appearance in search results for each offer (ids sorted, so concurrent requests
 * lock the counter rows in the same order and never deadlock).
 */
export async function countAppearances(db: Db, offerIds: readonly number[], day: string): Promise<void> {
  const ids = [...new Set(offerIds)].sort((a, b) => a - b);
  if (ids.length === 0) return;
  await db`
    insert into planning_offer_daily as d (offer_id, day, appearances)
    select u.id, ${day}::date, 1 from unnest(${ids}::bigint[]) as u(id)
    join offers o on o.id = u.id
    order by u.id
    on conflict (offer_id, day) do update set appearances = d.appearances + 1`;
}

export async function countOpen(db: Db, offerId: number, day: string): Promise<void> {
  await db`
    insert into planning_offer_daily as d (offer_id, day, opens)
    select ${offerId}, ${day}::date, 1 where exists (select 1 from offers o where o.id = ${offerId})
    on conflict (offer_id, day) do update set opens = d.opens + 1`;
}

export interface OfferFiguresRow {
  offer_id: number;
  title: string;
  status: string;
  appearances: number;
  opens: number;
}

/** The provider's offers (all, also those without a count) with their counts in [start, end). */
export async function offerFigures(
  db: Db,
  providerId: number,
  start: string,
  end: string,
): Promise<OfferFiguresRow[]> {
  return db<OfferFiguresRow[]>`
    select o.id as offer_id, o.title, o.status,
      coalesce(sum(d.appearances), 0)::int as appearances, coalesce(sum(d.opens), 0)::int as opens
    from offers o
    left join planning_offer_daily d on d.offer_id = o.id and d.day >= ${start}::date and d.day < ${end}::date
    where o.provider_id = ${providerId} and o.status <> 'archived'
    group by o.id
    order by coalesce(sum(d.appearances), 0) desc, o.title, o.id`;
}

/** The categories of the provider's published offers and the areas of its venues. */
export async function providerScope(
  db: Db,
  providerId: number,
): Promise<{ categories: string[]; areas: string[] }> {
  const [row] = await db<{ categories: string[]; areas: string[] }[]>`
    select
      coalesce((select array_agg(distinct o.category) from offers o
        where o.provider_id = ${providerId} and o.status = 'published'), '{}') as categories,
      coalesce((select array_agg(distinct coalesce(byPostcode.area_code, byName.area_code))
        from venues v
        left join planning_place_areas byPostcode on byPostcode.place = 'plz:' || v.postcode
        left join planning_place_areas byName on byName.place = 'name:' || ww_fold(v.district)
        where v.provider_id = ${providerId} and coalesce(byPostcode.area_code, byName.area_code) is not null), '{}') as areas`;
  return row ?? { categories: [], areas: [] };
}

/**
 * The provider's own referrals sent in [start, end), by the last state each reached: the
 * live ones (not withdrawn, not drafts) and the anonymous rows of erased cases
 * (referral_outcomes) — a referral is in exactly one of the two.
 */
export async function ownReferralStates(
  db: Db,
  providerId: number,
  start: string,
  end: string,
): Promise<{ outcome: string; n: number }[]> {
  return db<{ outcome: string; n: number }[]>`
    select outcome, count(*)::int as n from (
      select state as outcome from referrals
      where provider_id = ${providerId} and state <> 'draft' and withdrawn_at is null
        and sent_at >= (${start}::date::timestamp at time zone 'Europe/Berlin')
        and sent_at < (${end}::date::timestamp at time zone 'Europe/Berlin')
      union all
      select outcome from referral_outcomes
      where provider_id = ${providerId} and not withdrawn and month >= ${start}::date and month < ${end}::date
    ) x
    group by 1`;
}
