import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/auth/guard.server';
import { AdminNav } from '~/components/admin-nav';
import { FilterBar, FilterSelect, FilterText } from '~/components/filter-bar';
import { pageTitle } from '~/i18next.server';
import { AppointmentBadges } from '~/modules/booking/components/staff';
import { appointmentsOverview } from '~/modules/booking/office.server';
import { OFFICE_STATUSES } from '~/modules/booking/schemas';
import { formatClock, formatDate, formatDay, languageName } from '~/utils/format';
import { localText } from '~/utils/localized';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['counselling', 'account'] };

function idOf(value: string | null): number | undefined {
  const n = Number(value);
  return value && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/**
 * Every appointment of a day or week for the office's coordinator, by office, counsellor
 * and state: time, topic, channel, office, counsellor, state and what needs action (a
 * counsellor away or without a usable account, a closure day) — never the person's name
 * or contact; those open on the appointment's page, for a reason, audited.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read:appointment:any');
  const url = new URL(request.url);
  const p = url.searchParams;
  return {
    title: await pageTitle(request, 'counselling:office.appointments.title'),
    ...(await appointmentsOverview({
      day: p.get('tag'),
      view: p.get('ansicht') === 'woche' ? 'week' : 'day',
      office: idOf(p.get('stelle')),
      counsellor: idOf(p.get('beratung')),
      status: p.get('status') ?? undefined,
    })),
  };
}

export default function AdminAppointments() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation('counselling');
  const lng = i18n.language;
  const keep = (tag: string) => {
    const q = new URLSearchParams({ tag, ansicht: d.view === 'week' ? 'woche' : 'tag' });
    if (d.filter.office) q.set('stelle', String(d.filter.office));
    if (d.filter.counsellor) q.set('beratung', String(d.filter.counsellor));
    if (d.filter.status) q.set('status', d.filter.status);
    return `/admin/termine?${q}`;
  };
  const needsAction = d.appointments.filter(
    (a) => a.conflict || (!a.bookable && ['booked', 'pending'].includes(a.status)),
  );
  const heading =
    d.first === d.last
      ? t('team.dayHeading', { day: formatDate(d.first, lng, 'long'), count: d.appointments.length })
      : t('team.weekHeading', {
          from: formatDate(d.first, lng, 'long'),
          to: formatDate(d.last, lng, 'long'),
          count: d.appointments.length,
        });
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('office.appointments.title')}</h1>
      <AdminNav />
      <p className="kern-body">{t('office.appointments.intro')}</p>
      <FilterBar submitLabel={t('team.show')}>
        <FilterText id="appointments-day" name="tag" label={t('team.day')} value={d.date} type="date" />
        <FilterSelect
          id="appointments-view"
          name="ansicht"
          label={t('team.view')}
          value={d.view === 'week' ? 'woche' : 'tag'}
          allLabel={t('team.views.tag')}
          options={[{ value: 'woche', label: t('team.views.woche') }]}
        />
        <FilterSelect
          id="appointments-office"
          name="stelle"
          label={t('office.appointments.office')}
          value={d.filter.office ? String(d.filter.office) : undefined}
          allLabel={t('office.appointments.all')}
          options={d.offices.map((o) => ({ value: String(o.id), label: o.name }))}
        />
        <FilterSelect
          id="appointments-counsellor"
          name="beratung"
          label={t('office.appointments.counsellor')}
          value={d.filter.counsellor ? String(d.filter.counsellor) : undefined}
          allLabel={t('office.appointments.all')}
          options={d.counsellors.map((c) => ({ value: String(c.id), label: c.name }))}
        />
        <FilterSelect
          id="appointments-status"
          name="status"
          label={t('manage.state')}
          value={d.filter.status ?? undefined}
          allLabel={t('office.appointments.all')}
          options={OFFICE_STATUSES.map((s) => ({ value: s, label: t(`team.status.${s}`) }))}
        />
      </FilterBar>
      <nav aria-label={t('team.agendaPaging')}>
        <ul className="kern-list ww-inline-list">
          <li>
            <a className="kern-link" href={keep(d.previous)}>
              {t(d.view === 'week' ? 'booking.previousWeek' : 'team.previousDay')}
            </a>
          </li>
          <li>
            <a className="kern-link" href={keep(d.today)}>
              {t('team.today')}
            </a>
          </li>
          <li>
            <a className="kern-link" href={keep(d.next)}>
              {t(d.view === 'week' ? 'booking.nextWeek' : 'team.nextDay')}
            </a>
          </li>
        </ul>
      </nav>
      {needsAction.length ? (
        <p className="kern-body" role="status">
          {t('office.appointments.needsAction', { count: needsAction.length })}
        </p>
      ) : null}
      {/* An empty day or week says so in words rather than as a table of headings only. */}
      {d.appointments.length === 0 ? (
        <p className="kern-body">{heading}</p>
      ) : (
        <div className="ww-table-scroll">
          <table className="kern-table ww-table">
            <caption className="kern-body">{heading}</caption>
            <thead>
              <tr>
                <th scope="col">{t('booking.when')}</th>
                <th scope="col">{t('booking.topic')}</th>
                <th scope="col">{t('booking.channel')}</th>
                <th scope="col">{t('office.appointments.counsellor')}</th>
                <th scope="col">{t('manage.state')}</th>
              </tr>
            </thead>
            <tbody>
              {d.appointments.map((a) => (
                <tr key={a.id}>
                  <td>
                    {/* The time is the link: a name that makes sense out of context, no hidden text
                        (positioned text inside a scrolled table widens the page at 320 px). */}
                    <a className="kern-link" href={`/admin/termine/${a.id}`}>
                      {d.view === 'week' ? `${formatDay(a.start, lng)}, ` : ''}
                      {formatClock(a.start, lng)}–{formatClock(a.end, lng)}
                    </a>
                  </td>
                  <td>
                    {localText(a.topic, lng)} ({languageName(a.language, lng)})
                  </td>
                  <td>
                    {t(`booking.channels.${a.channel}`)}
                    {a.office ? (
                      <>
                        : <bdi lang="de">{a.office}</bdi>
                      </>
                    ) : null}
                  </td>
                  <td>
                    {a.counsellor}
                    {!a.bookable && ['booked', 'pending'].includes(a.status) ? (
                      <>
                        {' '}
                        <span className="kern-badge kern-badge--warning">
                          <span className="kern-label">{t('office.appointments.noAccount')}</span>
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    {t(`team.status.${a.status}`)} <AppointmentBadges facts={{ conflict: a.conflict }} />
                    {a.proposed ? ` – ${t('office.appointments.proposed')}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
