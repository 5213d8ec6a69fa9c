/**
 * `npm run bench:reports`
 * Seeds a separate database (`bench_reports`, kept for the next run) with two years of
 * activity at the volumes of issue 20 (BENCH_PLANNING in db/seed/planning.ts: 1,000,000
 * search-log rows, 60,000 appointments, 20,000 self-assessments, and 3,000 offers) as raw
 * rows, lets the real nightly job count them, then builds and renders every planning
 * report (the route's loader work: read, suppress; then the sections rendered to HTML
 * with their charts) for the whole region and for one district, and prints one JSON line
 * last: { reports, p50_ms, p95_ms, max_ms }. The seeding is extensible: further raw
 * sources (cases, referrals) join PLANNING_SEEDERS and BENCH_PLANNING, new reports
 * REPORTS; nothing here changes.
 */
import { parseArgs } from 'node:util';
import { createInstance } from 'i18next';
import pino from 'pino';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { i18nConfig } from '../../app/i18n';
import { resources } from '../../app/i18next.server';
import { aggregatePlanning } from '../../app/modules/planning/aggregate.server';
import { ReportSection } from '../../app/modules/planning/components/report-section';
import { reportPage } from '../../app/modules/planning/pages.server';
import { REPORTS } from '../../app/modules/planning/reports.server';
import { resetEnvCache } from '../../app/utils/env.server';
import { loadReferenceData } from '../../db/reference/load';
import { BENCH_PLANNING } from '../../db/seed/planning';
import { seedDemoData } from '../../db/seed/seed';
import { benchDatabase, percentile } from './support';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '10' } } });
const rounds = Number(values.rounds);
const logger = pino({ level: 'warn' }, process.stderr);
const TODAY = '2026-11-24';
process.env.FIXED_NOW = `${TODAY}T10:00:00+01:00`;
resetEnvCache();

const { sql, close } = await benchDatabase('bench_reports', { fresh: false, logger });
await loadReferenceData(sql);
const seedStarted = Date.now();
const seeded = await seedDemoData(sql, {
  offers: 3_000,
  seed: 42,
  baseDate: TODAY,
  planning: BENCH_PLANNING,
});
if (seeded.seeded) {
  process.stderr.write(`seeded in ${Math.round((Date.now() - seedStarted) / 1000)} s\n`);
  const started = Date.now();
  const summary = await aggregatePlanning({ today: TODAY, db: sql });
  process.stderr.write(
    `nightly job: ${JSON.stringify(summary)} in ${Math.round((Date.now() - started) / 1000)} s\n`,
  );
  await sql`analyze`;
}
const [volumes] = await sql<
  { searches: number; appointments: number; assessments: number; offers: number }[]
>`
  select (select count(*) from search_log)::int as searches, (select count(*) from appointments)::int as appointments,
    (select count(*) from assessments)::int as assessments, (select count(*) from offers)::int as offers`;
const [district] = await sql<
  { code: string }[]
>`select code from planning_areas where kind = 'district' order by inhabitants desc limit 1`;

const i18n = createInstance();
await i18n.use(initReactI18next).init({
  ...i18nConfig,
  lng: 'de',
  ns: [...new Set([...i18nConfig.ns, 'planning'])],
  resources,
});

/** The time to build and render one report page; null for a report that has no figures by area. */
async function render(slug: string, area: string | null): Promise<number | null> {
  const url = new URL(`http://bench/planung/${slug}${area ? `?gebiet=${area}` : ''}`);
  const t0 = performance.now();
  const page = await reportPage(slug, url);
  if (page.kind !== 'report') throw new Error(`${slug}: ${page.kind}`);
  // Cases and referrals keep no area: the page only says so (nothing to measure).
  if (area && page.view.sections.length === 0) return null;
  const html = renderToString(
    createElement(
      I18nextProvider,
      { i18n },
      page.view.sections.map((s) =>
        createElement(ReportSection, { key: s.id, report: page.view.id, section: s }),
      ),
    ),
  );
  if (html.length < 100) throw new Error(`${slug}: nothing rendered`);
  return performance.now() - t0;
}

// One warm-up pass (connections, plans), then the measured rounds.
for (const r of REPORTS) for (const area of [null, district!.code]) await render(r.slug, area);
const times: number[] = [];
const perReport: Record<string, number[]> = {};
for (let round = 0; round < rounds; round++)
  for (const r of REPORTS)
    for (const area of [null, district!.code]) {
      const ms = await render(r.slug, area);
      if (ms === null) continue;
      times.push(ms);
      const key = `${r.slug}${area ? `@${area}` : ''}`;
      perReport[key] = [...(perReport[key] ?? []), ms];
    }
await close();
const round1 = (n: number) => Math.round(n * 10) / 10;
for (const [name, list] of Object.entries(perReport))
  process.stderr.write(
    `${name}: p50 ${round1(percentile(list, 50))} ms, max ${round1(Math.max(...list))} ms\n`,
  );
process.stdout.write(
  `${JSON.stringify({
    reports: Object.keys(perReport).length,
    renders: times.length,
    p50_ms: round1(percentile(times, 50)),
    p95_ms: round1(percentile(times, 95)),
    max_ms: round1(Math.max(...times)),
    volumes,
  })}\n`,
);
