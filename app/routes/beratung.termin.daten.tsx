import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AltchaField } from '~/components/altcha-field';
import {
  Alert,
  CheckboxField,
  ChoiceOption,
  ErrorSummary,
  TextareaField,
  TextField,
  useAppForm,
} from '~/components/form';
import { useRetryAfterMessage } from '~/components/retry-after';
import { i18nServer, pageTitle } from '~/i18next.server';
import { sharableAssessmentId } from '~/modules/assessment/assessment.server';
import { bookingChallenge } from '~/modules/booking/abuse.server';
import { SlotList } from '~/modules/booking/components/slot-list';
import { checkSlot, submitBooking } from '~/modules/booking/public.server';
import { bookingFormSchema } from '~/modules/booking/schemas';
import { slotHref, wizardQuery } from '~/modules/booking/wizard';
import { formatAppointment, languageName } from '~/utils/format';
import { type FormReply, invalidForm, readForm, requestMeta, throttledForm } from '~/utils/forms.server';
import { passHeaders } from '~/utils/headers';
import { titleMeta } from '~/utils/meta';
import { getSql } from '../../db/client.server';

export const meta = titleMeta;
export const headers = passHeaders;
export const handle = { i18n: ['counselling', 'account', 'assessment'] };

function slotParams(url: URL) {
  const get = (k: string) => url.searchParams.get(k) ?? undefined;
  return {
    topic: get('thema'),
    channel: get('kanal'),
    office: get('stelle'),
    language: get('sprache'),
    start: get('start'),
    ergebnis: get('ergebnis'),
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const lng = await i18nServer.getLocale(request);
  const params = slotParams(new URL(request.url));
  const slot = await checkSlot(params, lng);
  // Only a finished self-assessment can be offered for sharing.
  const assessment =
    params.ergebnis && (await sharableAssessmentId(params.ergebnis)) ? params.ergebnis : null;
  return data(
    {
      title: await pageTitle(request, 'counselling:booking.detailsTitle'),
      lng,
      slot,
      assessment,
      challenge: slot.state === 'free' ? await bookingChallenge(getSql()) : null,
    },
    { status: slot.state === 'invalid' ? 400 : 200 },
  );
}

type ActionResult = FormReply & { alternatives?: { start: string; end: string }[] };

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: bookingFormSchema });
  if (submission.status !== 'success') return invalidForm(submission.reply());
  const v = submission.value;
  const meta = await requestMeta(request, context);
  const outcome = await submitBooking(
    {
      topic: v.topic,
      channel: v.channel,
      office: v.office,
      language: v.language,
      start: v.start,
      name: v.name,
      email: v.email,
      phone: v.phone,
      message: v.message,
      locale: meta.locale,
      honeypot: v.website,
      altcha: v.altcha,
      shareAssessment: v.shareAssessment && v.assessment ? v.assessment : undefined,
    },
    meta,
  );
  if (outcome.ok) throw redirect(`/termin/${outcome.token}?neu=1`);
  if (outcome.status === 429)
    return throttledForm(
      submission.reply({ formErrors: ['counselling:booking.errors.throttled'] }),
      outcome.retryAfter ?? 60,
    );
  if (outcome.reason === 'slot_taken') {
    // Taken in the meantime: say so and offer that day's remaining slots right here.
    const fresh = await checkSlot({ ...v, start: v.start.toISOString() }, meta.locale);
    return data<ActionResult>(
      {
        ...submission.reply({ formErrors: ['counselling:booking.errors.slot_taken'] }),
        alternatives: fresh.alternatives,
      },
      { status: 409 },
    );
  }
  const key = outcome.reason === 'email_required' ? 'email' : null;
  return invalidForm(
    key
      ? submission.reply({ fieldErrors: { email: ['counselling:booking.errors.email_required'] } })
      : submission.reply({
          formErrors: [`counselling:booking.errors.${outcome.reason}`],
        }),
    outcome.status,
  );
}

