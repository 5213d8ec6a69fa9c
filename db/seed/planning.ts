import { createHash } from 'node:crypto';
import { slugify } from '../../app/utils/slug';
import { addDays, isoWeekday, localToInstant } from '../../app/utils/zoned';
import { fold } from '../../search/vocabulary';
import type { Db } from '../client.server';
import * as q from '../queries/planning.server';
import { cityDistricts } from './content';
import { mixSeed, Random } from './random';

/**
 * Two years of anonymous planning activity for the demo (issue 20), deterministic like the
 * rest of the seed: the areas with a generated inhabitants table (marked as demo), the
 * searches, past appointments (anonymous rows, as the retention job leaves them), finished
 * self-assessments, nightly first-free-slot snapshots and offer counters.
 *
 * Two modes. The demo writes the monthly aggregates directly (what the nightly job would
 * have written) and leaves the search log and the assessments table empty, so the portal
 * starts quickly; the benchmark (`raw: true`) writes the raw rows the issue names and lets
 * the real nightly aggregation count them.
 *
 * Seeders run in order and can be added to: the case work and referrals add theirs
 * (closed cases, referral outcomes, short counselling tallies, gap reports) to
 * PLANNING_SEEDERS, and the benchmark seeds them at its volumes with no change here.
 */
export interface PlanningVolumes {
  searches: number;
  appointments: number;
  assessments: number;
  /** Days of offer counters before today (0: none). */
  offerStatDays: number;
  /** Days of first-free-slot snapshots before today. */
  snapshotDays: number;
  /** Closed cases (each with its trace: opened, reviews, closed). */
  cases: number;
  /** Referral outcomes (anonymous rows as erasure leaves them). */
  referrals: number;
  /** Short counselling tallies. */
  tallies: number;
  /** Counsellors' "no fitting offer" reports. */
  gaps: number;
  /** Raw rows (search log, assessments) counted by the real nightly job, instead of aggregates. */
  raw: boolean;
}

export const DEMO_PLANNING: PlanningVolumes = {
  searches: 40_000,
  appointments: 3_000,
  assessments: 2_500,
  offerStatDays: 60,
  snapshotDays: 90,
  cases: 600,
  referrals: 1_500,
  tallies: 4_000,
  gaps: 600,
  raw: false,
};

export const BENCH_PLANNING: PlanningVolumes = {
  searches: 1_000_000,
  appointments: 60_000,
  assessments: 20_000,
  offerStatDays: 365,
  snapshotDays: 730,
  cases: 5_000,
  referrals: 12_000,
  tallies: 20_000,
  gaps: 3_000,
  raw: true,
};

export interface PlanningSeedContext {
  db: Db;
  seed: number;
  /** The demo's today (YYYY-MM-DD): activity runs up to the day before. */
  baseDate: string;
  /** First day of the activity (two years before). */
  firstDay: string;
  volumes: PlanningVolumes;
  /** The areas' places: postcodes and names as searches, offices and venues give them. */
  places: { key: string; weight: number }[];
  postcodes: string[];
}

export interface PlanningSeeder {
  name: string;
  run(ctx: PlanningSeedContext): Promise<number>;
}

export const PLANNING_SEED_KEY = 'planning_seed';
const CHUNK = 20_000;

// ---- areas ----------------------------------------------------------------------------------

/** Names in the postcode table that are organisations, not places (no area for them). */
const notAPlace = (name: string) => name.split(' ').length > 2 || /[&(),.]/.test(name);

async function seedAreas(ctx: PlanningSeedContext): Promise<number> {
  const rng = new Random(mixSeed(ctx.seed, 20, 1));
  const postcodes = await ctx.db<{ zipcode: string; place: string }[]>`
    select distinct on (zipcode) zipcode, place from postcodes
    where community_code = '06633' order by zipcode, id`;
  const districts = Object.entries(cityDistricts).map(([postcode, name]) => ({
    name,
    kind: 'district' as const,
    inhabitants: 8_000 + Math.round(rng.int(0, 170) * 100),
    postcodes: [postcode],
  }));
  const municipalities = new Map<string, string[]>();
  for (const p of postcodes) {
    if (notAPlace(p.place)) continue;
    municipalities.set(p.place, [...(municipalities.get(p.place) ?? []), p.zipcode]);
  }
  const county = [...municipalities.entries()].map(([name, codes]) => ({
    name,
    kind: 'municipality' as const,
    inhabitants: 2_500 + Math.round(rng.int(0, 255) * 100),
    postcodes: codes,
  }));
  const areas = [...districts, ...county].map((a) => ({ ...a, code: slugify(a.name, 60) }));
  await q.replaceAreas(ctx.db, areas);
  await q.setAreasMeta(ctx.db, { source: 'demo', asOf: ctx.baseDate, loadedAt: `${ctx.baseDate}T00:00:00Z` });
  ctx.postcodes = areas.flatMap((a) => a.postcodes);
  // Searches name places as a district filter (the area's name) or near a postcode.
  ctx.places = areas.flatMap((a) => {
    const weight = Math.max(1, Math.round(a.inhabitants / 2000));
    return [
      { key: `name:${fold(a.name)}`, weight },
      ...a.postcodes.map((p) => ({ key: `plz:${p}`, weight })),
    ];
  });
  return areas.length;
}

