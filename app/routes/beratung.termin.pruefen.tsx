import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Alert } from '~/components/form';
import { useRetryAfterMessage } from '~/components/retry-after';
import { i18nServer, pageTitle } from '~/i18next.server';
import { BookingSteps, CallUs, Ltr } from '~/modules/booking/components/booking-steps';
import { SlotList } from '~/modules/booking/components/slot-list';
import { channelSentence } from '~/modules/booking/notify.server';
import { bookDraft, checkSlot, loadDraft } from '~/modules/booking/public.server';
import { slotHref, type WizardParams, wizardQuery } from '~/modules/booking/wizard';
import { formatAppointment, languageName } from '~/utils/format';
import { readForm, requestMeta } from '~/utils/forms.server';
import { MANAGE_HEADERS, manageHeaders } from '~/utils/headers';
import { manageMeta } from '~/utils/meta';

/**
 * Step 7 of the booking, GOV.UK's "check your answers": everything the person chose and
 * entered, each with a link back to change it, and "book" as the one binding button. The
 * answers wait in a draft behind the secret link (only its hash is stored), so this works
 * without JavaScript; the page is never cached or indexed.
 */
export const meta = manageMeta;
export const headers = manageHeaders;
export const handle = { i18n: ['counselling', 'account', 'assessment'] };

