import type { Db } from '../client.server';

export interface ImportRow {
  id: number;
  providerId: number;
  format: 'openvhs' | 'jsonld' | 'csv';
  filename: string;
  sizeBytes: number;
  fullImport: boolean;
  status: 'checked' | 'applied' | 'discarded';
  plan: Record<string, unknown>;
  result: Record<string, unknown> | null;
  createdAt: Date;
  appliedAt: Date | null;
}

const columns = (db: Db) => db`
  id, provider_id as "providerId", format, filename, size_bytes as "sizeBytes", full_import as "fullImport",
  status, plan, result, created_at as "createdAt", applied_at as "appliedAt"`;

export async function insertImport(
  db: Db,
  i: {
    providerId: number;
    userId: number;
    format: string;
    filename: string;
    content: string;
    fullImport: boolean;
    plan: object;
  },
): Promise<number> {
  const [row] = await db<{ id: number }[]>`
    insert into provider_imports (provider_id, user_id, format, filename, size_bytes, content, full_import, plan)
    values (${i.providerId}, ${i.userId}, ${i.format}, ${i.filename}, ${Buffer.byteLength(i.content)}, ${i.content},
            ${i.fullImport}, ${db.json(i.plan as never)})
    returning id`;
  return row!.id;
}

/** One import of this provider (null for another provider's: the caller answers 404). */
export async function findImport(db: Db, providerId: number, id: number): Promise<ImportRow | null> {
  const [row] = await db<
    ImportRow[]
  >`select ${columns(db)} from provider_imports where id = ${id} and provider_id = ${providerId}`;
  return row ?? null;
}

/** Locks a checked import for applying; returns its file, or null if it was applied or discarded meanwhile. */
export async function claimImport(db: Db, providerId: number, id: number) {
  const [row] = await db<{ format: string; content: string; fullImport: boolean }[]>`
    select format, content, full_import as "fullImport" from provider_imports
    where id = ${id} and provider_id = ${providerId} and status = 'checked' for update`;
  return row ?? null;
}

/** Marks an import as being applied (under the claim's lock) or, after a failure, as checked again. */
export async function setImportStatus(db: Db, id: number, status: 'applied' | 'checked') {
  await db`update provider_imports set status = ${status} where id = ${id}`;
}

export async function finishImport(
  db: Db,
  id: number,
  status: 'applied' | 'discarded',
  result: object | null,
) {
  await db`
    update provider_imports set status = ${status}, content = '', result = ${result ? db.json(result as never) : null},
      applied_at = case when ${status} = 'applied' then now() else null end
    where id = ${id}`;
}

export async function listImports(db: Db, providerId: number, limit = 50): Promise<ImportRow[]> {
  return db<ImportRow[]>`
    select ${columns(db)} from provider_imports where provider_id = ${providerId} order by created_at desc, id desc limit ${limit}`;
}
