import { getFormProps } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { can } from '~/auth/permissions';
import { Alert, ErrorSummary, replyOf, SelectField, TextField, useAppForm } from '~/components/form';
import { LocalizedLink } from '~/components/localized-link';
import { pageTitle } from '~/i18next.server';
import { idParam, requireProviderActor } from '~/modules/providers/guard.server';
import { ReferralStateLine } from '~/modules/referrals/components/referral-state';
import { SharedData } from '~/modules/referrals/components/shared-data';
import { referralForm } from '~/modules/referrals/pages.server';
import { move, providerReferral } from '~/modules/referrals/referrals.server';
import { DROPOUT_REASONS, REJECT_REASONS } from '~/modules/referrals/rules';
import { moveSchema } from '~/modules/referrals/schemas';
import { AppError } from '~/utils/errors';
import { formatDate, formatDateTime } from '~/utils/format';
import { type PageFormResult, readForm } from '~/utils/forms.server';
import { throwAsResponse } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account', 'provider', 'referrals'] };

/**
 * One referral to this provider: the run, the purpose, the deadline and exactly the data
 * the person consented to pass on — nothing else. Another provider's referral is 404,
 * as an unknown one. After a withdrawal the page says "withdrawn", without name or contact.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor, user } = await requireProviderActor(request, context, 'read:provider:own');
  const id = idParam(params.id);
  const referral = await providerReferral({ ...actor, via: 'provider' }, id).catch(notFound);
  return {
    title: await pageTitle(request, 'referrals:detail.pageTitle'),
    referral,
    canAnswer: can(user, 'update:offer:own', { providerId: actor.providerId }),
  };
}

function notFound(error: unknown): never {
  if (error instanceof AppError) throwAsResponse(error);
  throw error;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor } = await requireProviderActor(request, context, 'update:offer:own');
  const id = idParam(params.id);
  const form = await readForm(request);
  const which = `move-${String(form.get('state') ?? '')}`;
  return referralForm(
    form,
    which,
    moveSchema,
    (v) => move({ ...actor, via: 'provider' }, id, v).catch(notFound),
    redirect(`/anbieterbereich/vermittlungen/${id}?hinweis=saved`),
  );
}

export default function ProviderReferralPage() {
  const d = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation('referrals');
  const lng = i18n.language;
  const r = d.referral;
  return (
    <div className="ww-narrow kern-stack">
      <p>
        <LocalizedLink className="kern-link" to="/anbieterbereich/vermittlungen">
          {t('detail.back')}
        </LocalizedLink>
      </p>
      <h1 className="kern-heading-large">{t('detail.title', { id: r.id })}</h1>
      {search.get('hinweis') === 'saved' ? <Alert tone="success">{t('detail.saved')}</Alert> : null}
      {r.state === 'withdrawn' ? <Alert tone="warning">{t('detail.withdrawn')}</Alert> : null}
      {r.overdue ? <Alert tone="warning">{t('detail.overdue')}</Alert> : null}
      <dl className="ww-facts">
        <dt>{t('field.offer')}</dt>
        <dd>
          {r.offerTitle ? <span lang="de">{r.offerTitle}</span> : t('field.general')}
          {r.runStartsOn
            ? ` – ${t('detail.runStarts', { date: formatDate(r.runStartsOn, lng, 'long') })}`
            : ''}
        </dd>
        <dt>{t('field.state')}</dt>
        <dd>
          <ReferralStateLine r={{ ...r, withdrawn: r.state === 'withdrawn' }} />
        </dd>
        <dt>{t('inbox.received')}</dt>
        <dd>{r.receivedAt ? formatDateTime(r.receivedAt, lng) : '–'}</dd>
        {r.purpose ? (
          <>
            <dt>{t('field.purpose')}</dt>
            <dd lang="de" dir="auto">
              {r.purpose}
            </dd>
          </>
        ) : null}
      </dl>
      {r.state === 'withdrawn' ? null : (
        <section aria-labelledby="shared-heading" className="kern-stack-sm">
          <h2 id="shared-heading" className="kern-heading-medium">
            {t('detail.sharedHeading')}
          </h2>
          <p className="kern-body">{t('detail.sharedIntro')}</p>
          <SharedData categories={r.categories} shared={r.shared} />
        </section>
      )}
      {d.canAnswer && r.nextStates.length ? (
        <section aria-labelledby="answer-heading" className="kern-stack">
          <h2 id="answer-heading" className="kern-heading-medium">
            {t('detail.answerHeading')}
          </h2>
          {r.nextStates.map((s) => (
            <MoveForm key={s} state={s} />
          ))}
        </section>
      ) : null}
    </div>
  );
}

/** One next state as its own small form: accepting asks for the start date, rejecting and dropping out for a coded reason. */
function MoveForm({ state }: { state: string }) {
  const result = useActionData<PageFormResult>();
  const { t } = useTranslation('referrals');
  const [form, f] = useAppForm(moveSchema, `move-${state}`, replyOf(result, `move-${state}`), { state });
  const reasons = state === 'rejected' ? REJECT_REASONS : state === 'dropped_out' ? DROPOUT_REASONS : null;
  return (
    <Form method="post" {...getFormProps(form)} className="kern-stack-sm ww-case-item">
      <ErrorSummary form={form} fields={[f.reason, f.startOn]} />
      <input type="hidden" name="state" value={state} />
      {state === 'accepted' ? <TextField field={f.startOn} label={t('detail.startOn')} type="date" /> : null}
      {reasons ? (
        <SelectField
          field={f.reason}
          label={t('detail.reason')}
          placeholder={t('detail.chooseReason')}
          options={reasons.map((x) => ({ value: x, label: t(`reason.${x}`) }))}
        />
      ) : null}
      <button
        type="submit"
        className={`kern-btn ${state === 'rejected' || state === 'dropped_out' ? 'kern-btn--secondary' : 'kern-btn--primary'}`}
      >
        <span className="kern-label">{t(`move.${state}`)}</span>
      </button>
    </Form>
  );
}
