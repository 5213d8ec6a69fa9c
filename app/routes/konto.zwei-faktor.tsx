import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/auth/guard.server';
import { ThrottledError } from '~/auth/throttle.server';
import { CodeField, ErrorSummary, Notice, useAppForm } from '~/components/form';
import { LocalizedLink } from '~/components/localized-link';
import { useRetryAfterMessage } from '~/components/retry-after';
import { pageTitle } from '~/i18next.server';
import { secondFactorSchema } from '~/modules/accounts/schemas';
import { recoveryCodesLeft, regenerateRecoveryCodes } from '~/modules/accounts/two-factor.server';
import { type FormReply, invalidForm, readForm, throttledForm } from '~/utils/forms.server';
import { passHeaders } from '~/utils/headers';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const headers = passHeaders;
export const handle = { i18n: ['account'] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, 'update:account:own');
  return {
    title: await pageTitle(request, 'account:twoFactor.title'),
    enabled: user.totpEnabled,
    left: user.totpEnabled ? await recoveryCodesLeft(user.id) : 0,
    afterRecovery: new URL(request.url).searchParams.get('recovery') === '1',
  };
}

type ActionResult = FormReply | { recoveryCodes: string[] };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, 'update:account:own');
  const submission = parseWithZod(await readForm(request), { schema: secondFactorSchema });
  if (submission.status !== 'success') return invalidForm(submission.reply({ hideFields: ['code'] }));
  try {
    const codes = await regenerateRecoveryCodes(user.id, submission.value.code, context.clientIp);
    if (!codes)
      return invalidForm(
        submission.reply({ fieldErrors: { code: ['errors.codeWrong'] }, hideFields: ['code'] }),
      );
    return data<ActionResult>({ recoveryCodes: codes }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    if (error instanceof ThrottledError)
      return throttledForm(
        submission.reply({ formErrors: ['errors.throttled'], hideFields: ['code'] }),
        error.retryAfterSeconds,
      );
    throw error;
  }
}

export default function TwoFactor() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const { t } = useTranslation('account');
  const lastResult = result && 'status' in result ? result : undefined;
  const [form, fields] = useAppForm(secondFactorSchema, 'recovery-codes', lastResult);
  const retry = useRetryAfterMessage(lastResult?.retryAfter);
  return (
    <div className="ww-narrow kern-stack">
      <h1 className="kern-heading-large">{t('twoFactor.title')}</h1>
      {d.afterRecovery ? (
        <Notice tone="warning" title={t('twoFactor.afterRecovery', { count: d.left })} />
      ) : null}
      {!d.enabled ? (
        <>
          <p className="kern-body">{t('twoFactor.off')}</p>
          <p>
            <LocalizedLink
              className="kern-btn kern-btn--primary"
              to="/anmelden/zwei-faktor-einrichten?redirectTo=/konto/zwei-faktor"
            >
              <span className="kern-label">{t('twoFactor.enable')}</span>
            </LocalizedLink>
          </p>
        </>
      ) : result && 'recoveryCodes' in result ? (
        <>
          <Notice title={t('twoFactor.newCodes')} />
          <ul className="ww-recovery-codes" aria-label={t('enrol.recoveryTitle')}>
            {result.recoveryCodes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <p className="kern-body">{t('twoFactor.on', { count: d.left })}</p>
          <h2 className="kern-heading-medium">{t('twoFactor.renewTitle')}</h2>
          <p className="kern-body">{t('twoFactor.renewIntro')}</p>
          <ErrorSummary form={form} fields={[fields.code]} extra={retry} />
          <Form method="post" {...getFormProps(form)} className="kern-stack">
            <CodeField field={fields.code} label={t('fields.totpCode')} />
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t('twoFactor.renew')}</span>
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
