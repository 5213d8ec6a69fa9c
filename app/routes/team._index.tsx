import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FilterText } from '~/components/filter-bar';
import { ChoiceOption } from '~/components/form';
import { TeamNav } from '~/components/team-nav';
import { pageTitle } from '~/i18next.server';
import { agenda, requireCounsellor } from '~/modules/booking/team.server';
import { ContactEntry } from '~/modules/cases/components/contact';
import { formatClock, formatDate, formatDay, languageName } from '~/utils/format';
import { localText } from '~/utils/localized';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['counselling', 'account', 'cases'] };

/** The counsellor's agenda: a day or a week of their own appointments. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, counsellor } = await requireCounsellor(request, context, 'read:agenda:own');
  const url = new URL(request.url);
  const view = url.searchParams.get('ansicht') === 'tag' ? 'day' : 'week';
  return {
    title: await pageTitle(request, 'counselling:team.agendaTitle'),
    name: user.displayName,
    counsellor: counsellor.display_name,
    agenda: await agenda(counsellor.id, url.searchParams.get('tag'), view),
  };
}

export default function Agenda() {
  const { name, agenda: a } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation('counselling');
  const lng = i18n.language;
  const view = a.view === 'week' ? 'woche' : 'tag';
  const total = a.days.reduce((n, d) => n + d.appointments.length, 0);
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('team.agendaTitle')}</h1>
      <p className="kern-body">{t('team.welcome', { name })}</p>
      <TeamNav />
      <ContactEntry />
      <form method="get" className="ww-filter-bar kern-stack-sm" aria-label={t('team.agendaFilter')}>
        <FilterText id="agenda-day" name="tag" label={t('team.day')} value={a.date} type="date" />
        <fieldset className="kern-fieldset">
          <legend className="kern-label">{t('team.view')}</legend>
          <div className="kern-fieldset__body ww-inline-list">
            {(['woche', 'tag'] as const).map((v) => (
              <ChoiceOption
                key={v}
                type="radio"
                id={`view-${v}`}
                name="ansicht"
                value={v}
                label={t(`team.views.${v}`)}
                checked={view === v}
              />
            ))}
          </div>
        </fieldset>
        <button type="submit" className="kern-btn kern-btn--secondary">
          <span className="kern-label">{t('team.show')}</span>
        </button>
      </form>
      <nav aria-label={t('team.agendaPaging')}>
        <ul className="kern-list ww-inline-list">
          <li>
            <a className="kern-link" href={`/team?tag=${a.previous}&ansicht=${view}`}>
              {t(a.view === 'week' ? 'booking.previousWeek' : 'team.previousDay')}
            </a>
          </li>
          <li>
            <a className="kern-link" href={`/team?tag=${a.today}&ansicht=${view}`}>
              {t('team.today')}
            </a>
          </li>
          <li>
            <a className="kern-link" href={`/team?tag=${a.next}&ansicht=${view}`}>
              {t(a.view === 'week' ? 'booking.nextWeek' : 'team.nextDay')}
            </a>
          </li>
        </ul>
      </nav>
      <h2 className="kern-heading-medium" aria-live="polite">
        {a.first === a.last
          ? t('team.dayHeading', { day: formatDate(a.first, lng, 'long'), count: total })
          : t('team.weekHeading', {
              from: formatDate(a.first, lng, 'long'),
              to: formatDate(a.last, lng, 'long'),
              count: total,
            })}
      </h2>
      {a.days.map((d) => (
        <section key={d.date} aria-labelledby={`agenda-${d.date}`} className="kern-stack-sm">
          <h3 className="kern-heading-small" id={`agenda-${d.date}`}>
            {formatDay(`${d.date}T12:00:00Z`, lng)}
          </h3>
          {d.appointments.length === 0 ? (
            <p className="kern-body">{t('team.noAppointments')}</p>
          ) : (
            <ul className="kern-list">
              {d.appointments.map((x) => (
                <li key={x.id}>
                  <a className="kern-link" href={`/team/termine/${x.id}`}>
                    {formatClock(x.start, lng)}–{formatClock(x.end, lng)}: {x.name ?? t('team.erased')}
                  </a>{' '}
                  – {localText(x.topic, lng)}, {t(`booking.channels.${x.channel}`)}
                  {x.office ? ` (${x.office})` : ''}, {languageName(x.language, lng)} –{' '}
                  <strong>{t(`team.status.${x.status}`)}</strong>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
