import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregatePlanning } from '../../app/modules/planning/aggregate.server';
import { reportCsv, reportJson } from '../../app/modules/planning/export.server';
import { providerStatistics } from '../../app/modules/planning/provider-statistics.server';
import type { ReportView, SectionView } from '../../app/modules/planning/report-model';
import { REPORTS, runReport } from '../../app/modules/planning/reports.server';
import { onCaseErased } from '../../app/modules/referrals/referrals.server';
import { resetEnvCache } from '../../app/utils/env.server';
import { setSql } from '../../db/client.server';
import { countAppearances, countOpen } from '../../db/queries/planning-providers.server';
import { seedDemoAccounts } from '../../db/seed/accounts';
import { seedDemoData } from '../../db/seed/seed';
import { createTestDatabase, type TestDatabase } from '../setup/database';

/**
 * The planning reports over the demo's two years of anonymous activity (issue 20): no value
 * from 1 to 4 in any report, CSV or JSON; a row or column with a published total never has
 * exactly one suppressed cell; a search string searched 4 times is not listed, the 5th
 * search lists it; a provider's statistics hold no figure of another provider.
 */
let db: TestDatabase;
let empty: TestDatabase;

function useFixedNow(iso: string) {
  process.env.FIXED_NOW = iso;
  resetEnvCache();
}

beforeAll(async () => {
  empty = await createTestDatabase();
  db = await createTestDatabase();
  useFixedNow('2026-11-24T10:00:00+01:00');
  await seedDemoData(db.sql, { seed: 3, offers: 300, baseDate: '2026-11-24' });
  await aggregatePlanning({ today: '2026-11-24', db: db.sql, snapshot: true });
}, 600_000);

afterAll(async () => {
  delete process.env.FIXED_NOW;
  resetEnvCache();
  await db.drop();
  await empty.drop();
});

const SMALL = new Set([1, 2, 3, 4]);

/** Every count column's shown value; the model never carries a small or hidden value. */
function smallShownCounts(section: SectionView): string[] {
  const out: string[] = [];
  const rows = [...section.cells, ...(section.totals ? [section.totals] : [])];
  for (const [i, row] of rows.entries()) {
    for (const [j, cell] of row.entries()) {
      const column = section.columns[j]!;
      if (column.unit !== 'count') continue;
      if (cell.m !== 'shown' && cell.v !== null)
        out.push(`${section.id}[${i}][${column.code}] carries ${cell.v}`);
      if (cell.m === 'shown' && cell.v !== null && SMALL.has(cell.v))
        out.push(`${section.id}[${i}][${column.code}] = ${cell.v}`);
    }
  }
  return out;
}

/**
 * A published total with exactly one suppressed cell in its row or column would give that
 * cell away (total minus the others).
 */
function lonelySuppressed(section: SectionView): string[] {
  const out: string[] = [];
  const countCols = section.columns
    .map((c, j) => ({ c, j }))
    .filter(({ c }) => c.unit === 'count' && c.code !== 'total');
  const totalCol = section.columns.findIndex((c) => c.code === 'total');
  const suppressed = (m: string | undefined) => m === 'small' || m === 'hidden';
  if (totalCol >= 0)
    section.cells.forEach((row, i) => {
      if (row[totalCol]?.m !== 'shown') {
        if (!row[totalCol])
          throw new Error(`${section.id}: row ${i} has ${row.length} of ${section.columns.length} cells`);
        return;
      }
      const hidden = countCols.filter(({ j }) => suppressed(row[j]!.m)).length;
      if (hidden === 1) out.push(`${section.id} row ${section.rows[i]!.code} ${JSON.stringify(row)}`);
    });
  if (section.totals)
    for (const { c, j } of countCols) {
      if (!section.totals[j])
        throw new Error(
          `${section.id}: totals have ${section.totals.length} of ${section.columns.length} cells`,
        );
      if (section.totals[j]!.m !== 'shown') continue;
      const hidden = section.cells.filter((row) => suppressed(row[j]!.m)).length;
      if (hidden === 1)
        out.push(`${section.id} column ${c.code} ${JSON.stringify(section.cells.map((r) => r[j]))}`);
    }
  return out;
}

