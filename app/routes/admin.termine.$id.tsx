import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/auth/guard.server';
import { AdminNav } from '~/components/admin-nav';
import { Alert, ErrorSummary, replyOf, TextField, useAppForm } from '~/components/form';
import { pageTitle } from '~/i18next.server';
import { BookingError } from '~/modules/booking/booking.server';
import { AppointmentFacts, Fact } from '~/modules/booking/components/appointment-facts';
import { FailureAlert, HandOverForm } from '~/modules/booking/components/staff';
import { appointmentDetails, appointmentForOffice, reassign } from '~/modules/booking/office.server';
import { detailsReasonSchema, handOverSchema } from '~/modules/booking/schemas';
import { idParam } from '~/modules/providers/guard.server';
import { failureOf } from '~/utils/error-message';
import { type FormReply, invalidFormOf, type PageFormResult, readForm } from '~/utils/forms.server';
import { baseUrlOf, throwAsResponse } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['counselling', 'account'] };

/**
 * One appointment for the coordinator: what it is and who has it, without the person;
 * handing it to another counsellor who is free then (the person and both counsellors are
 * told); and, separately, the person's name and contact for a stated reason — each such
 * read is one audit row, and nothing is shown without one.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read:appointment:any');
  const d = await appointmentForOffice(idParam(params.id)).catch(throwAsResponse);
  return { title: await pageTitle(request, 'counselling:office.appointment.title'), ...d };
}

type Details = {
  name: string | null;
  email: string | null;
  phone: string | null;
  message: string | null;
  erased: boolean;
};
type ActionResult = PageFormResult | { failure: string } | { which: 'details'; details: Details };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const id = idParam(params.id);
  const form = await readForm(request);
  const which = form.get('which');
  if (which === 'details') {
    const admin = await requirePermission(request, context, 'read:appointment:any');
    const submission = parseWithZod(form, { schema: detailsReasonSchema });
    if (submission.status !== 'success') return invalidFormOf('details', submission.reply());
    const details = await appointmentDetails(id, submission.value.reason, {
      userId: admin.id,
      ip: context.clientIp ?? null,
    }).catch(throwAsResponse);
    return data<ActionResult>({ which: 'details', details });
  }
  const admin = await requirePermission(request, context, 'update:appointment:any');
  if (which !== 'reassign') throw new Response('bad request', { status: 400 });
  const submission = parseWithZod(form, { schema: handOverSchema });
  if (submission.status !== 'success') return invalidFormOf('reassign', submission.reply());
  try {
    await reassign(id, submission.value.colleague, submission.value.reason, {
      userId: admin.id,
      ip: context.clientIp ?? null,
      baseUrl: baseUrlOf(request),
    });
  } catch (error) {
    if (error instanceof BookingError) return data<ActionResult>({ failure: error.reason }, { status: 409 });
    throwAsResponse(error);
  }
  throw redirect(`/admin/termine/${id}?uebergeben=1`);
}

export default function AdminAppointment() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const { t } = useTranslation('counselling');
  // The details read answers with the details; a form error or a failure otherwise.
  const details = result && 'details' in result ? result.details : null;
  const page = result && 'which' in result && !('details' in result) ? (result as PageFormResult) : undefined;
  const [detailsForm, rf] = useAppForm(
    detailsReasonSchema,
    'details',
    replyOf(page, 'details') as FormReply | undefined,
  );
  const [search] = useSearchParams();
  const handedOver = !result && search.has('uebergeben');
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('office.appointment.title')}</h1>
      <AdminNav />
      <FailureAlert failure={failureOf(result)} />
      {handedOver ? <Alert tone="success">{t('office.appointment.handedOver')}</Alert> : null}
      <AppointmentFacts state={t(`team.status.${d.status}`)} {...d.facts}>
        <dt>{t('office.appointments.counsellor')}</dt>
        <dd>{d.counsellor}</dd>
      </AppointmentFacts>

      {d.state === 'booked' || d.state === 'pending' ? (
        <section aria-labelledby="reassign-heading" className="kern-stack-sm">
          <h2 id="reassign-heading" className="kern-heading-medium">
            {t('office.appointment.reassignHeading')}
          </h2>
          <p className="kern-body">{t('office.appointment.reassignIntro')}</p>
          <HandOverForm
            which={{ name: 'which', value: 'reassign' }}
            result={page}
            colleagues={d.colleagues}
            label={t('office.appointment.to')}
            submit={t('office.appointment.reassignSubmit')}
            primary
          />
        </section>
      ) : null}

      <section aria-labelledby="details-heading" className="kern-stack-sm">
        <h2 id="details-heading" className="kern-heading-medium">
          {t('office.appointment.detailsHeading')}
        </h2>
        {details ? (
          details.erased ? (
            <p className="kern-body">{t('team.erased')}</p>
          ) : (
            <dl className="ww-choices kern-body">
              <dt>{t('staff.fields.name')}</dt>
              <dd>{details.name}</dd>
              <Fact label={t('staff.fields.email')}>
                {details.email ? <bdi dir="ltr">{details.email}</bdi> : null}
              </Fact>
              <Fact label={t('staff.fields.phone')}>
                {details.phone ? <bdi dir="ltr">{details.phone}</bdi> : null}
              </Fact>
              <Fact label={t('staff.fields.message')} className="ww-pre">
                {details.message}
              </Fact>
            </dl>
          )
        ) : (
          <>
            <p className="kern-body">{t('office.appointment.detailsIntro')}</p>
            <ErrorSummary form={detailsForm} fields={[rf.reason]} />
            <Form method="post" {...getFormProps(detailsForm)} className="kern-stack-sm">
              <input type="hidden" name="which" value="details" />
              <TextField
                field={rf.reason}
                label={t('office.appointment.reason')}
                hint={t('office.appointment.reasonHint')}
                maxLength={200}
              />
              <button type="submit" className="kern-btn kern-btn--secondary">
                <span className="kern-label">{t('office.appointment.showDetails')}</span>
              </button>
            </Form>
          </>
        )}
      </section>
      <p className="kern-body">
        <a className="kern-link" href="/admin/termine">
          {t('office.appointment.back')}
        </a>
      </p>
    </div>
  );
}
