import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { clearedIdleFlagCookie, hasIdleFlag } from '~/auth/cookie.server';
import { commitSession, redirectIfSignedIn, safeRedirect } from '~/auth/guard.server';
import { homeOf } from '~/auth/permissions';
import { ThrottledError } from '~/auth/throttle.server';
import { ErrorSummary, Notice, TextField, useAppForm } from '~/components/form';
import { LocalizedLink } from '~/components/localized-link';
import { useRetryAfterMessage } from '~/components/retry-after';
import { pageTitle } from '~/i18next.server';
import { endSession, signIn } from '~/modules/accounts/accounts.server';
import { signInSchema } from '~/modules/accounts/schemas';
import { type FormReply, invalidForm, readForm, requestMeta, throttledForm } from '~/utils/forms.server';
import { passHeaders } from '~/utils/headers';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const headers = passHeaders;
export const handle = { i18n: ['account'] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  redirectIfSignedIn(context);
  const url = new URL(request.url);
  // The request that found a staff session idle left a flag: say why the person is here,
  // once (the flag goes with this answer).
  const idle = hasIdleFlag(request.headers.get('Cookie'), context.secureCookies);
  return data(
    {
      title: await pageTitle(request, 'account:signIn.title'),
      redirectTo: safeRedirect(url.searchParams.get('redirectTo'), ''),
      idle,
    },
    idle ? { headers: { 'Set-Cookie': clearedIdleFlagCookie(context.secureCookies) } } : undefined,
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: signInSchema });
  if (submission.status !== 'success') return invalidForm(submission.reply({ hideFields: ['password'] }));
  const { email, password, redirectTo } = submission.value;
  try {
    const result = await signIn(email, password, await requestMeta(request, context));
    // A half-finished earlier sign-in (second factor pending) is replaced, not left behind.
    if (result.status === 'signedIn' && context.auth) await endSession(context.auth.session.id);
    if (result.status === 'invalid')
      return invalidForm(submission.reply({ formErrors: ['errors.signInFailed'], hideFields: ['password'] }));
    if (result.status === 'unverified')
      return invalidForm(
        submission.reply({ formErrors: ['errors.unverified'], hideFields: ['password'] }),
        403,
      );
    const target = safeRedirect(redirectTo, homeOf(result.role));
    const next =
      result.secondFactor === 'verify'
        ? `/anmelden/zwei-faktor?redirectTo=${encodeURIComponent(target)}`
        : result.secondFactor === 'enrol'
          ? `/anmelden/zwei-faktor-einrichten?redirectTo=${encodeURIComponent(target)}`
          : target;
    return redirect(next, { headers: { 'Set-Cookie': commitSession(context, result.session) } });
  } catch (error) {
    if (error instanceof ThrottledError)
      return throttledForm(
        submission.reply({ formErrors: ['errors.throttled'], hideFields: ['password'] }),
        error.retryAfterSeconds,
      );
    throw error;
  }
}

export default function SignIn() {
  const { redirectTo, idle } = useLoaderData<typeof loader>();
  const lastResult = useActionData<FormReply>();
  const { t } = useTranslation('account');
  const [form, fields] = useAppForm(signInSchema, 'sign-in', lastResult);
  const retry = useRetryAfterMessage(lastResult?.retryAfter);
  return (
    <div className="ww-narrow kern-stack">
      <h1 className="kern-heading-large">{t('signIn.title')}</h1>
      {idle ? <Notice title={t('signIn.idleSignedOut')} tone="info" /> : null}
      <p className="kern-body">{t('signIn.intro')}</p>
      <ErrorSummary form={form} fields={[fields.email, fields.password]} extra={retry} />
      {lastResult?.error?.['']?.includes('errors.unverified') ? (
        <Notice title={t('signIn.verifySent')} tone="info" />
      ) : null}
      <Form method="post" {...getFormProps(form)} className="kern-stack">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          field={fields.email}
          label={t('fields.email')}
          type="email"
          autoComplete="username"
          maxLength={254}
        />
        <TextField
          field={fields.password}
          label={t('fields.password')}
          type="password"
          autoComplete="current-password"
        />
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t('signIn.submit')}</span>
        </button>
      </Form>
      <ul className="kern-list">
        <li>
          <LocalizedLink className="kern-link" to="/passwort-vergessen">
            {t('signIn.forgot')}
          </LocalizedLink>
        </li>
        <li>
          <LocalizedLink className="kern-link" to="/registrieren">
            {t('signIn.noAccount')}
          </LocalizedLink>
        </li>
      </ul>
      <p className="kern-body kern-body--small">{t('signIn.noAccountNeeded')}</p>
    </div>
  );
}
