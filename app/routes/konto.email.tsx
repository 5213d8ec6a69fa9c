import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/auth/guard.server';
import { ErrorSummary, Notice, TextField, useAppForm } from '~/components/form';
import { useRetryAfterMessage } from '~/components/retry-after';
import { pageTitle } from '~/i18next.server';
import { requestEmailChange } from '~/modules/accounts/accounts.server';
import { accountFormError } from '~/modules/accounts/form-errors.server';
import { changeEmailSchema } from '~/modules/accounts/schemas';
import { type FormReply, invalidForm, readForm, requestMeta } from '~/utils/forms.server';
import { passHeaders } from '~/utils/headers';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const headers = passHeaders;
export const handle = { i18n: ['account'] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, 'update:account:own');
  return { title: await pageTitle(request, 'account:changeEmail.title'), email: user.email };
}

type ActionResult = FormReply | { sent: true; email: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, 'update:account:own');
  const submission = parseWithZod(await readForm(request), { schema: changeEmailSchema });
  if (submission.status !== 'success')
    return invalidForm(submission.reply({ hideFields: ['currentPassword'] }));
  try {
    await requestEmailChange(
      user.id,
      submission.value.email,
      submission.value.currentPassword,
      await requestMeta(request, context),
    );
  } catch (error) {
    return accountFormError(error, submission, ['currentPassword']);
  }
  return data<ActionResult>({ sent: true, email: submission.value.email });
}

export default function ChangeEmail() {
  const { email } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const { t } = useTranslation('account');
  const lastResult = result && 'status' in result ? result : undefined;
  const [form, fields] = useAppForm(changeEmailSchema, 'change-email', lastResult);
  const retry = useRetryAfterMessage(lastResult?.retryAfter);
  return (
    <div className="ww-narrow kern-stack">
      <h1 className="kern-heading-large">{t('changeEmail.title')}</h1>
      {result && 'sent' in result ? (
        <Notice title={t('changeEmail.sent', { email: result.email })} />
      ) : (
        <>
          <p className="kern-body">{t('changeEmail.intro', { email })}</p>
          <ErrorSummary form={form} fields={[fields.email, fields.currentPassword]} extra={retry} />
          <Form method="post" {...getFormProps(form)} className="kern-stack">
            <TextField
              field={fields.email}
              label={t('fields.newEmail')}
              type="email"
              autoComplete="email"
              maxLength={254}
            />
            <TextField
              field={fields.currentPassword}
              label={t('fields.currentPassword')}
              type="password"
              autoComplete="current-password"
            />
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t('changeEmail.submit')}</span>
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
