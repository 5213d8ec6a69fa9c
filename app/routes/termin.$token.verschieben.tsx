import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Alert } from '~/components/form';
import { pageTitle } from '~/i18next.server';
import { appointmentByToken, BookingError, manageState, moveByToken } from '~/modules/booking/booking.server';
import { SlotWeek } from '~/modules/booking/components/slot-list';
import { moveOptions } from '~/modules/booking/public.server';
import { formatAppointment } from '~/utils/format';
import { readForm } from '~/utils/forms.server';
import { MANAGE_HEADERS, manageHeaders } from '~/utils/headers';
import { baseUrlOf } from '~/utils/http.server';
import { manageMeta } from '~/utils/meta';
import { getSql } from '../../db/client.server';

/**
 * Moving by the manage link: the same topic, channel, office and language, a week of free
 * slots at a time; picking one moves the appointment in one transaction (the old time is
 * freed only if the new one was taken).
 */
export const meta = manageMeta;
export const headers = manageHeaders;

export const handle = { i18n: ['counselling'] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const row = await appointmentByToken(getSql(), params.token!);
  if (!row) throw new Response('not found', { status: 404, headers: MANAGE_HEADERS });
  const state = manageState(row);
  const week =
    state === 'booked' ? await moveOptions(row, new URL(request.url).searchParams.get('ab')) : null;
  return { title: await pageTitle(request, 'counselling:move.title'), state, token: params.token!, week };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token!;
  const form = await readForm(request);
  const start = String(form.get('start') ?? '');
  if (Number.isNaN(Date.parse(start))) return data({ error: 'slot_taken' as const }, { status: 400 });
  try {
    await moveByToken(getSql(), token, new Date(start), baseUrlOf(request));
  } catch (error) {
    if (error instanceof BookingError) return data({ error: error.reason }, { status: 409 });
    throw error;
  }
  throw redirect(`/termin/${token}?verschoben=1`);
}

export default function MoveAppointment() {
  const { state, token, week } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation('counselling');
  const lng = i18n.language;
  return (
    <div className="ww-narrow kern-stack">
      <h1 className="kern-heading-large">{t('move.title')}</h1>
      {result?.error ? <Alert tone="danger">{t(`booking.errors.${result.error}`)}</Alert> : null}
      {week ? (
        <>
          <p className="kern-body">
            {t('move.current', { when: formatAppointment(week.current.start, week.current.end, lng) })}
          </p>
          <p className="kern-body">{t('move.intro')}</p>
          <SlotWeek
            week={week}
            weekHref={(monday) => `/termin/${token}/verschieben?ab=${monday}`}
            submitName="start"
          />
        </>
      ) : (
        <p className="kern-body">{t('move.notPossible', { state: t(`manage.states.${state}`) })}</p>
      )}
      <p className="kern-body">
        <a className="kern-link" href={`/termin/${token}`}>
          {t('move.back')}
        </a>
      </p>
    </div>
  );
}
