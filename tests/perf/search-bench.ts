/**
 * `npm run bench:search -- --offers 100000`
 * Seeds a separate database (`bench_<offers>`, kept for the next run) with that many demo
 * offers, runs a fixed mix of searches (free text, multi-word and other languages, filters,
 * facets, radius) through the shared query understanding and the PostgreSQL engine, and
 * prints one JSON line of figures last: latencies, the in-memory index's load time and
 * memory, and how long until a changed offer is searchable. Uses DATABASE_URL's server
 * when set, else its own embedded PostgreSQL under .data/bench (BENCH_PG_PORT).
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import pino from 'pino';
import { searchQuerySchema } from '../../app/modules/catalogue/schemas';
import { cataloguePlaces, postcodePlaces } from '../../db/queries/search.server';
import { loadReferenceData } from '../../db/reference/load';
import { DEMO_PLANNING } from '../../db/seed/planning';
import { seedDemoData } from '../../db/seed/seed';
import { PostgresSearchEngine } from '../../search/postgres/engine.server';
import { applyUnderstanding } from '../../search/relax';
import type { EngineQuery } from '../../search/types';
import { type Gazetteer, understand } from '../../search/understand';
import { benchDatabase, percentile } from './support';

const { values } = parseArgs({
  options: {
    offers: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '10' },
    // Drop the kept database and seed it again.
    fresh: { type: 'boolean', default: false },
    // Per query of the mix: its p50 and p95 on stderr, slowest first (to find what to fix).
    'per-query': { type: 'boolean', default: false },
  },
});
const offers = Number(values.offers);
const rounds = Number(values.rounds);
const logger = pino({ level: 'warn' }, process.stderr);
const TODAY = '2026-11-24';
/** The machine's load average (1, 5, 15 minutes): figures on a shared machine need it. */
const uptime = () =>
  `load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;

const { sql, close } = await benchDatabase(`bench_${offers}`, { fresh: values.fresh, logger });
await loadReferenceData(sql);
const seedStarted = Date.now();
// Committed in batches of 5,000 offers (a million offers are ~1.9 million runs); an
// interrupted seed resumes where it stopped. The search reads neither the runs' single
// dates (19 million rows at a million offers) nor the planning tables (the demo's per-offer
// statistics would be 15 million rows), so the benchmark's database has neither.
const seeded = await seedDemoData(sql, {
  offers,
  seed: 42,
  baseDate: TODAY,
  batchOffers: 5_000,
  planning: { ...DEMO_PLANNING, offerStatDays: 0 },
  sessions: false,
  progress: (line) => process.stderr.write(`seed: ${line} (${uptime()})\n`),
});
const seedSeconds = seeded.seeded ? Math.round((Date.now() - seedStarted) / 1000) : null;
if (seeded.seeded) process.stderr.write(`seeded ${offers} offers in ${seedSeconds} s\n`);
await sql`analyze`;

const KASSEL = { label: '34117 Kassel', latitude: 51.3166, longitude: 9.4912 };
const BAUNATAL = { label: '34225 Baunatal', latitude: 51.2518, longitude: 9.4075 };
const mix: [Record<string, string>, EngineQuery['location']][] = [
  [{ q: 'deutsch' }, null],
  [{ q: 'deutschkurs' }, null],
  [{ q: 'Deutsch Kurs', level: 'B1' }, null],
  [{ q: 'Integratinskurs' }, null],
  [{ q: 'englisch', time: 'evening' }, null],
  [{ q: 'excel' }, null],
  [{ q: 'umschulung', funding: 'bildungsgutschein' }, null],
  [{ q: 'yoga', free: '1' }, null],
  [{ q: 'pflege' }, null],
  [{ q: 'bewerbung', format: 'online' }, null],
  [{ q: 'computer smartphone' }, null],
  [{ q: 'schulabschluss' }, null],
  [{ category: 'sprachen' }, null],
  [{ category: 'deutsch_integration', time: 'morning' }, null],
  [{ format: 'online' }, null],
  [{ funding: 'bildungsurlaub' }, null],
  [{ maxPrice: '100', sort: 'price' }, null],
  [{ accessible: '1', category: 'gesundheit' }, null],
  [{ sort: 'start' }, null],
  [{}, null],
  [{ radius: '5', sort: 'distance' }, KASSEL],
  [{ q: 'deutsch', radius: '10' }, KASSEL],
  [{ radius: '25', category: 'berufliche_weiterbildung' }, BAUNATAL],
  [{ q: 'kurs', radius: '2', sort: 'distance' }, KASSEL],
  [{ q: 'deutsch', page: '3' }, null],
  // What people type (issue 18): intent words, levels, places, other languages.
  [{ q: 'Yoga am Wochenende' }, null],
  [{ q: 'Englisch für Anfänger' }, null],
  [{ q: 'deutschkurs abends' }, null],
  [{ q: 'Hilfe bei der Bewerbung' }, null],
  [{ q: 'Excel online kostenlos' }, null],
  [{ q: 'Deutsch B2 für den Beruf' }, null],
  [{ q: 'Almanca kursu akşam' }, null],
  [{ q: 'دورة لغة ألمانية' }, null],
  [{ q: 'курсы немецкого языка для начинающих' }, null],
  [{ q: 'German course in the evening' }, null],
  [{ q: 'Umschulung mit Bildungsgutschein Wehlheiden' }, null],
  [{ q: 'yoga abendessen kochen' }, null],
];
const engine = new PostgresSearchEngine(() => sql);
const places = await cataloguePlaces(sql);
const reference = await postcodePlaces(sql);
const postcodes = new Map(reference.postcodes);
const towns = new Map(reference.towns);
const gazetteer: Gazetteer = {
  ...places,
  postcode: (code) => postcodes.get(code) ?? null,
  town: (folded) => towns.get(folded) ?? null,
};
// As the catalogue module does (app/modules/catalogue/search.server.ts): understanding is
// part of every search's time. A place named in the text is searched around Kassel here.
const query = (p: Record<string, string>, location: EngineQuery['location']): EngineQuery => {
  const { near: _near, ...rest } = searchQuerySchema.parse(p);
  const understanding = understand(rest.q, { places: gazetteer, categories: rest.category });
  const at = location ?? (understanding.filters.near ? KASSEL : null);
  return applyUnderstanding({ ...rest, location: at, today: TODAY, uiLanguage: 'de' }, understanding);
};

// Start-up: the server loads its search index (columns and posting lists) before the first search.
// The memory is what stays after a full garbage collection on both sides (not the load's garbage).
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
gc();
const before = process.memoryUsage();
const loadStarted = performance.now();
await engine.warm();
const loadMs = performance.now() - loadStarted;
gc();
const after = process.memoryUsage();
const indexMb = Math.round(
  (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 1024 / 1024,
);
for (const [p, l] of mix) await engine.search(query(p, l));

// Cold: the text-match cache is emptied before every query (each one reads PostgreSQL).
// Warm: repeated queries hit the per-version cache, as popular searches do in production.
const times: number[] = [];
const warm: number[] = [];
const perQuery: number[][] = mix.map(() => []);
const started = performance.now();
for (let r = 0; r < rounds; r++) {
  for (const [m, [p, l]] of mix.entries()) {
    engine.clearCache();
    const t0 = performance.now();
    await engine.search(query(p, l));
    times.push(performance.now() - t0);
    perQuery[m]!.push(performance.now() - t0);
    const t1 = performance.now();
    await engine.search(query(p, l));
    warm.push(performance.now() - t1);
  }
}
const elapsed = (performance.now() - started) / 1000;
if (values['per-query']) {
  const rows = mix.map(([p, l], m) => ({
    query: JSON.stringify(p) + (l ? ` @${l.label}` : ''),
    p50: percentile(perQuery[m]!, 50),
    p95: percentile(perQuery[m]!, 95),
  }));
  for (const row of rows.sort((a, b) => b.p95 - a.p95))
    process.stderr.write(
      `${row.p95.toFixed(2).padStart(8)} p95 ${row.p50.toFixed(2).padStart(8)} p50  ${row.query}\n`,
    );
}

const [{ min, max }] =
  (await sql`select min(id)::int as min, max(id)::int as max from offers`) as unknown as [
    { min: number; max: number },
  ];
const pk: number[] = [];
for (let i = 0; i < 500; i++) {
  const id = min + ((i * 7919) % (max - min + 1));
  const t0 = performance.now();
  await sql`select * from offers where id = ${id}`;
  pk.push(performance.now() - t0);
}
// A changed offer: its title gets a word no offer has; how long until a search finds it.
const changeWord = `benchwort${Date.now().toString(36)}`;
const [changed] = (await sql`
  select o.id::int as id, o.title from offers o join search_offers so on so.offer_id = o.id
  order by o.id limit 1`) as unknown as [{ id: number; title: string }];
const changeStarted = performance.now();
// The change as the provider area makes it: the offer and its search rows in one transaction.
await sql.begin(async (tx) => {
  await tx`update offers set title = ${`${changed.title} ${changeWord}`} where id = ${changed.id}`;
  await tx`select search_refresh_offers(${[changed.id]}::bigint[])`;
});
// The writer's part (the posting lists are rewritten in PostgreSQL); the rest is the reader's.
const refreshMs = performance.now() - changeStarted;
let changeMs = Number.NaN;
for (let i = 0; i < 400; i++) {
  const found = await engine.search(query({ q: changeWord }, null));
  if (found.hits.some((h) => h.id === changed.id)) {
    changeMs = performance.now() - changeStarted;
    break;
  }
}
const patch = engine.lastIndexLoad;
await sql`update offers set title = ${changed.title} where id = ${changed.id}`;
await sql`select search_refresh_offers(${[changed.id]}::bigint[])`;

const [{ runs }] = (await sql`select count(*)::int as runs from runs`) as unknown as [{ runs: number }];
const [{ n }] = (await sql`select count(*)::int as n from offers`) as unknown as [{ n: number }];

await close();
process.stdout.write(
  `${JSON.stringify({
    offers: n,
    runs,
    queries: times.length,
    p50_ms: percentile(times, 50),
    p95_ms: percentile(times, 95),
    p99_ms: percentile(times, 99),
    qps: Math.round(((times.length + warm.length) / elapsed) * 10) / 10,
    pk_p95_ms: percentile(pk, 95),
    scan_threads: engine.scanThreads,
    warm_p50_ms: percentile(warm, 50),
    warm_p95_ms: percentile(warm, 95),
    index_load_ms: Math.round(loadMs),
    index_memory_mb: indexMb,
    rss_mb: Math.round(process.memoryUsage().rss / 1024 / 1024),
    change_searchable_ms: Math.round(changeMs),
    change_refresh_ms: Math.round(refreshMs),
    change_patch: patch,
    seed_s: seedSeconds,
    load_average: loadavg().map((l) => Math.round(l * 100) / 100),
  })}\n`,
);
