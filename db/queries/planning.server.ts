import type { Db } from '../client.server';

/**
 * Planning (issue 20): the areas with their inhabitants, the nightly aggregation of the
 * anonymous sources into monthly counts, and what the reports read. Every reading query
 * returns raw counts; suppression happens in app/modules/planning before anything leaves
 * the server. Day boundaries are Europe/Berlin.
 */

// ---- areas -----------------------------------------------------------------------------

export interface AreaRow {
  code: string;
  name: string;
  kind: 'district' | 'municipality';
  inhabitants: number;
  postcodes: string[];
}

export async function listAreas(db: Db): Promise<AreaRow[]> {
  return db<AreaRow[]>`
    select a.code, a.name, a.kind, a.inhabitants,
      coalesce((select array_agg(p.postcode order by p.postcode) from planning_area_postcodes p where p.area_code = a.code), '{}') as postcodes
    from planning_areas a order by a.sort_order, a.name`;
}

/** Replaces the whole table (an upload is the office's current one, not a patch). */
export async function replaceAreas(db: Db, areas: readonly AreaRow[]): Promise<void> {
  await db`delete from planning_areas`;
  if (areas.length === 0) return;
  await db`
    insert into planning_areas ${db(
      areas.map((a, i) => ({
        code: a.code,
        name: a.name,
        kind: a.kind,
        inhabitants: a.inhabitants,
        sort_order: i,
      })),
    )}`;
  const postcodes = areas.flatMap((a) => a.postcodes.map((postcode) => ({ postcode, area_code: a.code })));
  if (postcodes.length > 0) await db`insert into planning_area_postcodes ${db(postcodes)}`;
  await db`
    insert into planning_place_areas (place, area_code)
    select 'plz:' || postcode, area_code from planning_area_postcodes
    union all
    select 'name:' || ww_fold(name), code from planning_areas
    on conflict (place) do nothing`;
}

export interface AreasMeta {
  source: 'demo' | 'upload';
  /** The date the figures refer to (the office's "Stand"). */
  asOf: string;
  loadedAt: string;
}

export async function areasMeta(db: Db): Promise<AreasMeta | null> {
  const [row] = await db<{ value: AreasMeta }[]>`select value from app_meta where key = 'planning_areas'`;
  return row?.value ?? null;
}

export async function setAreasMeta(db: Db, meta: AreasMeta): Promise<void> {
  await db`
    insert into app_meta (key, value) values ('planning_areas', ${db.json(meta as never)})
    on conflict (key) do update set value = excluded.value, updated_at = now()`;
}

// ---- the nightly aggregation ------------------------------------------------------------

export type IncrementalSource = 'search' | 'assessment';
export type RecomputedSource = 'counselling' | 'slots';

/** The last day already counted (YYYY-MM-DD), or null before the first run. */
export async function doneThrough(db: Db, source: string): Promise<string | null> {
  const [row] = await db<{ day: string }[]>`
    select done_through::text as day from planning_aggregation where source = ${source}`;
  return row?.day ?? null;
}

export async function setDoneThrough(db: Db, source: string, day: string): Promise<void> {
  await db`
    insert into planning_aggregation (source, done_through) values (${source}, ${day}::date)
    on conflict (source) do update set done_through = excluded.done_through, updated_at = now()`;
}

/** The first day (Berlin) a source has anything for, or null when it is empty. */
export async function firstSearchDay(db: Db): Promise<string | null> {
  const [row] = await db<{ day: string | null }[]>`
    select (min(searched_at) at time zone 'Europe/Berlin')::date::text as day from search_log`;
  return row?.day ?? null;
}

export async function firstAssessmentDay(db: Db): Promise<string | null> {
  const [row] = await db<{ day: string | null }[]>`
    select (min(finished_at) at time zone 'Europe/Berlin')::date::text as day from assessments where finished_at is not null`;
  return row?.day ?? null;
}

/** Instants of the Berlin days [from, to): the SQL range of a run of whole days. */
const berlinDay = (db: Db, day: string) => db`(${day}::date::timestamp at time zone 'Europe/Berlin')`;

/**
 * Adds the searches of the days [from, to) to the monthly counts. The place is the one
 * district filter, else the postcode or place searched near; the category the one chosen
 * ('none', 'several'). Strings of searches with no or few (1–5) hits are counted apart,
 * normalised (folded at logging; here lower case, single spaces, 80 characters), except
 * those with an @ or four digits in a row (addresses, phone numbers: never listed).
 */
