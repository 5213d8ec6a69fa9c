import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { exportResponse, streamCatalogueExport } from '~/modules/catalogue/export/export.server';
import { baseUrlOf, CORS, problem } from '~/utils/http.server';

/**
 * GET /api/v1/export/offers.xml — every published offer in Open-vhs 1.2 XML (open data,
 * streamed); the portal is the <ersteller>, each record names its provider.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const exported = await streamCatalogueExport('xml', { baseUrl: baseUrlOf(request) });
  return exportResponse(request, exported, { headers: { 'Cache-Control': 'public, max-age=300' } });
}

export function action({ request }: ActionFunctionArgs) {
  if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS });
  return problem(405, 'Method not allowed', 'This resource is read-only.');
}
