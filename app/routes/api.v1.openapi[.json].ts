import type { LoaderFunctionArgs } from '@remix-run/node';
import { openApiDocument } from '~/api/openapi';
import { baseUrlOf, CORS } from '~/utils/http.server';

export function loader({ request }: LoaderFunctionArgs) {
  return Response.json(openApiDocument(baseUrlOf(request)), {
    headers: { ...CORS, 'Cache-Control': 'public, max-age=3600' },
  });
}
