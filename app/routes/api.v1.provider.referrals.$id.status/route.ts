import type { ActionFunctionArgs } from '@remix-run/node';
import { NO_STORE, toApi } from '~/modules/referrals/api.server';
import { ReferralError } from '~/modules/referrals/errors';
import { providerOfRequest } from '~/modules/referrals/keys.server';
import { move } from '~/modules/referrals/referrals.server';
import { moveSchema } from '~/modules/referrals/schemas';
import { AppError } from '~/utils/errors';
import { problem } from '~/utils/http.server';

/**
 * POST /api/v1/provider/referrals/<id>/status — the provider's course system reports a
 * referral's next state ({ state, reason?, startOn? }), with the same rules and audit as
 * the provider's page. Another provider's referral is 404, like an unknown one.
 */
export async function loader() {
  return problem(405, 'Method not allowed', 'Use POST.');
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== 'POST') return problem(405, 'Method not allowed', 'Use POST.');
  const actor = await providerOfRequest(request, context.clientIp ?? null);
  if (!actor)
    return problem(
      401,
      'Unauthorized',
      'Send a valid API key of your provider as "Authorization: Bearer <key>".',
    );
  const id = Number(params.id);
  if (!params.id || !Number.isSafeInteger(id) || id <= 0 || String(id) !== params.id)
    return problem(404, 'Not found');
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return problem(
      400,
      'Bad request',
      'The body must be JSON: { "state": …, "reason"?: …, "startOn"?: "YYYY-MM-DD" }.',
    );
  }
  const parsed = moveSchema.safeParse(body);
  if (!parsed.success)
    return problem(400, 'Bad request', 'Invalid state change.', {
      errors: parsed.error.issues.map((i) => ({
        field: i.path.join('.'),
        code: i.message.replace('referrals:errors.', ''),
      })),
    });
  try {
    const referral = await move(actor, id, parsed.data);
    return Response.json({ referral: toApi(referral) }, { headers: NO_STORE });
  } catch (error) {
    if (error instanceof ReferralError)
      return problem(error.status, error.status === 422 ? 'Unprocessable' : 'Conflict', error.reason);
    if (error instanceof AppError && error.code === 'not_found') return problem(404, 'Not found');
    throw error;
  }
}
