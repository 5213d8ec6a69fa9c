import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, isRouteErrorResponse, useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorPage } from '~/components/error-page';
import { Alert, ChoiceOption, ErrorText, Notice } from '~/components/form';
import { i18nServer, pageTitle } from '~/i18next.server';
import { FEEDBACK_QUESTIONS } from '~/modules/cases/codes';
import { ChangeList } from '~/modules/cases/components/changes';
import { ConsentList, ConsentText } from '~/modules/cases/components/consents';
import { PlanView } from '~/modules/cases/components/plan-view';
import { CaseError } from '~/modules/cases/errors';
import * as person from '~/modules/cases/person.server';
import { commentSchema, feedbackSchema } from '~/modules/cases/schemas';
import { caseLinks } from '~/modules/cases/styles';
import { consentWording } from '~/modules/cases/texts.server';
import { PersonConferences, PersonReferrals } from '~/modules/referrals/components/person-referrals';
import { ReferralError } from '~/modules/referrals/errors';
import { consentToReferral, personReferrals } from '~/modules/referrals/person.server';
import { AppError, statusFor } from '~/utils/errors';
import { formatDate, formatDateTime } from '~/utils/format';
import { readForm } from '~/utils/forms.server';
import { MANAGE_HEADERS, manageHeaders } from '~/utils/headers';
import { manageMeta } from '~/utils/meta';

/**
 * The person's own page, without an account: their plan in their language, agreeing,
 * comments, ticking off their own steps, their consents (and withdrawing them), who read
 * the file, and everything as JSON. Only the link's hash is stored; the page is never
 * cached or indexed. An erased file answers 410.
 */
export const meta = manageMeta;
export const headers = manageHeaders;
export const links = caseLinks;
export const handle = { i18n: ['cases', 'referrals'] };

/** Unknown link 404, erased file 410 — never cached either. */
function linkRefused(error: unknown): never {
  if (error instanceof AppError)
    throw new Response(error.code, { status: statusFor(error.code), headers: MANAGE_HEADERS });
  throw error;
}

async function view(request: Request, token: string) {
  const v = await person.personView(token).catch(linkRefused);
  const lng = await i18nServer.getLocale(request);
  const versions = [...new Set(v.file.consents.map((c) => c.textVersion))];
  return {
    ...v,
    texts: await Promise.all(versions.map((x) => consentWording(x, lng))),
    // Referrals (issue 17): their states, and those waiting for the person's consent.
    ...(await personReferrals(token, lng)),
  };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const v = await view(request, params.token!);
  return data(
    {
      title: await pageTitle(request, 'cases:person.title'),
      token: params.token!,
      ...v,
      canKeep: context.auth?.user.role === 'citizen' && !v.file.person.hasAccount,
    },
    { headers: MANAGE_HEADERS },
  );
}

