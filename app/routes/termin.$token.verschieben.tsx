import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Alert } from '~/components/form';
import { pageTitle } from '~/i18next.server';
import { appointmentByToken, BookingError, manageState, moveByToken } from '~/modules/booking/booking.server';
import { CallUs } from '~/modules/booking/components/booking-steps';
import { SlotWeek } from '~/modules/booking/components/slot-list';
import { moveOptions, moveTarget } from '~/modules/booking/public.server';
import { formatAppointment } from '~/utils/format';
import { readForm } from '~/utils/forms.server';
import { MANAGE_HEADERS, manageHeaders } from '~/utils/headers';
import { baseUrlOf } from '~/utils/http.server';
import { manageMeta } from '~/utils/meta';
import { getSql } from '../../db/client.server';

/**
 * Moving by the manage link: the same topic, channel, office and language, a week of free
 * slots at a time. Choosing a time only asks ("move from … to …?", a page of its own,
 * `?start=`); confirming moves the appointment in one transaction (the old time is freed
 * only if the new one was taken).
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
  const search = new URL(request.url).searchParams;
  const state = manageState(row);
  const wanted = search.get('start');
  const target = state === 'booked' && wanted ? await moveTarget(row, wanted) : null;
  const week = state === 'booked' && !target ? await moveOptions(row, search.get('ab')) : null;
  return data(
    {
      title: await pageTitle(request, target ? 'counselling:move.confirmTitle' : 'counselling:move.title'),
      state,
      token: params.token!,
      current: { start: row.starts.toISOString(), end: row.ends.toISOString() },
      target,
      // A time that was asked for but isn't free (any more).
      targetGone: Boolean(wanted && state === 'booked' && !target),
      week,
    },
    { headers: MANAGE_HEADERS },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token!;
  await load(token);
  const form = await readForm(request);
  const start = String(form.get('start') ?? '');
  if (form.get('intent') !== 'move' || Number.isNaN(Date.parse(start)))
    return data({ error: 'slot_taken' as string }, { status: 400 });
  try {
    await moveByToken(getSql(), token, new Date(start), baseUrlOf(request));
  } catch (error) {
    if (error instanceof BookingError) return data({ error: error.reason as string }, { status: 409 });
    throw error;
  }
  throw redirect(`/termin/${token}?verschoben=1`);
}

export default function MoveAppointment() {
  const { state, token, week, current, target, targetGone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation('counselling');
  const lng = i18n.language;
  const from = formatAppointment(current.start, current.end, lng);
  const here = `/termin/${token}/verschieben`;
  const chooseHref = (start: string) => `${here}?start=${encodeURIComponent(start)}`;
  return (
    <div className="ww-narrow kern-stack">
      {target ? (
        <>
          <h1 className="kern-heading-large">
            {t('move.question', { from, to: formatAppointment(target.start, target.end, lng) })}
          </h1>
          {result?.error ? (
            <Alert tone="danger">
              {t(`booking.errors.${result.error}`)}
              {result.error === 'overlapping_booking' ? (
                <>
                  {' '}
                  <CallUs />
                </>
              ) : null}
            </Alert>
          ) : null}
          <p className="kern-body">{t('move.explain')}</p>
          <Form method="post" action={here} className="ww-actions">
            <input type="hidden" name="intent" value="move" />
            <input type="hidden" name="start" value={target.start} />
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t('move.confirm')}</span>
            </button>
            <a className="kern-link" href={here}>
              {t('move.otherTime')}
            </a>
          </Form>
        </>
      ) : (
        <>
          <h1 className="kern-heading-large">{t('move.title')}</h1>
          {targetGone ? <Alert tone="warning">{t('booking.slotGone')}</Alert> : null}
          {week ? (
            <>
              <p className="kern-body">{t('move.current', { when: from })}</p>
              <p className="kern-body">{t('move.intro')}</p>
              {week.firstFree ? (
                <p className="kern-body">
                  <a className="kern-link" href={chooseHref(week.firstFree.start)}>
                    {t('booking.firstFree', {
                      when: formatAppointment(week.firstFree.start, week.firstFree.end, lng),
                    })}
                  </a>
                </p>
              ) : (
                <Alert tone="info">
                  {t('move.noSlotsAtAll')} <CallUs />
                </Alert>
              )}
              <SlotWeek
                week={week}
                weekHref={(monday) => `${here}?ab=${monday}`}
                hrefFor={(s) => chooseHref(s.start)}
                sayWhenEmpty={Boolean(week.firstFree)}
                firstFreeWeekHref={
                  week.firstFree ? `${here}?ab=${week.firstFree.start.slice(0, 10)}` : undefined
                }
              />
            </>
          ) : (
            <p className="kern-body">{t('move.notPossible', { state: t(`manage.states.${state}`) })}</p>
          )}
        </>
      )}
      <p className="kern-body">
        <a className="kern-link" href={`/termin/${token}`}>
          {t('move.back')}
        </a>
      </p>
    </div>
  );
}
