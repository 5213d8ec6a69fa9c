import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sql } from '../client.server';
import { parseCsv } from './csv';
import { publishQuestionnaires, readQuestionnaireFiles } from './questionnaires';
import { LOCKS } from '../locks';

const POSTCODES_CSV = path.join(path.dirname(fileURLToPath(import.meta.url)), 'postcodes-de.csv');

/**
 * Loads reference data every installation needs (demo or production): the German
 * postcode table and the self-assessment's questionnaire versions. Runs after
 * migrations; loads only what is missing.
 */
export async function loadReferenceData(
  sql: Sql,
): Promise<{ postcodes: number; questionnaires: number[] }> {
  const postcodes = await loadPostcodes(sql);
  const { published } = await publishQuestionnaires(sql, await readQuestionnaireFiles());
  return { postcodes, questionnaires: published };
}

async function loadPostcodes(sql: Sql): Promise<number> {
  return sql.begin(async (tx) => {
    // Two processes starting together must not both load the table.
    await tx`select pg_advisory_xact_lock(${LOCKS.referenceData})`;
    const [{ n }] = (await tx`select count(*)::int as n from postcodes`) as unknown as [{ n: number }];
    if (n > 0) return 0;
    const rows = parseCsv(await readFile(POSTCODES_CSV, 'utf8'));
    const header = rows.shift() ?? [];
    const col = (name: string) => {
      const i = header.indexOf(name);
      if (i < 0) throw new Error(`postcodes-de.csv lacks the column ${name}`);
      return i;
    };
    const idx = {
      zipcode: col('zipcode'),
      place: col('place'),
      state: col('state'),
      state_code: col('state_code'),
      province: col('province'),
      community: col('community'),
      community_code: col('community_code'),
      latitude: col('latitude'),
      longitude: col('longitude'),
    };
    const records = rows
      .filter((r) => r.length >= header.length && /^\d{5}$/.test(r[idx.zipcode] ?? ''))
      .map((r) => ({
        zipcode: r[idx.zipcode]!,
        place: r[idx.place]!,
        state: r[idx.state]!,
        state_code: r[idx.state_code] || null,
        province: r[idx.province] || null,
        community: r[idx.community] || null,
        community_code: r[idx.community_code] || null,
        latitude: Number(r[idx.latitude]),
        longitude: Number(r[idx.longitude]),
      }))
      .filter((r) => Number.isFinite(r.latitude) && Number.isFinite(r.longitude));
    for (let i = 0; i < records.length; i += 2000) {
      await tx`insert into postcodes ${tx(records.slice(i, i + 2000))}`;
    }
    return records.length;
  });
}