type Done = 'agree' | 'comment' | 'tick' | 'withdraw' | 'erased' | 'feedback' | 'keep' | 'referralConsent';

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token!;
  const form = await readForm(request);
  const intent = String(form.get('intent') ?? '');
  const answer = (done: Done | null, error: string | null = null, status = 200) =>
    data({ done, error }, { status, headers: MANAGE_HEADERS });
  try {
    switch (intent) {
      case 'agree': {
        const version = Number(form.get('version'));
        if (!Number.isSafeInteger(version)) return answer(null, 'bad_request', 400);
        await person.agree(token, version);
        return answer('agree');
      }
      case 'comment': {
        const parsed = commentSchema.safeParse({ body: form.get('body') ?? undefined });
        if (!parsed.success) return answer(null, 'commentRequired', 400);
        await person.comment(token, parsed.data.body);
        return answer('comment');
      }
      case 'tick':
        await person.tick(token, String(form.get('key') ?? ''), form.get('done') === '1');
        return answer('tick');
      case 'withdraw': {
        const id = Number(form.get('consent'));
        if (!Number.isSafeInteger(id)) return answer(null, 'bad_request', 400);
        // Withdrawing the consent to documentation erases the file: only when confirmed.
        if (form.get('purpose') === 'documentation' && form.get('confirm') !== 'on')
          return answer(null, 'confirmErase', 400);
        const outcome = await person.withdrawOnLink(token, id);
        return answer(outcome === 'erased' ? 'erased' : 'withdraw');
      }
      case 'referral-consent': {
        const id = Number(form.get('referral'));
        if (!Number.isSafeInteger(id) || id <= 0) return answer(null, 'bad_request', 400);
        await consentToReferral(token, id, await i18nServer.getLocale(request));
        return answer('referralConsent');
      }
      case 'feedback': {
        const parsed = feedbackSchema.safeParse(Object.fromEntries(form));
        if (!parsed.success) return answer(null, 'bad_request', 400);
        await person.giveFeedback(token, parsed.data);
        return answer('feedback');
      }
      case 'keep': {
        const user = context.auth?.user;
        if (user?.role !== 'citizen') return answer(null, 'signIn', 400);
        await person.keepInAccount(token, user.id);
        return answer('keep');
      }
      default:
        return answer(null, 'bad_request', 400);
    }
  } catch (error) {
    if (error instanceof CaseError) return answer(null, error.reason, error.status);
    if (error instanceof ReferralError) return answer(null, error.reason, error.status);
    linkRefused(error);
  }
}