// ---- searches -------------------------------------------------------------------------------

/** What people type, with the category they pick (if one) and how often it finds nothing / little. */
const QUERIES: { q: string; category: string; zero: number; few: number; weight: number }[] = [
  { q: 'deutschkurs', category: 'deutsch_integration', zero: 0.01, few: 0.05, weight: 30 },
  { q: 'integrationskurs', category: 'deutsch_integration', zero: 0.02, few: 0.1, weight: 18 },
  { q: 'deutsch b2 abends', category: 'deutsch_integration', zero: 0.35, few: 0.4, weight: 8 },
  { q: 'deutsch c1', category: 'deutsch_integration', zero: 0.3, few: 0.4, weight: 6 },
  { q: 'berufssprachkurs pflege', category: 'deutsch_integration', zero: 0.7, few: 0.2, weight: 5 },
  { q: 'alphabetisierung', category: 'grundbildung_schulabschluesse', zero: 0.2, few: 0.5, weight: 5 },
  {
    q: 'hauptschulabschluss nachholen',
    category: 'grundbildung_schulabschluesse',
    zero: 0.1,
    few: 0.4,
    weight: 6,
  },
  {
    q: 'realschulabschluss abendschule',
    category: 'grundbildung_schulabschluesse',
    zero: 0.6,
    few: 0.3,
    weight: 3,
  },
  { q: 'englisch', category: 'sprachen', zero: 0.01, few: 0.05, weight: 14 },
  { q: 'arabisch fuer anfaenger', category: 'sprachen', zero: 0.8, few: 0.15, weight: 3 },
  { q: 'gebaerdensprache', category: 'sprachen', zero: 0.9, few: 0.1, weight: 3 },
  { q: 'excel', category: 'arbeit_beruf_digitales', zero: 0.02, few: 0.1, weight: 12 },
  { q: 'python programmieren', category: 'arbeit_beruf_digitales', zero: 0.6, few: 0.3, weight: 5 },
  { q: 'smartphone senioren', category: 'arbeit_beruf_digitales', zero: 0.2, few: 0.5, weight: 4 },
  { q: 'staplerschein', category: 'berufliche_weiterbildung', zero: 0.75, few: 0.2, weight: 5 },
  { q: 'pflegehelfer ausbildung', category: 'berufliche_weiterbildung', zero: 0.5, few: 0.4, weight: 6 },
  { q: 'umschulung', category: 'berufliche_weiterbildung', zero: 0.05, few: 0.2, weight: 10 },
  { q: 'schweisskurs', category: 'berufliche_weiterbildung', zero: 0.9, few: 0.1, weight: 3 },
  {
    q: 'lkw fuehrerschein bildungsgutschein',
    category: 'berufliche_weiterbildung',
    zero: 0.85,
    few: 0.1,
    weight: 3,
  },
  { q: 'buchhaltung', category: 'berufliche_weiterbildung', zero: 0.05, few: 0.25, weight: 6 },
  { q: 'erzieher teilzeit', category: 'berufliche_weiterbildung', zero: 0.7, few: 0.25, weight: 3 },
  { q: 'yoga', category: 'gesundheit', zero: 0.02, few: 0.1, weight: 8 },
  { q: 'erste hilfe', category: 'gesundheit', zero: 0.1, few: 0.3, weight: 5 },
  { q: 'schwimmkurs erwachsene', category: 'gesundheit', zero: 0.85, few: 0.1, weight: 3 },
  { q: 'naehen', category: 'kultur_gestalten', zero: 0.1, few: 0.4, weight: 4 },
  { q: 'toepfern', category: 'kultur_gestalten', zero: 0.3, few: 0.5, weight: 3 },
  { q: 'fotografie', category: 'kultur_gestalten', zero: 0.1, few: 0.3, weight: 3 },
  { q: 'einbuergerungstest', category: 'politik_gesellschaft_umwelt', zero: 0.4, few: 0.4, weight: 4 },
  { q: 'kinderbetreuung waehrend kurs', category: 'beratung', zero: 0.95, few: 0.05, weight: 3 },
  { q: 'anerkennung abschluss', category: 'beratung', zero: 0.3, few: 0.5, weight: 4 },
  { q: 'bildungsberatung', category: 'beratung', zero: 0.05, few: 0.3, weight: 4 },
  { q: 'kurs am wochenende', category: '', zero: 0.2, few: 0.3, weight: 4 },
  { q: 'kostenlos', category: '', zero: 0.05, few: 0.1, weight: 5 },
  { q: '', category: '', zero: 0, few: 0.01, weight: 20 },
];
/** Typos and rare strings: each only a few times, so most never reach the 5 a list needs. */
const RARE = [
  'deutsh kurs',
  'schweisen',
  'imker kurs',
  'drohnenfuehrerschein',
  'tango',
  'baumpflege',
  'blockchain',
];

interface SearchEvent {
  day: string;
  hour: number;
  place: string;
  categories: string[];
  query: string;
  hits: number;
}

