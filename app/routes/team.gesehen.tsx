import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { markSeen, requireCounsellor } from '~/modules/booking/team.server';

/**
 * "Mark as seen" on the agenda: clears the counsellor's markers of new and changed
 * appointments (their own only) and goes back to the agenda. Only POST.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCounsellor(request, context, 'read:agenda:own');
  throw redirect('/team');
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireCounsellor(request, context, 'update:agenda:own');
  await markSeen(actor);
  throw redirect('/team');
}
