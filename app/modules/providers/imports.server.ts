import { getSql } from '../../../db/client.server';
import * as q from '../../../db/queries/provider-imports.server';
import { enqueueSearchSync } from '../../../search/sync.server';
import { AppError } from '../../utils/errors';
import { audit } from '../audit/audit.server';
import { type ImportResult, importOpenVhs } from '../catalogue/import/apply.server';
import { parseOfferCsv } from '../catalogue/import/csv';
import { parseCourseJsonLd } from '../catalogue/import/jsonld';
import { OpenVhsFormatError, type ParsedOpenVhs, parseOpenVhs } from '../catalogue/import/openvhs';
import type { Actor } from './offers.server';
import type { IMPORT_FORMATS } from './schemas';

/**
 * Imports in the browser, in two steps: check (parse, then a dry run of the real import
 * in a transaction that is rolled back; the plan and the file are kept) and apply (the
 * same import for real, once). Nothing changes in the catalogue until the provider
 * confirms. Three formats (Open-vhs XML, schema.org JSON-LD, CSV with German headers) are
 * read into the same structure; offers are matched by the file's ids (Open-vhs guid,
 * Course identifier, CSV "Kennung"), so a second upload of the same file changes nothing.
 */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const MAX_PLAN_ITEMS = 5000;

/** The file can't be read: the message says why (the parser's words are German). */
export class ImportFileRejected extends Error {
  constructor(
    public readonly reason: 'empty' | 'tooLarge' | 'format' | 'unsupported',
    public readonly detail?: string,
  ) {
    super(reason);
  }
}

export interface ImportPlan {
  created: number;
  updated: number;
  archived: number;
  unchanged: number;
  rejected: number;
  errors: string[];
  items: { action: string; externalId: string; title: string }[];
  itemsTruncated: boolean;
}

const PARSERS: Record<(typeof IMPORT_FORMATS)[number], (text: string) => ParsedOpenVhs> = {
  openvhs: parseOpenVhs,
  jsonld: parseCourseJsonLd,
  csv: parseOfferCsv,
};

function parse(format: string, content: string) {
  const parser = PARSERS[format as keyof typeof PARSERS];
  if (!parser) throw new ImportFileRejected('unsupported');
  try {
    return parser(content);
  } catch (error) {
    if (error instanceof OpenVhsFormatError) throw new ImportFileRejected('format', error.message);
    throw error;
  }
}

function planOf(result: ImportResult): ImportPlan {
  const items = result.plan ?? [];
  return {
    created: result.created,
    updated: result.updated,
    archived: result.archived,
    unchanged: items.filter((i) => i.action === 'unchanged').length,
    rejected: result.rejected,
    errors: result.errors.slice(0, 500),
    items: items.slice(0, MAX_PLAN_ITEMS),
    itemsTruncated: items.length > MAX_PLAN_ITEMS,
  };
}

/** Step 1: reads the file and computes what the import would do; changes nothing in the catalogue. */
export async function checkUpload(
  actor: Actor,
  upload: { filename: string; content: string; format: string; fullImport: boolean },
): Promise<number> {
  if (upload.content.trim() === '') throw new ImportFileRejected('empty');
  if (Buffer.byteLength(upload.content) > MAX_UPLOAD_BYTES) throw new ImportFileRejected('tooLarge');
  const parsed = parse(upload.format, upload.content);
  const sql = getSql();
  const result = await importOpenVhs(sql, parsed, {
    dryRun: true,
    full: upload.fullImport,
    targetProviderId: actor.providerId,
  });
  const id = await q.insertImport(sql, {
    providerId: actor.providerId,
    userId: actor.userId,
    format: upload.format,
    filename: upload.filename.slice(0, 255),
    content: upload.content,
    fullImport: upload.fullImport,
    plan: planOf(result),
  });
  await audit(sql, {
    action: 'import.checked',
    actorUserId: actor.userId,
    ip: actor.ip,
    targetType: 'import',
    targetId: id,
  });
  return id;
}

export async function getImport(actor: Actor, id: number) {
  const row = await q.findImport(getSql(), actor.providerId, id);
  if (!row) throw new AppError('not_found');
  return row;
}

/** Step 2: the import for real, once (a second confirmation finds it applied: 409). */
export async function applyImport(actor: Actor, id: number) {
  const sql = getSql();
  const claimed = await sql.begin(async (tx) => {
    const row = await q.claimImport(tx, actor.providerId, id);
    if (!row) return null;
    // Marked applied inside the lock: a double click can't import twice.
    await q.setImportStatus(tx, id, 'applied');
    return row;
  });
  if (!claimed) {
    if (!(await q.findImport(sql, actor.providerId, id))) throw new AppError('not_found');
    throw new AppError('conflict', 'import_done');
  }
  try {
    const result = await importOpenVhs(sql, parse(claimed.format, claimed.content), {
      full: claimed.fullImport,
      targetProviderId: actor.providerId,
      afterWrite: (tx, offerIds) => enqueueSearchSync(offerIds, tx),
    });
    const { plan: _plan, ...counts } = result;
    await q.finishImport(sql, id, 'applied', counts);
    await audit(sql, {
      action: 'import.applied',
      actorUserId: actor.userId,
      ip: actor.ip,
      targetType: 'import',
      targetId: id,
      detail: { created: result.created, updated: result.updated, archived: result.archived },
    });
    return result;
  } catch (error) {
    // Nothing was written (one transaction): the import can be confirmed again.
    await q.setImportStatus(sql, id, 'checked');
    throw error;
  }
}

export async function discardImport(actor: Actor, id: number) {
  const sql = getSql();
  const row = await q.findImport(sql, actor.providerId, id);
  if (!row) throw new AppError('not_found');
  if (row.status !== 'checked') throw new AppError('conflict', 'import_done');
  await q.finishImport(sql, id, 'discarded', null);
}

export async function importHistory(providerId: number) {
  return q.listImports(getSql(), providerId);
}
