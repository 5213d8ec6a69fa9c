import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { exportResponse, streamCatalogueExport } from '~/modules/catalogue/export/export.server';
import { baseUrlOf, CORS, problem } from '~/utils/http.server';

/**
 * GET /api/v1/export/offers.jsonld — every published offer as a schema.org Course, in one
 * JSON-LD document (open data, streamed).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const exported = await streamCatalogueExport('jsonld', { baseUrl: baseUrlOf(request) });
  return exportResponse(request, exported, { headers: { 'Cache-Control': 'public, max-age=300' } });
}

export function action({ request }: ActionFunctionArgs) {
  if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS });
  return problem(405, 'Method not allowed', 'This resource is read-only.');
}
