import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Alert } from '~/components/form';
import { TeamNav } from '~/components/team-nav';
import { pageTitle } from '~/i18next.server';
import { BookingError, ownAppointment } from '~/modules/booking/booking.server';
import { SlotWeek } from '~/modules/booking/components/slot-list';
import { FailureAlert } from '~/modules/booking/components/staff';
import { moveTarget } from '~/modules/booking/public.server';
import { moveForPersonSchema } from '~/modules/booking/schemas';
import { moveOwn } from '~/modules/booking/staff.server';
import { ownMoveOptions, requireCounsellor } from '~/modules/booking/team.server';
import { idParam } from '~/modules/providers/guard.server';
import { failureOf } from '~/utils/error-message';
import { formatAppointment } from '~/utils/format';
import { readForm } from '~/utils/forms.server';
import { baseUrlOf, throwAsResponse } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';
import { getSql } from '../../db/client.server';

export const meta = titleMeta;
export const handle = { i18n: ['counselling', 'account'] };

/**
 * The counsellor moves one of their own appointments on the person's behalf (they asked
 * on the phone): a week of the counsellor's own free times of the same kind; choosing
 * one asks once more ("move from … to …?"); confirming mails the person the new time with
 * the calendar entry updated.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireCounsellor(request, context, 'update:agenda:own');
  const id = idParam(params.id);
  const search = new URL(request.url).searchParams;
  const { row, options } = await ownMoveOptions(actor, id, search.get('ab')).catch(throwAsResponse);
  const wanted = search.get('start');
  const target = options && wanted ? await moveTarget(row, wanted, actor.counsellor.id) : null;
  return {
    title: await pageTitle(
      request,
      target ? 'counselling:move.confirmTitle' : 'counselling:staff.move.title',
    ),
    id,
    current: { start: row.starts.toISOString(), end: row.ends.toISOString() },
    target,
    targetGone: Boolean(wanted && options && !target),
    week: target ? null : options,
    movable: Boolean(options),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireCounsellor(request, context, 'update:agenda:own');
  const id = idParam(params.id);
  // Another counsellor's appointment is not found, whatever the form says.
  await ownAppointment(getSql(), actor.counsellor.id, id, {
    who: { userId: actor.user.id, ip: actor.ip },
  }).catch(throwAsResponse);
  const submission = parseWithZod(await readForm(request), { schema: moveForPersonSchema });
  if (submission.status !== 'success') return data({ failure: 'slot_taken' }, { status: 400 });
  try {
    await moveOwn(getSql(), actor.counsellor.id, id, submission.value.start, {
      baseUrl: baseUrlOf(request),
      actor: { userId: actor.user.id, ip: actor.ip },
    });
  } catch (error) {
    if (error instanceof BookingError) return data({ failure: error.reason }, { status: 409 });
    throwAsResponse(error);
  }
  throw redirect(`/team/termine/${id}`);
}

export default function MoveForPerson() {
  const { id, current, target, targetGone, week, movable } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation('counselling');
  const lng = i18n.language;
  const here = `/team/termine/${id}/verschieben`;
  const from = formatAppointment(current.start, current.end, lng);
  return (
    <div className="kern-stack">
      {target ? (
        <>
          <h1 className="kern-heading-large">
            {t('move.question', { from, to: formatAppointment(target.start, target.end, lng) })}
          </h1>
          <TeamNav />
          <FailureAlert failure={failureOf(result)} />
          <p className="kern-body">{t('staff.move.explain')}</p>
          <Form method="post" action={here} className="ww-actions">
            <input type="hidden" name="start" value={target.start} />
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t('staff.move.confirm')}</span>
            </button>
            <a className="kern-link" href={here}>
              {t('move.otherTime')}
            </a>
          </Form>
        </>
      ) : (
        <>
          <h1 className="kern-heading-large">{t('staff.move.title')}</h1>
          <TeamNav />
          {targetGone ? <Alert tone="warning">{t('booking.slotGone')}</Alert> : null}
          <p className="kern-body">{t('staff.move.current', { when: from })}</p>
          {week ? (
            <SlotWeek
              week={week}
              weekHref={(monday) => `${here}?ab=${monday}`}
              hrefFor={(s) => `${here}?start=${encodeURIComponent(s.start)}`}
              sayWhenEmpty
            />
          ) : null}
          {!movable ? <p className="kern-body">{t('staff.move.notPossible')}</p> : null}
        </>
      )}
      <p className="kern-body">
        <a className="kern-link" href={`/team/termine/${id}`}>
          {t('staff.move.back')}
        </a>
      </p>
    </div>
  );
}
