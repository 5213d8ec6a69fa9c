import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { isLanguage } from '~/i18n';
import { i18nServer, languageCookie } from '~/i18next.server';
import { readForm } from '~/utils/forms.server';
import { localPath, withLanguage } from '~/utils/localized';

/**
 * The language switcher's target: the one place the language cookie is set, because only
 * here did the person choose (the privacy notice promises exactly that). Links carry
 * `?lng=` so a shared link opens in its language, but following one remembers nothing.
 * POST only, like every change; without JavaScript it is a plain form and a redirect.
 */
export function loader() {
  return redirect('/');
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const lng = form.get('lng');
  if (!isLanguage(lng)) {
    const t = await i18nServer.getFixedT(request, 'common');
    return new Response(t('language.unknown'), {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  return redirect(withLanguage(localPath(form.get('to')), lng), {
    status: 303,
    headers: { 'Set-Cookie': await languageCookie.serialize(lng) },
  });
}
