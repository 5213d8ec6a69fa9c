import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Alert } from '~/components/form';
import { i18nServer, pageTitle } from '~/i18next.server';
import { withdrawSharing } from '~/modules/assessment/assessment.server';
import { audit } from '~/modules/audit/audit.server';
import {
  appointmentByToken,
  appointmentFacts,
  BookingError,
  confirmByToken,
  manageState,
} from '~/modules/booking/booking.server';
import { AppointmentFacts, Fact } from '~/modules/booking/components/appointment-facts';
import { Ltr } from '~/modules/booking/components/booking-steps';
import { FailureAlert } from '~/modules/booking/components/staff';
import { channelSentence } from '~/modules/booking/notify.server';
import { answerProposal, openProposal } from '~/modules/booking/staff.server';
import { failureOf } from '~/utils/error-message';
import { formatAppointment } from '~/utils/format';
import { readForm } from '~/utils/forms.server';
import { MANAGE_HEADERS, manageHeaders } from '~/utils/headers';
import { baseUrlOf } from '~/utils/http.server';
import { manageMeta } from '~/utils/meta';
import { getSql } from '../../db/client.server';

/**
 * The manage link (/termin/<token>): shows the appointment and its state — also for a
 * cancelled, expired or past one, never an error page — and leads to confirming, moving
 * and cancelling it; moving and cancelling each ask once more on their own page. Only
 * the token's hash is stored; the page is never cached or indexed.
 */
export const meta = manageMeta;
export const headers = manageHeaders;

export const handle = { i18n: ['counselling', 'assessment'] };

async function load(token: string) {
  const row = await appointmentByToken(getSql(), token);
  if (!row) throw new Response('not found', { status: 404, headers: MANAGE_HEADERS });
  return row;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const row = await load(params.token!);
  const lng = await i18nServer.getLocale(request);
  return {
    title: await pageTitle(request, 'counselling:manage.title'),
    state: manageState(row),
    appointment: {
      ...appointmentFacts(row, { officeAddress: true }),
      how: row.erased_at ? undefined : await channelSentence(lng, row),
      cancelledBy: row.cancelled_by,
      reason: row.cancelled_by === 'counsellor' ? row.cancel_reason : null,
      erased: Boolean(row.erased_at),
    },
    assessmentShared: row.assessment_id !== null,
    // A new time the office proposed (their counsellor is away, the office closed that day).
    proposal: manageState(row) === 'booked' ? await openProposal(row.id) : null,
    token: params.token!,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token!;
  const row = await load(token);
  const form = await readForm(request);
  const intent = form.get('intent');
  if (intent === 'withdraw-assessment') {
    // Withdrawing the consent works in every state: the counsellor stops seeing it at once.
    await withdrawSharing(row.id);
    await audit(getSql(), {
      action: 'assessment.sharing_withdrawn',
      targetType: 'appointment',
      targetId: row.id,
    });
    return { done: intent, error: null };
  }
  if (intent === 'accept-proposal' || intent === 'decline-proposal') {
    try {
      const answer = await answerProposal(getSql(), row, intent === 'accept-proposal', {
        baseUrl: baseUrlOf(request),
        token,
      });
      throw redirect(
        `/termin/${token}${answer === 'accepted' ? '?verschoben=1' : answer === 'declined' ? '?abgelehnt=1' : '?vorschlag=weg'}`,
      );
    } catch (error) {
      if (error instanceof BookingError)
        return data({ done: null, error: null, failure: error.reason }, { status: 409 });
      throw error;
    }
  }
  if (intent === 'confirm') {
    const confirmed = await confirmByToken(
      getSql(),
      token,
      String(form.get('code') ?? ''),
      baseUrlOf(request),
    );
    if (confirmed === 'wrong_code') return data({ done: null, error: 'wrong_code' }, { status: 400 });
    // A fresh page without the code: reloading it can't send the form again.
    throw redirect(`/termin/${token}${confirmed === 'booked' ? '?bestaetigt=1' : ''}`);
  }
  return data({ done: null, error: 'intent' }, { status: 400 });
}

/**
 * A new time the office proposed: one press accepts it (the appointment moves there and
 * the calendar entry follows); declining keeps the old time, and the office gets in touch.
 */
function ProposalBox({
  token,
  proposal,
  current,
}: {
  token: string;
  proposal: { start: string; end: string };
  current: { start: string; end: string };
}) {
  const { t, i18n } = useTranslation('counselling');
  const lng = i18n.language;
  return (
    <section aria-labelledby="proposal-heading" className="kern-stack-sm ww-card">
      <h2 id="proposal-heading" className="kern-heading-medium">
        {t('proposal.heading')}
      </h2>
      <p className="kern-body">
        {t('proposal.text', {
          from: formatAppointment(current.start, current.end, lng),
          to: formatAppointment(proposal.start, proposal.end, lng),
        })}
      </p>
      <Form method="post" action={`/termin/${token}`}>
        <input type="hidden" name="intent" value="accept-proposal" />
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t('proposal.accept')}</span>
        </button>
      </Form>
      <p className="kern-body">{t('proposal.otherwise')}</p>
      <Form method="post" action={`/termin/${token}`}>
        <input type="hidden" name="intent" value="decline-proposal" />
        <button type="submit" className="kern-btn kern-btn--secondary">
          <span className="kern-label">{t('proposal.decline')}</span>
        </button>
      </Form>
    </section>
  );
}

