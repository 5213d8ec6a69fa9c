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
import { BookingSteps, CallUs } from '~/modules/booking/components/booking-steps';
import { SlotList } from '~/modules/booking/components/slot-list';
import { checkSlot, loadDraft, offerForBooking, saveDraft } from '~/modules/booking/public.server';
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
    angebot: get('angebot'),
    entwurf: get('entwurf'),
  };
}

/**
 * Step 6 of the booking: the person's details for the chosen slot. "Continue" checks
 * everything at once (one round of errors, the same rules with and without JavaScript)
 * and leads to the check page; nothing is booked here. Coming back from the check page
 * (`entwurf`), the form is filled in with what was entered.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const lng = await i18nServer.getLocale(request);
  const params = slotParams(new URL(request.url));
  const [slot, draft] = await Promise.all([checkSlot(params, lng), loadDraft(params.entwurf)]);
  // Only a finished self-assessment can be offered for sharing.
  const assessment =
    params.ergebnis && (await sharableAssessmentId(params.ergebnis)) ? params.ergebnis : null;
  const offer = params.angebot ? await offerForBooking(params.angebot) : (draft?.data.offer ?? null);
  const d = draft?.data;
  return data(
    {
      title: await pageTitle(
        request,
        slot.state === 'free' ? 'counselling:booking.titles.details' : 'counselling:booking.titles.slotGone',
      ),
      lng,
      slot,
      assessment,
      // The draft being changed keeps its self-assessment (by id, server-side) and its offer.
      draftToken: draft ? params.entwurf! : null,
      draftHasAssessment: Boolean(d?.assessment),
      offer: offer ? { id: offer.id, title: offer.title } : null,
      defaults: d
        ? {
            name: d.name,
            email: d.email,
            phone: d.phone,
            message: d.message,
            consent: 'on',
            shareAssessment: d.assessment?.share ? 'on' : undefined,
          }
        : undefined,
      challenge: slot.state === 'free' ? await bookingChallenge(getSql()) : null,
    },
    { status: slot.state === 'invalid' ? 400 : 200 },
  );
}

type ActionResult = FormReply & { alternatives?: { start: string; end: string }[]; refused?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: bookingFormSchema });
  if (submission.status !== 'success') return invalidForm(submission.reply());
  const v = submission.value;
  const meta = await requestMeta(request, context);
  const outcome = await saveDraft(
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
      assessmentToken: v.assessment,
      shareAssessment: Boolean(v.shareAssessment),
      offer: v.offer,
      previousDraft: v.draft,
    },
    meta,
  );
  if (outcome.ok) throw redirect(`/beratung/termin/pruefen?entwurf=${outcome.token}`);
  if (outcome.reason === 'throttled')
    return throttledForm(
      submission.reply({ formErrors: ['counselling:booking.errors.throttled'] }),
      outcome.retryAfter ?? 60,
    );
  if (outcome.reason === 'slot_taken') {
    // Taken in the meantime: say so and offer that day's remaining slots right here.
    return data<ActionResult>(
      {
        ...submission.reply({ formErrors: ['counselling:booking.errors.slot_taken'] }),
        alternatives: outcome.alternatives,
      },
      { status: 409 },
    );
  }
  if (outcome.reason === 'too_many_bookings' || outcome.reason === 'overlapping_booking') {
    // About the person's address (or number): shown at that field, with the phone number to call.
    const field = v.email ? 'email' : 'phone';
    return data<ActionResult>(
      {
        ...submission.reply({ fieldErrors: { [field]: [`counselling:booking.errors.${outcome.reason}`] } }),
        refused: outcome.reason,
      },
      { status: 409 },
    );
  }
  return invalidForm(
    submission.reply({ formErrors: [`counselling:booking.errors.${outcome.reason}`] }),
    outcome.status,
  );
}

export default function BookingDetails() {
  const { slot, challenge, lng, assessment, draftToken, draftHasAssessment, offer, defaults } =
    useLoaderData<typeof loader>();
  const { t: ta } = useTranslation('assessment');
  const result = useActionData<ActionResult>();
  const { t } = useTranslation('counselling');
  const [form, fields] = useAppForm(bookingFormSchema, 'booking', result, defaults);
  const retry = useRetryAfterMessage(result?.retryAfter);
  const chosen = {
    ergebnis: assessment ?? undefined,
    angebot: offer ? String(offer.id) : undefined,
    entwurf: draftToken ?? undefined,
    thema: slot.topic?.slug,
    kanal: slot.channel,
    stelle: slot.office?.slug,
    sprache: slot.language,
  };
  const back = `/beratung/termin${wizardQuery(chosen)}`;
  const hrefFor = (s: { start: string }) => slotHref('/beratung/termin/daten', chosen, s.start);
  const officeSkipped = Boolean(slot.channel && slot.channel !== 'in_person');

  if (slot.state !== 'free')
    return (
      <div className="ww-narrow kern-stack">
        <BookingSteps step="details" officeSkipped={officeSkipped} />
        <h1 className="kern-heading-large">{t('booking.slotGoneTitle')}</h1>
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

  const channel = slot.channel!;
  const canShare = Boolean(assessment || draftHasAssessment);
  return (
    <div className="ww-narrow kern-stack ww-booking">
      <BookingSteps step="details" officeSkipped={officeSkipped} />
      <h1 className="kern-heading-large">{t('booking.detailsTitle')}</h1>
      <section aria-labelledby="slot-heading" className="kern-stack-sm">
        <h2 id="slot-heading" className="kern-heading-small">
          {t('booking.yourSlot')}
        </h2>
        <dl className="ww-choices kern-body">
          {offer ? (
            <>
              <dt>{t('booking.offer')}</dt>
              <dd lang="de">{offer.title}</dd>
            </>
          ) : null}
          <dt>{t('booking.topic')}</dt>
          <dd>{slot.topic!.name}</dd>
          <dt>{t('booking.when')}</dt>
          <dd>{formatAppointment(slot.start!, slot.end!, lng)}</dd>
          <dt>{t('booking.channel')}</dt>
          <dd>
            {t(`booking.channels.${channel}`)}
            {slot.office ? (
              <>
                :{' '}
                <bdi lang="de">
                  {slot.office.name}, {slot.office.street}, {slot.office.postcode} {slot.office.city}
                </bdi>
              </>
            ) : null}
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
      {result?.refused ? (
        <Alert tone="info">
          <CallUs />
        </Alert>
      ) : null}
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
        <input type="hidden" name="channel" value={channel} />
        {slot.office ? <input type="hidden" name="office" value={slot.office.slug} /> : null}
        <input type="hidden" name="language" value={slot.language} />
        <input type="hidden" name="start" value={slot.start} />
        {offer ? <input type="hidden" name="offer" value={offer.id} /> : null}
        {draftToken ? <input type="hidden" name="draft" value={draftToken} /> : null}
        <p className="kern-body" id="contact-rule">
          {t(`booking.contactRule.${channel}`)}
        </p>
        <TextField field={fields.name} label={t('booking.fields.name')} autoComplete="name" maxLength={200} />
        <TextField
          field={fields.email}
          label={t(channel === 'phone' ? 'booking.fields.emailOptional' : 'booking.fields.email')}
          hint={t(`booking.fields.emailHint.${channel}`)}
          type="email"
          autoComplete="email"
          maxLength={254}
        />
        <TextField
          field={fields.phone}
          label={t(
            channel === 'phone'
              ? 'booking.fields.phoneForCall'
              : channel === 'video'
                ? 'booking.fields.phoneOptional'
                : 'booking.fields.phone',
          )}
          hint={t('booking.fields.phoneHint')}
          type="tel"
          autoComplete="tel"
          maxLength={40}
        />
        <TextareaField
          field={fields.message}
          label={t('booking.fields.message')}
          hint={offer ? t('booking.fields.messageHintOffer') : t('booking.fields.messageHint')}
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
        {canShare ? (
          <fieldset className="kern-fieldset">
            <legend className="kern-label">{ta('share.legend')}</legend>
            {assessment ? <input type="hidden" name="assessment" value={assessment} /> : null}
            <ChoiceOption
              type="checkbox"
              id="booking-share"
              name="shareAssessment"
              value="on"
              label={ta('share.label')}
              hint={ta('share.hint')}
              checked={defaults?.shareAssessment === 'on'}
            />
          </fieldset>
        ) : null}
        <AltchaField challenge={challenge} />
        <noscript>
          <p className="kern-body">{t('booking.noscript')}</p>
        </noscript>
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t('booking.toCheck')}</span>
        </button>
      </Form>
    </div>
  );
}