function* searchEvents(ctx: PlanningSeedContext): Generator<SearchEvent> {
  const rng = new Random(mixSeed(ctx.seed, 20, 2));
  const days = daysOf(ctx);
  const total = ctx.volumes.searches;
  const queries = QUERIES.map((x) => [x, x.weight] as const);
  const places = ctx.places.map((p) => [p.key, p.weight] as const);
  const categories = [
    'deutsch_integration',
    'berufliche_weiterbildung',
    'sprachen',
    'arbeit_beruf_digitales',
  ];
  let emitted = 0;
  for (let d = 0; d < days.length; d++) {
    // Spread evenly, with more in autumn and spring and fewer at weekends.
    const day = days[d]!;
    const month = Number(day.slice(5, 7));
    const season = [0.8, 1.1, 1.1, 1, 0.9, 0.8, 0.6, 0.8, 1.3, 1.2, 1.1, 0.7][month - 1]!;
    const weekday = isoWeekday(day) >= 6 ? 0.5 : 1.1;
    const target = Math.round((total * (d + 1)) / days.length);
    const n =
      d === days.length - 1
        ? total - emitted
        : Math.max(0, Math.round((target - emitted) * season * weekday));
    for (let i = 0; i < n && emitted < total; i++, emitted++) {
      const rare = rng.chance(0.03);
      const x = rng.weighted(queries);
      const query = rare ? rng.pick(RARE) : x.q;
      const r = rng.next();
      const zero = rare ? 0.9 : x.zero;
      const hits = r < zero ? 0 : r < zero + x.few ? rng.int(1, 5) : rng.int(6, 240);
      const choose = rng.next();
      const chosen =
        choose < 0.5 ? [] : choose < 0.93 ? [x.category || rng.pick(categories)] : rng.sample(categories, 2);
      yield {
        day,
        hour: rng.int(7, 22),
        place: rng.chance(0.45) ? '' : rng.weighted(places),
        categories: chosen.filter(Boolean),
        query,
        hits,
      };
    }
  }
}

function daysOf(ctx: PlanningSeedContext): string[] {
  const days: string[] = [];
  for (let d = ctx.firstDay; d < ctx.baseDate; d = addDays(d, 1)) days.push(d);
  return days;
}

const monthStart = (day: string) => `${day.slice(0, 7)}-01`;

