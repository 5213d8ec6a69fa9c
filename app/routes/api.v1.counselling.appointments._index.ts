import type { ActionFunctionArgs } from '@remix-run/node';
import { manageUrl } from '~/modules/booking/booking.server';
import { submitBooking } from '~/modules/booking/public.server';
import { bookingApiSchema } from '~/modules/booking/schemas';
import { baseUrlOf, problem } from '~/utils/http.server';

const TITLES: Record<string, string> = {
  slot_taken: 'Slot taken',
  too_many_bookings: 'Too many bookings',
  overlapping_booking: 'Overlapping booking',
  unknown_topic: 'Unknown topic',
  office_required: 'Office required',
  throttled: 'Too many requests',
  spam: 'Refused',
};

/**
 * POST /api/v1/counselling/appointments — books a slot for a call-centre or kiosk client:
 * 201 with the manage URL, 409 when the slot was taken meanwhile or the person (address,
 * else phone number) already has an appointment at that time, 400 on bad input.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== 'POST') return problem(405, 'Method not allowed');
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return problem(400, 'Invalid JSON', 'The request body must be a JSON object.');
  }
  const parsed = bookingApiSchema.safeParse(body);
  if (!parsed.success) {
    return problem(400, 'Invalid booking', 'One or more fields are not valid.', {
      errors: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  }
  const { locale, ...data } = parsed.data;
  const baseUrl = baseUrlOf(request);
  const outcome = await submitBooking({ ...data, locale: locale ?? 'de' }, { ip: context.clientIp, baseUrl });
  if (!outcome.ok) {
    const response = problem(outcome.status, TITLES[outcome.reason] ?? 'Refused', undefined, {
      reason: outcome.reason,
    });
    if (outcome.retryAfter) response.headers.set('Retry-After', String(outcome.retryAfter));
    return response;
  }
  const url = manageUrl(baseUrl, outcome.token);
  return Response.json(
    {
      status: outcome.status,
      token: outcome.token,
      manageUrl: url,
      calendarUrl: `${baseUrl}/api/v1/counselling/appointments/${outcome.token}.ics`,
    },
    {
      status: 201,
      headers: { Location: `/api/v1/counselling/appointments/${outcome.token}`, 'Cache-Control': 'no-store' },
    },
  );
}

export function loader() {
  return problem(405, 'Method not allowed', 'Use POST to book; read an appointment by its token.');
}
