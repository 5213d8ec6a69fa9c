import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { parseSearchParams } from '~/modules/catalogue/schemas';
import { searchCatalogue } from '~/modules/catalogue/search.server';
import { AppError } from '~/utils/errors';
import { CORS, problem } from '~/utils/http.server';

/** GET /api/v1/offers — the search page's query as JSON, open to other portals. */
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseSearchParams(new URL(request.url).searchParams);
  if (!parsed.success) {
    return problem(400, 'Invalid search parameters', 'One or more parameters are not valid.', {
      errors: parsed.error.issues.map((i) => ({ parameter: String(i.path[0] ?? ''), message: i.message })),
    });
  }
  try {
    const result = await searchCatalogue(parsed.data);
    // Like the search page: a page past the last is "not found", and says where the last is.
    const lastPage = Math.max(1, Math.ceil(result.total / result.perPage));
    if (result.total > 0 && result.page > lastPage) {
      return problem(404, 'Page out of range', `The results end at page ${lastPage}.`, {
        total: result.total,
        perPage: result.perPage,
        lastPage,
      });
    }
    return Response.json(
      {
        total: result.total,
        page: result.page,
        perPage: result.perPage,
        hits: result.hits,
        facets: result.facets,
        engine: result.engine,
        didYouMean: result.didYouMean,
        location: result.location,
      },
      { headers: { ...CORS, 'Cache-Control': 'public, max-age=60' } },
    );
  } catch (error) {
    if (error instanceof AppError && error.code === 'location_not_found') {
      return problem(400, 'Unknown location', 'The postcode or place in "near" was not found.', {
        errors: [{ parameter: 'near', message: 'not found' }],
      });
    }
    throw error;
  }
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS });
  return problem(405, 'Method not allowed', 'This resource is read-only.');
}