async function seedSearches(ctx: PlanningSeedContext): Promise<number> {
  if (ctx.volumes.searches === 0) return 0;
  if (ctx.volumes.raw) {
    let batch: { at: string[]; query: string[]; filters: string[]; hits: number[] } = {
      at: [],
      query: [],
      filters: [],
      hits: [],
    };
    let n = 0;
    const flush = async () => {
      if (batch.at.length === 0) return;
      await ctx.db`
        insert into search_log (searched_at, query, filters, hits, engine)
        select a, q, f::jsonb, h, 'postgres'
        from unnest(${batch.at}::timestamptz[], ${batch.query}::text[], ${batch.filters}::text[], ${batch.hits}::int[]) as t(a, q, f, h)`;
      batch = { at: [], query: [], filters: [], hits: [] };
    };
    for (const e of searchEvents(ctx)) {
      const filters: Record<string, unknown> = {};
      if (e.categories.length > 0) filters.category = e.categories;
      if (e.place.startsWith('plz:')) filters.near = e.place.slice(4);
      else if (e.place.startsWith('name:')) filters.district = [e.place.slice(5)];
      batch.at.push(new Date(localToInstant(e.day, e.hour * 60)!).toISOString());
      batch.query.push(e.query);
      batch.filters.push(JSON.stringify(filters));
      batch.hits.push(e.hits);
      n++;
      if (batch.at.length >= CHUNK) await flush();
    }
    await flush();
    return n;
  }
  // Demo: the monthly counts the nightly job would have made of those searches.
  const counts = new Map<string, number>();
  const terms = new Map<string, number>();
  let n = 0;
  for (const e of searchEvents(ctx)) {
    n++;
    const month = monthStart(e.day);
    const category =
      e.categories.length === 0 ? 'none' : e.categories.length === 1 ? e.categories[0]! : 'several';
    const outcome = e.hits === 0 ? 'zero' : e.hits <= 5 ? 'few' : 'more';
    const k = `${month}|${e.place}|${category}|${outcome}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
    if (outcome !== 'more' && e.query !== '') {
      const t = `${month}|${e.query}|${e.place}|${outcome}`;
      terms.set(t, (terms.get(t) ?? 0) + 1);
    }
  }
  const rows = [...counts].map(([k, searches]) => {
    const [month, place, category, outcome] = k.split('|') as [string, string, string, string];
    return { month, place, category, outcome, searches };
  });
  const termRows = [...terms].map(([k, searches]) => {
    const [month, term, place, outcome] = k.split('|') as [string, string, string, string];
    return { month, term, place, outcome, searches };
  });
  for (let i = 0; i < rows.length; i += 5_000)
    await ctx.db`insert into planning_search_monthly ${ctx.db(rows.slice(i, i + 5_000))}`;
  for (let i = 0; i < termRows.length; i += 5_000)
    await ctx.db`insert into planning_search_terms_monthly ${ctx.db(termRows.slice(i, i + 5_000))}`;
  await q.setDoneThrough(ctx.db, 'search', addDays(ctx.baseDate, -1));
  return n;
}

// ---- appointments ---------------------------------------------------------------------------

/** Appointment start times (Berlin): a 75-minute grid fits every topic's slot and buffer. */
const GRID = [8 * 60 + 30, 9 * 60 + 45, 11 * 60, 13 * 60 + 30, 14 * 60 + 45];

async function seedAppointments(ctx: PlanningSeedContext): Promise<number> {
  const total = ctx.volumes.appointments;
  if (total === 0) return 0;
  const rng = new Random(mixSeed(ctx.seed, 20, 3));
  const topics = await ctx.db<
    { id: number; slot_minutes: number; buffer_minutes: number; channels: string[] }[]
  >`
    select id, slot_minutes, buffer_minutes, channels from counselling_topics order by id`;
  const offices = await ctx.db<{ id: number }[]>`select id from offices order by id`;
  if (topics.length === 0 || offices.length === 0) return 0;
  const days = daysOf(ctx).filter((d) => isoWeekday(d) <= 5);
  // Counsellors without an account (the demo accounts' profiles stay out of the history);
  // staff who have left are archive profiles, added until the history fits their hours.
  let people: { id: number }[] = await ctx.db<{ id: number }[]>`
    select id from counsellors where user_id is null and id > (select min(id) + 3 from counsellors) order by id`;
  const capacity = () => people.length * days.length * GRID.length;
  for (let i = 0; capacity() < total * 1.25; i++) {
    const [row] = await ctx.db<{ id: number }[]>`
      insert into counsellors (display_name, languages, channels, active)
      values (${`Beratung (ausgeschieden) ${i + 1}`}, ${['de', rng.pick(['en', 'tr', 'ar', 'uk', 'ru', 'fa'])]},
              '{in_person,phone,video}', false)
      returning id`;
    people = [...people, row!];
  }
  const profiles = await ctx.db<
    { id: number; languages: string[]; channels: string[]; topics: number[]; offices: number[] }[]
  >`
    select c.id, c.languages, c.channels,
      coalesce((select array_agg(topic_id) from counsellor_topics where counsellor_id = c.id), '{}') as topics,
      coalesce((select array_agg(office_id) from counsellor_offices where counsellor_id = c.id), '{}') as offices
    from counsellors c where c.id = any(${people.map((p) => p.id)}::bigint[]) order by c.id`;
  // Each position (day × counsellor × grid time) is used once: no counsellor is double-booked.
  const positions = days.length * profiles.length * GRID.length;
  const stride = positions / total;
  const a: Record<string, (string | number | null)[]> = {
    counsellor: [],
    topic: [],
    channel: [],
    office: [],
    starts: [],
    ends: [],
    blockedUntil: [],
    status: [],
    language: [],
    created: [],
    cancelledBy: [],
  };
  const flush = async () => {
    if (a.counsellor!.length === 0) return;
    await ctx.db`
      insert into appointments (counsellor_id, topic_id, channel, office_id, period, blocked, status, language,
                                locale, created_at, updated_at, cancelled_by, erased_at)
      select c, t, ch, o, tstzrange(s, e), tstzrange(s, b), st, l, 'de', cr, cr, cb, ${`${ctx.baseDate}T02:00:00Z`}::timestamptz
      from unnest(${a.counsellor as number[]}::bigint[], ${a.topic as number[]}::bigint[], ${a.channel as string[]}::text[],
                  ${a.office as number[]}::bigint[], ${a.starts as string[]}::timestamptz[], ${a.ends as string[]}::timestamptz[],
                  ${a.blockedUntil as string[]}::timestamptz[], ${a.status as string[]}::text[], ${a.language as string[]}::text[],
                  ${a.created as string[]}::timestamptz[], ${a.cancelledBy as string[]}::text[])
        as x(c, t, ch, o, s, e, b, st, l, cr, cb)`;
    for (const list of Object.values(a)) list.length = 0;
  };
  for (let i = 0; i < total; i++) {
    // floor(i·s) + [0, floor(s)) stays below floor((i+1)·s): every position at most once.
    const position = Math.floor(i * stride) + rng.int(0, Math.floor(stride) - 1);
    const grid = position % GRID.length;
    const person = profiles[Math.floor(position / GRID.length) % profiles.length]!;
    const day = days[Math.floor(position / (GRID.length * profiles.length))]!;
    const topicId = person.topics.length > 0 ? rng.pick(person.topics) : topics[0]!.id;
    const topic = topics.find((t) => t.id === topicId) ?? topics[0]!;
    const channels = person.channels.filter((c) => topic.channels.includes(c));
    const channel = rng.weighted(
      (channels.length > 0 ? channels : ['phone']).map(
        (c) => [c, c === 'in_person' ? 6 : c === 'phone' ? 3 : 1.5] as const,
      ),
    );
    const office =
      channel === 'in_person' ? (person.offices.length ? rng.pick(person.offices) : offices[0]!.id) : null;
    const other = person.languages.filter((l) => l !== 'de');
    const language = other.length > 0 && rng.chance(0.32) ? rng.pick(other) : 'de';
    const start = localToInstant(day, GRID[grid]!)!;
    const wait = Math.min(60, Math.floor(-Math.log(1 - rng.next()) * 9));
    const status = rng.weighted([
      ['held', 78],
      ['no_show', 7],
      ['cancelled', 12],
      ['booked', 3],
    ] as const);
    a.counsellor!.push(person.id);
    a.topic!.push(topic.id);
    a.channel!.push(channel);
    a.office!.push(office);
    a.starts!.push(new Date(start).toISOString());
    a.ends!.push(new Date(start + topic.slot_minutes * 60_000).toISOString());
    a.blockedUntil!.push(
      new Date(start + (topic.slot_minutes + topic.buffer_minutes) * 60_000).toISOString(),
    );
    a.status!.push(status);
    a.language!.push(language);
    a.created!.push(new Date(localToInstant(addDays(day, -wait), 10 * 60)!).toISOString());
    a.cancelledBy!.push(status === 'cancelled' ? rng.pick(['person', 'person', 'counsellor']) : null);
    if (a.counsellor!.length >= 5_000) await flush();
  }
  await flush();
  return total;
}

// ---- self-assessments ------------------------------------------------------------------------

const GOALS = [
  'new_job',
  'advancement',
  'first_qualification',
  'school_certificate',
  'german',
  'digital',
  'personal_interest',
];
const GOAL_CATEGORIES: Record<string, string[]> = {
  new_job: ['berufliche_weiterbildung'],
  advancement: ['berufliche_weiterbildung'],
  first_qualification: ['berufliche_weiterbildung'],
  school_certificate: ['grundbildung_schulabschluesse'],
  german: ['deutsch_integration'],
  digital: ['arbeit_beruf_digitales'],
  personal_interest: ['kultur_gestalten', 'gesundheit', 'sprachen', 'politik_gesellschaft_umwelt'],
};

interface AssessmentEvent {
  day: string;
  postcode: string | null;
  goals: string[];
  times: string[];
  childcare: 'yes' | 'no';
  budget: string;
  german: string;
  categories: string[];
}

function* assessmentEvents(ctx: PlanningSeedContext): Generator<AssessmentEvent> {
  const rng = new Random(mixSeed(ctx.seed, 20, 4));
  const days = daysOf(ctx);
  for (let i = 0; i < ctx.volumes.assessments; i++) {
    const goals = rng.sample(
      GOALS,
      rng.weighted([
        [1, 6],
        [2, 3],
        [3, 1],
      ] as const),
    );
    if (rng.chance(0.3) && !goals.includes('german')) goals.push('german');
    const times = rng.sample(['morning', 'afternoon', 'evening', 'weekend'], rng.int(1, 3));
    const categories = [
      ...new Set(
        goals.flatMap((g) =>
          g === 'personal_interest' ? [rng.pick(GOAL_CATEGORIES[g]!)] : GOAL_CATEGORIES[g]!,
        ),
      ),
    ];
    yield {
      day: days[Math.floor((i * days.length) / ctx.volumes.assessments)]!,
      postcode: rng.chance(0.7) ? rng.pick(ctx.postcodes) : null,
      goals,
      times,
      childcare: rng.chance(0.22) ? 'yes' : 'no',
      budget: rng.weighted([
        ['free', 4],
        ['up_to_100', 3],
        ['up_to_500', 2],
        ['any', 1],
      ] as const),
      german: goals.includes('german') ? rng.pick(['A1', 'A2', 'B1', 'B2']) : rng.pick(['B2', 'C1', 'C2']),
      categories,
    };
  }
}

async function seedAssessments(ctx: PlanningSeedContext): Promise<number> {
  if (ctx.volumes.assessments === 0) return 0;
  if (ctx.volumes.raw) {
    const rows = [];
    let n = 0;
    for (const e of assessmentEvents(ctx)) {
      n++;
      const finished = new Date(localToInstant(e.day, 15 * 60)!).toISOString();
      rows.push({
        token_hash: createHash('sha256').update(`bench-assessment-${ctx.seed}-${n}`).digest('hex'),
        answers: JSON.stringify({
          goals: e.goals,
          times: e.times,
          childcare: e.childcare,
          budget: e.budget,
          ...(e.postcode ? { postcode: e.postcode } : {}),
        }),
        result: JSON.stringify({
          levels: { german: e.german },
          groups: e.categories.map((c) => ({ id: c, filter: { category: [c] } })),
        }),
        finished,
      });
      if (rows.length >= 5_000) await insertAssessments(ctx, rows.splice(0));
    }
    await insertAssessments(ctx, rows);
    return n;
  }
  const counts = new Map<string, number>();
  const add = (month: string, place: string, dimension: string, value: string) => {
    const k = `${month}|${place}|${dimension}|${value}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  };
  let n = 0;
  for (const e of assessmentEvents(ctx)) {
    n++;
    const month = monthStart(e.day);
    const place = e.postcode ? `plz:${e.postcode}` : '';
    add(month, place, 'total', '');
    for (const g of e.goals) add(month, place, 'goal', g);
    for (const t of e.times) add(month, place, 'time', t);
    for (const c of e.categories) add(month, place, 'category', c);
    if (e.childcare === 'yes') add(month, place, 'barrier', 'childcare');
    if (!e.times.includes('morning') && !e.times.includes('afternoon')) add(month, place, 'barrier', 'times');
    if (e.budget === 'free' || e.budget === 'up_to_100') add(month, place, 'barrier', 'cost');
    if (['A1', 'A2'].includes(e.german)) add(month, place, 'barrier', 'language');
  }
  const rows = [...counts].map(([k, assessments]) => {
    const [month, place, dimension, value] = k.split('|') as [string, string, string, string];
    return { month, place, dimension, value, assessments };
  });
  for (let i = 0; i < rows.length; i += 5_000)
    await ctx.db`insert into planning_assessment_monthly ${ctx.db(rows.slice(i, i + 5_000))}`;
  await q.setDoneThrough(ctx.db, 'assessment', addDays(ctx.baseDate, -1));
  return n;
}

