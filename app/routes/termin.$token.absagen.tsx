import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { pageTitle } from '~/i18next.server';
import { appointmentByToken, cancelByToken, manageState } from '~/modules/booking/booking.server';
import { formatAppointment } from '~/utils/format';
import { readForm } from '~/utils/forms.server';
import { MANAGE_HEADERS, manageHeaders } from '~/utils/headers';
import { baseUrlOf } from '~/utils/http.server';
import { manageMeta } from '~/utils/meta';
import { getSql } from '../../db/client.server';

/**
 * Cancelling by the manage link asks once more, on a page of its own ("check your
 * answer"): one stray tap on the manage page cancels nothing. Without JavaScript too.
 */
export const meta = manageMeta;
export const headers = manageHeaders;
export const handle = { i18n: ['counselling'] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const row = await appointmentByToken(getSql(), params.token!);
  if (!row) throw new Response('not found', { status: 404, headers: MANAGE_HEADERS });
  const state = manageState(row);
  return {
    title: await pageTitle(request, 'counselling:cancel.title'),
    state,
    token: params.token!,
    start: row.starts.toISOString(),
    end: row.ends.toISOString(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token!;
  const row = await appointmentByToken(getSql(), token);
  if (!row) throw new Response('not found', { status: 404, headers: MANAGE_HEADERS });
  const form = await readForm(request);
  if (form.get('intent') !== 'cancel')
    throw new Response('bad request', { status: 400, headers: MANAGE_HEADERS });
  const state = await cancelByToken(getSql(), token, baseUrlOf(request));
  throw redirect(`/termin/${token}${state === 'cancelled' ? '?abgesagt=1' : ''}`);
}

export default function CancelAppointment() {
  const { state, token, start, end } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation('counselling');
  const when = formatAppointment(start, end, i18n.language);
  const open = state === 'booked' || state === 'pending';
  return (
    <div className="ww-narrow kern-stack">
      <h1 className="kern-heading-large">{open ? t('cancel.question', { when }) : t('cancel.title')}</h1>
      {open ? (
        <>
          <p className="kern-body">{t('cancel.explain')}</p>
          <Form method="post" action={`/termin/${token}/absagen`} className="ww-actions">
            <input type="hidden" name="intent" value="cancel" />
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t('cancel.confirm')}</span>
            </button>
            <a className="kern-link" href={`/termin/${token}`}>
              {t('cancel.keep')}
            </a>
          </Form>
        </>
      ) : (
        <>
          <p className="kern-body">{t('cancel.notPossible', { state: t(`manage.states.${state}`) })}</p>
          <p className="kern-body">
            <a className="kern-link" href={`/termin/${token}`}>
              {t('move.back')}
            </a>
          </p>
        </>
      )}
    </div>
  );
}