export async function aggregateSearches(db: Db, from: string, to: string): Promise<number> {
  const rows = await db<{ n: number }[]>`
    with s as (
      select date_trunc('month', searched_at at time zone 'Europe/Berlin')::date as month,
        case
          when jsonb_typeof(filters -> 'district') = 'array' and jsonb_array_length(filters -> 'district') = 1
            then 'name:' || ww_fold(filters -> 'district' ->> 0)
          when filters ->> 'near' ~ '^[0-9]{5}$' then 'plz:' || (filters ->> 'near')
          when coalesce(filters ->> 'near', '') <> '' then 'name:' || ww_fold(filters ->> 'near')
          else ''
        end as place,
        case
          when jsonb_typeof(filters -> 'category') <> 'array' or jsonb_array_length(filters -> 'category') = 0 then 'none'
          when jsonb_array_length(filters -> 'category') = 1 then filters -> 'category' ->> 0
          else 'several'
        end as category,
        case when hits = 0 then 'zero' when hits <= 5 then 'few' else 'more' end as outcome,
        left(btrim(regexp_replace(lower(query), '\\s+', ' ', 'g')), 80) as term
      from search_log
      where searched_at >= ${berlinDay(db, from)} and searched_at < ${berlinDay(db, to)}
    ),
    counts as (
      insert into planning_search_monthly as m (month, place, category, outcome, searches)
      select month, place, category, outcome, count(*)::int from s group by 1, 2, 3, 4
      on conflict (month, place, category, outcome) do update set searches = m.searches + excluded.searches
      returning 1
    ),
    terms as (
      insert into planning_search_terms_monthly as t (month, term, place, outcome, searches)
      select month, term, place, outcome, count(*)::int from s
      where outcome <> 'more' and term <> '' and term !~ '@' and term !~ '[0-9]{4}'
      group by 1, 2, 3, 4
      on conflict (month, term, place, outcome) do update set searches = t.searches + excluded.searches
      returning 1
    )
    select (select count(*) from s)::int as n, (select count(*) from counts), (select count(*) from terms)`;
  return rows[0]?.n ?? 0;
}

/**
 * Adds the self-assessments finished on the days [from, to): one 'total' per assessment,
 * its goals, the categories of its recommendations, its barriers and the times of day it
 * asks for. Barriers: childcare needed; only evenings or weekends; a budget of at most
 * 100 euros; German below B1. Health answers are never read.
 */
export async function aggregateAssessments(db: Db, from: string, to: string): Promise<number> {
  const rows = await db<{ n: number }[]>`
    with a as (
      select date_trunc('month', finished_at at time zone 'Europe/Berlin')::date as month,
        case when answers ->> 'postcode' ~ '^[0-9]{5}$' then 'plz:' || (answers ->> 'postcode') else '' end as place,
        case when jsonb_typeof(answers -> 'goals') = 'array' then answers -> 'goals' else '[]'::jsonb end as goals,
        case when jsonb_typeof(answers -> 'times') = 'array' then answers -> 'times' else '[]'::jsonb end as times,
        answers ->> 'childcare' as childcare, answers ->> 'budget' as budget,
        result -> 'levels' ->> 'german' as german,
        case when jsonb_typeof(result -> 'groups') = 'array' then result -> 'groups' else '[]'::jsonb end as groups
      from assessments
      where finished_at >= ${berlinDay(db, from)} and finished_at < ${berlinDay(db, to)}
    ),
    d as (
      select month, place, 'total' as dimension, '' as value from a
      union all
      select month, place, 'goal', g from a cross join lateral jsonb_array_elements_text(a.goals) g
      union all
      select month, place, 'time', x from a cross join lateral jsonb_array_elements_text(a.times) x
      union all
      select month, place, 'category', c from a cross join lateral (
        select distinct c from jsonb_array_elements(a.groups) gr
        cross join lateral jsonb_array_elements_text(
          case when jsonb_typeof(gr -> 'filter' -> 'category') = 'array' then gr -> 'filter' -> 'category' else '[]'::jsonb end) c
      ) cs
      union all
      select month, place, 'barrier', 'childcare' from a where childcare = 'yes'
      union all
      select month, place, 'barrier', 'times' from a
      where jsonb_array_length(times) > 0 and not times ? 'morning' and not times ? 'afternoon'
      union all
      select month, place, 'barrier', 'cost' from a where budget in ('free', 'up_to_100')
      union all
      select month, place, 'barrier', 'language' from a where german in ('none', 'A1', 'A2')
    ),
    ins as (
      insert into planning_assessment_monthly as m (month, place, dimension, value, assessments)
      select month, place, dimension, value, count(*)::int from d group by 1, 2, 3, 4
      on conflict (month, place, dimension, value) do update set assessments = m.assessments + excluded.assessments
      returning 1
    )
    select (select count(*) from a)::int as n, (select count(*) from ins)`;
  return rows[0]?.n ?? 0;
}