async function insertAssessments(
  ctx: PlanningSeedContext,
  rows: { token_hash: string; answers: string; result: string; finished: string }[],
) {
  if (rows.length === 0) return;
  await ctx.db`
    insert into assessments (token_hash, version, answers, step, result, finished_at, created_at, updated_at)
    select h, (select max(version) from assessment_versions), a::jsonb, 'uebersicht', r::jsonb, f, f, f
    from unnest(${rows.map((r) => r.token_hash)}::text[], ${rows.map((r) => r.answers)}::text[],
                ${rows.map((r) => r.result)}::text[], ${rows.map((r) => r.finished)}::timestamptz[]) as x(h, a, r, f)`;
}

// ---- snapshots and offer counters ------------------------------------------------------------

async function seedSnapshots(ctx: PlanningSeedContext): Promise<number> {
  const days = ctx.volumes.snapshotDays;
  if (days === 0) return 0;
  const rng = new Random(mixSeed(ctx.seed, 20, 5));
  const universe = await q.slotUniverse(ctx.db);
  const topics = await ctx.db<{ id: number; slug: string; window_days: number; channels: string[] }[]>`
    select id, slug, window_days, channels from counselling_topics where active order by id`;
  const combos = new Map<
    string,
    { topic: string; channel: string; office: string; language: string; window: number }
  >();
  for (const u of universe) {
    const topic = topics.find((t) => t.id === u.topic_id);
    if (!topic) continue;
    for (const channel of u.channels.filter((c) => topic.channels.includes(c)))
      for (const office of channel === 'in_person' ? u.offices : [''])
        for (const language of u.languages)
          combos.set(`${topic.slug}|${channel}|${office}|${language}`, {
            topic: topic.slug,
            channel,
            office,
            language,
            window: topic.window_days,
          });
  }
  const base = new Map([...combos.keys()].map((k) => [k, rng.int(1, 12)]));
  let n = 0;
  for (let d = days; d >= 1; d--) {
    const day = addDays(ctx.baseDate, -d);
    // Waiting grows before the summer and in autumn, as counselling demand does.
    const season = [1, 1.2, 1.3, 1.1, 1, 1.2, 0.8, 1.1, 1.6, 1.5, 1.3, 0.9][Number(day.slice(5, 7)) - 1]!;
    const rows = [...combos].map(([k, c]) => {
      const days = Math.round(base.get(k)! * season * (c.language === 'de' ? 1 : 1.8) + rng.int(-1, 3));
      return {
        day,
        topic: c.topic,
        office: c.office,
        channel: c.channel,
        language: c.language,
        days_to_first: days >= c.window ? null : Math.max(0, days),
        window_days: c.window,
      };
    });
    if (rows.length > 0) await ctx.db`insert into planning_slot_snapshots ${ctx.db(rows)}`;
    n += rows.length;
  }
  return n;
}

