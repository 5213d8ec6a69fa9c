import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Notice } from '~/components/form';
import { LocalizedLink } from '~/components/localized-link';
import { i18nServer, pageTitle } from '~/i18next.server';
import { BackToProviderArea } from '~/modules/providers/components/back-link';
import { OfferForm } from '~/modules/providers/components/offer-form';
import { idParam, requireProviderActor } from '~/modules/providers/guard.server';
import {
  copyRun,
  duplicate,
  getOwnOffer,
  removeRun,
  setStatus,
  updateOffer,
} from '~/modules/providers/offers.server';
import { duplicateSchema, offerSchema } from '~/modules/providers/schemas';
import { AppError } from '~/utils/errors';
import { formatDate, formatDateTime, formatPrice } from '~/utils/format';
import { type FormReply, invalidForm, readForm } from '~/utils/forms.server';
import { throwAsResponse } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account', 'provider', 'catalogue'] };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor, user } = await requireProviderActor(request, context, 'update:offer:own');
  const { offer, today, moderation } = await getOwnOffer(actor, idParam(params.id)).catch(throwAsResponse);
  const url = new URL(request.url);
  return {
    title: await pageTitle(request, { text: offer.title }),
    offer,
    today,
    moderation,
    providerApproved: user.membership.providerStatus === 'approved',
    notice: url.searchParams.get('hinweis'),
    defaults: {
      title: offer.title,
      subtitle: offer.subtitle ?? '',
      summary: offer.summary,
      description: offer.description,
      category: offer.category,
      kind: offer.kind === 'measure' ? 'measure' : 'course',
      language: offer.language,
      cefrLevel: offer.cefr_level ?? '',
      certificate: offer.certificate ?? '',
      funding: offer.funding,
      accessibility: offer.accessibility ?? '',
      targetGroups: offer.target_groups.join(', '),
      keywords: offer.keywords.join(', '),
      website: offer.website ?? '',
      courseNumber: offer.course_number ?? '',
      entryRequirements:
        offer.entry_requirements === null
          ? []
          : offer.entry_requirements.length === 0
            ? ['none']
            : offer.entry_requirements,
      entryCefrLevel: offer.entry_cefr_level ?? '',
      entryNote: offer.entry_note ?? '',
      lateEntry: offer.late_entry ? 'on' : '',
      registrationUrl: offer.registration_url ?? '',
      registrationEmail: offer.registration_email ?? '',
      registrationPhone: offer.registration_phone ?? '',
      registrationNote: offer.registration_note ?? '',
      azavMeasureNumber: offer.azav_measure_number ?? '',
      ...Object.fromEntries(
        Object.entries(offer.translations).flatMap(([l, v]) => [
          [`title_${l}`, v.title ?? ''],
          [`summary_${l}`, v.summary ?? ''],
        ]),
      ),
    },
  };
}

type ActionResult = FormReply | { statusError: string } | { duplicateError: string };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor, user } = await requireProviderActor(request, context, 'update:offer:own');
  const offerId = idParam(params.id);
  const form = await readForm(request);
  const intent = form.get('intent');
  const here = `/anbieterbereich/angebote/${offerId}`;
  const runId = () => {
    const id = Number(form.get('runId'));
    if (!Number.isSafeInteger(id) || id <= 0) throw new Response('bad request', { status: 400 });
    return id;
  };
  try {
    switch (intent) {
      case 'save': {
        const submission = parseWithZod(form, { schema: offerSchema });
        if (submission.status !== 'success') return invalidForm(submission.reply());
        await updateOffer(actor, offerId, submission.value);
        return redirect(`${here}?hinweis=saved`);
      }
      case 'status': {
        const status = form.get('status');
        if (status !== 'draft' && status !== 'published' && status !== 'archived')
          throw new Response('bad request', { status: 400 });
        const outcome = await setStatus(
          actor,
          offerId,
          status,
          user.membership.providerStatus === 'approved',
        );
        return redirect(`${here}?hinweis=${outcome === 'review_requested' ? 'reviewRequested' : outcome}`);
      }
      case 'duplicate': {
        const parsed = duplicateSchema.safeParse({ shiftWeeks: form.get('shiftWeeks') });
        if (!parsed.success)
          return data<ActionResult>({ duplicateError: 'provider:errors.shiftInvalid' }, { status: 400 });
        const t = await i18nServer.getFixedT(request, 'provider');
        const id = await duplicate(actor, offerId, parsed.data.shiftWeeks, ` (${t('edit.copySuffix')})`);
        return redirect(`/anbieterbereich/angebote/${id}?hinweis=duplicated`);
      }
      case 'copy-run':
        await copyRun(actor, offerId, runId());
        return redirect(`${here}?hinweis=runCopied`);
      case 'remove-run':
        await removeRun(actor, offerId, runId());
        return redirect(`${here}?hinweis=runRemoved`);
      default:
        throw new Response('bad request', { status: 400 });
    }
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict')
      return data<ActionResult>({ statusError: `provider:errors.${error.message}` }, { status: 409 });
    throwAsResponse(error);
  }
}