export default function PersonCase() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation('cases');
  const lng = i18n.language;
  if (result?.done === 'erased')
    return (
      <div className="ww-narrow kern-stack">
        <h1 className="kern-heading-large">{t('person.erasedTitle')}</h1>
        <Notice title={t('person.erasedNow')}>
          <p className="kern-body">{t('person.erasedText')}</p>
        </Notice>
      </div>
    );
  const f = d.file;
  const closed = f.closedAt !== null;
  const errorText = result?.error
    ? t(`person.errors.${result.error}`, { defaultValue: t('person.errors.other') })
    : null;
  return (
    <div className="kern-stack ww-case-page">
      <h1 className="kern-heading-large">{t('person.title')}</h1>
      <p className="kern-body">{t('person.intro', { name: f.person.name })}</p>
      {result?.done ? <Alert tone="success">{t(`person.done.${result.done}`)}</Alert> : null}
      {errorText ? <Alert tone="danger">{errorText}</Alert> : null}
      {closed ? (
        <Alert tone="info">
          {t('person.closed', {
            date: formatDate(f.closedAt, lng, 'long'),
            reason: t(`closeReason.${f.closeReason}`),
          })}
        </Alert>
      ) : null}

      {d.waiting ? (
        <section aria-labelledby="waiting-heading" className="kern-stack-sm ww-case-item">
          <h2 id="waiting-heading" className="kern-heading-medium">
            {t('person.waitingHeading')}
          </h2>
          <p className="kern-body">{t('person.waitingIntro')}</p>
          {d.changes && d.active ? (
            <div className="kern-stack-sm">
              <h3 className="kern-heading-small">{t('changes.heading', { from: d.active.version })}</h3>
              <ChangeList
                changes={d.changes}
                before={d.active}
                after={d.waiting}
                textLanguage={d.waiting.textLanguage}
              />
            </div>
          ) : null}
          <PlanView plan={d.waiting} level={3} idPrefix="waiting" />
          <Form method="post" className="kern-stack-sm">
            <input type="hidden" name="intent" value="agree" />
            <input type="hidden" name="version" value={d.waiting.version} />
            <p className="kern-body">{t('person.agreeHint')}</p>
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t('person.agree')}</span>
            </button>
          </Form>
        </section>
      ) : null}
      {d.agreed ? (
        <p className="kern-body">
          {t('person.agreedWaiting', { date: formatDateTime(d.agreed.agreedAt ?? '', lng) })}
        </p>
      ) : null}

      <section aria-labelledby="plan-heading" className="kern-stack-sm">
        <h2 id="plan-heading" className="kern-heading-medium">
          {t('person.planHeading')}
        </h2>
        {d.active ? (
          <PlanView
            plan={d.active}
            level={3}
            idPrefix="plan"
            progress={f.progress}
            tickFor={(c, done) =>
              c.party === 'person' && !closed ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="tick" />
                  <input type="hidden" name="key" value={c.key} />
                  <input type="hidden" name="done" value={done ? '0' : '1'} />
                  <button type="submit" className="kern-btn kern-btn--secondary">
                    <span className="kern-label">{t(done ? 'person.untick' : 'person.tick')}</span>
                  </button>
                </Form>
              ) : null
            }
          />
        ) : (
          <p className="kern-body">{t('person.noPlan')}</p>
        )}
      </section>

      {closed ? null : (
        <section aria-labelledby="comment-heading" className="kern-stack-sm ww-noprint">
          <h2 id="comment-heading" className="kern-heading-medium">
            {t('person.commentHeading')}
          </h2>
          <Form method="post" key={f.comments.length} className="kern-stack-sm">
            <input type="hidden" name="intent" value="comment" />
            <div
              className={`kern-form-input${result?.error === 'commentRequired' ? ' kern-form-input--error' : ''}`}
            >
              <label className="kern-label" htmlFor="person-comment">
                {t('person.comment')}
              </label>
              <div className="kern-hint" id="person-comment-hint">
                {t('person.commentHint')}
              </div>
              {result?.error === 'commentRequired' ? (
                <ErrorText id="person-comment-error">{t('person.errors.commentRequired')}</ErrorText>
              ) : null}
              <textarea
                className="kern-form-input__input"
                id="person-comment"
                name="body"
                rows={3}
                maxLength={2000}
                aria-describedby={`person-comment-hint${result?.error === 'commentRequired' ? ' person-comment-error' : ''}`}
              />
            </div>
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t('person.commentSubmit')}</span>
            </button>
          </Form>
          {f.comments.length ? (
            <ul className="ww-case-list">
              {f.comments.map((c) => (
                <li key={c.id} className="ww-case-item">
                  <p className="kern-body kern-body--small">
                    {formatDateTime(c.createdAt, lng)} – {t(`commentAuthor.${c.author}`)}
                  </p>
                  <div dir="auto" className="ww-case-text">
                    {c.body}
                  </div>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      )}

      {closed && !f.feedbackGiven ? (
        <section aria-labelledby="feedback-heading" className="kern-stack-sm ww-noprint">
          <h2 id="feedback-heading" className="kern-heading-medium">
            {t('person.feedbackHeading')}
          </h2>
          <p className="kern-body">{t('person.feedbackIntro')}</p>
          <Form method="post" className="kern-stack-sm">
            <input type="hidden" name="intent" value="feedback" />
            {FEEDBACK_QUESTIONS.map((q) => (
              <fieldset key={q} className="kern-fieldset">
                <legend className="kern-label">{t(`feedback.${q}`)}</legend>
                <div className="kern-fieldset__body ww-inline-list">
                  {[4, 3, 2, 1].map((n) => (
                    <ChoiceOption
                      key={n}
                      type="radio"
                      id={`fb-${q}-${n}`}
                      name={q}
                      value={String(n)}
                      label={t(`feedback.scale.${n}`)}
                    />
                  ))}
                </div>
              </fieldset>
            ))}
            <fieldset className="kern-fieldset">
              <legend className="kern-label">{t('feedback.recommend')}</legend>
              <div className="kern-fieldset__body ww-inline-list">
                <ChoiceOption
                  type="radio"
                  id="fb-recommend-yes"
                  name="recommend"
                  value="yes"
                  label={t('feedback.yes')}
                />
                <ChoiceOption
                  type="radio"
                  id="fb-recommend-no"
                  name="recommend"
                  value="no"
                  label={t('feedback.no')}
                />
              </div>
            </fieldset>
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t('feedback.submit')}</span>
            </button>
          </Form>
        </section>
      ) : null}

      <PersonReferrals referrals={d.referrals} consentText={d.consentText} closed={closed} />
      <PersonConferences days={d.conferenceDays} />

      <section aria-labelledby="consents-heading" className="kern-stack-sm">
        <h2 id="consents-heading" className="kern-heading-medium">
          {t('person.consentsHeading')}
        </h2>
        <p className="kern-body">{t('person.consentsIntro')}</p>
        <ConsentList
          consents={f.consents}
          action={(c) => (
            <Form method="post" className="kern-stack-sm ww-noprint">
              <input type="hidden" name="intent" value="withdraw" />
              <input type="hidden" name="consent" value={c.id} />
              <input type="hidden" name="purpose" value={c.purpose} />
              {c.purpose === 'documentation' ? (
                <div className="kern-form-check">
                  <input
                    className="kern-form-check__input"
                    type="checkbox"
                    id={`confirm-${c.id}`}
                    name="confirm"
                  />
                  <label className="kern-label" htmlFor={`confirm-${c.id}`}>
                    {t('person.confirmErase')}
                  </label>
                </div>
              ) : null}
              <button type="submit" className="kern-btn kern-btn--secondary">
                <span className="kern-label">
                  {t(c.purpose === 'documentation' ? 'person.withdrawDocumentation' : 'person.withdraw')}
                </span>
              </button>
            </Form>
          )}
        />
        {d.texts.map((text) => (
          <details key={text.version} className="ww-case-item">
            <summary className="kern-link">{t('person.readText', { title: text.title })}</summary>
            <ConsentText text={text} level={3} />
          </details>
        ))}
      </section>

      {f.handovers.length ? (
        <section aria-labelledby="handover-heading" className="kern-stack-sm">
          <h2 id="handover-heading" className="kern-heading-medium">
            {t('person.handoversHeading')}
          </h2>
          <ul className="kern-list">
            {f.handovers.map((h) => (
              <li key={h.at}>{t('person.handoverLine', { date: formatDate(h.at, lng, 'long') })}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="reads-heading" className="kern-stack-sm">
        <h2 id="reads-heading" className="kern-heading-medium">
          {t('person.readsHeading')}
        </h2>
        <p className="kern-body">{t('person.readsIntro')}</p>
        {d.reads.length === 0 ? (
          <p className="kern-body">{t('person.noReads')}</p>
        ) : (
          <table className="ww-case-table">
            <thead>
              <tr>
                <th scope="col">{t('person.readAt')}</th>
                <th scope="col">{t('person.readBy')}</th>
                <th scope="col">{t('person.readPart')}</th>
              </tr>
            </thead>
            <tbody>
              {d.reads.map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: reads have no id of their own; the list never reorders.
                <tr key={i}>
                  <td>{formatDateTime(r.at, lng)}</td>
                  <td>
                    {r.name ? <span lang="de">{r.name}, </span> : null}
                    {t(`role.${r.role}`)}
                    {/* Office names are German, whatever the page's language. */}
                    {r.office ? <span lang="de">, {r.office}</span> : null}
                  </td>
                  <td>{t(`part.${r.part}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="data-heading" className="kern-stack-sm ww-noprint">
        <h2 id="data-heading" className="kern-heading-medium">
          {t('person.dataHeading')}
        </h2>
        <p className="kern-body">{t('person.dataIntro')}</p>
        <p className="kern-body">
          <a className="kern-link" href={`/fall/${d.token}/daten.json`} download>
            {t('person.download')}
          </a>
        </p>
        {d.canKeep ? (
          <Form method="post">
            <input type="hidden" name="intent" value="keep" />
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t('person.keep')}</span>
            </button>
          </Form>
        ) : null}
      </section>
    </div>
  );
}

/** An erased file says so (410); an unknown link is the ordinary "not found". */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation('cases');
  if (isRouteErrorResponse(error) && error.status === 410)
    return (
      <div className="ww-narrow kern-stack">
        <h1 className="kern-heading-large">{t('person.erasedTitle')}</h1>
        <p className="kern-body">{t('person.erasedText')}</p>
      </div>
    );
  if (isRouteErrorResponse(error) && error.status === 404) return <ErrorPage kind="notFound" />;
  return <ErrorPage kind="generic" status={isRouteErrorResponse(error) ? error.status : 500} />;
}