async function seedOfferStats(ctx: PlanningSeedContext): Promise<number> {
  const days = ctx.volumes.offerStatDays;
  if (days === 0) return 0;
  const rng = new Random(mixSeed(ctx.seed, 20, 6));
  const offers = await ctx.db<{ offer_id: number }[]>`select offer_id from search_offers order by offer_id`;
  const ids: number[] = [];
  const dates: string[] = [];
  const appearances: number[] = [];
  const opens: number[] = [];
  const flush = async () => {
    if (ids.length === 0) return;
    await ctx.db`
      insert into planning_offer_daily (offer_id, day, appearances, opens)
      select * from unnest(${ids}::bigint[], ${dates}::date[], ${appearances}::int[], ${opens}::int[])`;
    ids.length = 0;
    dates.length = 0;
    appearances.length = 0;
    opens.length = 0;
  };
  let n = 0;
  for (const { offer_id } of offers) {
    const popularity = rng.float(0.2, 3);
    for (let d = days; d >= 1; d--) {
      if (!rng.chance(0.25)) continue;
      const shown = Math.round(rng.float(0, 12) * popularity);
      if (shown === 0) continue;
      ids.push(offer_id);
      dates.push(addDays(ctx.baseDate, -d));
      appearances.push(shown);
      opens.push(Math.round(shown * rng.float(0, 0.3)));
      n++;
      if (ids.length >= CHUNK) await flush();
    }
  }
  await flush();
  return n;
}

// ---- case work and referrals ----------------------------------------------------------------

const CLOSE_REASON_WEIGHTS = [
  ['goals_achieved', 30],
  ['measure_started', 25],
  ['person_ended', 10],
  ['no_contact', 12],
  ['moved_away', 4],
  ['other_service', 6],
  ['other', 4],
  ['inactive', 5],
  ['consent_withdrawn', 2],
] as const;
const CONSTRAINTS = ['time', 'cost', 'level', 'distance', 'language', 'accessibility', 'childcare'] as const;