const NOTICES = new Set([
  'saved',
  'draft',
  'published',
  'archived',
  'duplicated',
  'runCopied',
  'runRemoved',
  'runSaved',
]);

export default function EditOffer() {
  const { offer, today, defaults, notice, providerApproved, moderation } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const { t, i18n } = useTranslation('provider');
  const ta = useTranslation('account').t;
  const lng = i18n.language;
  const lastResult = result && 'status' in result ? result : undefined;
  const statusError = result && 'statusError' in result ? result.statusError : null;
  const duplicateError = result && 'duplicateError' in result ? result.duplicateError : null;
  return (
    <div className="kern-stack">
      <BackToProviderArea />
      <h1 className="kern-heading-large" lang="de" dir="auto">
        {offer.title}
      </h1>
      {notice && NOTICES.has(notice) ? <Notice title={t(`notices.${notice}`)} /> : null}
      {statusError ? (
        <div className="kern-alert kern-alert--danger" role="alert">
          <div className="kern-alert__header">
            <span className="kern-icon kern-icon--danger" aria-hidden="true" />
            <h2 className="kern-title">{ta(statusError)}</h2>
          </div>
        </div>
      ) : null}
      <section aria-labelledby="status-heading" className="kern-stack">
        <h2 className="kern-heading-medium" id="status-heading">
          {t('edit.statusHeading')}
        </h2>
        <p className="kern-body">
          {t(`status.${offer.status}`)} ·{' '}
          {t('edit.lastChange', { date: formatDateTime(offer.updated_at, lng) })}
        </p>
        {!providerApproved ? <p className="kern-body">{t('edit.notApproved')}</p> : null}
        {moderation.reviewRequested ? <p className="kern-body">{t('edit.inReview')}</p> : null}
        {moderation.note ? (
          <Notice tone="warning" title={t('edit.sentBack')}>
            <p className="kern-body" lang="de">
              {moderation.note}
            </p>
          </Notice>
        ) : null}
        <div className="ww-actions">
          <LocalizedLink
            className="kern-btn kern-btn--secondary"
            to={`/anbieterbereich/angebote/${offer.id}/vorschau`}
          >
            <span className="kern-label">{t('edit.preview')}</span>
          </LocalizedLink>
          {offer.status === 'published' ? (
            <LocalizedLink className="kern-btn kern-btn--tertiary" to={`/angebote/${offer.id}`}>
              <span className="kern-label">{t('edit.public')}</span>
            </LocalizedLink>
          ) : null}
          {(['published', 'draft', 'archived'] as const)
            .filter((s) => s !== offer.status)
            .map((s) => (
              <Form method="post" key={s}>
                <input type="hidden" name="intent" value="status" />
                <input type="hidden" name="status" value={s} />
                <button
                  type="submit"
                  className={`kern-btn ${s === 'published' ? 'kern-btn--primary' : 'kern-btn--secondary'}`}
                >
                  <span className="kern-label">{t(`edit.to.${s}`)}</span>
                </button>
              </Form>
            ))}
        </div>
      </section>

      <section aria-labelledby="runs-heading" className="kern-stack">
        <h2 className="kern-heading-medium" id="runs-heading">
          {t('edit.runsHeading')}
        </h2>
        {offer.runs.length === 0 ? <p className="kern-body">{t('edit.noRuns')}</p> : null}
        <ul className="ww-admin-list">
          {offer.runs.map((run) => (
            <li key={run.id} className="ww-admin-card">
              <h3 className="kern-heading-small">
                {run.starts_on ? formatDate(run.starts_on, lng, 'long') : t('edit.noDate')}
                {run.ends_on && run.ends_on !== run.starts_on
                  ? ` – ${formatDate(run.ends_on, lng, 'long')}`
                  : ''}
                {run.ends_on && run.ends_on < today ? ` (${t('edit.past')})` : ''}
              </h3>
              <p className="kern-body">
                {t(`formats.${run.format}`)}
                {run.starts_at ? ` · ${run.starts_at}${run.ends_at ? `–${run.ends_at}` : ''}` : ''}
                {run.venue ? ` · ${run.venue.name}` : ''} ·{' '}
                {t('edit.sessions', { count: run.sessions.length })}
                {' · '}
                {run.price_cents === null
                  ? t('edit.priceUnknown')
                  : run.price_cents === 0
                    ? t('edit.free')
                    : formatPrice(run.price_cents, lng)}
              </p>
              <div className="ww-actions">
                <LocalizedLink
                  className="kern-btn kern-btn--secondary"
                  to={`/anbieterbereich/angebote/${offer.id}/termine/${run.id}`}
                >
                  <span className="kern-label">
                    {t('edit.editRun', { date: run.starts_on ? formatDate(run.starts_on, lng) : '' })}
                  </span>
                </LocalizedLink>
                <Form method="post">
                  <input type="hidden" name="intent" value="copy-run" />
                  <input type="hidden" name="runId" value={run.id} />
                  <button type="submit" className="kern-btn kern-btn--tertiary">
                    <span className="kern-label">
                      {t('edit.copyRun', { date: run.starts_on ? formatDate(run.starts_on, lng) : '' })}
                    </span>
                  </button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="intent" value="remove-run" />
                  <input type="hidden" name="runId" value={run.id} />
                  <button type="submit" className="kern-btn kern-btn--tertiary">
                    <span className="kern-label">
                      {t('edit.removeRun', { date: run.starts_on ? formatDate(run.starts_on, lng) : '' })}
                    </span>
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ul>
        <p>
          <LocalizedLink
            className="kern-btn kern-btn--primary"
            to={`/anbieterbereich/angebote/${offer.id}/termine/neu`}
          >
            <span className="kern-label">{t('edit.addRun')}</span>
          </LocalizedLink>
        </p>
      </section>

      <section aria-labelledby="details-heading" className="ww-narrow kern-stack">
        <h2 className="kern-heading-medium" id="details-heading">
          {t('edit.detailsHeading')}
        </h2>
        <OfferForm lastResult={lastResult} defaultValue={defaults} submitLabel={t('edit.save')} />
      </section>

      <section aria-labelledby="duplicate-heading" className="ww-narrow kern-stack">
        <h2 className="kern-heading-medium" id="duplicate-heading">
          {t('edit.duplicateHeading')}
        </h2>
        <p className="kern-body">{t('edit.duplicateIntro')}</p>
        <Form method="post" className="kern-stack">
          <input type="hidden" name="intent" value="duplicate" />
          <div className={`kern-form-input${duplicateError ? ' kern-form-input--error' : ''}`}>
            <label className="kern-label" htmlFor="shift-weeks">
              {t('edit.shiftWeeks')}
            </label>
            {duplicateError ? (
              <p className="kern-error" id="shift-weeks-error">
                <span className="kern-icon kern-icon--danger" aria-hidden="true" />
                <span>{ta(duplicateError)}</span>
              </p>
            ) : null}
            <input
              className="kern-form-input__input"
              id="shift-weeks"
              name="shiftWeeks"
              type="number"
              min={0}
              max={104}
              defaultValue={26}
              inputMode="numeric"
              aria-describedby={duplicateError ? 'shift-weeks-error' : undefined}
              aria-invalid={duplicateError ? true : undefined}
            />
          </div>
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t('edit.duplicate')}</span>
          </button>
        </Form>
      </section>
    </div>
  );
}
