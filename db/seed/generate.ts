import { publicHolidays } from '../../app/modules/booking/holidays';
import { slugify } from '../../app/utils/slug';
import {
  accessibilityNotes,
  type Category,
  type Cefr,
  type CourseTemplate,
  cityDistricts,
  counsellingTopics,
  counsellorNames,
  type EntryRequirement,
  type Funding,
  offices,
  type ProviderKind,
  providerSeeds,
  registrationNotes,
  streets,
  type TimeOfDay,
  type TitleSpec,
  targetSentencesFallback,
  templates,
  venueNames,
} from './content';
import { mixSeed, permute32, Random } from './random';

export { slugify };

/**
 * The deterministic demo-data generator: plain rows, no database. Same options, same rows
 * (no clock, no Math.random). Offers are derived from (seed, index) alone, so generating
 * them in chunks gives exactly the rows of one big run.
 */

export interface RegionPostcode {
  zipcode: string;
  place: string;
  latitude: number;
  longitude: number;
}

export interface ProviderRow {
  key: number;
  slug: string;
  name: string;
  kind: ProviderKind;
  description: string;
  street: string;
  postcode: string;
  city: string;
  latitude: number;
  longitude: number;
  website: string;
  email: string;
  phone: string;
  certifications: { type: string; number: string; certifier: string; validUntil: string }[];
  status: 'approved' | 'pending';
  weight: number;
}

export interface VenueRow {
  key: number;
  providerKey: number;
  name: string;
  street: string;
  postcode: string;
  city: string;
  district: string;
  latitude: number;
  longitude: number;
  accessible: boolean | null;
  accessibility_note: string | null;
}

export interface SessionRow {
  starts_at: string;
  ends_at: string;
}

export interface RunRow {
  venueKey: number | null;
  external_id: string;
  starts_on: string;
  ends_on: string;
  session_count: number;
  weekdays: number[];
  starts_at: string;
  ends_at: string;
  time_of_day: TimeOfDay;
  format: 'in_person' | 'online' | 'hybrid';
  price_cents: number | null;
  price_note: string | null;
  seats: number;
  /** null: not known (runs that have started, counselling). */
  seats_status: 'available' | 'few' | 'full' | 'waiting_list' | null;
  registration_deadline: string | null;
  teaching_units: number;
  sessions: SessionRow[];
}

export interface OfferRow {
  index: number;
  providerKey: number;
  external_id: string;
  course_number: string;
  title: string;
  subtitle: string | null;
  summary: string;
  description: string;
  category: Category;
  kind: 'course' | 'measure' | 'counselling';
  keywords: string[];
  target_groups: string[];
  language: string;
  cefr_level: Cefr | null;
  certificate: string | null;
  funding: Funding[];
  accessibility: string | null;
  website: string;
  status: 'draft' | 'published' | 'archived';
  /** null: not stated; []: no formal requirement. */
  entry_requirements: EntryRequirement[] | null;
  /** The German level expected at the start. */
  entry_cefr_level: Cefr | null;
  entry_note: string | null;
  late_entry: boolean;
  registration_url: string | null;
  registration_email: string | null;
  registration_phone: string | null;
  registration_note: string | null;
  azav_measure_number: string | null;
  runs: RunRow[];
}

export interface CounsellingData {
  topics: {
    slug: string;
    name: Record<string, string>;
    description: Record<string, string>;
    slot_minutes: number;
    buffer_minutes: number;
    min_notice_minutes: number;
    window_days: number;
    sort_order: number;
  }[];
  offices: {
    slug: string;
    name: string;
    street: string;
    postcode: string;
    city: string;
    latitude: number | null;
    longitude: number | null;
    accessible: boolean;
    accessibility_note: string;
    opening_hours: Record<string, string[][]>;
    phone: string;
    email: string;
  }[];
  counsellors: {
    display_name: string;
    languages: string[];
    channels: string[];
    topicSlugs: string[];
    officeSlugs: string[];
  }[];
}

export interface GenerateOptions {
  seed: number;
  offers: number;
  baseDate: string;
  postcodes: RegionPostcode[];
}

// ---- dates and Europe/Berlin wall-clock time ---------------------------------------------

const DAY = 86_400_000;