async function insertChunks(db: Db, table: string, rows: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5_000)
    await db`insert into ${db(table)} ${db(rows.slice(i, i + 5_000) as never)}`;
}

/** Closed cases with their anonymous trace (opened, reviews on time or late, closed). */
async function seedCases(ctx: PlanningSeedContext): Promise<number> {
  if (ctx.volumes.cases === 0) return 0;
  const rng = new Random(mixSeed(ctx.seed, 20, 7));
  const days = daysOf(ctx);
  const closures: Record<string, unknown>[] = [];
  const trace: Record<string, unknown>[] = [];
  for (let i = 0; i < ctx.volumes.cases; i++) {
    const caseType = rng.weighted([
      ['weiterbildung', 4],
      ['deutsch', 3],
      ['anerkennung', 1],
      ['orientierung', 2],
    ] as const);
    const opened = days[rng.int(0, Math.max(0, days.length - 31))]!;
    const duration = Math.round(rng.float(14, 120) * (caseType === 'anerkennung' ? 3 : 1.5));
    const closedDay = addDays(opened, duration);
    trace.push({ month: monthStart(opened), case_type: caseType, event: 'opened', on_time: null });
    const reviews = Math.floor(duration / 60);
    let onTime = 0;
    for (let r = 1; r <= reviews; r++) {
      const reviewDay = addDays(opened, r * 60);
      if (reviewDay >= ctx.baseDate) break;
      const ok = rng.chance(0.8);
      onTime += ok ? 1 : 0;
      trace.push({ month: monthStart(reviewDay), case_type: caseType, event: 'review_held', on_time: ok });
    }
    if (closedDay >= ctx.baseDate) continue; // still open
    const reason = rng.weighted(CLOSE_REASON_WEIGHTS);
    const goals = rng.int(1, 3);
    const goalCodes = Array.from({ length: goals }, () =>
      rng.weighted([
        ['achieved', reason === 'goals_achieved' ? 8 : 3],
        ['partly', 3],
        ['not', 2],
        ['dropped', 1],
      ] as const),
    );
    trace.push({ month: monthStart(closedDay), case_type: caseType, event: 'closed', on_time: null });
    closures.push({
      month: monthStart(closedDay),
      case_type: caseType,
      reason,
      duration_days: duration,
      measures: rng.int(0, 3),
      plan_versions: rng.int(1, 3),
      reviews,
      reviews_on_time: onTime,
      goal_codes: goalCodes,
      measure_codes: [],
    });
  }
  await insertChunks(ctx.db, 'case_trace', trace);
  await insertChunks(ctx.db, 'case_closures', closures);
  return closures.length;
}

/** Referral outcomes to the catalogue's providers, weighted so a few take most of them. */
async function seedReferralOutcomes(ctx: PlanningSeedContext): Promise<number> {
  if (ctx.volumes.referrals === 0) return 0;
  const rng = new Random(mixSeed(ctx.seed, 20, 8));
  const offers = await ctx.db<{ provider_id: number; category: string }[]>`
    select provider_id::int as provider_id, category from search_offers order by offer_id`;
  if (offers.length === 0) return 0;
  const weights = offers.map((o, i) => [o, i % 7 === 0 ? 12 : i % 3 === 0 ? 3 : 1] as const);
  const days = daysOf(ctx);
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < ctx.volumes.referrals; i++) {
    const offer = rng.weighted(weights);
    const outcome = rng.weighted([
      ['received', 1],
      ['accepted', 2],
      ['rejected', 3],
      ['started', 2],
      ['completed', 6],
      ['dropped_out', 2],
    ] as const);
    const reason =
      outcome === 'rejected'
        ? rng.weighted([
            ['course_full', 5],
            ['requirements_not_met', 3],
            ['cancelled', 1],
            ['no_contact', 2],
            ['other', 1],
          ] as const)
        : outcome === 'dropped_out'
          ? rng.weighted([
              ['person_ended', 3],
              ['health', 2],
              ['work_found', 3],
              ['moved_away', 1],
              ['no_contact', 1],
              ['other', 1],
            ] as const)
          : null;
    const accepted = ['accepted', 'started', 'completed', 'dropped_out'].includes(outcome);
    rows.push({
      month: monthStart(days[rng.int(0, days.length - 1)]!),
      provider_id: offer.provider_id,
      offer_category: offer.category,
      outcome,
      reason,
      accepted,
      started: ['started', 'completed', 'dropped_out'].includes(outcome),
      withdrawn: rng.chance(0.02),
      days_to_answer: outcome === 'received' ? null : rng.int(0, 6) + (rng.chance(0.15) ? rng.int(5, 20) : 0),
    });
  }
  await insertChunks(ctx.db, 'referral_outcomes', rows);
  return rows.length;
}

/** Area names as counsellors write a district (none for a quarter of them). */
async function districtNames(ctx: PlanningSeedContext): Promise<string[]> {
  const areas = await ctx.db<{ name: string }[]>`select name from planning_areas order by sort_order, name`;
  return areas.map((a) => a.name);
}

