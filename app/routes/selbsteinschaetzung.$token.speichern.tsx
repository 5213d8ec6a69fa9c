import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission, signInUrl } from '~/auth/guard.server';
import { Notice } from '~/components/form';
import { i18nServer, pageTitle } from '~/i18next.server';
import { deleteByToken, keepInAccount, openAssessment } from '~/modules/assessment/assessment.server';
import { assessmentPath, resumeStep, SAVE } from '~/modules/assessment/engine';
import { getEnv } from '~/utils/env.server';
import { readForm } from '~/utils/forms.server';
import { manageHeaders } from '~/utils/headers';
import { baseUrlOf, throwAsResponse } from '~/utils/http.server';
import { withLanguage } from '~/utils/localized';
import { manageMeta } from '~/utils/meta';

// The link is the person's key: never cached, indexed or sent on as a referrer.
export const meta = manageMeta;
export const headers = manageHeaders;
export const handle = { i18n: ['assessment'] };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const a = await openAssessment(params.token ?? '').catch(throwAsResponse);
  const lng = await i18nServer.getLocale(request);
  const continueAt = resumeStep(a.finished, a.step);
  return {
    title: await pageTitle(request, 'assessment:later.title'),
    token: params.token!,
    link: `${baseUrlOf(request)}${withLanguage(assessmentPath(params.token!, continueAt), lng)}`,
    continueAt,
    days: getEnv().ASSESSMENT_RETENTION_DAYS,
    signedIn: Boolean(context.auth),
    inAccount: a.userId !== null,
    signIn: signInUrl(request),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const a = await openAssessment(params.token ?? '').catch(throwAsResponse);
  const form = await readForm(request);
  const lng = await i18nServer.getLocale(request);
  const intent = form.get('intent');
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

export default function AssessmentSave() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation('assessment');
  return (
    <div className="kern-stack ww-prose">
      <h1 className="kern-heading-large">{t('later.title')}</h1>
      <Notice title={t('later.saved')}>
        <p className="kern-body">{t('later.linkText')}</p>
      </Notice>
      <div className="kern-form-input">
        <label className="kern-label" htmlFor="assessment-link">
          {t('later.linkLabel')}
        </label>
        <input className="kern-form-input__input" id="assessment-link" type="text" readOnly value={d.link} />
      </div>
      <p className="kern-body">{t('later.kept', { days: d.days })}</p>
      <p>
        <a className="kern-btn kern-btn--primary" href={assessmentPath(d.token, d.continueAt)}>
          <span className="kern-label">{t('later.continue')}</span>
        </a>
      </p>

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
