import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import {
  appointmentByToken,
  calendarMethod,
  cancelByToken,
  manageState,
} from '~/modules/booking/booking.server';
import { appointmentCalendar } from '~/modules/booking/notify.server';
import { MANAGE_HEADERS } from '~/utils/headers';
import { baseUrlOf, problem } from '~/utils/http.server';
import { toOffsetIso } from '~/utils/zoned';
import { getSql } from '../../db/client.server';

/**
 * GET /api/v1/counselling/appointments/<token> — the appointment behind a manage link;
 * …/<token>.ics its calendar file; DELETE cancels it. The token is the only key.
 */
function split(param: string | undefined) {
  const raw = param ?? '';
  return raw.endsWith('.ics') ? { token: raw.slice(0, -4), ics: true } : { token: raw, ics: false };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { token, ics } = split(params.token);
  const row = await appointmentByToken(getSql(), token);
  if (!row) return problem(404, 'Not found', 'No appointment has this link.');
  const state = manageState(row);
  const headers = MANAGE_HEADERS;
  if (ics) {
    const method = calendarMethod(state);
    const body = await appointmentCalendar(row, `${baseUrlOf(request)}/termin/${token}`, method);
    return new Response(body, {
      headers: {
        ...headers,
        'Content-Type': `text/calendar; charset=utf-8; method=${method}`,
        'Content-Disposition': 'attachment; filename="termin.ics"',
      },
    });
  }
  return Response.json(
    {
      state,
      topic: row.topic_slug,
      channel: row.channel,
      office: row.office_name,
      start: toOffsetIso(row.starts),
      end: toOffsetIso(row.ends),
      language: row.language,
      sequence: row.sequence,
    },
    { headers },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== 'DELETE') return problem(405, 'Method not allowed', 'Use DELETE to cancel.');
  const { token, ics } = split(params.token);
  if (ics) return problem(405, 'Method not allowed');
  const row = await appointmentByToken(getSql(), token);
  if (!row) return problem(404, 'Not found', 'No appointment has this link.');
  const state = await cancelByToken(getSql(), token, baseUrlOf(request));
  if (state !== 'cancelled') return problem(409, 'Cannot cancel', `The appointment is ${state}.`, { state });
  return Response.json({ state }, { headers: { 'Cache-Control': 'no-store' } });
}
