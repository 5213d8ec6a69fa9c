import { type Db, getSql, inTransaction } from '../../../db/client.server';
import { LOCKS } from '../../../db/locks';
import { listTopics } from '../../../db/queries/booking.server';
import * as q from '../../../db/queries/planning.server';
import { todayInBerlin } from '../../utils/clock.server';
import { getLogger } from '../../utils/logger.server';
import { addDays, daysBetween, localParts } from '../../utils/zoned';
import { findSlots, windowDays } from '../booking/booking.server';

/**
 * The nightly job behind the planning reports (ADR 015). The reports read monthly counts,
 * never the raw rows, so a page over two years of searches stays fast; the raw sources
 * are counted here:
 *
 * - the search log and finished self-assessments day by day, each day once (the last
 *   day counted is kept per source). Assessments are counted the night after they are
 *   finished, and again right before the retention job deletes any (queues.server.ts),
 *   so their counts outlive them;
 * - the appointments all over again each night (their anonymous rows stay after erasure,
 *   and an outcome may be recorded late);
 * - a snapshot of the days to the first free slot per topic × office × channel × language,
 *   from the booking slot engine, once per day.
 *
 * Everything up to yesterday (Europe/Berlin): the reports say "as of last night".
 */
export interface AggregationSummary {
  searches: number;
  assessments: number;
  appointments: number;
  snapshotRows: number;
  through: string;
}

type Counter = (db: Db, from: string, to: string) => Promise<number>;

/** Counts the days after the last counted one up to yesterday; returns how many rows were read. */
async function countNewDays(
  db: Db,
  source: q.IncrementalSource,
  first: (db: Db) => Promise<string | null>,
  count: Counter,
  today: string,
): Promise<number> {
  const done = await q.doneThrough(db, source);
  const from = done ? addDays(done, 1) : ((await first(db)) ?? today);
  const n = from < today ? await count(db, from, today) : 0;
  const yesterday = addDays(today, -1);
  if (!done || done < yesterday) await q.setDoneThrough(db, source, yesterday);
  return n;
}

/** The finished self-assessments not yet counted (called before retention deletes any). */
export async function countAssessments(today = todayInBerlin(), db: Db = getSql()): Promise<number> {
  return inTransaction(db, async (tx) => {
    await tx`select pg_advisory_xact_lock(${LOCKS.planningAggregates})`;
    return countNewDays(tx, 'assessment', q.firstAssessmentDay, q.aggregateAssessments, today);
  });
}

export async function aggregatePlanning(
  options: { today?: string; db?: Db; snapshot?: boolean } = {},
): Promise<AggregationSummary> {
  const db = options.db ?? getSql();
  const today = options.today ?? todayInBerlin();
  const counts = await inTransaction(db, async (tx) => {
    await tx`select pg_advisory_xact_lock(${LOCKS.planningAggregates})`;
    const searches = await countNewDays(tx, 'search', q.firstSearchDay, q.aggregateSearches, today);
    const assessments = await countNewDays(
      tx,
      'assessment',
      q.firstAssessmentDay,
      q.aggregateAssessments,
      today,
    );
    const appointments = await q.recomputeCounselling(tx, today);
    await q.setDoneThrough(tx, 'counselling', addDays(today, -1));
    return { searches, assessments, appointments };
  });
  const snapshotRows = options.snapshot === false ? 0 : await snapshotFirstFreeSlots(today, db);
  const summary = { ...counts, snapshotRows, through: addDays(today, -1) };
  getLogger().info(summary, 'Planning aggregates counted');
  return summary;
}

/**
 * For each topic: how many days from today to the first free slot, per channel, office
 * (in person) and language, through the same slot search the booking pages use. Every
 * combination a counsellor of the topic could offer gets a row; null when nothing is free
 * within the booking window. No counsellor appears in the rows.
 */
export async function snapshotFirstFreeSlots(today: string, db: Db = getSql()): Promise<number> {
  const [topics, universe] = await Promise.all([listTopics(db, { activeOnly: true }), q.slotUniverse(db)]);
  const rows: q.SnapshotRow[] = [];
  for (const topic of topics) {
    const window = windowDays(topic);
    const combos = new Map<string, q.SnapshotRow>();
    for (const c of universe.filter((u) => u.topic_id === topic.id)) {
      for (const channel of c.channels.filter((ch) => (topic.channels as string[]).includes(ch))) {
        for (const office of channel === 'in_person' ? c.offices : ['']) {
          for (const language of c.languages) {
            const key = `${channel}|${office}|${language}`;
            combos.set(key, {
              topic: topic.slug,
              office,
              channel,
              language,
              days_to_first: null,
              window_days: window,
            });
          }
        }
      }
    }
    if (combos.size === 0) continue;
    const { slots, languagesOf } = await findSlots(db, {
      topic,
      from: today,
      // The engine ends the search at the booking window itself.
      to: addDays(today, window),
    });
    const officeSlugs = new Map(
      (await db<{ id: number; slug: string }[]>`select id, slug from offices`).map((o) => [o.id, o.slug]),
    );
    // Slots come sorted by start: the first seen for a combination is its first free one.
    for (const slot of slots) {
      const office = slot.officeId === null ? '' : (officeSlugs.get(slot.officeId) ?? '');
      const days = Math.max(0, daysBetween(today, localParts(slot.start).date));
      for (const id of slot.counsellorIds)
        for (const language of languagesOf.get(id) ?? []) {
          const row = combos.get(`${slot.channel}|${office}|${language}`);
          if (row && row.days_to_first === null) row.days_to_first = days;
        }
    }
    rows.push(...combos.values());
  }
  await inTransaction(db, (tx) => q.replaceSnapshot(tx, today, rows));
  return rows.length;
}