/** Count values in the CSV (the "Wert"/"value" of lines whose unit is count) that are 1–4. */
function smallInCsv(csv: string, separator: string): string[] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const lines = csv.slice(1).trim().split('\r\n');
  const header = lines[0]!.split(separator);
  const value = header.findIndex((h) => h === 'Wert' || h === 'value');
  const unit = header.findIndex((h) => h === 'Einheit' || h === 'unit');
  // The demo's labels hold no separator inside quotes that would shift these columns.
  return lines
    .slice(1)
    .map((l) => l.split(separator))
    .filter((cells) => cells[cells.length - header.length + unit] === 'count')
    .map((cells) => cells[cells.length - header.length + value]!)
    .filter((v) => /^[1-4]$/.test(v));
}

/** Every bare integer in the JSON's cells is a count: none may be 1–4. */
function smallInJson(json: unknown): number[] {
  const out: number[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'number' && Number.isInteger(v) && SMALL.has(v)) out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  const sections = (json as { sections: { cells: unknown; totals: unknown }[] }).sections;
  for (const s of sections) {
    walk(s.cells);
    walk(s.totals);
  }
  return out;
}

describe('suppression over every report', () => {
  it('shows no value from 1 to 4 on any report, in CSV or JSON, whole region and every area', async () => {
    setSql(db.sql);
    const areas = (await db.sql<{ code: string }[]>`select code from planning_areas order by code`).map(
      (a) => a.code,
    );
    expect(areas.length).toBeGreaterThan(5);
    let small = 0;
    let hidden = 0;
    let views = 0;
    const rowDims = new Set<string>();
    for (const report of REPORTS) {
      for (const period of [null, '2026-10', '2026-Q3', '2025']) {
        for (const area of [null, ...areas]) {
          const view: ReportView = await runReport({ slug: report.slug, period, area });
          views++;
          for (const s of view.sections) {
            rowDims.add(s.rowDim);
            expect(smallShownCounts(s), `${report.slug} ${period} ${area}`).toEqual([]);
            expect(lonelySuppressed(s), `${report.slug} ${period} ${area}`).toEqual([]);
            for (const row of [...s.cells, ...(s.totals ? [s.totals] : [])])
              for (const cell of row) {
                if (cell.m === 'small') small++;
                if (cell.m === 'hidden') hidden++;
              }
          }
          // The files of one period and area per report (each is the same model written out).
          if (area === null || area === areas[0]) {
            expect(smallInCsv(await reportCsv(view, 'de'), ';')).toEqual([]);
            expect(smallInCsv(await reportCsv(view, 'en'), ',')).toEqual([]);
            expect(smallInJson(await reportJson(view, 'en'))).toEqual([]);
          }
        }
      }
    }
    // The data must have small cells for this to test anything.
    expect(views).toBeGreaterThan(100);
    expect(small).toBeGreaterThan(50);
    expect(hidden).toBeGreaterThan(10);
    // Each table's first column head names its rows' dimension (a missing key printed the key).
    const { dimensions } = JSON.parse(readFileSync('locales/de/planning.json', 'utf8')) as {
      dimensions: Record<string, string>;
    };
    expect([...rowDims].filter((d) => !dimensions[d])).toEqual([]);
  }, 600_000);

  it('the JSON names the period, the data date, the definition version and the rule; periods are text', async () => {
    setSql(db.sql);
    const view = await runReport({ slug: 'beratung', period: '2026-Q1', area: null });
    const json = await reportJson(view, 'de');
    expect(json.period.code).toBe('2026-Q1');
    expect(json.asOf.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(json.definitionVersion).toBe('2');
    expect(json.suppression.rule).toContain('k≥5');
    const csv = await reportCsv(view, 'de');
    expect(csv.split('\r\n')[0]).toContain('Zeitraum;Gebiet;Stand;Definitionsversion');
    expect(csv.split('\r\n')[1]).toContain(';2026-Q1;');
  });
});

describe('cases and referrals, gap reports, short counselling', () => {
  it('cases and referrals: every section over the demo; providers under 5 referrals pooled; no area, no figures', async () => {
    setSql(db.sql);
    const view = await runReport({ slug: 'faelle-und-vermittlungen', period: '2025', area: null });
    expect(view.sections.map((s) => s.id)).toEqual([
      'casesByMonth',
      'closureReasons',
      'durations',
      'goalAttainment',
      'referralsByCategory',
      'reasons',
      'byProvider',
      'neutrality',
    ]);
    const [closed] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from case_closures where month >= '2025-01-01' and month < '2026-01-01'`;
    const reasons = view.sections.find((s) => s.id === 'closureReasons')!;
    expect(closed!.n).toBeGreaterThan(100);
    expect(reasons.totals!.at(-1)).toEqual({ v: closed!.n, m: 'shown' });

    // Every provider listed by name had at least 5 referrals in the period; the rest are "other".
    const perProvider = await db.sql<{ id: string; n: number }[]>`
      select id, count(*)::int as n from (
        select provider_id::text as id from referral_outcomes
        where month >= '2025-01-01' and month < '2026-01-01' and not withdrawn
        union all
        select provider_id::text from referrals where state <> 'draft' and withdrawn_at is null
          and sent_at >= '2025-01-01T00:00:00+01:00' and sent_at < '2026-01-01T00:00:00+01:00'
      ) x group by 1`;
    const byProvider = view.sections.find((s) => s.id === 'byProvider')!;
    const listed = byProvider.rows.filter((r) => r.code !== 'other').map((r) => r.code);
    expect(listed.length).toBeGreaterThan(3);
    for (const id of listed) expect(perProvider.find((p) => p.id === id)!.n).toBeGreaterThanOrEqual(5);
    const small = perProvider.filter((p) => p.n < 5);
    expect(small.length).toBeGreaterThan(0);
    for (const p of small) expect(listed).not.toContain(p.id);
    expect(byProvider.rows.at(-1)!.code).toBe('other');
    const total = perProvider.reduce((a, p) => a + p.n, 0);
    expect(byProvider.totals![byProvider.columns.findIndex((c) => c.code === 'total')]).toEqual({
      v: total,
      m: 'shown',
    });

    // Goal attainment is counted per case: the classes add up to the closed cases.
    const attainment = view.sections.find((s) => s.id === 'goalAttainment')!;
    expect(attainment.totals![attainment.columns.findIndex((c) => c.code === 'total')]).toEqual({
      v: closed!.n,
      m: 'shown',
    });
    const [allReached] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from case_closures where month >= '2025-01-01' and month < '2026-01-01'
        and cardinality(goal_codes) > 0 and goal_codes <@ array['achieved']::text[]`;
    expect(attainment.totals![attainment.columns.findIndex((c) => c.code === 'all')]!.v).toBe(allReached!.n);

    // Neutrality: referral shares beside shares of fitting offers; every named provider had
    // 5 referrals or none at all; the offer shares of all rows add up to 100 %.
    const neutrality = view.sections.find((s) => s.id === 'neutrality')!;
    const col = (code: string) => neutrality.columns.findIndex((c) => c.code === code);
    const named = neutrality.rows.filter((r) => r.code !== 'other');
    expect(named.length).toBeGreaterThan(3);
    for (const r of named) {
      const n = perProvider.find((p) => p.id === r.code)?.n ?? 0;
      expect(n === 0 || n >= 5).toBe(true);
    }
    expect(neutrality.totals![col('referrals')]).toEqual({ v: total, m: 'shown' });
    const offerShares = neutrality.cells.map((row) => row[col('shareOfFittingOffers')]!.v ?? 0);
    expect(offerShares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
    const first = neutrality.cells[0]!;
    expect(first[col('shareOfReferrals')]!.v).toBeCloseTo((first[col('referrals')]!.v! / total) * 100, 1);

    const [area] = await db.sql<{ code: string }[]>`select code from planning_areas order by code limit 1`;
    const inArea = await runReport({ slug: 'faelle-und-vermittlungen', period: '2025', area: area!.code });
    expect(inArea.sections).toEqual([]);
    expect(smallInJson(await reportJson(inArea, 'de'))).toEqual([]);
  });

  it('short counselling without an appointment joins the contacts; a booked one is not counted twice', async () => {
    setSql(db.sql);
    const [tallies] = await db.sql<{ walkIn: number; booked: number }[]>`
      select count(*) filter (where not by_appointment)::int as "walkIn",
        count(*) filter (where by_appointment)::int as booked
      from counselling_tallies where day >= '2025-01-01' and day < '2026-01-01'`;
    expect(tallies!.booked).toBeGreaterThan(0);
    const view = await runReport({ slug: 'beratung', period: '2025', area: null });
    const short = view.sections.find((s) => s.id === 'shortByChannel')!;
    expect(short.totals![0]).toEqual({ v: tallies!.walkIn, m: 'shown' });
    const byArea = view.sections.find((s) => s.id === 'byArea')!;
    const col = byArea.columns.findIndex((c) => c.code === 'shortContacts');
    expect(byArea.totals![col]).toEqual({ v: tallies!.walkIn, m: 'shown' });
  });

  it('a referral counts from the month it was sent, while its case is open and after it is erased, once', async () => {
    setSql(db.sql);
    // The demo's open cases (seeded with the demo accounts) have live referrals; the
    // planners see them before any erasure.
    await seedDemoAccounts(db.sql);
    const [sent] = await db.sql<{ month: string; n: number }[]>`
      select to_char(sent_at at time zone 'Europe/Berlin', 'YYYY-MM') as month, count(*)::int as n from referrals
      where state <> 'draft' and withdrawn_at is null group by 1 order by 2 desc limit 1`;
    expect(sent!.n).toBeGreaterThan(0);
    const total = async () => {
      const view = await runReport({ slug: 'faelle-und-vermittlungen', period: sent!.month, area: null });
      const s = view.sections.find((x) => x.id === 'referralsByCategory')!;
      const [erased] = await db.sql<{ n: number }[]>`
        select count(*)::int as n from referral_outcomes where month = ${`${sent!.month}-01`}::date and not withdrawn`;
      return { shown: s.totals![s.columns.findIndex((c) => c.code === 'total')]!, erased: erased!.n };
    };
    const before = await total();
    expect(before.shown).toEqual({ v: sent!.n + before.erased, m: before.shown.m });
    // Erasing a case moves its referrals to the anonymous rows, in the month they were sent.
    const [one] = await db.sql<{ case_id: number }[]>`
      select case_id::int from referrals where state <> 'draft' and withdrawn_at is null
        and to_char(sent_at at time zone 'Europe/Berlin', 'YYYY-MM') = ${sent!.month} limit 1`;
    await db.sql.begin((tx) => onCaseErased(tx, one!.case_id));
    const after = await total();
    expect(after.erased).toBeGreaterThan(before.erased);
    expect(after.shown).toEqual(before.shown);
  });

  it('neutrality: a provider with fitting offers and no referral is listed with 0 beside its share of offers', async () => {
    setSql(empty.sql);
    const provider = async (slug: string, offers: number) => {
      const [p] = await empty.sql<{ id: number }[]>`
        insert into providers (slug, name, kind, status) values (${slug}, ${`Anbieter ${slug}`}, 'vhs', 'approved')
        returning id`;
      for (let i = 0; i < offers; i++)
        await empty.sql`insert into offers (provider_id, title, category, status)
          values (${p!.id}, ${`Deutschkurs ${i}`}, 'sprachen', 'published')`;
      return p!.id;
    };
    // A gets every referral with a quarter of the offers; B has three quarters and none.
    const a = await provider('neutral-a', 1);
    const b = await provider('neutral-b', 3);
    for (let i = 0; i < 8; i++)
      await empty.sql`insert into referral_outcomes (month, provider_id, offer_category, outcome, accepted, started, withdrawn)
        values ('2026-10-01', ${a}, 'sprachen', 'accepted', true, false, false)`;
    const view = await runReport({ slug: 'faelle-und-vermittlungen', period: '2026-10', area: null });
    const s = view.sections.find((x) => x.id === 'neutrality')!;
    const col = (code: string) => s.columns.findIndex((c) => c.code === code);
    const row = (id: number) => s.cells[s.rows.findIndex((r) => r.code === String(id))]!;
    expect(row(a)[col('referrals')]).toEqual({ v: 8, m: 'shown' });
    expect(row(a)[col('shareOfReferrals')]!.v).toBe(100);
    expect(row(a)[col('shareOfFittingOffers')]!.v).toBe(25);
    expect(row(b)[col('referrals')]).toEqual({ v: 0, m: 'shown' });
    expect(row(b)[col('shareOfReferrals')]!.v).toBe(0);
    expect(row(b)[col('shareOfFittingOffers')]!.v).toBe(75);
    expect(smallShownCounts(s)).toEqual([]);
    await empty.sql`delete from referral_outcomes`;
    await empty.sql`delete from offers where provider_id in (${a}, ${b})`;
    await empty.sql`delete from providers where id in (${a}, ${b})`;
  });

  it('a gap report category shows from its 5th report, "< 5" before', async () => {
    setSql(empty.sql);
    const gap = () =>
      empty.sql`insert into offer_gaps (month, category, district, constraint_failed)
        values ('2026-10-01', 'sprachen', null, 'childcare')`;
    for (let i = 0; i < 4; i++) await gap();
    const cell = async () => {
      const view = await runReport({ slug: 'ungedeckter-bedarf', period: '2026-10', area: null });
      const s = view.sections.find((x) => x.id === 'gapsByCategory')!;
      const row = s.cells[s.rows.findIndex((r) => r.code === 'sprachen')]!;
      expect(smallShownCounts(s)).toEqual([]);
      return row[s.columns.findIndex((c) => c.code === 'childcare')];
    };
    expect(await cell()).toEqual({ v: null, m: 'small' });
    await gap();
    expect(await cell()).toEqual({ v: 5, m: 'shown' });
    await empty.sql`delete from offer_gaps`;
  });
});

describe('frequent search strings', () => {
  it('lists a search string from its 5th search in the period, not at 4', async () => {
    setSql(empty.sql);
    const term = 'töpfern am abend';
    const log = (at: string) =>
      empty.sql`insert into search_log (searched_at, query, filters, hits, engine)
        values (${at}, ${term}, '{}', 0, 'postgres')`;
    for (let i = 0; i < 4; i++) await log(`2026-11-20T1${i}:00:00+01:00`);
    useFixedNow('2026-11-24T10:00:00+01:00');
    await aggregatePlanning({ today: '2026-11-24', db: empty.sql, snapshot: false });
    const listed = async () => {
      const view = await runReport({ slug: 'ungedeckter-bedarf', period: '2026-11', area: null });
      const terms = view.sections.find((s) => s.id === 'terms')!;
      return { rows: terms.rows.map((r) => r.code), view };
    };
    expect((await listed()).rows).not.toContain(term);

    await log('2026-11-24T09:00:00+01:00');
    useFixedNow('2026-11-25T10:00:00+01:00');
    await aggregatePlanning({ today: '2026-11-25', db: empty.sql, snapshot: false });
    const after = await listed();
    expect(after.rows).toContain(term);
    const terms = after.view.sections.find((s) => s.id === 'terms')!;
    expect(terms.cells[terms.rows.findIndex((r) => r.code === term)]![0]).toEqual({ v: 5, m: 'shown' });
    expect(await reportCsv(after.view, 'de')).toContain(term);
    useFixedNow('2026-11-24T10:00:00+01:00');
  });
});

describe('provider statistics', () => {
  it("holds only the provider's own offers and none of another provider's figures", async () => {
    setSql(db.sql);
    const [a, b] = await db.sql<{ provider_id: number }[]>`
      select provider_id from offers where status = 'published'
      group by provider_id having count(*) >= 3 order by provider_id limit 2`;
    const offersOf = (id: number) =>
      db.sql<{ id: number; title: string }[]>`
        select id, title from offers where provider_id = ${id} and status <> 'archived' order by id`;
    const offersA = await offersOf(a!.provider_id);
    const offersB = await offersOf(b!.provider_id);
    const figuresOf = async (offerId: number) => {
      const v = await providerStatistics(a!.provider_id, '2026-11');
      const offers = v.sections.find((s) => s.id === 'offers')!;
      return offers.cells[offers.rows.findIndex((r) => r.code === String(offerId))]!;
    };
    const before = await figuresOf(offersA[0]!.id);
    // A's offers: ordinary figures; B's: a figure that appears nowhere else.
    for (let i = 0; i < 40; i++)
      await countAppearances(
        db.sql,
        offersA.map((o) => o.id),
        '2026-11-10',
      );
    for (let i = 0; i < 7; i++) await countOpen(db.sql, offersA[0]!.id, '2026-11-10');
    await db.sql`
      insert into planning_offer_daily (offer_id, day, appearances, opens)
      select id, '2026-11-11', 7771, 6661 from offers where provider_id = ${b!.provider_id}
      on conflict (offer_id, day) do update set appearances = 7771, opens = 6661`;

    const view = await providerStatistics(a!.provider_id, '2026-11');
    const offers = view.sections.find((s) => s.id === 'offers')!;
    expect(offers.rows.map((r) => Number(r.code)).sort((x, y) => x - y)).toEqual(offersA.map((o) => o.id));
    const after = offers.cells[offers.rows.findIndex((r) => r.code === String(offersA[0]!.id))]!;
    expect(after.map((c) => c.m)).toEqual(['shown', 'shown']);
    expect(after[0]!.v! - (before[0]!.v ?? 0)).toBe(40);
    expect(after[1]!.v! - (before[1]!.v ?? 0)).toBe(7);
    const titlesA = new Set(offersA.map((o) => o.title));
    const onlyB = offersB.map((o) => o.title).filter((t) => !titlesA.has(t));
    for (const text of [
      await reportCsv(view, 'de'),
      await reportCsv(view, 'en'),
      JSON.stringify(await reportJson(view, 'de')),
    ]) {
      expect(text).not.toMatch(/7\.?771|6\.?661/);
      for (const title of onlyB) expect(text).not.toContain(title);
    }
    // And B sees its own.
    const viewB = await providerStatistics(b!.provider_id, '2026-11');
    const totalsB = viewB.sections.find((s) => s.id === 'offers')!.totals!;
    expect(totalsB[0]!.m).toBe('shown');
    expect(totalsB[0]!.v).toBeGreaterThanOrEqual(7771 * offersB.length);
  });

  it("counts the provider's own referrals by the state they reached, live and from erased cases, none of another's", async () => {
    setSql(db.sql);
    const [a, b] = await db.sql<{ id: number }[]>`
      select id from providers where status = 'approved' order by id limit 2`;
    const added: number[] = [];
    const outcome = async (provider: number, state: string, n: number) => {
      const rows = await db.sql<{ id: number }[]>`
        insert into referral_outcomes (month, provider_id, offer_category, outcome, reason, accepted, started, withdrawn)
        select '2026-09-01', ${provider}, 'sprachen', ${state}, null, true, true, false from generate_series(1, ${n})
        returning id::int`;
      added.push(...rows.map((r) => r.id));
    };
    const [erased] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from referral_outcomes
      where provider_id = ${a!.id} and month = '2026-09-01' and outcome = 'completed' and not withdrawn`;
    // B: a count that appears nowhere else; A: the erased cases' rows beside its live referrals.
    await outcome(b!.id, 'completed', 913);
    await outcome(a!.id, 'completed', 6);
    const [live] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from referrals where provider_id = ${a!.id} and state = 'completed'
        and withdrawn_at is null and sent_at >= '2026-09-01T00:00:00+02:00' and sent_at < '2026-10-01T00:00:00+02:00'`;
    const view = await providerStatistics(a!.id, '2026-09');
    const referrals = view.sections.find((s) => s.id === 'referrals')!;
    const completed = referrals.cells[referrals.rows.findIndex((r) => r.code === 'completed')]!;
    expect(completed[0]).toEqual({ v: live!.n + erased!.n + 6, m: 'shown' });
    expect(smallShownCounts(referrals)).toEqual([]);
    expect(JSON.stringify(await reportJson(view, 'de'))).not.toMatch(/913/);
    const viewB = await providerStatistics(b!.id, '2026-09');
    const ofB = viewB.sections.find((s) => s.id === 'referrals')!;
    expect(ofB.cells[ofB.rows.findIndex((r) => r.code === 'completed')]![0]!.v).toBeGreaterThanOrEqual(913);
    await db.sql`delete from referral_outcomes where id = any(${added}::bigint[])`;
  });

  it('never shows an offer opened 1 to 4 times', async () => {
    setSql(db.sql);
    const [c] = await db.sql<{ provider_id: number }[]>`
      select provider_id from offers where status = 'published'
      group by provider_id having count(*) >= 2 order by provider_id desc limit 1`;
    const [first] = await db.sql<{ id: number }[]>`
      select id from offers where provider_id = ${c!.provider_id} and status <> 'archived' order by id limit 1`;
    for (let i = 0; i < 3; i++) await countOpen(db.sql, first!.id, '2026-10-05');
    const view = await providerStatistics(c!.provider_id, '2026-10');
    const offers = view.sections.find((s) => s.id === 'offers')!;
    const row = offers.cells[offers.rows.findIndex((r) => r.code === String(first!.id))]!;
    expect(row[1]).toEqual({ v: null, m: 'small' });
    expect(smallShownCounts(offers)).toEqual([]);
    expect(lonelySuppressed(offers)).toEqual([]);
    expect(smallInJson(await reportJson(view, 'en'))).toEqual([]);
  });
});
