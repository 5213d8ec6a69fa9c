import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Alert, ErrorSummary, replyOf, TextareaField, useAppForm } from '~/components/form';
import { TeamNav } from '~/components/team-nav';
import { pageTitle } from '~/i18next.server';
import { HintList, ProfileView } from '~/modules/assessment/components/profile-view';
import { ReasonText } from '~/modules/assessment/components/reason-text';
import {
  appointmentFacts,
  BookingError,
  cancelByCounsellor,
  outcomeRecordable,
  recordOutcome,
} from '~/modules/booking/booking.server';
import { AppointmentFacts, Fact } from '~/modules/booking/components/appointment-facts';
import { AppointmentBadges, FailureAlert, HandOverForm } from '~/modules/booking/components/staff';
import { cancelReasonSchema, handOverSchema, outcomeSchema } from '~/modules/booking/schemas';
import { sharedAssessmentForCounsellor } from '~/modules/booking/shared-assessment.server';
import { handOverOwn } from '~/modules/booking/staff.server';
import { ownAppointmentPage, requireCounsellor } from '~/modules/booking/team.server';
import { AppointmentFollowUp } from '~/modules/cases/components/contact';
import { followUpFor } from '~/modules/cases/contacts.server';
import { idParam } from '~/modules/providers/guard.server';
import { failureOf } from '~/utils/error-message';
import { formatAppointment } from '~/utils/format';
import { invalidFormOf, type PageFormResult, readForm } from '~/utils/forms.server';
import { baseUrlOf, throwAsResponse } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';
import { getSql } from '../../db/client.server';

export const meta = titleMeta;
export const handle = { i18n: ['counselling', 'account', 'assessment', 'cases'] };