export default function BookingDetails() {
  const { slot, challenge, lng, assessment } = useLoaderData<typeof loader>();
  const { t: ta } = useTranslation('assessment');
  const result = useActionData<ActionResult>();
  const { t } = useTranslation('counselling');
  const [form, fields] = useAppForm(bookingFormSchema, 'booking', result);
  const retry = useRetryAfterMessage(result?.retryAfter);
  const chosen = {
    ergebnis: assessment ?? undefined,
    thema: slot.topic?.slug,
    kanal: slot.channel,
    stelle: slot.office?.slug,
    sprache: slot.language,
  };
  const back = `/beratung/termin${wizardQuery(chosen)}`;
  const hrefFor = (s: { start: string }) => slotHref('/beratung/termin/daten', chosen, s.start);

  if (slot.state !== 'free')
    return (
      <div className="ww-narrow kern-stack">
        <h1 className="kern-heading-large">{t('booking.detailsTitle')}</h1>
        <Alert tone="warning">{t(slot.state === 'taken' ? 'booking.slotGone' : 'booking.slotInvalid')}</Alert>
        {slot.alternatives?.length ? (
          <section aria-labelledby="alternatives" className="kern-stack-sm">
            <h2 id="alternatives" className="kern-heading-medium">
              {t('booking.alternatives')}
            </h2>
            <SlotList slots={slot.alternatives} hrefFor={hrefFor} />
          </section>
        ) : null}
        <p className="kern-body">
          <a className="kern-link" href={slot.topic ? back : '/beratung/termin'}>
            {t('booking.backToSlots')}
          </a>
        </p>
      </div>
    );

  return (
    <div className="ww-narrow kern-stack">
      <h1 className="kern-heading-large">{t('booking.detailsTitle')}</h1>
      <section aria-labelledby="slot-heading" className="kern-stack-sm">
        <h2 id="slot-heading" className="kern-heading-small">
          {t('booking.yourSlot')}
        </h2>
        <dl className="ww-choices kern-body">
          <dt>{t('booking.topic')}</dt>
          <dd>{slot.topic!.name}</dd>
          <dt>{t('booking.when')}</dt>
          <dd>{formatAppointment(slot.start!, slot.end!, lng)}</dd>
          <dt>{t('booking.channel')}</dt>
          <dd>
            {t(`booking.channels.${slot.channel}`)}
            {slot.office
              ? `: ${slot.office.name}, ${slot.office.street}, ${slot.office.postcode} ${slot.office.city}`
              : ''}
          </dd>
          <dt>{t('booking.language')}</dt>
          <dd>{languageName(slot.language!, lng)}</dd>
        </dl>
        <p className="kern-body">
          <a className="kern-link" href={back}>
            {t('booking.otherSlot')}
          </a>
        </p>
      </section>
      <ErrorSummary
        form={form}
        fields={[fields.name, fields.email, fields.phone, fields.message, fields.consent]}
        extra={retry}
      />
      {result?.alternatives?.length ? (
        <section aria-labelledby="alternatives" className="kern-stack-sm">
          <h2 id="alternatives" className="kern-heading-medium">
            {t('booking.alternatives')}
          </h2>
          <SlotList slots={result.alternatives} hrefFor={hrefFor} />
        </section>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="kern-stack">
        <input type="hidden" name="topic" value={slot.topic!.slug} />
        <input type="hidden" name="channel" value={slot.channel} />
        {slot.office ? <input type="hidden" name="office" value={slot.office.slug} /> : null}
        <input type="hidden" name="language" value={slot.language} />
        <input type="hidden" name="start" value={slot.start} />
        <TextField field={fields.name} label={t('booking.fields.name')} autoComplete="name" maxLength={200} />
        <TextField
          field={fields.email}
          label={t('booking.fields.email')}
          hint={t('booking.fields.emailHint')}
          type="email"
          autoComplete="email"
          maxLength={254}
        />
        <TextField
          field={fields.phone}
          label={t(slot.channel === 'phone' ? 'booking.fields.phoneForCall' : 'booking.fields.phone')}
          hint={t('booking.fields.phoneHint')}
          type="tel"
          autoComplete="tel"
          maxLength={40}
        />
        <TextareaField
          field={fields.message}
          label={t('booking.fields.message')}
          hint={t('booking.fields.messageHint')}
          rows={4}
          maxLength={1000}
        />
        <div className="ww-hp" aria-hidden="true">
          <label htmlFor="booking-website">{t('booking.fields.honeypot')}</label>
          <input id="booking-website" type="text" name="website" tabIndex={-1} autoComplete="off" />
        </div>
        <CheckboxField
          field={fields.consent}
          label={
            <>
              {t('booking.fields.consent')}{' '}
              <a className="kern-link" href="/datenschutz" target="_blank" rel="noreferrer">
                {t('booking.fields.privacyLink')}
              </a>
            </>
          }
        />
        {assessment ? (
          <fieldset className="kern-fieldset">
            <legend className="kern-label">{ta('share.legend')}</legend>
            <input type="hidden" name="assessment" value={assessment} />
            <ChoiceOption
              type="checkbox"
              id="booking-share"
              name="shareAssessment"
              value="on"
              label={ta('share.label')}
              hint={ta('share.hint')}
            />
          </fieldset>
        ) : null}
        <AltchaField challenge={challenge} />
        <noscript>
          <p className="kern-body">{t('booking.noscript')}</p>
        </noscript>
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t('booking.submit')}</span>
        </button>
      </Form>
    </div>
  );
}