export default function ManageAppointment() {
  const { state, appointment: a, token, assessmentShared, proposal } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation('counselling');
  const { t: ta } = useTranslation('assessment');
  // Reached through the e-mail's confirmation link: confirm here, don't send them back to the mail.
  const code = search.get('bestaetigen');
  const fresh = !result;
  return (
    <div className="ww-narrow kern-stack">
      <h1 className="kern-heading-large">{t('manage.title')}</h1>
      {fresh && search.get('neu') && state === 'booked' ? (
        <Alert tone="success">{t('manage.bookedNow')}</Alert>
      ) : null}
      {fresh && (search.get('bestaetigt') || code) && state === 'booked' ? (
        <Alert tone="success">{t('manage.confirmedNow')}</Alert>
      ) : null}
      {fresh && search.get('verschoben') && state === 'booked' ? (
        <Alert tone="success">{t('manage.movedNow')}</Alert>
      ) : null}
      {fresh && search.get('abgesagt') && state === 'cancelled' ? (
        <Alert tone="success">{t('manage.cancelledNow')}</Alert>
      ) : null}
      {state === 'pending' && code ? <Alert tone="warning">{t('manage.confirmNow')}</Alert> : null}
      {state === 'pending' && !code ? <Alert tone="warning">{t('manage.pending')}</Alert> : null}
      {result?.error === 'wrong_code' ? <Alert tone="warning">{t('manage.wrongCode')}</Alert> : null}
      <FailureAlert failure={failureOf(result)} />
      {fresh && search.get('abgelehnt') ? <Alert tone="info">{t('proposal.declined')}</Alert> : null}
      {fresh && search.get('vorschlag') ? <Alert tone="info">{t('proposal.gone')}</Alert> : null}
      {proposal ? (
        <ProposalBox token={token} proposal={proposal} current={{ start: a.start, end: a.end }} />
      ) : null}
      {state === 'pending' && code ? (
        <Form method="post" action={`/termin/${token}`}>
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="code" value={code} />
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t('manage.confirm')}</span>
          </button>
        </Form>
      ) : null}
      {state === 'cancelled' && !search.get('abgesagt') ? (
        <Alert tone="info">
          {a.cancelledBy === 'counsellor'
            ? t('manage.cancelledByCounsellor', { reason: a.reason ?? '' })
            : t('manage.cancelled')}
        </Alert>
      ) : null}
      {state === 'expired' ? <Alert tone="info">{t('manage.expired')}</Alert> : null}
      {state === 'past' ? <Alert tone="info">{t('manage.past')}</Alert> : null}

      <section aria-labelledby="details" className="kern-stack-sm">
        <h2 id="details" className="kern-heading-medium">
          {t('manage.details')}
        </h2>
        <AppointmentFacts state={t(`manage.states.${state}`)} {...a}>
          {a.erased ? null : (
            <>
              <dt>{t('booking.fields.name')}</dt>
              <dd>{a.name}</dd>
              <Fact label={t('booking.fields.email')}>{a.email ? <Ltr>{a.email}</Ltr> : null}</Fact>
              <Fact label={t('booking.fields.phone')}>{a.phone ? <Ltr>{a.phone}</Ltr> : null}</Fact>
            </>
          )}
        </AppointmentFacts>
      </section>

      {result?.done === 'withdraw-assessment' ? <Alert tone="success">{ta('manage.withdrawn')}</Alert> : null}
      {assessmentShared ? (
        <section aria-labelledby="assessment-heading" className="kern-stack-sm">
          <h2 id="assessment-heading" className="kern-heading-medium">
            {ta('manage.heading')}
          </h2>
          <p className="kern-body">{ta('manage.shared')}</p>
          <Form method="post" action={`/termin/${token}`}>
            <input type="hidden" name="intent" value="withdraw-assessment" />
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{ta('manage.withdraw')}</span>
            </button>
          </Form>
        </section>
      ) : null}

      {state === 'booked' || state === 'pending' ? (
        <section aria-labelledby="change" className="kern-stack-sm">
          <h2 id="change" className="kern-heading-medium">
            {t(state === 'booked' ? 'manage.change' : 'manage.changePending')}
          </h2>
          {state === 'booked' ? (
            <ul className="kern-list">
              <li>
                <a className="kern-link" href={`/termin/${token}/verschieben`}>
                  {t('manage.move')}
                </a>
              </li>
              <li>
                <a
                  className="kern-link"
                  href={`/api/v1/counselling/appointments/${token}.ics`}
                  download="termin.ics"
                >
                  {t('manage.calendar')}
                </a>
              </li>
            </ul>
          ) : null}
          <p className="kern-body">{t('manage.cancelHint')}</p>
          <p>
            <a className="kern-btn kern-btn--secondary" href={`/termin/${token}/absagen`}>
              <span className="kern-label">{t('manage.cancel')}</span>
            </a>
          </p>
        </section>
      ) : (
        <p className="kern-body">
          <a className="kern-link" href="/beratung/termin">
            {t('manage.bookAgain')}
          </a>
        </p>
      )}
    </div>
  );
}
