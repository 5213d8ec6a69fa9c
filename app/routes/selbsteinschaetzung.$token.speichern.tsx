import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission, signInUrl } from '~/auth/guard.server';
import { ThrottledError } from '~/auth/throttle.server';
import { ErrorSummary, Notice, TextField, useAppForm } from '~/components/form';
import { useRetryAfterMessage } from '~/components/retry-after';
import { i18nServer } from '~/i18next.server';
import { emailOnlySchema } from '~/modules/accounts/schemas';
import {
  deleteByToken,
  keepInAccount,
  type OpenAssessment,
  openAssessment,
  sendLinkByMail,
} from '~/modules/assessment/assessment.server';
import { CopyLinkButton } from '~/modules/assessment/components/copy-link';
import { assessmentPath, resumeStep, SAVE } from '~/modules/assessment/engine';
import { assessmentTitle } from '~/modules/assessment/titles.server';
import { getEnv } from '~/utils/env.server';
import { type FormReply, invalidForm, readForm, throttledForm } from '~/utils/forms.server';
import { manageHeaders } from '~/utils/headers';
import { baseUrlOf, throwAsResponse } from '~/utils/http.server';
import { withLanguage } from '~/utils/localized';
import { manageMeta } from '~/utils/meta';

// The link is the person's key: never cached, indexed or sent on as a referrer.
export const meta = manageMeta;
export const headers = manageHeaders;
export const handle = { i18n: ['assessment', 'account'] };

/** The address that continues this assessment, in the page's language. */
function continueLink(request: Request, token: string, a: OpenAssessment, lng: string): string {
  return `${baseUrlOf(request)}${withLanguage(assessmentPath(token, resumeStep(a.finished, a.step)), lng)}`;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const a = await openAssessment(params.token ?? '').catch(throwAsResponse);
  const lng = await i18nServer.getLocale(request);
  return {
    title: await assessmentTitle(request, 'later.title'),
    token: params.token!,
    link: continueLink(request, params.token!, a, lng),
    continueAt: resumeStep(a.finished, a.step),
    days: getEnv().ASSESSMENT_RETENTION_DAYS,
    signedIn: Boolean(context.auth),
    inAccount: a.userId !== null,
    signIn: signInUrl(request),
  };
}

type ActionResult = FormReply | { sent: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const a = await openAssessment(params.token ?? '').catch(throwAsResponse);
  const form = await readForm(request);
  const lng = await i18nServer.getLocale(request);
  const intent = form.get('intent');
  if (intent === 'send-link') {
    const submission = parseWithZod(form, { schema: emailOnlySchema });
    if (submission.status !== 'success') return invalidForm(submission.reply());
    try {
      await sendLinkByMail({
        email: submission.value.email,
        link: continueLink(request, params.token!, a, lng),
        locale: lng,
        ip: context.clientIp,
      });
    } catch (error) {
      if (error instanceof ThrottledError)
        return throttledForm(submission.reply({ formErrors: ['errors.throttled'] }), error.retryAfterSeconds);
      throw error;
    }
    return data<ActionResult>({ sent: submission.value.email });
  }
  if (intent === 'delete') {
    await deleteByToken(a);
    throw redirect(withLanguage('/selbsteinschaetzung?geloescht=1', lng));
  }
  if (intent === 'account') {
    const user = await requirePermission(request, context, 'update:account:own');
    await keepInAccount(a, user.id).catch(throwAsResponse);
    throw redirect(withLanguage(assessmentPath(params.token!, SAVE), lng));
  }
  throw new Response('bad request', { status: 400 });
}

function SendLinkForm() {
  const result = useActionData<ActionResult>();
  const { t } = useTranslation(['assessment', 'account']);
  const lastResult = result && 'status' in result ? result : undefined;
  const [form, fields] = useAppForm(emailOnlySchema, 'send-link', lastResult);
  const retry = useRetryAfterMessage(lastResult?.retryAfter);
  return (
    <section aria-labelledby="send-heading" className="kern-stack-sm">
      <h2 id="send-heading" className="kern-heading-medium">
        {t('later.sendHeading')}
      </h2>
      {result && 'sent' in result ? (
        <Notice title={t('later.sent', { email: result.sent })}>
          <p className="kern-body">{t('later.sentHint')}</p>
        </Notice>
      ) : null}
      <p className="kern-body">{t('later.sendText')}</p>
      <ErrorSummary form={form} fields={[fields.email]} extra={retry} />
      <Form method="post" {...getFormProps(form)} className="kern-stack-sm">
        <TextField
          field={fields.email}
          label={t('later.emailLabel')}
          type="email"
          autoComplete="email"
          maxLength={254}
        />
        <button type="submit" name="intent" value="send-link" className="kern-btn kern-btn--secondary">
          <span className="kern-label">{t('later.sendButton')}</span>
        </button>
      </Form>
    </section>
  );
}

export default function AssessmentSave() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation('assessment');
  return (
    <div className="kern-stack ww-prose">
      <h1 className="kern-heading-large">{t('later.title')}</h1>
      <Notice title={t('later.saved')}>
        <p className="kern-body">{t('later.linkText')}</p>
      </Notice>
      <div className="kern-stack-sm">
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="assessment-link">
            {t('later.linkLabel')}
          </label>
          {/* A URL reads left to right in every language: in RTL pages its start stays visible. */}
          <input
            className="kern-form-input__input"
            id="assessment-link"
            type="text"
            dir="ltr"
            readOnly
            value={d.link}
          />
        </div>
        <CopyLinkButton fieldId="assessment-link" />
      </div>
      <p className="kern-body">{t('later.kept', { days: d.days })}</p>
      <p>
        <a className="kern-btn kern-btn--primary" href={assessmentPath(d.token, d.continueAt)}>
          <span className="kern-label">{t('later.continue')}</span>
        </a>
      </p>

      <SendLinkForm />

      <section aria-labelledby="account-heading" className="kern-stack-sm">
        <h2 id="account-heading" className="kern-heading-medium">
          {t('later.accountHeading')}
        </h2>
        {d.inAccount ? (
          <p className="kern-body">{t('later.accountSaved')}</p>
        ) : (
          <>
            <p className="kern-body">{t('later.accountText')}</p>
            {d.signedIn ? (
              <Form method="post">
                <button type="submit" name="intent" value="account" className="kern-btn kern-btn--secondary">
                  <span className="kern-label">{t('later.accountButton')}</span>
                </button>
              </Form>
            ) : (
              <p className="kern-body">
                <a className="kern-link" href={d.signIn}>
                  {t('later.signIn')}
                </a>
              </p>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="delete-heading" className="kern-stack-sm">
        <h2 id="delete-heading" className="kern-heading-medium">
          {t('later.deleteHeading')}
        </h2>
        <p className="kern-body">{t('later.deleteText')}</p>
        <Form method="post">
          <button type="submit" name="intent" value="delete" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t('later.deleteButton')}</span>
          </button>
        </Form>
      </section>
    </div>
  );
}
