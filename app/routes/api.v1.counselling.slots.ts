import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { activeTopic, slotsFor, toPublicSlot } from '~/modules/booking/public.server';
import { slotQuerySchema } from '~/modules/booking/schemas';
import { AppError } from '~/utils/errors';
import { CORS, problem } from '~/utils/http.server';

/**
 * GET /api/v1/counselling/slots?topic=&channel=&office=&language=&from=&to= — free slots,
 * times in ISO 8601 with their offset (so a kiosk shows the right local time in any season).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = slotQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    return problem(400, 'Invalid parameters', 'One or more parameters are not valid.', {
      errors: parsed.error.issues.map((i) => ({ parameter: String(i.path[0] ?? ''), message: i.message })),
    });
  }
  const { topic: slug, channel, office, language, from, to } = parsed.data;
  try {
    const topic = await activeTopic(slug);
    const result = await slotsFor({ topic, channel, officeSlug: office, language, from, to });
    return Response.json(
      {
        topic: topic.slug,
        from: result.from,
        to: result.to,
        languageAvailable: language ? result.languageAvailable : undefined,
        slots: result.slots.map((s) => toPublicSlot(s, result.officeSlugs)),
      },
      { headers: { ...CORS, 'Cache-Control': 'no-store' } },
    );
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return problem(404, 'Unknown topic');
    if (error instanceof AppError && error.code === 'bad_request')
      return problem(400, 'Invalid parameters', `The parameter "${error.message}" is not valid.`, {
        errors: [{ parameter: error.message, message: 'invalid' }],
      });
    throw error;
  }
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS });
  return problem(405, 'Method not allowed', 'This resource is read-only.');
}
