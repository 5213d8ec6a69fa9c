import { addDays } from '../../app/utils/zoned';
import type { Db, Sql, Tx } from '../client.server';
import { LOCKS } from '../locks';
import { refreshAllSearchDocuments } from '../queries/search.server';
import { cityDistricts } from './content';
import { copyRows, reserveIds } from './copy';
import {
  generateCounselling,
  generateOffer,
  generateProviders,
  groupVenues,
  type ProviderRow,
  type RegionPostcode,
  type VenueRow,
} from './generate';
import { type PlanningVolumes, seedPlanningDemo } from './planning';

/**
 * Seeds the demo data into the database, once. All in one transaction: a crash halfway
 * leaves nothing, and the next start tries again. An advisory lock keeps two processes
 * starting at once from both seeding. Benchmarks with very large catalogues commit in
 * batches instead (`batchOffers`, see seedInBatches).
 */
export interface SeedOptions {
  seed?: number;
  offers?: number;
  /** The "today" of the demo data (YYYY-MM-DD); defaults to the real today. */
  baseDate?: string;
  /**
   * Seed even if demo data is already recorded. Used by benchmarks on their own empty
   * database; on a filled one it adds a second, separate set of providers and offers.
   */
  force?: boolean;
  /** The planning activity's volumes (default: the demo's; the reports benchmark: its own). */
  planning?: PlanningVolumes;
  /**
   * Commit the catalogue in transactions of this many offers, resuming an interrupted seed
   * (see seedInBatches). Only for an empty database of its own: the demo's start-up seed
   * stays one transaction.
   */
  batchOffers?: number;
  /** Progress lines of a batched seed (benchmarks print them to stderr). */
  progress?: (line: string) => void;
  /**
   * Write the runs' single dates (default: yes). The search benchmark leaves them out: the
   * search reads none, and at a million offers they are 19 million rows, most of the seed's time.
   */
  sessions?: boolean;
}

export const DEMO_SEED_KEY = 'demo_seed';
const CHUNK = 1_000;

async function counts(tx: Sql | Tx) {
  const [row] = await tx<Record<string, number>[]>`
    select (select count(*) from providers)::int as providers,
           (select count(*) from venues)::int as venues,
           (select count(*) from offers)::int as offers,
           (select count(*) from runs)::int as runs,
           (select count(*) from run_sessions)::int as sessions,
           (select count(*) from counselling_topics)::int as topics,
           (select count(*) from offices)::int as offices,
           (select count(*) from counsellors)::int as counsellors`;
  return row!;
}