/**
 * Recomputes the counselling counts from every appointment before `today` (Berlin): the
 * rows stay after erasure, and an outcome may be recorded late, so the whole table is
 * rebuilt each night. Expired holds were never appointments; the future is not counted.
 */
export async function recomputeCounselling(db: Db, today: string): Promise<number> {
  await db`delete from planning_counselling_monthly`;
  const rows = await db<{ n: number }[]>`
    with ins as (
      insert into planning_counselling_monthly (month, place, topic, channel, language, outcome, wait_days, appointments)
      select date_trunc('month', lower(a.period) at time zone 'Europe/Berlin')::date,
        case when a.channel = 'in_person' and o.postcode is not null then 'plz:' || o.postcode else '' end,
        t.slug, a.channel, a.language,
        case a.status when 'held' then 'held' when 'no_show' then 'no_show' when 'cancelled' then 'cancelled' else 'unrecorded' end,
        greatest(0, (lower(a.period) at time zone 'Europe/Berlin')::date - (a.created_at at time zone 'Europe/Berlin')::date),
        count(*)::int
      from appointments a
      join counselling_topics t on t.id = a.topic_id
      left join offices o on o.id = a.office_id
      where lower(a.period) < ${berlinDay(db, today)} and a.status in ('held', 'no_show', 'cancelled', 'booked')
      group by 1, 2, 3, 4, 5, 6, 7
      returning appointments
    )
    select coalesce(sum(appointments), 0)::int as n from ins`;
  return rows[0]?.n ?? 0;
}

/** Who could be offered a slot, per topic: each active counsellor's channels, offices and languages. */
export interface SlotUniverseRow {
  topic_id: number;
  counsellor_id: number;
  channels: string[];
  languages: string[];
  offices: string[];
}

export async function slotUniverse(db: Db): Promise<SlotUniverseRow[]> {
  return db<SlotUniverseRow[]>`
    select ct.topic_id, c.id as counsellor_id, c.channels, c.languages,
      coalesce((select array_agg(o.slug order by o.slug) from counsellor_offices co
        join offices o on o.id = co.office_id and o.active where co.counsellor_id = c.id), '{}') as offices
    from counsellor_topics ct
    join counsellors c on c.id = ct.counsellor_id and c.active
    join counselling_topics t on t.id = ct.topic_id and t.active`;
}

export interface SnapshotRow {
  topic: string;
  office: string;
  channel: string;
  language: string;
  days_to_first: number | null;
  window_days: number;
}

export async function replaceSnapshot(db: Db, day: string, rows: readonly SnapshotRow[]): Promise<void> {
  await db`delete from planning_slot_snapshots where day = ${day}::date`;
  if (rows.length === 0) return;
  await db`insert into planning_slot_snapshots ${db(rows.map((r) => ({ ...r, day })))}`;
}

// ---- reading: searches ----------------------------------------------------------------

export interface Range {
  /** First day of the first month and of the month after the last (YYYY-MM-DD). */
  start: string;
  end: string;
  /** One area's code, or undefined for the whole region. */
  area?: string;
}

/** '' stands for "no area": a place outside the region, unknown, or none (phone, online). */
const areaWhere = (db: Db, r: Range) => (r.area ? db`and coalesce(pa.area_code, '') = ${r.area}` : db``);

export interface SearchCountRow {
  area: string;
  category: string;
  outcome: 'zero' | 'few' | 'more';
  month: string;
  searches: number;
}

/** The expressions a report may group a table by (a fixed list: nothing from a request). */
const GROUPABLE = {
  area: "coalesce(pa.area_code, '')",
  month: "to_char(x.month, 'YYYY-MM')",
  category: 'x.category',
  outcome: 'x.outcome',
  topic: 'x.topic',
  channel: 'x.channel',
  language: 'x.language',
  wait_days: 'x.wait_days',
  dimension: 'x.dimension',
  value: 'x.value',
} as const;
type Groupable = keyof typeof GROUPABLE;

