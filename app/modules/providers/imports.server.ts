import { getSql } from '../../../db/client.server';
import * as q from '../../../db/queries/provider-imports.server';
import { enqueueSearchSync } from '../../../search/sync.server';
import { AppError } from '../../utils/errors';
import { audit } from '../audit/audit.server';
import { type ImportResult, type ImportWarning, importOpenVhs } from '../catalogue/import/apply.server';
import { parseOfferCsv } from '../catalogue/import/csv';
import { parseCourseJsonLd } from '../catalogue/import/jsonld';
import {
  type FileErrorCode,
  OpenVhsFormatError,
  type ParsedOpenVhs,
  parseOpenVhs,
  type RejectedRecord,
} from '../catalogue/import/openvhs';
import type { Actor } from './offers.server';
import { refuse } from './refusal.server';
import { IMPORT_FORMATS, type ImportFormat } from './schemas';

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

/**
 * The file can't be read. `code` and `params` say why (translated on the page, with line
 * and column where the parser knows them); `detail` is the same in German for the log.
 * `format` is how the file was read, `chosen` the format picked when the content said otherwise.
 */
export class ImportFileRejected extends Error {
  constructor(
    public readonly reason: 'empty' | 'tooLarge' | 'format' | 'unsupported',
    public readonly detail?: string,
    public readonly code?: FileErrorCode,
    public readonly params: Record<string, string | number> = {},
    public readonly format?: ImportFormat,
    public readonly chosen?: ImportFormat,
  ) {
    super(reason);
  }
}

/**
 * The dry run as the plan page shows it. Fields after `errors` came with issue 14 (#17,
 * #18): plans of older imports lack them, so they are optional.
 */
export interface ImportPlan {
  created: number;
  updated: number;
  archived: number;
  unchanged: number;
  rejected: number;
  /** German lines (rejected records and warnings), as older plans have them. */
  errors: string[];
  rejections?: RejectedRecord[];
  warnings?: ImportWarning[];
  total?: number;
  past?: number;
  searchable?: number;
  held?: number;
  /** How the file was read, and the format picked when the content was another. */
  format?: ImportFormat;
  chosenFormat?: ImportFormat;
  items: { action: string; externalId: string; title: string; past?: true }[];
  itemsTruncated: boolean;
}

/** What an applied import reports: the counts, without the plan's lists. */
export type ImportCounts = Pick<
  ImportResult,
  'created' | 'updated' | 'archived' | 'rejected' | 'total' | 'past' | 'searchable' | 'held'
>;

const PARSERS: Record<ImportFormat, (text: string) => ParsedOpenVhs> = {
  openvhs: parseOpenVhs,
  jsonld: parseCourseJsonLd,
  csv: parseOfferCsv,
};

/**
 * The format the content is in, whatever was picked in the form: an XML file read as CSV
 * only ever gives "unknown column" errors. XML starts with "<", JSON with "{" or "[";
 * anything else is read as CSV (whose header check then says what is wrong).
 */
export function detectFormat(content: string): ImportFormat {
  const start = content.replace(/^\uFEFF/, '').trimStart()[0];
  if (start === '<') return 'openvhs';
  if (start === '{' || start === '[') return 'jsonld';
  return 'csv';
}

/** The chosen format ("auto" or one of ours) and the one the content is in; unknown choices are refused. */
function formatsOf(chosen: string, content: string): { format: ImportFormat; chosen?: ImportFormat } {
  if (chosen !== 'auto' && !(IMPORT_FORMATS as readonly string[]).includes(chosen))
    throw new ImportFileRejected('unsupported');
  const format = detectFormat(content);
  return chosen === 'auto' || chosen === format ? { format } : { format, chosen: chosen as ImportFormat };
}

function parse(format: ImportFormat, content: string, chosen?: ImportFormat) {
  try {
    return PARSERS[format](content);
  } catch (error) {
    if (error instanceof OpenVhsFormatError)
      throw new ImportFileRejected('format', error.message, error.code, error.params, format, chosen);
    throw error;
  }
}

function countsOf(result: ImportResult): ImportCounts {
  const { created, updated, archived, rejected, total, past, searchable, held } = result;
  return { created, updated, archived, rejected, total, past, searchable, held };
}

function planOf(result: ImportResult, format: ImportFormat, chosen?: ImportFormat): ImportPlan {
  const items = result.plan ?? [];
  return {
    ...countsOf(result),
    unchanged: items.filter((i) => i.action === 'unchanged').length,
    errors: result.errors.slice(0, 500),
    rejections: result.rejections.slice(0, 500),
    warnings: result.warnings,
    format,
    ...(chosen ? { chosenFormat: chosen } : {}),
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
  const { format, chosen } = formatsOf(upload.format, upload.content);
  const parsed = parse(format, upload.content, chosen);
  const sql = getSql();
  const result = await importOpenVhs(sql, parsed, {
    dryRun: true,
    full: upload.fullImport,
    targetProviderId: actor.providerId,
  });
  const id = await q.insertImport(sql, {
    providerId: actor.providerId,
    userId: actor.userId,
    format,
    filename: upload.filename.slice(0, 255),
    content: upload.content,
    fullImport: upload.fullImport,
    plan: planOf(result, format, chosen),
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
  if (!row) return refuse(actor, 'import', id);
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
    if (!(await q.findImport(sql, actor.providerId, id))) await refuse(actor, 'import', id);
    throw new AppError('conflict', 'import_done');
  }
  try {
    const result = await importOpenVhs(sql, parse(claimed.format as ImportFormat, claimed.content), {
      full: claimed.fullImport,
      targetProviderId: actor.providerId,
      afterWrite: (tx, offerIds) => enqueueSearchSync(offerIds, tx),
    });
    await q.finishImport(sql, id, 'applied', countsOf(result));
    await audit(sql, {
      action: 'import.applied',
      actorUserId: actor.userId,
      ip: actor.ip,
      targetType: 'import',
      targetId: id,
      detail: {
        created: result.created,
        updated: result.updated,
        archived: result.archived,
        searchable: result.searchable,
      },
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
  if (!row) return refuse(actor, 'import', id);
  if (row.status !== 'checked') throw new AppError('conflict', 'import_done');
  await q.finishImport(sql, id, 'discarded', null);
  await audit(sql, {
    action: 'import.discarded',
    actorUserId: actor.userId,
    ip: actor.ip,
    targetType: 'import',
    targetId: id,
  });
}

export async function importHistory(providerId: number) {
  return q.listImports(getSql(), providerId);
}
