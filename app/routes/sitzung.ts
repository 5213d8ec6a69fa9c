import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { needsSecondFactor, safeRedirect } from '~/auth/guard.server';

/**
 * The staff session's two small endpoints for the idle warning (see IdleWarning).
 *
 * POST: "Angemeldet bleiben". Every request already counts as activity (the server reads
 * the session and moves its last_seen_at), so this only answers whether the session is
 * still there: 204, or 401 when it has ended meanwhile. Plain fetch, no page data.
 *
 * GET ?redirectTo=: where the browser goes when the idle time has run out. If the session
 * is gone (this request found it idle and set the flag the sign-in page reads), on to
 * the sign-in page; if another tab kept it alive, back to where the person was.
 */
export async function action({ context }: ActionFunctionArgs) {
  const auth = context.auth;
  if (!auth || needsSecondFactor(auth)) return new Response(null, { status: 401 });
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const target = safeRedirect(new URL(request.url).searchParams.get('redirectTo'), '/');
  if (context.auth && !needsSecondFactor(context.auth)) return redirect(target);
  return redirect(`/anmelden?redirectTo=${encodeURIComponent(target)}`);
}
