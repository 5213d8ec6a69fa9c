import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Definition, definitionSchema } from '../../app/modules/assessment/definition';
import type { Sql } from '../client.server';
import { insertVersion, storedChecksums } from '../queries/assessment.server';
import { LOCKS } from '../locks';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assessment');

/** The same definition always gives the same checksum, however the file is formatted. */
export function checksumOf(def: Definition): string {
  return createHash('sha256').update(JSON.stringify(def)).digest('hex');
}

export async function readQuestionnaireFiles(dir = DIR): Promise<Definition[]> {
  const files = (await readdir(dir)).filter((f) => /^v\d+\.json$/.test(f));
  const defs: Definition[] = [];
  for (const f of files) {
    const parsed = definitionSchema.safeParse(JSON.parse(await readFile(path.join(dir, f), 'utf8')));
    if (!parsed.success) throw new Error(`${f} is not a valid questionnaire: ${parsed.error.message}`);
    if (`v${parsed.data.version}.json` !== f) throw new Error(`${f} says it is version ${parsed.data.version}`);
    defs.push(parsed.data);
  }
  return defs.sort((a, b) => a.version - b.version);
}

/**
 * Stores every questionnaire version not yet in the database. A stored version is never
 * changed: a file that differs from it stops the start, because results made with that
 * version would otherwise read differently. Change the questionnaire by adding vN+1.
 */
export async function publishQuestionnaires(
  sql: Sql,
  defs: Definition[],
): Promise<{ published: number[] }> {
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${LOCKS.questionnaires})`;
    const stored = await storedChecksums(tx);
    const published: number[] = [];
    for (const def of defs) {
      const sum = checksumOf(def);
      const have = stored.get(def.version);
      if (have && have !== sum)
        throw new Error(`Questionnaire version ${def.version} differs from the stored one; add a new version instead.`);
      if (!have) {
        await insertVersion(tx, def.version, def, sum);
        published.push(def.version);
      }
    }
    return { published };
  });
}