export async function loader({ request }: LoaderFunctionArgs) {
  const lng = await i18nServer.getLocale(request);
  const token = new URL(request.url).searchParams.get('entwurf') ?? '';
  const draft = await loadDraft(token);
  if (!draft) {
    return data(
      { title: await pageTitle(request, 'counselling:booking.titles.draftGone'), lng, token, check: null },
      { status: 404, headers: MANAGE_HEADERS },
    );
  }
  const d = draft.data;
  const slot = await checkSlot(d, lng);
  const how = await channelSentence(lng, {
    channel: d.channel,
    phone: d.phone ?? null,
    email: d.email ?? null,
    office_name: slot.office?.name ?? null,
    office_address: slot.office ? `${slot.office.street}, ${slot.office.postcode} ${slot.office.city}` : null,
  });
  return data(
    {
      title: await pageTitle(request, 'counselling:booking.titles.check'),
      lng,
      token,
      check: {
        ...d,
        topicName: slot.topic?.name ?? d.topic,
        office: slot.office ?? null,
        end: slot.end ?? null,
        free: slot.state === 'free',
        alternatives: slot.alternatives ?? [],
        how,
        // Without the proof-of-work, a booking with an address waits for the mailed link.
        confirmByMail: draft.proof === 'none' && Boolean(d.email),
      },
    },
    { headers: MANAGE_HEADERS },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const token = new URL(request.url).searchParams.get('entwurf') ?? '';
  const form = await readForm(request);
  if (form.get('intent') !== 'book') return data({ error: 'intent', retryAfter: undefined }, { status: 400 });
  const meta = await requestMeta(request, context);
  const outcome = await bookDraft(token, meta);
  if (outcome.ok) throw redirect(`/termin/${outcome.token}?neu=1`);
  return data(
    { error: outcome.reason, retryAfter: outcome.retryAfter },
    {
      status: outcome.status,
      headers: outcome.retryAfter
        ? { ...MANAGE_HEADERS, 'Retry-After': String(outcome.retryAfter) }
        : MANAGE_HEADERS,
    },
  );
}

/** One row of the answers: what, the answer, and the link back to change it. */
function Row({
  label,
  children,
  href,
  lang,
}: {
  label: string;
  children: React.ReactNode;
  href?: string;
  lang?: string;
}) {
  const { t } = useTranslation('counselling');
  return (
    <div className="ww-check__row">
      <dt>{label}</dt>
      <dd lang={lang}>{children}</dd>
      {href ? (
        <dd className="ww-check__change">
          <a className="kern-link" href={href}>
            {t('booking.change')}
            <span className="kern-sr-only">: {label}</span>
          </a>
        </dd>
      ) : null}
    </div>
  );
}

export default function CheckAnswers() {
  const { check: c, token, lng } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation('counselling');
  const { t: ta } = useTranslation('assessment');
  const retry = useRetryAfterMessage(result?.retryAfter);

  if (!c || result?.error === 'draft_gone')
    return (
      <div className="ww-narrow kern-stack">
        <h1 className="kern-heading-large">{t('booking.draftGoneTitle')}</h1>
        <p className="kern-body">{t('booking.draftGone')}</p>
        <p className="kern-body">
          <a className="kern-link" href="/beratung/termin">
            {t('booking.startAgain')}
          </a>
        </p>
      </div>
    );

  // The wizard's steps, each keeping what came before it and the draft, so coming back
  // leads through the rest with the answers already there.
  const kept: WizardParams = { angebot: c.offer ? String(c.offer.id) : undefined, entwurf: token };
  const step = (params: WizardParams) => `/beratung/termin${wizardQuery({ ...kept, ...params })}`;
  const topic = { thema: c.topic };
  const channel = { ...topic, kanal: c.channel };
  const office = { ...channel, stelle: c.office?.slug };
  const language = { ...office, sprache: c.language };
  const details = slotHref('/beratung/termin/daten', { ...kept, ...language }, c.start);
  const taken = !c.free || result?.error === 'slot_taken';
  const refused = result?.error === 'too_many_bookings' || result?.error === 'overlapping_booking';

  return (
    <div className="ww-narrow kern-stack">
      <BookingSteps step="check" officeSkipped={c.channel !== 'in_person'} />
      <h1 className="kern-heading-large">{t('booking.checkTitle')}</h1>
      {result?.error && !taken ? (
        <Alert tone="danger">
          {t(`booking.errors.${result.error}`)}
          {retry ? ` ${retry.join(' ')}` : null}
          {refused ? (
            <>
              {' '}
              <CallUs />
            </>
          ) : null}
        </Alert>
      ) : null}
      {taken ? (
        <section aria-labelledby="alternatives" className="kern-stack-sm">
          <Alert tone="warning">{t('booking.slotGone')}</Alert>
          {c.alternatives.length ? (
            <>
              <h2 id="alternatives" className="kern-heading-medium">
                {t('booking.alternatives')}
              </h2>
              <SlotList
                slots={c.alternatives}
                hrefFor={(s) => slotHref('/beratung/termin/daten', { ...kept, ...language }, s.start)}
              />
            </>
          ) : (
            <p className="kern-body">
              <a id="alternatives" className="kern-link" href={step(language)}>
                {t('booking.backToSlots')}
              </a>
            </p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="appointment-heading" className="kern-stack-sm">
        <h2 id="appointment-heading" className="kern-heading-medium">
          {t('booking.yourSlot')}
        </h2>
        <dl className="ww-check kern-body">
          {c.offer ? (
            <Row label={t('booking.offer')} lang="de">
              {c.offer.title}
            </Row>
          ) : null}
          <Row label={t('booking.topic')} href={step({})}>
            {c.topicName}
          </Row>
          <Row label={t('booking.channel')} href={step(topic)}>
            {t(`booking.channels.${c.channel}`)}
          </Row>
          {c.office ? (
            <Row label={t('booking.office')} href={step(channel)} lang="de">
              {c.office.name}, {c.office.street}, {c.office.postcode} {c.office.city}
            </Row>
          ) : null}
          <Row label={t('booking.language')} href={step(office)}>
            {languageName(c.language, lng)}
          </Row>
          <Row label={t('booking.when')} href={step(language)}>
            {c.end ? formatAppointment(c.start, c.end, lng) : formatAppointment(c.start, c.start, lng)}
          </Row>
        </dl>
      </section>

      <section aria-labelledby="person-heading" className="kern-stack-sm">
        <h2 id="person-heading" className="kern-heading-medium">
          {t('booking.yourDetails')}
        </h2>
        <dl className="ww-check kern-body">
          <Row label={t('booking.fields.name')} href={`${details}#booking-name`}>
            {c.name}
          </Row>
          <Row label={t('booking.fields.email')} href={`${details}#booking-email`}>
            {c.email ? <Ltr>{c.email}</Ltr> : t('booking.notGiven')}
          </Row>
          <Row label={t('booking.fields.phone')} href={`${details}#booking-phone`}>
            {c.phone ? <Ltr>{c.phone}</Ltr> : t('booking.notGiven')}
          </Row>
          <Row label={t('booking.message')} href={`${details}#booking-message`}>
            <span className="ww-pre">{c.message ?? t('booking.notGiven')}</span>
          </Row>
          {c.assessment ? (
            <Row label={ta('share.legend')} href={`${details}#booking-share`}>
              {c.assessment.share ? t('booking.shareYes') : t('booking.shareNo')}
            </Row>
          ) : null}
        </dl>
      </section>

      {taken ? null : (
        <section aria-labelledby="next-heading" className="kern-stack-sm">
          <h2 id="next-heading" className="kern-heading-medium">
            {t('booking.whatNext')}
          </h2>
          <p className="kern-body ww-how">{c.how}</p>
          <p className="kern-body">
            {c.confirmByMail
              ? t('booking.nextConfirmByMail', { minutes: 30 })
              : c.email
                ? t('booking.nextMail')
                : t('booking.nextNoMail')}
          </p>
          <Form
            method="post"
            action={`/beratung/termin/pruefen?entwurf=${encodeURIComponent(token)}`}
            className="kern-stack-sm"
          >
            <input type="hidden" name="intent" value="book" />
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t('booking.submit')}</span>
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}
