import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Alert, ErrorSummary, TextareaField, useAppForm } from '~/components/form';
import { TeamNav } from '~/components/team-nav';
import { pageTitle } from '~/i18next.server';
import { sharedForAppointment } from '~/modules/assessment/assessment.server';
import { HintList, ProfileView } from '~/modules/assessment/components/profile-view';
import {
  appointmentFacts,
  BookingError,
  cancelByCounsellor,
  manageState,
  outcomeRecordable,
  ownAppointment,
  recordOutcome,
} from '~/modules/booking/booking.server';
import { AppointmentFacts, Fact } from '~/modules/booking/components/appointment-facts';
import { cancelReasonSchema, outcomeSchema } from '~/modules/booking/schemas';
import { requireCounsellor } from '~/modules/booking/team.server';
import { AppointmentFollowUp } from '~/modules/cases/components/contact';
import { followUpFor } from '~/modules/cases/contacts.server';
import { idParam } from '~/modules/providers/guard.server';
import { invalidForm, readForm } from '~/utils/forms.server';
import { baseUrlOf, throwAsResponse } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';
import { getSql } from '../../db/client.server';

export const meta = titleMeta;
export const handle = { i18n: ['counselling', 'account', 'assessment', 'cases'] };

/** One of the counsellor's own appointments; another counsellor's is not found. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireCounsellor(request, context, 'read:agenda:own');
  const { counsellor, user } = actor;
  const row = await ownAppointment(getSql(), counsellor.id, idParam(params.id)).catch(throwAsResponse);
  // Only while the person's consent stands (it is checked again on every load).
  const assessment = row.assessment_id ? await sharedForAppointment(row.id, user.id) : null;
  return {
    title: await pageTitle(request, 'counselling:team.appointmentTitle'),
    state: manageState(row),
    a: {
      id: row.id,
      status: row.status,
      ...appointmentFacts(row, { officeAddress: false }),
      message: row.message,
      cancelReason: row.cancel_reason,
      outcomeRecordable: outcomeRecordable(row),
    },
    assessment,
    followUp: await followUpFor(actor, row),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { counsellor } = await requireCounsellor(request, context, 'update:agenda:own');
  const id = idParam(params.id);
  const form = await readForm(request);
  try {
    if (form.get('intent') === 'cancel') {
      const submission = parseWithZod(form, { schema: cancelReasonSchema });
      if (submission.status !== 'success') return invalidForm(submission.reply());
      await cancelByCounsellor(getSql(), counsellor.id, id, submission.value.reason, baseUrlOf(request));
    } else {
      const submission = parseWithZod(form, { schema: outcomeSchema });
      if (submission.status !== 'success') return data({ error: 'not_bookable' }, { status: 400 });
      await recordOutcome(getSql(), counsellor.id, id, submission.value.outcome);
    }
  } catch (error) {
    if (error instanceof BookingError) return data({ error: error.reason }, { status: 409 });
    throwAsResponse(error);
  }
  throw redirect(`/team/termine/${id}`);
}

export default function CounsellorAppointment() {
  const d = useLoaderData<typeof loader>();
  const { a, state } = d;
  const result = useActionData<typeof action>();
  const { t } = useTranslation('counselling');
  const { t: ta } = useTranslation('assessment');
  const reply = result && 'status' in result ? result : undefined;
  const [form, fields] = useAppForm(cancelReasonSchema, 'cancel', reply);
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('team.appointmentTitle')}</h1>
      <TeamNav />
      {result && 'error' in result ? (
        <Alert tone="danger">{t(`booking.errors.${result.error}`)}</Alert>
      ) : null}
      <AppointmentFacts state={t(`team.status.${a.status}`)} {...a}>
        <dt>{t('booking.fields.name')}</dt>
        <dd>{a.name ?? t('team.erased')}</dd>
        <Fact label={t('booking.fields.email')}>
          {a.email ? (
            <a className="kern-link" href={`mailto:${a.email}`}>
              {a.email}
            </a>
          ) : null}
        </Fact>
        <Fact label={t('booking.fields.phone')}>
          {a.phone ? (
            <a className="kern-link" href={`tel:${a.phone.replace(/[^+\d]/g, '')}`}>
              <bdi dir="ltr">{a.phone}</bdi>
            </a>
          ) : null}
        </Fact>
        <Fact label={t('team.message')} className="ww-pre">
          {a.message}
        </Fact>
        <Fact label={t('team.cancelReason')}>{a.cancelReason}</Fact>
      </AppointmentFacts>
      {d.assessment ? (
        <section aria-labelledby="assessment-heading" className="kern-stack-sm">
          <h2 id="assessment-heading" className="kern-heading-medium">
            {ta('team.heading')}
          </h2>
          <p className="kern-body">{ta('team.intro')}</p>
          <ProfileView profile={d.assessment.profile} />
          {d.assessment.hints.length ? (
            <>
              <h3 className="kern-heading-small">{ta('team.hints')}</h3>
              <HintList hints={d.assessment.hints} headingLevel={4} />
            </>
          ) : null}
        </section>
      ) : null}
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
      {state === 'booked' || state === 'pending' ? (
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