function grouped(db: Db, table: string, measure: string, r: Range, by: readonly Groupable[]) {
  const columns = by.map((d) => `${GROUPABLE[d]} as ${d}`).join(', ');
  const groups = by.map((_, i) => String(i + 1)).join(', ');
  return db`
    select ${db.unsafe(columns)}, sum(x.${db.unsafe(measure)})::int as n
    from ${db.unsafe(table)} x
    left join planning_place_areas pa on pa.place = x.place
    where x.month >= ${r.start}::date and x.month < ${r.end}::date ${areaWhere(db, r)}
    group by ${db.unsafe(groups)}`;
}

type Row<K extends Groupable> = { [P in K]: P extends 'wait_days' ? number : string } & { n: number };

/** Searches in the range, summed by the given dimensions (area, category, outcome, month). */
export function searchCounts<K extends 'area' | 'category' | 'outcome' | 'month'>(
  db: Db,
  r: Range,
  by: readonly K[],
): Promise<Row<K>[]> {
  return grouped(db, 'planning_search_monthly', 'searches', r, by) as unknown as Promise<Row<K>[]>;
}

/** Search strings with no results, reaching `min` searches in the range (and area). */
export async function frequentTerms(
  db: Db,
  r: Range,
  options: { min: number; limit: number; outcome: 'zero' | 'few' },
): Promise<{ term: string; searches: number }[]> {
  return db<{ term: string; searches: number }[]>`
    select t.term, sum(t.searches)::int as searches
    from planning_search_terms_monthly t
    left join planning_place_areas pa on pa.place = t.place
    where t.month >= ${r.start}::date and t.month < ${r.end}::date and t.outcome = ${options.outcome} ${areaWhere(db, r)}
    group by t.term
    having sum(t.searches) >= ${options.min}
    order by sum(t.searches) desc, t.term
    limit ${options.limit}`;
}

// ---- reading: supply (live from the catalogue) --------------------------------------------

/**
 * The area of each distinct district name of the search runs, as the CTE `run_places`
 * (district '' for none): folding the name (unaccent) once per run cost about a quarter
 * of a second over the whole catalogue; once per distinct name it costs nothing.
 */
const runPlaces = (db: Db) => db`
  run_places as (
    select d.district, pa.area_code
    from (select distinct coalesce(district, '') as district from search_runs) d
    join planning_place_areas pa on pa.place = 'name:' || ww_fold(d.district)
  )`;

export interface SupplyRunRow {
  offer_id: number;
  category: string;
  format: string;
  time: string;
  price: string;
  access: string;
  area: string;
}

/**
 * The published runs (of published offers of approved providers: the search rows) that
 * take place in the range: starting before its end and not ended before its start. A run
 * without dates counts as ongoing. Place: the venue's postcode, else its district name.
 */
export async function supplyRuns(db: Db, r: Range): Promise<SupplyRunRow[]> {
  return db<SupplyRunRow[]>`
    with ${runPlaces(db)}
    select sr.offer_id, sr.category, sr.format,
      case when sr.weekend then 'weekend' else coalesce(sr.time_of_day, 'unknown') end as time,
      case when sr.price_cents is null then 'unknown' when sr.price_cents = 0 then 'free'
        when sr.price_cents <= 10000 then 'up_to_100' when sr.price_cents <= 50000 then 'up_to_500'
        else 'over_500' end as price,
      case when sr.accessible then 'yes' when not sr.accessible then 'no' else 'unknown' end as access,
      coalesce(byPostcode.area_code, byName.area_code, '') as area
    from search_runs sr
    join runs ru on ru.id = sr.run_id
    left join venues v on v.id = ru.venue_id
    left join planning_place_areas byPostcode on byPostcode.place = 'plz:' || v.postcode
    left join run_places byName on byName.district = coalesce(sr.district, '')
    where (sr.starts_on is null or sr.starts_on < ${r.end}::date)
      and (coalesce(sr.ends_on, sr.starts_on) is null or coalesce(sr.ends_on, sr.starts_on) >= ${r.start}::date)
      ${r.area ? db`and coalesce(byPostcode.area_code, byName.area_code, '') = ${r.area}` : db``}`;
}

/** Runs starting from `from` (inclusive) to `to` (exclusive), by category and month of start. */
export async function upcomingRuns(
  db: Db,
  from: string,
  to: string,
  area?: string,
): Promise<{ category: string; month: string; runs: number }[]> {
  return db<{ category: string; month: string; runs: number }[]>`
    with ${runPlaces(db)}
    select sr.category, to_char(sr.starts_on, 'YYYY-MM') as month, count(*)::int as runs
    from search_runs sr
    join runs ru on ru.id = sr.run_id
    left join venues v on v.id = ru.venue_id
    left join planning_place_areas byPostcode on byPostcode.place = 'plz:' || v.postcode
    left join run_places byName on byName.district = coalesce(sr.district, '')
    where sr.starts_on >= ${from}::date and sr.starts_on < ${to}::date
      ${area ? db`and coalesce(byPostcode.area_code, byName.area_code, '') = ${area}` : db``}
    group by 1, 2`;
}

