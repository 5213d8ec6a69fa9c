import type { ExportOffer } from '../../../../db/queries/export.server';
import { offerJsonLd } from '../jsonld';

/**
 * The schema.org export: one JSON-LD document `{"@context":"https://schema.org","@graph":[…]}`
 * with one `Course` per offer, written batch by batch — the document is never held whole.
 * Each Course is the one the offer page embeds (offerJsonLd), without its own @context.
 */

export interface JsonLdOptions {
  baseUrl: string;
  /**
   * Public export: only scheduled runs, as the offer page shows them. Otherwise (a provider's
   * own export) cancelled runs are kept and marked `EventCancelled`.
   */
  scheduledOnly: boolean;
}

export function courseNode(offer: ExportOffer, options: JsonLdOptions) {
  const runs = options.scheduledOnly ? offer.runs.filter((r) => r.status === 'scheduled') : offer.runs;
  const { '@context': _context, ...course } = offerJsonLd({ ...offer, runs }, options.baseUrl);
  return {
    ...course,
    hasCourseInstance: course.hasCourseInstance.map((instance, i) =>
      runs[i]?.status === 'cancelled'
        ? { ...instance, eventStatus: 'https://schema.org/EventCancelled' }
        : instance,
    ),
  };
}

export async function* jsonLdChunks(
  batches: AsyncIterable<ExportOffer[]>,
  options: JsonLdOptions,
): AsyncGenerator<string> {
  yield '{"@context":"https://schema.org","@graph":[';
  let first = true;
  for await (const batch of batches) {
    let chunk = '';
    for (const offer of batch) {
      chunk += `${first ? '\n' : ',\n'}${JSON.stringify(courseNode(offer, options))}`;
      first = false;
    }
    if (chunk) yield chunk;
  }
  yield '\n]}\n';
}
