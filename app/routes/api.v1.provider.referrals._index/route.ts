import type { LoaderFunctionArgs } from '@remix-run/node';
import { NO_STORE, toApi } from '~/modules/referrals/api.server';
import { providerOfRequest } from '~/modules/referrals/keys.server';
import { inbox } from '~/modules/referrals/referrals.server';
import { problem } from '~/utils/http.server';

/**
 * GET /api/v1/provider/referrals — the referrals to the provider whose API key is sent
 * (`Authorization: Bearer wwk_…`), overdue first, each with exactly the consented data.
 * The same rules as the provider's inbox; never cached.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await providerOfRequest(request, context.clientIp ?? null);
  if (!actor)
    return problem(
      401,
      'Unauthorized',
      'Send a valid API key of your provider as "Authorization: Bearer <key>".',
    );
  const referrals = await inbox(actor);
  return Response.json({ referrals: referrals.map(toApi) }, { headers: NO_STORE });
}
