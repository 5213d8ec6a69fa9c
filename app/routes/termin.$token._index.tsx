import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { pageTitle } from '~/i18next.server';
import {
  appointmentByToken,
  cancelByToken,
  confirmByToken,
  type ManageState,
  manageState,
} from '~/modules/booking/booking.server';
import { MANAGE_HEADERS, manageHeaders, manageMeta } from '~/modules/booking/manage-page';
import { toOffsetIso } from '~/modules/booking/zoned';
import { formatAppointment, languageName } from '~/utils/format';
import { readForm } from '~/utils/forms.server';
import { baseUrlOf } from '~/utils/http.server';
import { getSql } from '../../db/client.server';

/**
 * The manage link (/termin/<token>): shows the appointment and its state — also for a
 * cancelled, expired or past one, never an error page — and lets the person confirm,
 * cancel or move it. Only the token's hash is stored; the page is never cached or indexed.
 */
export const meta = manageMeta;
export const headers = manageHeaders;

export const handle = { i18n: ['counselling'] };

async function load(token: string) {
  const row = await appointmentByToken(getSql(), token);
  if (!row) throw new Response('not found', { status: 404, headers: MANAGE_HEADERS });
  return row;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const row = await load(params.token!);
  return {
    title: await pageTitle(request, 'counselling:manage.title'),
    state: manageState(row),
    appointment: {
      topic: row.topic_name,
      channel: row.channel,
      office: row.office_name ? `${row.office_name}, ${row.office_address}` : null,
      start: toOffsetIso(row.starts),
      end: toOffsetIso(row.ends),
      language: row.language,
      name: row.name,
      email: row.email,
      phone: row.phone,
      cancelledBy: row.cancelled_by,
      reason: row.cancelled_by === 'counsellor' ? row.cancel_reason : null,
      erased: Boolean(row.erased_at),
    },
    token: params.token!,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token!;
  await load(token);
  const form = await readForm(request);
  const intent = form.get('intent');
  const baseUrl = baseUrlOf(request);
  let state: ManageState;
  if (intent === 'cancel') state = await cancelByToken(getSql(), token, baseUrl);
  else if (intent === 'confirm') {
    const confirmed = await confirmByToken(getSql(), token, String(form.get('code') ?? ''), baseUrl);
    if (confirmed === 'wrong_code')
      return data({ done: null, state: null, error: 'wrong_code' }, { status: 400 });
    state = confirmed;
  } else return data({ done: null, state: null, error: 'intent' }, { status: 400 });
  return { done: intent, state, error: null };
}

function Banner({ tone, text }: { tone: 'success' | 'info' | 'warning'; text: string }) {
  return (
    <div className={`kern-alert kern-alert--${tone}`} role={tone === 'warning' ? 'alert' : 'status'}>
      <div className="kern-alert__body">
        <p className="kern-body">{text}</p>
      </div>
    </div>
  );
}

export default function ManageAppointment() {
  const { state, appointment: a, token } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation('counselling');
  const lng = i18n.language;
  const topic = a.topic[lng] ?? a.topic.de;
  return (
    <div className="ww-narrow kern-stack">
      <h1 className="kern-heading-large">{t('manage.title')}</h1>
      {result?.done === 'cancel' && state === 'cancelled' ? (
        <Banner tone="success" text={t('manage.cancelledNow')} />
      ) : null}
      {result?.done === 'confirm' && state === 'booked' ? (
        <Banner tone="success" text={t('manage.confirmedNow')} />
      ) : null}
      {!result && search.get('neu') && state === 'booked' ? (
        <Banner tone="success" text={t('manage.bookedNow')} />
      ) : null}
      {!result && search.get('verschoben') && state === 'booked' ? (
        <Banner tone="success" text={t('manage.movedNow')} />
      ) : null}
      {state === 'pending' ? <Banner tone="warning" text={t('manage.pending')} /> : null}
      {state === 'cancelled' && !result ? (
        <Banner
          tone="info"
          text={
            a.cancelledBy === 'counsellor'
              ? t('manage.cancelledByCounsellor', { reason: a.reason ?? '' })
              : t('manage.cancelled')
          }
        />
      ) : null}
      {state === 'expired' ? <Banner tone="info" text={t('manage.expired')} /> : null}
      {state === 'past' ? <Banner tone="info" text={t('manage.past')} /> : null}

      <section aria-labelledby="details" className="kern-stack-sm">
        <h2 id="details" className="kern-heading-medium">
          {t('manage.details')}
        </h2>
        <dl className="ww-choices kern-body">
          <dt>{t('manage.state')}</dt>
          <dd>{t(`manage.states.${state}`)}</dd>
          <dt>{t('booking.topic')}</dt>
          <dd>{topic}</dd>
          <dt>{t('booking.when')}</dt>
          <dd>{formatAppointment(a.start, a.end, lng)}</dd>
          <dt>{t('booking.channel')}</dt>
          <dd>
            {t(`booking.channels.${a.channel}`)}
            {a.office ? `: ${a.office}` : ''}
          </dd>
          <dt>{t('booking.language')}</dt>
          <dd>{languageName(a.language, lng)}</dd>
          {a.erased ? null : (
            <>
              <dt>{t('booking.fields.name')}</dt>
              <dd>{a.name}</dd>
              {a.email ? (
                <>
                  <dt>{t('booking.fields.email')}</dt>
                  <dd>{a.email}</dd>
                </>
              ) : null}
              {a.phone ? (
                <>
                  <dt>{t('booking.fields.phone')}</dt>
                  <dd>{a.phone}</dd>
                </>
              ) : null}
            </>
          )}
        </dl>
      </section>

      {result?.error ? <Banner tone="warning" text={t('manage.wrongCode')} /> : null}
      {state === 'pending' && search.get('bestaetigen') ? (
        <Form method="post">
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="code" value={search.get('bestaetigen') ?? ''} />
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t('manage.confirm')}</span>
          </button>
        </Form>
      ) : null}

      {state === 'booked' || state === 'pending' ? (
        <section aria-labelledby="change" className="kern-stack-sm">
          <h2 id="change" className="kern-heading-medium">
            {t('manage.change')}
          </h2>
          <ul className="kern-list">
            {state === 'booked' ? (
              <>
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
              </>
            ) : null}
          </ul>
          <Form method="post" className="kern-stack-sm">
            <input type="hidden" name="intent" value="cancel" />
            <p className="kern-body">{t('manage.cancelHint')}</p>
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t('manage.cancel')}</span>
            </button>
          </Form>
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
