import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { commitSession, needsSecondFactor, requireUser, safeRedirect } from '~/auth/guard.server';
import { ThrottledError } from '~/auth/throttle.server';
import { CodeField, ErrorSummary, useAppForm } from '~/components/form';
import { useRetryAfterMessage } from '~/components/retry-after';
import { pageTitle } from '~/i18next.server';
import { secondFactorSchema } from '~/modules/accounts/schemas';
import { verifySecondFactor } from '~/modules/accounts/two-factor.server';
import { type FormReply, invalidForm, readForm, throttledForm } from '~/utils/forms.server';
import { passHeaders } from '~/utils/headers';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const headers = passHeaders;
export const handle = { i18n: ['account'] };

/** The second step of sign-in: a code from the authenticator app, or a recovery code. */
async function pending(request: Request, context: LoaderFunctionArgs['context']) {
  const user = await requireUser(request, context, { secondFactorPending: true });
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get('redirectTo'));
  if (!context.auth || !needsSecondFactor(context.auth)) throw redirect(redirectTo);
  if (!user.totpEnabled)
    throw redirect(`/anmelden/zwei-faktor-einrichten?redirectTo=${encodeURIComponent(redirectTo)}`);
  return { user, redirectTo };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { redirectTo } = await pending(request, context);
  return { title: await pageTitle(request, 'account:secondFactor.title'), redirectTo };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, redirectTo } = await pending(request, context);
  const submission = parseWithZod(await readForm(request), { schema: secondFactorSchema });
  if (submission.status !== 'success') return invalidForm(submission.reply({ hideFields: ['code'] }));
  try {
    const result = await verifySecondFactor(user.id, user.sessionId, submission.value.code, context.clientIp);
    if (!result)
      return invalidForm(
        submission.reply({ fieldErrors: { code: ['errors.codeWrong'] }, hideFields: ['code'] }),
      );
    const target = result.usedRecoveryCode ? '/konto/zwei-faktor?recovery=1' : redirectTo;
    return redirect(target, { headers: { 'Set-Cookie': commitSession(context, result.session) } });
  } catch (error) {
    if (error instanceof ThrottledError)
      return throttledForm(
        submission.reply({ formErrors: ['errors.throttled'], hideFields: ['code'] }),
        error.retryAfterSeconds,
      );
    throw error;
  }
}

export default function SecondFactor() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const lastResult = useActionData<FormReply>();
  const { t } = useTranslation('account');
  const [form, fields] = useAppForm(secondFactorSchema, 'second-factor', lastResult);
  const retry = useRetryAfterMessage(lastResult?.retryAfter);
  return (
    <div className="ww-narrow kern-stack">
      <h1 className="kern-heading-large">{t('secondFactor.title')}</h1>
      <p className="kern-body">{t('secondFactor.intro')}</p>
      <ErrorSummary form={form} fields={[fields.code]} extra={retry} />
      <Form method="post" {...getFormProps(form)} className="kern-stack">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <CodeField field={fields.code} label={t('fields.code')} hint={t('secondFactor.codeHint')} />
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t('secondFactor.submit')}</span>
        </button>
      </Form>
      <Form method="post" action="/abmelden">
        <button type="submit" className="kern-btn kern-btn--secondary">
          <span className="kern-label">{t('signOut.submit')}</span>
        </button>
      </Form>
    </div>
  );
}