/**
 * One of the counsellor's own appointments (another counsellor's is not found): the
 * person's details, the self-assessment they share with the offers it recommends, and
 * what the counsellor can do — record the outcome, hand it to a colleague, move it on the
 * person's behalf, cancel it with a reason.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireCounsellor(request, context, 'read:agenda:own');
  const page = await ownAppointmentPage(actor, idParam(params.id)).catch(throwAsResponse);
  const { row, item, state } = page;
  // Only while the person's consent stands (it is checked again on every load, and audited).
  const assessment = row.assessment_id ? await sharedAssessmentForCounsellor(row.id, actor.user.id) : null;
  return {
    title: await pageTitle(request, 'counselling:team.appointmentTitle'),
    state,
    a: {
      id: row.id,
      status: row.status,
      ...appointmentFacts(row, { officeAddress: false }),
      message: row.message,
      cancelReason: row.cancel_reason,
      outcomeRecordable: outcomeRecordable(row),
    },
    marks: { notice: item.notice, conflict: item.conflict, proposal: item.proposal },
    colleagues: page.colleagues,
    assessment,
    followUp: await followUpFor(actor, row),
  };
}

type ActionResult = PageFormResult | { failure: string };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireCounsellor(request, context, 'update:agenda:own');
  const id = idParam(params.id);
  const form = await readForm(request);
  const intent = form.get('intent');
  const staff = { userId: actor.user.id, ip: actor.ip };
  try {
    if (intent === 'cancel') {
      const submission = parseWithZod(form, { schema: cancelReasonSchema });
      if (submission.status !== 'success') return invalidFormOf('cancel', submission.reply());
      await cancelByCounsellor(
        getSql(),
        actor.counsellor.id,
        id,
        submission.value.reason,
        baseUrlOf(request),
        staff,
      );
    } else if (intent === 'handover') {
      const submission = parseWithZod(form, { schema: handOverSchema });
      if (submission.status !== 'success') return invalidFormOf('handover', submission.reply());
      await handOverOwn(getSql(), actor.counsellor.id, id, submission.value.colleague, {
        baseUrl: baseUrlOf(request),
        actor: staff,
        reason: submission.value.reason,
      });
      // No longer theirs: back to the agenda, which says so.
      throw redirect('/team?uebergeben=1');
    } else {
      const submission = parseWithZod(form, { schema: outcomeSchema });
      if (submission.status !== 'success')
        return data<ActionResult>({ failure: 'not_bookable' }, { status: 400 });
      await recordOutcome(getSql(), actor.counsellor.id, id, submission.value.outcome, staff);
    }
  } catch (error) {
    if (error instanceof BookingError) return data<ActionResult>({ failure: error.reason }, { status: 409 });
    throwAsResponse(error);
  }
  throw redirect(`/team/termine/${id}`);
}

function SharedAssessment({
  assessment,
}: {
  assessment: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['assessment']>;
}) {
  const { t } = useTranslation('counselling');
  const { t: ta } = useTranslation('assessment');
  return (
    <section aria-labelledby="assessment-heading" className="kern-stack-sm">
      <h2 id="assessment-heading" className="kern-heading-medium">
        {ta('team.heading')}
      </h2>
      <p className="kern-body">{ta('team.intro')}</p>
      <ProfileView profile={assessment.profile} />
      {assessment.hints.length ? (
        <>
          <h3 className="kern-heading-small">{ta('team.hints')}</h3>
          <HintList hints={assessment.hints} headingLevel={4} />
        </>
      ) : null}
      <h3 className="kern-heading-small">{t('staff.recommended.heading')}</h3>
      <p className="kern-body">{t('staff.recommended.intro')}</p>
      {assessment.groups.length === 0 ? <p className="kern-body">{t('staff.recommended.none')}</p> : null}
      {assessment.groups.map((g) => (
        <section key={g.id} aria-labelledby={`recommended-${g.id}`} className="kern-stack-sm">
          <h4 id={`recommended-${g.id}`} className="kern-heading-small">
            {ta(`result.groups.${g.id}`)}
          </h4>
          <ul className="kern-list">
            {g.hits.map((hit) => (
              <li key={hit.id} data-recommendation={hit.id}>
                <a className="kern-link" href={`/angebote/${hit.id}`} lang="de">
                  {hit.title}
                </a>{' '}
                (<span lang="de">{hit.provider}</span>)
                <ul className="kern-list kern-body--small">
                  {hit.reasons.map((r) => (
                    <li key={r.key}>
                      <ReasonText reason={r} />
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

export default function CounsellorAppointment() {
  const d = useLoaderData<typeof loader>();
  const { a, state, marks } = d;
  const result = useActionData<ActionResult>();
  const { t, i18n } = useTranslation('counselling');
  const lng = i18n.language;
  const pageResult = result && 'which' in result ? result : undefined;
  const [form, fields] = useAppForm(cancelReasonSchema, 'cancel', replyOf(pageResult, 'cancel'));
  const open = state === 'booked' || state === 'pending';
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('team.appointmentTitle')}</h1>
      <TeamNav />
      <FailureAlert failure={failureOf(result)} />
      {marks.notice ? (
        <p className="kern-body">
          <AppointmentBadges facts={{ notice: marks.notice }} />
        </p>
      ) : null}
      {marks.conflict && open ? (
        <Alert tone="warning">
          {t(`staff.conflictExplain.${marks.conflict}`)}
          {marks.proposal
            ? ` ${t('staff.proposalWaiting', { when: formatAppointment(marks.proposal.start, marks.proposal.end, lng) })}`
            : ''}
        </Alert>
      ) : null}
      <AppointmentFacts state={t(`team.status.${a.status}`)} {...a}>
        <dt>{t('staff.fields.name')}</dt>
        <dd>{a.name ?? t('team.erased')}</dd>
        <Fact label={t('staff.fields.email')}>
          {a.email ? (
            <a className="kern-link" href={`mailto:${a.email}`}>
              {a.email}
            </a>
          ) : null}
        </Fact>
        <Fact label={t('staff.fields.phone')}>
          {a.phone ? (
            <a className="kern-link" href={`tel:${a.phone.replace(/[^+\d]/g, '')}`}>
              <bdi dir="ltr">{a.phone}</bdi>
            </a>
          ) : null}
        </Fact>
        <Fact label={t('staff.fields.message')} className="ww-pre">
          {a.message}
        </Fact>
        <Fact label={t('team.cancelReason')}>{a.cancelReason}</Fact>
      </AppointmentFacts>
      {d.assessment ? <SharedAssessment assessment={d.assessment} /> : null}
      {a.outcomeRecordable ? (
        <section aria-labelledby="outcome" className="kern-stack-sm">
          <h2 id="outcome" className="kern-heading-medium">
            {t('team.outcome')}
          </h2>
          <Form method="post" className="ww-inline-list">
            <button type="submit" name="outcome" value="held" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t('team.markHeld')}</span>
            </button>
            <button type="submit" name="outcome" value="no_show" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t('team.markNoShow')}</span>
            </button>
          </Form>
        </section>
      ) : null}
      <AppointmentFollowUp followUp={d.followUp} />
      {open ? (
        <section aria-labelledby="handover-heading" className="kern-stack-sm">
          <h2 id="handover-heading" className="kern-heading-medium">
            {t('staff.handover.heading')}
          </h2>
          <p className="kern-body">{t('staff.handover.intro')}</p>
          <HandOverForm
            which={{ name: 'intent', value: 'handover' }}
            result={pageResult}
            colleagues={d.colleagues}
            label={t('staff.cover.colleague')}
            submit={t('staff.handover.submit')}
          />
        </section>
      ) : null}
      {state === 'booked' ? (
        <section aria-labelledby="move-heading" className="kern-stack-sm">
          <h2 id="move-heading" className="kern-heading-medium">
            {t('staff.move.heading')}
          </h2>
          <p className="kern-body">{t('staff.move.intro')}</p>
          <p className="kern-body">
            <a className="kern-link" href={`/team/termine/${a.id}/verschieben`}>
              {t('staff.move.link')}
            </a>
          </p>
        </section>
      ) : null}
      {open ? (
        <section aria-labelledby="cancel-heading" className="kern-stack-sm">
          <h2 id="cancel-heading" className="kern-heading-medium">
            {t('team.cancelTitle')}
          </h2>
          <ErrorSummary form={form} fields={[fields.reason]} />
          <Form method="post" {...getFormProps(form)} className="kern-stack-sm">
            <input type="hidden" name="intent" value="cancel" />
            <TextareaField
              field={fields.reason}
              label={t('team.cancelReason')}
              hint={t('team.cancelHint')}
              rows={3}
              maxLength={1000}
            />
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t('team.cancelSubmit')}</span>
            </button>
          </Form>
        </section>
      ) : null}
      <p className="kern-body">
        <a className="kern-link" href="/team">
          {t('team.backToAgenda')}
        </a>
      </p>
    </div>
  );
}
