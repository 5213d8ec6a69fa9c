import { getSql } from '../../../db/client.server';
import * as q from '../../../db/queries/planning.server';
import { now } from '../../utils/clock.server';
import { audit } from '../audit/audit.server';
import { type AreaCsvProblem, areasToCsv, parseAreasCsv } from './areas-csv';

/**
 * The areas reports can be chosen for and their inhabitants (rates per 1,000). The office
 * replaces the whole table by uploading the statistics office's CSV; the demo ships a
 * generated one, which every report marks as demo figures until then.
 */
export async function listAreas() {
  const sql = getSql();
  const [areas, meta] = await Promise.all([q.listAreas(sql), q.areasMeta(sql)]);
  return { areas, meta };
}

export async function areasCsv(): Promise<string> {
  return areasToCsv(await q.listAreas(getSql()));
}

export type ReplaceOutcome = { ok: true; areas: number } | { ok: false; problems: AreaCsvProblem[] };

export async function replaceInhabitants(
  text: string,
  asOf: string,
  actor: { userId: number; ip: string | null },
): Promise<ReplaceOutcome> {
  const { areas, problems } = parseAreasCsv(text);
  if (problems.length > 0) return { ok: false, problems };
  await getSql().begin(async (tx) => {
    await q.replaceAreas(tx, areas);
    await q.setAreasMeta(tx, { source: 'upload', asOf, loadedAt: now().toISOString() });
    await audit(tx, {
      action: 'planning.inhabitants_replaced',
      actorUserId: actor.userId,
      ip: actor.ip,
      targetType: 'planning_areas',
      detail: { areas: areas.length, asOf },
    });
  });
  return { ok: true, areas: areas.length };
}
