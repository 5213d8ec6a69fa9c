import type { LoaderFunctionArgs } from '@remix-run/node';
import { exportResponse, streamProviderExport } from '~/modules/catalogue/export/export.server';
import { requireProviderActor } from '~/modules/providers/guard.server';
import { baseUrlOf, throwAsResponse } from '~/utils/http.server';

/**
 * The provider's own offers (drafts included, archived ones not) as a download:
 * /anbieterbereich/export/jsonld or /anbieterbereich/export/xml (Open-vhs 1.2, with the
 * provider's own ids, so it can be imported again elsewhere).
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireProviderActor(request, context, 'read:offer:own');
  const format = params.format;
  if (format !== 'jsonld' && format !== 'xml') throw new Response('not found', { status: 404 });
  const exported = await streamProviderExport(actor.providerId, format, {
    baseUrl: baseUrlOf(request),
  }).catch(throwAsResponse);
  return exportResponse(request, exported, {
    cors: false,
    headers: { 'Cache-Control': 'private, no-store' },
  });
}
