import { operator } from '~/config/operator';
import { now } from '~/utils/clock.server';
import { AppError } from '~/utils/errors';
import { CORS } from '~/utils/http.server';
import { getLogger } from '~/utils/logger.server';
import { type Db, getSql } from '../../../../db/client.server';
import {
  findExportProvider,
  listCatalogueProviderIds,
  readExportOffers,
} from '../../../../db/queries/export.server';
import { jsonLdChunks } from './jsonld.server';
import { openVhsChunks } from './openvhs.server';

/**
 * Catalogue exports as streams: the public open data (published offers of approved
 * providers) and one provider's own offers, as schema.org JSON-LD or Open-vhs 1.2 XML. The
 * body is produced while the client reads it, one batch of offers at a time.
 */

export type ExportFormat = 'jsonld' | 'xml';

export interface ExportStream {
  body: ReadableStream<Uint8Array>;
  contentType: string;
  filename: string;
}

export interface ExportOptions {
  /** The origin links are built from (baseUrlOf(request)). */
  baseUrl: string;
  /** Defaults to the process-wide pool. */
  sql?: Db;
  /** Offers per query (default 200). */
  batchSize?: number;
}

const CONTENT_TYPE: Record<ExportFormat, string> = {
  jsonld: 'application/ld+json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
};

/**
 * The whole public catalogue: published offers of approved providers. The list of providers is
 * read before the response starts, so a database that is down answers 500, not a cut-off 200.
 */
export async function streamCatalogueExport(
  format: ExportFormat,
  options: ExportOptions,
): Promise<ExportStream> {
  const sql = options.sql ?? getSql();
  const providerIds = await listCatalogueProviderIds(sql);
  const batches = readExportOffers(sql, { kind: 'catalogue' }, providerIds, options.batchSize);
  const chunks =
    format === 'jsonld'
      ? jsonLdChunks(batches, { baseUrl: options.baseUrl, scheduledOnly: true })
      : openVhsChunks(batches, {
          creator: { guid: options.baseUrl, name: operator.name },
          exportedAt: now().toISOString(),
          catalogue: { baseUrl: options.baseUrl },
        });
  return {
    body: toByteStream(chunks, 'catalogue'),
    contentType: CONTENT_TYPE[format],
    filename: `wegweiser-angebote.${format}`,
  };
}

/**
 * One provider's offers, drafts included, archived ones not: what provider staff download
 * (the route checks that the user may). The Open-vhs file has the provider as <ersteller>, so
 * it can be imported elsewhere, or here again, as that provider's programme.
 * Throws AppError('not_found') for an unknown provider.
 */
export async function streamProviderExport(
  providerId: number,
  format: ExportFormat,
  options: ExportOptions,
): Promise<ExportStream> {
  const sql = options.sql ?? getSql();
  const provider = await findExportProvider(sql, providerId);
  if (!provider) throw new AppError('not_found');
  const batches = readExportOffers(sql, { kind: 'provider', providerId }, [providerId], options.batchSize);
  const chunks =
    format === 'jsonld'
      ? jsonLdChunks(batches, { baseUrl: options.baseUrl, scheduledOnly: false })
      : openVhsChunks(batches, {
          creator: {
            guid: provider.external_ref ?? `wegweiser-anbieter-${provider.id}`,
            name: provider.name,
          },
          exportedAt: now().toISOString(),
        });
  return {
    body: toByteStream(chunks, 'provider'),
    contentType: CONTENT_TYPE[format],
    filename: `angebote-${provider.slug}.${format}`,
  };
}

/**
 * A byte stream that pulls the next chunk only when the reader asks for one (no read-ahead:
 * a slow client slows the queries down instead of filling memory, and nothing is queried
 * before the body is read). Cancelling it (the client went away) ends the generator, which
 * stops the queries.
 */
export function toByteStream(chunks: AsyncIterable<string>, label: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          for (;;) {
            const next = await iterator.next();
            // Cancelled while the chunk was being made: the controller is closed.
            if (cancelled) return;
            if (next.done) {
              controller.close();
              return;
            }
            if (next.value) {
              controller.enqueue(encoder.encode(next.value));
              return;
            }
          }
        } catch (error) {
          if (cancelled) return;
          // The status line has gone out: all we can do is cut the body short (the client sees
          // a truncated document) and say why in the log.
          getLogger().error({ err: error, export: label }, 'export stream failed');
          controller.error(error);
        }
      },
      async cancel() {
        cancelled = true;
        await iterator.return?.(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * The HTTP response for an export: streamed body (none for HEAD), file name, and open CORS
 * for the public open data (`cors: false` for a signed-in provider's own export, which is
 * private: pass `Cache-Control: private, no-store` there).
 */
export function exportResponse(
  request: Request,
  exported: ExportStream,
  options: { headers?: Record<string, string>; cors?: boolean } = {},
): Response {
  const head = request.method === 'HEAD';
  // Nothing has been read yet, so nothing has been queried: cancelling just ends the generator.
  if (head) void exported.body.cancel();
  return new Response(head ? null : exported.body, {
    status: 200,
    headers: {
      ...(options.cors === false ? {} : CORS),
      'Content-Type': exported.contentType,
      'Content-Disposition': `inline; filename="${exported.filename}"`,
      ...options.headers,
    },
  });
}
