import { todayInBerlin } from '~/utils/clock.server';
import { getSql } from '../../../db/client.server';
import { categoryCounts } from '../../../db/queries/counselling.server';

/** Offers with a current run, per category. */
export async function getCategoryOverview(): Promise<Record<string, number>> {
  const rows = await categoryCounts(getSql(), todayInBerlin());
  return Object.fromEntries(rows.map((r) => [r.category, r.n]));
}