function parseDate(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** ISO weekday 1 (Monday) … 7 (Sunday). */
function isoWeekday(ms: number): number {
  const d = new Date(ms).getUTCDay();
  return d === 0 ? 7 : d;
}

function lastSunday(year: number, month: number): number {
  const last = Date.UTC(year, month + 1, 0);
  return last - new Date(last).getUTCDay() * DAY;
}

/**
 * The UTC offset of Europe/Berlin at a daytime wall-clock hour on `date`: CEST (+02:00)
 * from the last Sunday of March to the day before the last Sunday of October. (The
 * switch itself happens at night, when no course runs.)
 */
export function berlinOffset(date: string): '+01:00' | '+02:00' {
  const ms = parseDate(date);
  const year = new Date(ms).getUTCFullYear();
  return ms >= lastSunday(year, 2) && ms < lastSunday(year, 9) ? '+02:00' : '+01:00';
}

function wallClock(date: string, time: string): string {
  return `${date}T${time}:00${berlinOffset(date)}`;
}

function addMinutes(time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const total = Math.min(h * 60 + m + minutes, 23 * 60 + 45);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

// ---- helpers -----------------------------------------------------------------------------

function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}

const LATEST_END = 22 * 60;

function clockMinutes(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

const START_TIMES: Record<TimeOfDay, string[]> = {
  morning: ['08:30', '09:00', '09:30', '10:00'],
  afternoon: ['13:00', '14:00', '14:30', '15:30'],
  evening: ['17:30', '18:00', '18:30', '19:00'],
};

// ---- providers and venues ------------------------------------------------------------------

export function generateProviders(seed: number, postcodes: RegionPostcode[]) {
  if (postcodes.length === 0)
    throw new Error('The demo region has no postcodes: load the reference data first');
  const rng = new Random(mixSeed(seed, 1));
  const city = postcodes.filter((p) => cityDistricts[p.zipcode]);
  const county = postcodes.filter((p) => !cityDistricts[p.zipcode]);
  const place = (preferCity: boolean) =>
    rng.pick(preferCity && city.length > 0 ? city : county.length > 0 ? county : postcodes);
  const jitter = () => Math.round(rng.float(-0.008, 0.008) * 10_000) / 10_000;

  const providers: ProviderRow[] = [];
  const venues: VenueRow[] = [];
  const used = new Set<string>();
  providerSeeds.forEach((p, i) => {
    let slug = slugify(p.name);
    while (used.has(slug)) slug = `${slug}-${i}`;
    used.add(slug);
    const home = place(rng.chance(0.65));
    const host = slug.replaceAll('-', '').slice(0, 24);
    providers.push({
      key: i,
      slug,
      name: p.name,
      kind: p.kind,
      description: p.description,
      street: `${rng.pick(streets)} ${rng.int(1, 120)}`,
      postcode: home.zipcode,
      city: cityDistricts[home.zipcode] ? 'Kassel' : home.place,
      latitude: home.latitude + jitter(),
      longitude: home.longitude + jitter(),
      website: `https://www.${host}.example`,
      email: `kontakt@${host}.example`,
      phone: `0561 ${String(rng.int(100_000, 999_999))}`,
      certifications: p.azav
        ? [
            {
              type: 'AZAV',
              number: `AZ-${String(permute32(i, seed) % 1_000_000).padStart(6, '0')}`,
              certifier: rng.pick([
                'CertQua Demo',
                'Zertifizierungsstelle Nord (Demo)',
                'Fachkundige Stelle Hessen (Demo)',
              ]),
              validUntil: `${2027 + rng.int(0, 2)}-${String(rng.int(1, 12)).padStart(2, '0')}-28`,
            },
          ]
        : [],
      // Two providers wait for approval: their offers exist but are not public.
      status: i === 25 || i === 38 ? 'pending' : 'approved',
      weight: p.weight,
    });
    const venueCount = p.kind === 'vhs' ? rng.int(4, 6) : p.kind === 'other' ? 1 : rng.int(1, 3);
    for (let v = 0; v < venueCount; v++) {
      const at = v === 0 ? home : place(p.kind !== 'vhs' || i === 0 ? rng.chance(0.7) : rng.chance(0.2));
      const district = cityDistricts[at.zipcode] ?? at.place;
      const accessible = rng.weighted<boolean | null>([
        [true, 6],
        [false, 2],
        [null, 2],
      ]);
      venues.push({
        key: venues.length,
        providerKey: i,
        name:
          v === 0
            ? `${p.name} – ${venueNames[0]}`
            : `${p.name} – ${rng.pick(venueNames.slice(1))} ${district}`,
        street: v === 0 ? providers[i]!.street : `${rng.pick(streets)} ${rng.int(1, 120)}`,
        postcode: at.zipcode,
        city: cityDistricts[at.zipcode] ? 'Kassel' : at.place,
        district,
        latitude: v === 0 ? providers[i]!.latitude : at.latitude + jitter(),
        longitude: v === 0 ? providers[i]!.longitude : at.longitude + jitter(),
        accessible,
        accessibility_note: accessible ? rng.pick(accessibilityNotes) : null,
      });
    }
  });
  return { providers, venues };
}

// ---- offers -------------------------------------------------------------------------------

const LEVELS: Cefr[] = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];
/** Integration course modules 1–6 lead from A1 to B1 (two modules per level). */
const MODULE_LEVEL: Cefr[] = ['A1', 'A1', 'A2', 'A2', 'B1', 'B1'];

/** Days without any course: Christmas Eve to Boxing Day, New Year's Eve and Day, Hesse's holidays. */
const CLOSED_MONTH_DAYS = new Set(['12-24', '12-25', '12-26', '12-31', '01-01']);
const holidayYears = new Map<number, Set<string>>();

export function isClosedDay(date: string): boolean {
  if (CLOSED_MONTH_DAYS.has(date.slice(5))) return true;
  const year = Number(date.slice(0, 4));
  let days = holidayYears.get(year);
  if (!days) {
    // The demo region is the city and county of Kassel: Hesse's public holidays.
    days = new Set(publicHolidays(year, 'HE').map((h) => h.date));
    holidayYears.set(year, days);
  }
  return days.has(date);
}

/**
 * What a title promises about its runs: "am Abend" runs in the evening, "am Vormittag" in
 * the morning, "am Wochenende" on weekends, "online" online. The runs follow the title, so
 * the catalogue never says "evening" above a 10:00 run.
 */
export function titlePromises(title: string): { times?: TimeOfDay[]; weekend?: boolean; online?: boolean } {
  if (/\bonline\b/i.test(title)) return { online: true };
  if (/abend/i.test(title)) return { times: ['evening'], weekend: false };
  if (/vormittag|am morgen/i.test(title)) return { times: ['morning'], weekend: false };
  if (/wochenende/i.test(title)) return { weekend: true };
  return {};
}

function specOf(title: string | TitleSpec): TitleSpec {
  return typeof title === 'string' ? { text: title } : title;
}

function chooseTemplate(rng: Random, provider: ProviderRow): CourseTemplate {
  const azav = provider.certifications.some((c) => c.type === 'AZAV');
  const fitting = templates.filter((t) => t.providers.includes(provider.kind) && (azav || !t.azavOnly));
  return rng.weighted(fitting.map((t) => [t, t.weight] as const));
}

function makeRun(
  rng: Random,
  t: CourseTemplate,
  spec: TitleSpec,
  venues: VenueRow[],
  offerId: string,
  runIndex: number,
  firstStart: number,
  base: number,
  free: boolean,
): RunRow {
  const promises = titlePromises(spec.text);
  const online = promises.online || (!spec.practical && rng.chance(t.onlineChance ?? 0));
  const format: RunRow['format'] = online
    ? promises.online || rng.chance(0.7)
      ? 'online'
      : 'hybrid'
    : 'in_person';
  const weekend = promises.weekend ?? (!t.pattern && rng.chance(t.weekendChance ?? 0));
  const timeOfDay: TimeOfDay = promises.times
    ? rng.pick(promises.times)
    : weekend
      ? 'morning'
      : rng.pick(t.times);
  const startTime = rng.pick(START_TIMES[timeOfDay]);
  // Sessions end by 22:00: an evening run has no eight-hour days.
  const room = LATEST_END - clockMinutes(startTime);
  const wanted = rng.pick(t.minutes);
  const fitting = t.minutes.filter((m) => m <= room);
  const minutes =
    wanted <= room ? wanted : fitting.length ? Math.max(...fitting) : Math.floor(room / 15) * 15;
  // A module of 100 teaching units is 25 sessions of four units or 20 of five.
  const sessionCount = t.units ? Math.round(t.units / (minutes / 45)) : rng.int(t.sessions[0], t.sessions[1]);
  // Long measures run every weekday; evening courses once or twice a week.
  const perWeek =
    sessionCount > 100
      ? 5
      : sessionCount > 30
        ? rng.int(2, 4)
        : rng.weighted([
            [1, 6],
            [2, 3],
            [3, 1],
          ] as const);
  const weekdays = t.pattern
    ? t.pattern
    : weekend
      ? rng.chance(0.5)
        ? [6]
        : [6, 7]
      : perWeek >= 5
        ? [1, 2, 3, 4, 5]
        : rng.sample([1, 2, 3, 4, 5], perWeek).sort((a, b) => a - b);
  const teaches = (ms: number) => weekdays.includes(isoWeekday(ms)) && !isClosedDay(formatDate(ms));
  let day = firstStart + runIndex * rng.int(28, 70) * DAY;
  while (!teaches(day)) day += DAY;
  const startsOn = formatDate(day);
  const endTime = addMinutes(startTime, minutes);
  const sessions: SessionRow[] = [];
  let cursor = day;
  let last = day;
  for (let n = 0; n < sessionCount; n++) {
    while (!teaches(cursor)) cursor += DAY;
    last = cursor;
    if (sessionCount <= 40) {
      const date = formatDate(cursor);
      sessions.push({ starts_at: wallClock(date, startTime), ends_at: wallClock(date, endTime) });
    }
    cursor += DAY;
  }
  const priceCents =
    free || t.price[1] === 0
      ? 0
      : rng.chance(0.05)
        ? null
        : Math.round(rng.int(t.price[0], t.price[1]) / 5) * 500;
  const venue = format === 'online' || venues.length === 0 ? null : rng.pick(venues);
  const started = day < base;
  const counselling = t.kind === 'counselling';
  return {
    venueKey: venue ? venue.key : null,
    external_id: `${offerId}-${runIndex + 1}`,
    starts_on: startsOn,
    ends_on: formatDate(last),
    session_count: sessionCount,
    weekdays,
    starts_at: startTime,
    ends_at: endTime,
    time_of_day: timeOfDay,
    format,
    price_cents: priceCents,
    price_note:
      priceCents === null
        ? rng.chance(0.5)
          ? 'Das Entgelt richtet sich nach der Gruppengröße.'
          : null
        : priceCents > 0 && rng.chance(0.3)
          ? 'Ermäßigung möglich'
          : null,
    seats: counselling ? 1 : rng.int(8, 20),
    // How full a run is, as the provider last said; nobody keeps it for runs under way.
    seats_status:
      counselling || started
        ? null
        : rng.weighted([
            ['available', 60],
            ['few', 15],
            ['full', 5],
            ['waiting_list', 5],
            [null, 15],
          ] as const),
    registration_deadline: rng.chance(t.deadlineChance ?? 0.15)
      ? formatDate(day - rng.int(3, 21) * DAY)
      : null,
    teaching_units: t.units ?? Math.max(1, Math.round((sessionCount * minutes) / 45)),
    sessions,
  };
}

/** The funding options this provider can offer: Bildungsgutschein only with an AZAV approval. */
function chooseFunding(rng: Random, t: CourseTemplate, provider: ProviderRow): Funding[] {
  const azav = provider.certifications.some((c) => c.type === 'AZAV');
  const options = t.funding.filter((f) => azav || !f.includes('azav'));
  return (options.length ? rng.pick(options) : []).slice();
}

function levelBelow(level: Cefr | null): Cefr | null {
  const i = level ? LEVELS.indexOf(level) : -1;
  return i > 0 ? LEVELS[i - 1]! : null;
}

export function generateOffer(
  seed: number,
  index: number,
  baseDate: string,
  providers: ProviderRow[],
  venuesByProvider: Map<number, VenueRow[]>,
): OfferRow {
  const rng = new Random(mixSeed(seed, 2, index));
  const provider = rng.weighted(providers.map((p) => [p, p.weight] as const));
  const t = chooseTemplate(rng, provider);
  const spec = specOf(rng.pick(t.titles));
  const module = rng.int(1, 6);
  const level =
    spec.levels === 'module'
      ? MODULE_LEVEL[module - 1]!
      : spec.levels === null
        ? null
        : spec.levels
          ? rng.pick(spec.levels)
          : t.levels
            ? rng.pick(t.levels)
            : null;
  const lang = t.languages ? rng.pick(t.languages) : null;
  const vars = { level: level ?? '', lang: lang?.name ?? '', module: String(module) };
  const title = fill(spec.text, vars);
  const summary = fill(rng.pick(t.summaries), vars);
  const funding = chooseFunding(rng, t, provider);
  const free = funding.includes('free') || t.price[1] === 0;
  // A sentence about a funding programme only where the offer has it.
  const sentences = rng
    .sample(
      t.sentences.filter((s) => typeof s === 'string' || funding.includes(s.funding)),
      rng.int(2, Math.min(4, t.sentences.length)),
    )
    .map((s) => fill(typeof s === 'string' ? s : s.text, vars));
  const description = [summary, ...sentences, rng.chance(0.3) ? targetSentencesFallback : '']
    .filter(Boolean)
    .join(' ');
  const offerId = `${provider.slug.slice(0, 12)}-${permute32(index, mixSeed(seed, 3)).toString(16).padStart(8, '0')}`;
  const venues = venuesByProvider.get(provider.key) ?? [];
  const base = parseDate(baseDate);
  // About one in ten offers started weeks ago (and some have ended): the catalogue hides past runs.
  const firstStart = base + rng.int(rng.chance(0.1) ? -120 : -10, 150) * DAY;
  const runCount = rng.weighted([
    [1, 5],
    [2, 3],
    [3, 2],
    [4, 1],
  ] as const);
  const runs = Array.from({ length: runCount }, (_, r) =>
    makeRun(rng, t, spec, venues, offerId, r, firstStart, base, free),
  );
  // Free means every run costs nothing; a course that costs nothing is free.
  if (runs.every((r) => r.price_cents === 0) && !funding.includes('free')) funding.push('free');
  const language = lang?.code ?? 'de';
  const certificate = t.certificates && rng.chance(0.6) ? fill(rng.pick(t.certificates), vars) : null;
  const status = rng.weighted([
    ['published', 95],
    ['draft', 3],
    ['archived', 2],
  ] as const);
  const keywords = rng.sample(t.keywords, rng.int(2, Math.min(6, t.keywords.length)));
  if (lang) keywords.push(lang.name.toLowerCase());
  // German courses expect the level below theirs; courses taught in German may ask for one.
  const entryLevel =
    t.entryLevel === 'below'
      ? t.category === 'deutsch_integration'
        ? levelBelow(level)
        : null
      : (t.entryLevel ?? null);
  const formal = spec.entry ?? t.entry ?? [];
  // Some providers of leisure courses say nothing about requirements.
  const stated = formal.length > 0 || t.entryLevel !== undefined || rng.chance(0.9);
  const entryNotes = [spec.entryNote, ...(t.entryNotes && rng.chance(0.7) ? [rng.pick(t.entryNotes)] : [])];
  const host = provider.email.split('@')[1] ?? 'example.invalid';
  const contact = rng.weighted([
    ['url', 4],
    ['email', 2],
    ['phone', 2],
    ['none', 2],
  ] as const);
  return {
    index,
    providerKey: provider.key,
    external_id: offerId,
    course_number: `K${baseDate.slice(2, 4)}${rng.pick(['F', 'H'])}-${String(100 + (index % 900)).padStart(3, '0')}${String.fromCharCode(65 + (index % 26))}`,
    title,
    subtitle: rng.chance(0.15) ? summary : null,
    summary,
    description,
    category: t.category,
    kind: t.kind,
    keywords,
    target_groups: rng.sample(t.targetGroups, rng.int(1, Math.min(3, t.targetGroups.length))),
    language,
    cefr_level: level,
    certificate,
    funding,
    accessibility: rng.chance(0.2)
      ? 'Unterlagen in großer Schrift auf Anfrage. Bitte sprechen Sie uns an, wenn Sie Unterstützung brauchen.'
      : null,
    website: `${provider.website}/kurse/${offerId}`,
    status,
    entry_requirements: stated ? [...formal] : null,
    entry_cefr_level: entryLevel,
    entry_note: entryNotes.filter(Boolean).join(' ') || null,
    late_entry: spec.lateEntry ?? rng.chance(t.lateEntryChance ?? 0),
    registration_url: contact === 'url' ? `${provider.website}/anmeldung/${offerId}` : null,
    registration_email: contact === 'email' || rng.chance(0.15) ? `anmeldung@${host}` : null,
    registration_phone: contact === 'phone' ? provider.phone : null,
    registration_note: contact !== 'none' && rng.chance(0.4) ? rng.pick(registrationNotes) : null,
    azav_measure_number: funding.includes('azav')
      ? `${rng.int(900, 999)}/${String(permute32(index, mixSeed(seed, 5)) % 10_000).padStart(4, '0')}/${baseDate.slice(0, 4)}`
      : null,
    runs,
  };
}

// ---- counselling ---------------------------------------------------------------------------

export function generateCounselling(seed: number, postcodes: RegionPostcode[]): CounsellingData {
  const rng = new Random(mixSeed(seed, 4));
  const byZip = new Map(postcodes.map((p) => [p.zipcode, p]));
  const topics = counsellingTopics.map((t, i) => ({
    slug: t.slug,
    name: t.name,
    description: t.description,
    slot_minutes: t.slot,
    buffer_minutes: t.slot >= 60 ? 15 : 10,
    min_notice_minutes: i % 2 === 0 ? 720 : 1440,
    window_days: 42,
    sort_order: i,
  }));
  const officeRows = offices.map((o) => ({
    slug: o.slug,
    name: o.name,
    street: o.street,
    postcode: o.postcode,
    city: o.city,
    latitude: byZip.get(o.postcode)?.latitude ?? null,
    longitude: byZip.get(o.postcode)?.longitude ?? null,
    accessible: o.accessible,
    accessibility_note: o.accessibilityNote,
    opening_hours: o.hours as unknown as Record<string, string[][]>,
    phone: o.phone,
    email: o.email,
  }));
  const extraLanguages = ['en', 'tr', 'ar', 'uk', 'ru', 'fa', 'pl', 'en', 'ar', 'tr', 'fr', 'ti'];
  const counsellors = counsellorNames.map((name, i) => {
    const languages = ['de', extraLanguages[i]!];
    if (rng.chance(0.4)) languages.push(rng.pick(['en', 'fr', 'es', 'ku']));
    const channels = ['in_person', 'phone', 'video'].filter((_, ci) => ci === 0 || rng.chance(0.7));
    return {
      display_name: name,
      languages: [...new Set(languages)],
      channels,
      topicSlugs: rng.sample(
        topics.map((t) => t.slug),
        rng.int(2, 4),
      ),
      officeSlugs: rng.sample(
        offices.map((o) => o.slug),
        i < 3 ? 1 : rng.int(1, 2),
      ),
    };
  });
  return { topics, offices: officeRows, counsellors };
}

// ---- everything ----------------------------------------------------------------------------

export interface DemoData {
  providers: ProviderRow[];
  venues: VenueRow[];
  offers: OfferRow[];
  counselling: CounsellingData;
}

export function generateDemoData(options: GenerateOptions): DemoData {
  const { providers, venues } = generateProviders(options.seed, options.postcodes);
  const venuesByProvider = groupVenues(venues);
  const offers = Array.from({ length: options.offers }, (_, i) =>
    generateOffer(options.seed, i, options.baseDate, providers, venuesByProvider),
  );
  return { providers, venues, offers, counselling: generateCounselling(options.seed, options.postcodes) };
}

export function groupVenues(venues: VenueRow[]): Map<number, VenueRow[]> {
  const map = new Map<number, VenueRow[]>();
  for (const v of venues) {
    const list = map.get(v.providerKey) ?? [];
    list.push(v);
    map.set(v.providerKey, list);
  }
  return map;
}