/** Short counselling: walk-ins, calls and e-mails without an appointment, and booked ones. */
async function seedTallies(ctx: PlanningSeedContext): Promise<number> {
  if (ctx.volumes.tallies === 0) return 0;
  const rng = new Random(mixSeed(ctx.seed, 20, 9));
  const districts = await districtNames(ctx);
  const days = daysOf(ctx).filter((d) => isoWeekday(d) <= 5);
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < ctx.volumes.tallies; i++) {
    const byAppointment = rng.chance(0.3);
    const outcome = rng.weighted([
      ['information', 6],
      ['referred_elsewhere', 2],
      ['self_assessment', 1],
      ['case_opened', 1],
    ] as const);
    rows.push({
      day: days[rng.int(0, days.length - 1)]!,
      channel: rng.weighted([
        ['in_person', 5],
        ['phone', 4],
        ['video', 1],
        ['email', byAppointment ? 0 : 2],
      ] as const),
      by_appointment: byAppointment,
      duration_band:
        outcome === 'case_opened'
          ? null
          : rng.weighted([
              ['under_15', 4],
              ['15_30', 4],
              ['30_60', 2],
              ['over_60', 1],
            ] as const),
      language: rng.weighted([
        ['de', 12],
        ['ar', 3],
        ['tr', 2],
        ['uk', 2],
        ['ru', 1],
        ['en', 1],
      ] as const),
      outcome,
      district:
        districts.length > 0 && rng.chance(0.75) ? districts[rng.int(0, districts.length - 1)]! : null,
      age_band: rng.pick(['under_25', '25_34', '35_44', '45_54', '55_64', '65_plus'] as const),
    });
  }
  await insertChunks(ctx.db, 'counselling_tallies', rows);
  return rows.length;
}

/** "No fitting offer": evenings and childcare in the city, distance in the county. */
async function seedGaps(ctx: PlanningSeedContext): Promise<number> {
  if (ctx.volumes.gaps === 0) return 0;
  const rng = new Random(mixSeed(ctx.seed, 20, 10));
  const districts = await districtNames(ctx);
  const days = daysOf(ctx);
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < ctx.volumes.gaps; i++) {
    rows.push({
      month: monthStart(days[rng.int(0, days.length - 1)]!),
      category: rng.weighted([
        ['deutsch_integration', 5],
        ['berufliche_weiterbildung', 4],
        ['grundbildung_schulabschluesse', 3],
        ['arbeit_beruf_digitales', 2],
        ['sprachen', 1],
      ] as const),
      district:
        districts.length > 0 && rng.chance(0.85) ? districts[rng.int(0, districts.length - 1)]! : null,
      constraint_failed: rng.weighted(CONSTRAINTS.map((c, j) => [c, j < 2 ? 4 : j === 6 ? 3 : 1] as const)),
    });
  }
  await insertChunks(ctx.db, 'offer_gaps', rows);
  return rows.length;
}

// ---- counting ---------------------------------------------------------------------------------

async function countSources(ctx: PlanningSeedContext): Promise<number> {
  // Raw rows go through the real nightly job (the benchmark calls it, with the app's clock);
  // the demo's counselling counts are made here from the appointments just written.
  if (ctx.volumes.raw) return 0;
  const n = await q.recomputeCounselling(ctx.db, ctx.baseDate);
  await q.setDoneThrough(ctx.db, 'counselling', addDays(ctx.baseDate, -1));
  return n;
}

export const PLANNING_SEEDERS: PlanningSeeder[] = [
  { name: 'areas', run: seedAreas },
  { name: 'searches', run: seedSearches },
  { name: 'appointments', run: seedAppointments },
  { name: 'assessments', run: seedAssessments },
  { name: 'snapshots', run: seedSnapshots },
  { name: 'offerStats', run: seedOfferStats },
  { name: 'cases', run: seedCases },
  { name: 'referralOutcomes', run: seedReferralOutcomes },
  { name: 'tallies', run: seedTallies },
  { name: 'gaps', run: seedGaps },
  { name: 'counted', run: countSources },
];

export interface PlanningSeedOptions {
  seed: number;
  baseDate: string;
  volumes?: PlanningVolumes;
  /** Years of activity before baseDate (default 2). */
  years?: number;
}

/**
 * Seeds the planning activity once per database (an app_meta row records it). Runs in the
 * caller's transaction (the demo seed's).
 */
export async function seedPlanningDemo(
  db: Db,
  options: PlanningSeedOptions,
): Promise<Record<string, number>> {
  const [done] = await db`select 1 from app_meta where key = ${PLANNING_SEED_KEY}`;
  if (done) return {};
  const ctx: PlanningSeedContext = {
    db,
    seed: options.seed,
    baseDate: options.baseDate,
    firstDay: addDays(options.baseDate, -365 * (options.years ?? 2)),
    volumes: options.volumes ?? DEMO_PLANNING,
    places: [],
    postcodes: [],
  };
  const counts: Record<string, number> = {};
  for (const seeder of PLANNING_SEEDERS) counts[seeder.name] = await seeder.run(ctx);
  await db`insert into app_meta (key, value) values (${PLANNING_SEED_KEY}, ${db.json(counts)})`;
  return counts;
}