/** Published offers whose last change is before `before`, per provider (name as the provider wrote it). */
export async function staleOffers(
  db: Db,
  before: Date,
  area?: string,
): Promise<{ provider: string; offers: number }[]> {
  return db<{ provider: string; offers: number }[]>`
    with ${runPlaces(db)}
    select p.name as provider, count(*)::int as offers
    from search_offers so
    join offers o on o.id = so.offer_id
    join providers p on p.id = o.provider_id
    where o.updated_at < ${before}
      ${
        area
          ? db`and exists (
              select 1 from search_runs sr join runs ru on ru.id = sr.run_id left join venues v on v.id = ru.venue_id
              left join planning_place_areas byPostcode on byPostcode.place = 'plz:' || v.postcode
              left join run_places byName on byName.district = coalesce(sr.district, '')
              where sr.offer_id = so.offer_id and coalesce(byPostcode.area_code, byName.area_code, '') = ${area})`
          : db``
      }
    group by p.name
    order by count(*) desc, p.name`;
}

// ---- reading: counselling -----------------------------------------------------------------

/** Past appointments in the range, summed by the given dimensions. */
export function counsellingCounts<
  K extends 'area' | 'month' | 'topic' | 'channel' | 'language' | 'outcome' | 'wait_days',
>(db: Db, r: Range, by: readonly K[]): Promise<Row<K>[]> {
  return grouped(db, 'planning_counselling_monthly', 'appointments', r, by) as unknown as Promise<Row<K>[]>;
}

export interface SnapshotReadRow {
  day: string;
  topic: string;
  office: string;
  area: string;
  channel: string;
  language: string;
  days_to_first: number | null;
}

/** The daily snapshots in the range (days, not months: one row per night). */
export async function snapshots(db: Db, r: Range): Promise<SnapshotReadRow[]> {
  return db<SnapshotReadRow[]>`
    select s.day::text as day, s.topic, s.office, coalesce(pa.area_code, '') as area, s.channel, s.language, s.days_to_first
    from planning_slot_snapshots s
    left join offices o on o.slug = s.office
    left join planning_place_areas pa on pa.place = 'plz:' || o.postcode
    where s.day >= ${r.start}::date and s.day < ${r.end}::date ${areaWhere(db, r)}`;
}

/**
 * Per topic over the range: each night's first free slot in `language` on any channel
 * and office, as the median (of the nights) and the longest.
 */
export async function snapshotTrend(
  db: Db,
  r: Range,
  language: string,
): Promise<{ topic: string; median: number; max: number }[]> {
  return db<{ topic: string; median: number; max: number }[]>`
    with nightly as (
      select s.topic, s.day, min(s.days_to_first) as days
      from planning_slot_snapshots s
      left join offices o on o.slug = s.office
      left join planning_place_areas pa on pa.place = 'plz:' || o.postcode
      where s.day >= ${r.start}::date and s.day < ${r.end}::date and s.language = ${language}
        and s.days_to_first is not null ${areaWhere(db, r)}
      group by s.topic, s.day
    )
    select topic, (percentile_cont(0.5) within group (order by days))::float8 as median, max(days)::int as max
    from nightly group by topic`;
}

export async function latestSnapshotDay(db: Db): Promise<string | null> {
  const [row] = await db<{ day: string | null }[]>`select max(day)::text as day from planning_slot_snapshots`;
  return row?.day ?? null;
}

/** Topic slugs and office slugs with their names, for labels. */
export async function counsellingLabels(db: Db) {
  const [topics, offices] = await Promise.all([
    db<{ slug: string; name: Record<string, string>; sort_order: number }[]>`
      select slug, name, sort_order from counselling_topics order by sort_order, slug`,
    db<{ slug: string; name: string }[]>`select slug, name from offices order by name`,
  ]);
  return { topics, offices };
}

// ---- reading: self-assessment -------------------------------------------------------------

/** Finished self-assessments in the range, summed by the given dimensions. */
export function assessmentCounts<K extends 'area' | 'month' | 'dimension' | 'value'>(
  db: Db,
  r: Range,
  by: readonly K[],
): Promise<Row<K>[]> {
  return grouped(db, 'planning_assessment_monthly', 'assessments', r, by) as unknown as Promise<Row<K>[]>;
}
