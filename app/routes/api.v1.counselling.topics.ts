import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { i18nServer } from '~/i18next.server';
import { bookableTopics } from '~/modules/booking/public.server';
import { CORS, problem } from '~/utils/http.server';

/** GET /api/v1/counselling/topics — the topics one can book, with their channels (names in ?lng=, default German). */
export async function loader({ request }: LoaderFunctionArgs) {
  const lng = await i18nServer.getLocale(request);
  return Response.json(
    { topics: await bookableTopics(lng) },
    { headers: { ...CORS, 'Cache-Control': 'public, max-age=300' } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS });
  return problem(405, 'Method not allowed', 'This resource is read-only.');
}
