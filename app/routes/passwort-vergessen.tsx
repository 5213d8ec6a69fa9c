import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ThrottledError } from '~/auth/throttle.server';
import { ErrorSummary, Notice, TextField, useAppForm } from '~/components/form';
import { useRetryAfterMessage } from '~/components/retry-after';
import { pageTitle } from '~/i18next.server';
import { requestPasswordReset } from '~/modules/accounts/accounts.server';
import { emailOnlySchema } from '~/modules/accounts/schemas';
import { type FormReply, invalidForm, readForm, requestMeta, throttledForm } from '~/utils/forms.server';
import { passHeaders } from '~/utils/headers';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const headers = passHeaders;
export const handle = { i18n: ['account'] };

export async function loader({ request }: LoaderFunctionArgs) {
  return { title: await pageTitle(request, 'account:forgot.title') };
}

type ActionResult = FormReply | { sent: true; email: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: emailOnlySchema });
  if (submission.status !== 'success') return invalidForm(submission.reply());
  try {
    await requestPasswordReset(submission.value.email, await requestMeta(request, context));
  } catch (error) {
    if (error instanceof ThrottledError)
      return throttledForm(submission.reply({ formErrors: ['errors.throttled'] }), error.retryAfterSeconds);
    throw error;
  }
  return data<ActionResult>({ sent: true, email: submission.value.email });
}

export default function ForgotPassword() {
  const result = useActionData<ActionResult>();
  const { t } = useTranslation('account');
  const lastResult = result && 'status' in result ? result : undefined;
  const [form, fields] = useAppForm(emailOnlySchema, 'forgot', lastResult);
  const retry = useRetryAfterMessage(lastResult?.retryAfter);
  return (
    <div className="ww-narrow kern-stack">
      <h1 className="kern-heading-large">{t('forgot.title')}</h1>
      {result && 'sent' in result ? (
        <Notice title={t('forgot.sent', { email: result.email })}>
          <p className="kern-body">{t('forgot.sentHint')}</p>
        </Notice>
      ) : (
        <>
          <p className="kern-body">{t('forgot.intro')}</p>
          <ErrorSummary form={form} fields={[fields.email]} extra={retry} />
          <Form method="post" {...getFormProps(form)} className="kern-stack">
            <TextField
              field={fields.email}
              label={t('fields.email')}
              type="email"
              autoComplete="email"
              maxLength={254}
            />
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t('forgot.submit')}</span>
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
