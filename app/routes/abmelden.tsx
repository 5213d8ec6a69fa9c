import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect, redirectDocument } from '@remix-run/node';
import { clearSession } from '~/auth/guard.server';
import { signOut, signOutEverywhere } from '~/modules/accounts/accounts.server';

/**
 * Sign-out ends the session on the server (not just the cookie). `everywhere` ends every
 * session of the account. POST only: a link or an image can't sign anyone out.
 * The answer is a document redirect even for a script-driven form: the browser loads a
 * fresh page, so nothing of the signed-in pages (their loader data in the router's
 * memory) stays in the tab.
 */
export async function loader(_: LoaderFunctionArgs) {
  return redirect('/konto');
}

export async function action({ request, context }: ActionFunctionArgs) {
  // A bare POST (no form body) signs out too.
  const form = await request.formData().catch(() => new FormData());
  const auth = context.auth;
  if (auth) {
    if (form.get('scope') === 'everywhere') await signOutEverywhere(auth.user.id, context.clientIp);
    else await signOut(auth.session.id, auth.user.id, context.clientIp);
  }
  return redirectDocument('/?abgemeldet=1', { headers: { 'Set-Cookie': clearSession(context) } });
}