export async function seedDemoData(
  sql: Sql,
  options: SeedOptions = {},
): Promise<{ seeded: boolean; counts: Record<string, number> }> {
  const seed = options.seed ?? 20261124;
  const offerCount = options.offers ?? 1500;
  const baseDate = options.baseDate ?? new Date().toISOString().slice(0, 10);
  if (options.batchOffers) return seedInBatches(sql, { ...options, seed, offers: offerCount, baseDate });

  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${LOCKS.demoSeed})`;
    const [done] = await tx`select value from app_meta where key = ${DEMO_SEED_KEY}`;
    if (done && !options.force) return { seeded: false, counts: await counts(tx) };

    const postcodes = await regionPostcodes(tx);
    // A second forced set must not collide with the first one's unique slugs.
    const suffix = done ? `-${seed}-${Date.now().toString(36)}` : '';
    const catalogue = await insertProvidersAndVenues(tx, seed, postcodes, suffix);
    for (let start = 0; start < offerCount; start += CHUNK) {
      await insertOffers(
        tx,
        catalogue,
        seed,
        baseDate,
        start,
        Math.min(offerCount, start + CHUNK),
        options.sessions ?? true,
      );
    }
    if (!done) await insertCounselling(tx, seed, postcodes, baseDate);
    return finish(tx, { seed, offerCount, baseDate, planning: options.planning });
  });
}

/** The generated providers and venues with the ids the database gave them. */
interface Catalogue {
  providers: ProviderRow[];
  venuesByProvider: Map<number, VenueRow[]>;
  providerIds: Map<number, number>;
  venueIds: Map<number, number>;
}

async function regionPostcodes(tx: Db): Promise<RegionPostcode[]> {
  return tx<RegionPostcode[]>`
    select distinct on (zipcode) zipcode, place, latitude, longitude
    from postcodes
    where (community_code = '06611' and zipcode = any(${Object.keys(cityDistricts)}))
       -- Some postcodes belong to large organisations (a bank, an authority): not a place to put a venue.
       or (community_code = '06633' and place !~* '(gmbh|\mag\M|e\.v\.|kasse|bank|versicherung|technology|\mpost\M)')
    order by zipcode, id`;
}

async function insertProvidersAndVenues(
  tx: Db,
  seed: number,
  postcodes: RegionPostcode[],
  suffix: string,
): Promise<Catalogue> {
  const { providers, venues } = generateProviders(seed, postcodes);
  const providerIds = new Map<number, number>();
  const inserted = await tx<{ id: number }[]>`
    insert into providers ${tx(
      providers.map((p) => ({
        slug: `${p.slug}${suffix}`,
        name: p.name,
        kind: p.kind,
        description: p.description,
        street: p.street,
        postcode: p.postcode,
        city: p.city,
        latitude: p.latitude,
        longitude: p.longitude,
        website: p.website,
        email: p.email,
        phone: p.phone,
        certifications: tx.json(p.certifications),
        status: p.status,
      })),
    )} returning id`;
  providers.forEach((p, i) => {
    providerIds.set(p.key, inserted[i]!.id);
  });

  const venueIds = new Map<number, number>();
  const venueRows = await tx<{ id: number }[]>`
    insert into venues ${tx(
      venues.map((v) => ({
        provider_id: providerIds.get(v.providerKey)!,
        name: v.name,
        street: v.street,
        postcode: v.postcode,
        city: v.city,
        district: v.district,
        latitude: v.latitude,
        longitude: v.longitude,
        accessible: v.accessible,
        accessibility_note: v.accessibility_note,
      })),
    )} returning id`;
  venues.forEach((v, i) => {
    venueIds.set(v.key, venueRows[i]!.id);
  });
  return { providers, venuesByProvider: groupVenues(venues), providerIds, venueIds };
}

/**
 * A batched seed picks up where it stopped: the providers and venues it wrote first, found
 * again by slug and (venues, written in one statement in the generator's order) by position.
 */
async function existingCatalogue(tx: Db, seed: number, postcodes: RegionPostcode[]): Promise<Catalogue> {
  const { providers, venues } = generateProviders(seed, postcodes);
  const bySlug = new Map(
    (await tx<{ id: number; slug: string }[]>`select id::int as id, slug from providers`).map((p) => [
      p.slug,
      p.id,
    ]),
  );
  const providerIds = new Map(providers.map((p) => [p.key, bySlug.get(p.slug)!]));
  const venueRows = await tx<{ id: number }[]>`select id::int as id from venues order by id`;
  if (venueRows.length !== venues.length || providers.some((p) => !providerIds.get(p.key)))
    throw new Error(
      'The interrupted seed left a different catalogue behind: drop the database and seed again',
    );
  const venueIds = new Map(venues.map((v, i) => [v.key, venueRows[i]!.id]));
  return { providers, venuesByProvider: groupVenues(venues), providerIds, venueIds };
}

const OFFER_COLUMNS = [
  'id',
  'provider_id',
  'external_id',
  'course_number',
  'title',
  'subtitle',
  'summary',
  'description',
  'category',
  'kind',
  'keywords',
  'target_groups',
  'language',
  'cefr_level',
  'certificate',
  'funding',
  'accessibility',
  'website',
  'status',
  'entry_requirements',
  'entry_cefr_level',
  'entry_note',
  'late_entry',
  'registration_url',
  'registration_email',
  'registration_phone',
  'registration_note',
  'azav_measure_number',
  'published_at',
] as const;
const RUN_COLUMNS = [
  'id',
  'offer_id',
  'venue_id',
  'external_id',
  'starts_on',
  'ends_on',
  'session_count',
  'weekdays',
  'starts_at',
  'ends_at',
  'time_of_day',
  'format',
  'price_cents',
  'price_note',
  'seats',
  'seats_status',
  'registration_deadline',
  'teaching_units',
] as const;

/**
 * Offers [from, to) with their runs and sessions, written with COPY: a million offers come
 * with about 1.9 million runs and 19 million sessions. Ids are taken from the sequences first,
 * so runs and sessions can name theirs.
 */
async function insertOffers(
  tx: Db,
  catalogue: Catalogue,
  seed: number,
  baseDate: string,
  from: number,
  to: number,
  sessions = true,
) {
  const { providers, venuesByProvider, providerIds, venueIds } = catalogue;
  const offers = [];
  for (let i = from; i < to; i++) offers.push(generateOffer(seed, i, baseDate, providers, venuesByProvider));
  const offerIds = await reserveIds(tx, 'offers', offers.length);
  const runIds = await reserveIds(
    tx,
    'runs',
    offers.reduce((n, o) => n + o.runs.length, 0),
  );
  const publishedAt = `${baseDate}T08:00:00Z`;
  await copyRows(
    tx,
    'offers',
    OFFER_COLUMNS,
    offers.map((o, i) => [
      offerIds[i],
      providerIds.get(o.providerKey),
      o.external_id,
      o.course_number,
      o.title,
      o.subtitle,
      o.summary,
      o.description,
      o.category,
      o.kind,
      o.keywords,
      o.target_groups,
      o.language,
      o.cefr_level,
      o.certificate,
      o.funding,
      o.accessibility,
      o.website,
      o.status,
      o.entry_requirements,
      o.entry_cefr_level,
      o.entry_note,
      o.late_entry,
      o.registration_url,
      o.registration_email,
      o.registration_phone,
      o.registration_note,
      o.azav_measure_number,
      o.status === 'published' ? publishedAt : null,
    ]),
  );
  const runs = offers.flatMap((o, i) => o.runs.map((run) => ({ offerId: offerIds[i]!, run })));
  await copyRows(
    tx,
    'runs',
    RUN_COLUMNS,
    runs.map(({ offerId, run }, i) => [
      runIds[i],
      offerId,
      run.venueKey === null ? null : venueIds.get(run.venueKey),
      run.external_id,
      run.starts_on,
      run.ends_on,
      run.session_count,
      run.weekdays,
      run.starts_at,
      run.ends_at,
      run.time_of_day,
      run.format,
      run.price_cents,
      run.price_note,
      run.seats,
      run.seats_status,
      run.registration_deadline,
      run.teaching_units,
    ]),
  );
  if (!sessions) return;
  await copyRows(
    tx,
    'run_sessions',
    ['run_id', 'starts_at', 'ends_at'],
    (function* () {
      for (let i = 0; i < runs.length; i++)
        for (const s of runs[i]!.run.sessions) yield [runIds[i], s.starts_at, s.ends_at];
    })(),
  );
}

async function insertCounselling(tx: Db, seed: number, postcodes: RegionPostcode[], baseDate: string) {
  const counselling = generateCounselling(seed, postcodes);
  const topicRows = await tx<{ id: number; slug: string }[]>`
        insert into counselling_topics ${tx(
          counselling.topics.map((t) => ({
            ...t,
            name: tx.json(t.name),
            description: tx.json(t.description),
          })),
        )} returning id, slug`;
  const officeRows = await tx<{ id: number; slug: string }[]>`
        insert into offices ${tx(counselling.offices.map((o) => ({ ...o, opening_hours: tx.json(o.opening_hours) })))}
        returning id, slug`;
  const topicId = new Map(topicRows.map((t) => [t.slug, t.id]));
  const officeId = new Map(officeRows.map((o) => [o.slug, o.id]));
  const counsellorRows = await tx<{ id: number }[]>`
        insert into counsellors ${tx(
          counselling.counsellors.map((c) => ({
            display_name: c.display_name,
            languages: c.languages,
            channels: c.channels,
          })),
        )} returning id`;
  const links = counselling.counsellors.flatMap((c, i) =>
    c.topicSlugs.map((s) => ({ counsellor_id: counsellorRows[i]!.id, topic_id: topicId.get(s)! })),
  );
  const officeLinks = counselling.counsellors.flatMap((c, i) =>
    c.officeSlugs.map((s) => ({ counsellor_id: counsellorRows[i]!.id, office_id: officeId.get(s)! })),
  );
  await tx`insert into counsellor_topics ${tx(links)}`;
  await tx`insert into counsellor_offices ${tx(officeLinks)}`;
  // Weekly availability: each counsellor sees people in their offices' opening hours (a
  // counsellor with two offices splits the days), on all the channels they offer.
  const officeHours = new Map(counselling.offices.map((o) => [o.slug, o.opening_hours]));
  const rules = counselling.counsellors.flatMap((c, i) =>
    c.officeSlugs.flatMap((slug, k) =>
      Object.entries(officeHours.get(slug) ?? {})
        .filter(([weekday]) => (Number(weekday) + i) % c.officeSlugs.length === k)
        .flatMap(([weekday, spans]) =>
          spans.map(([startsAt, endsAt]) => ({
            counsellor_id: counsellorRows[i]!.id,
            weekday: Number(weekday),
            starts_at: startsAt!,
            ends_at: endsAt!,
            channels: c.channels,
            office_id: officeId.get(slug)!,
            valid_from: addDays(baseDate, -28),
          })),
        ),
    ),
  );
  if (rules.length > 0) await tx`insert into availability_rules ${tx(rules)}`;
  // The demo city is Kassel: Hessen's public holidays apply.
  await tx`
        insert into app_meta (key, value) values ('booking', ${tx.json({ state: 'HE' })})
        on conflict (key) do nothing`;
}

/** The search rows and the planning activity after the catalogue, then the seed's record. */
async function finish(
  tx: Db,
  options: {
    seed: number;
    offerCount: number;
    baseDate: string;
    planning?: PlanningVolumes;
    progress?: (line: string) => void;
  },
): Promise<{ seeded: true; counts: Record<string, number> }> {
  const { seed, offerCount, baseDate } = options;
  let started = Date.now();
  // Built once after the catalogue, as after a large import: one rebuild, not one refresh per batch.
  await refreshAllSearchDocuments(tx);
  options.progress?.(`search documents built in ${seconds(started)}`);
  started = Date.now();
  await seedPlanningDemo(tx, { seed, baseDate, volumes: options.planning });
  options.progress?.(`planning activity seeded in ${seconds(started)}`);

  const value = { seed, offers: offerCount, baseDate, seededAt: new Date().toISOString() };
  await tx`
    insert into app_meta (key, value) values (${DEMO_SEED_KEY}, ${tx.json(value)})
    on conflict (key) do update set value = excluded.value, updated_at = now()`;
  await tx`delete from app_meta where key = ${SEED_PROGRESS_KEY}`;
  return { seeded: true, counts: await counts(tx) };
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** How far a batched seed got: the offers before `next` are committed. */
const SEED_PROGRESS_KEY = 'demo_seed_progress';
interface SeedProgress {
  seed: number;
  offers: number;
  baseDate: string;
  next: number;
}

/**
 * A large catalogue (benchmarks: a million offers, 1.9 million runs) in batches that are
 * committed one by one, with progress on `options.progress`: one transaction would hold
 * gigabytes of new rows for an hour and lose them all on any error. A stopped run resumes
 * at the first batch not committed (offers are generated from their index alone, so the
 * rows are the same as in one go). A session advisory lock on a connection of its own
 * keeps a second process out for the whole seed. The search documents and the planning
 * activity are built at the end, in the last transaction, which also records the seed.
 */
async function seedInBatches(
  sql: Sql,
  options: SeedOptions & { seed: number; offers: number; baseDate: string },
): Promise<{ seeded: boolean; counts: Record<string, number> }> {
  const { seed, offers: offerCount, baseDate } = options;
  const batch = options.batchOffers ?? CHUNK;
  const progress = options.progress ?? (() => {});
  if (options.force) throw new Error('A batched seed only fills a database without demo data');
  const lock = await sql.reserve();
  try {
    await lock`select pg_advisory_lock(${LOCKS.demoSeed})`;
    const [done] = await sql`select 1 from app_meta where key = ${DEMO_SEED_KEY}`;
    if (done) return { seeded: false, counts: await counts(sql) };

    const postcodes = await regionPostcodes(sql);
    const wanted: SeedProgress = { seed, offers: offerCount, baseDate, next: 0 };
    const { catalogue, next } = await sql.begin(async (tx) => {
      const [row] = await tx<{ value: SeedProgress }[]>`
        select value from app_meta where key = ${SEED_PROGRESS_KEY}`;
      const before = row?.value;
      if (before) {
        if (before.seed !== seed || before.offers !== offerCount || before.baseDate !== baseDate)
          throw new Error(
            `An interrupted seed of ${before.offers} offers (seed ${before.seed}, ${before.baseDate}) is in this database: drop it first`,
          );
        return { catalogue: await existingCatalogue(tx, seed, postcodes), next: before.next };
      }
      const fresh = await insertProvidersAndVenues(tx, seed, postcodes, '');
      await tx`insert into app_meta (key, value) values (${SEED_PROGRESS_KEY}, ${tx.json(wanted as never)})`;
      return { catalogue: fresh, next: 0 };
    });
    if (next > 0) progress(`resuming at offer ${next} of ${offerCount}`);

    const started = Date.now();
    for (let from = next; from < offerCount; from += batch) {
      const to = Math.min(offerCount, from + batch);
      await sql.begin(async (tx) => {
        // Nothing waits for these commits: losing the last ones in a crash only means seeding them again.
        await tx`set local synchronous_commit = off`;
        await insertOffers(tx, catalogue, seed, baseDate, from, to, options.sessions ?? true);
        await tx`
          update app_meta set value = ${tx.json({ ...wanted, next: to } as never)}, updated_at = now()
          where key = ${SEED_PROGRESS_KEY}`;
      });
      const rate = (to - next) / Math.max(0.001, (Date.now() - started) / 1000);
      progress(
        `offers ${to} of ${offerCount} (${Math.round(rate)}/s, ${Math.round((offerCount - to) / rate)} s left)`,
      );
    }
    progress(`offers written in ${seconds(started)}`);

    return await sql.begin(async (tx) => {
      // Sorting and grouping 40 million (word, offer) pairs of a million documents needs room.
      await tx`set local work_mem = '256MB'`;
      await tx`set local maintenance_work_mem = '512MB'`;
      await insertCounselling(tx, seed, postcodes, baseDate);
      return finish(tx, { seed, offerCount, baseDate, planning: options.planning, progress });
    });
  } finally {
    await lock`select pg_advisory_unlock(${LOCKS.demoSeed})`;
    lock.release();
  }
}
