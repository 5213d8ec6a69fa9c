import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { formatAppointment, formatClock, formatDay, languageName } from '~/utils/format';
import { localText } from '~/utils/localized';
import type { AgendaDay, AgendaItem } from '../team.server';
import { AppointmentBadges, spanText } from './staff';

/**
 * The counsellor's agenda, in pieces the page puts together: what needs their eye, the
 * search by name, and the days with closures, absences and appointments.
 */

/** One appointment as a link to its page, with its markers. */
function AgendaEntry({ item, withDate }: { item: AgendaItem; withDate?: boolean }) {
  const { t, i18n } = useTranslation('counselling');
  const lng = i18n.language;
  const when = withDate
    ? formatAppointment(item.start, item.end, lng)
    : `${formatClock(item.start, lng)}–${formatClock(item.end, lng)}`;
  return (
    <li>
      <a className="kern-link" href={`/team/termine/${item.id}`}>
        {when}: {item.name ?? t('team.erased')}
      </a>{' '}
      – {localText(item.topic, lng)}, {t(`booking.channels.${item.channel}`)}
      {item.office ? (
        <>
          {' '}
          (<bdi lang="de">{item.office}</bdi>)
        </>
      ) : null}
      , {languageName(item.language, lng)} – <strong>{t(`team.status.${item.status}`)}</strong>{' '}
      <AppointmentBadges facts={item} />
    </li>
  );
}

/** New or changed appointments and conflicts, wherever they are; "seen" clears the markers. */
export function AgendaAttention({ items }: { items: AgendaItem[] }) {
  const { t } = useTranslation('counselling');
  if (items.length === 0) return null;
  const marked = items.filter((i) => i.notice);
  return (
    <section aria-labelledby="attention-heading" className="kern-stack-sm ww-card">
      <h2 id="attention-heading" className="kern-heading-medium">
        {t('staff.attention.heading', { count: items.length })}
      </h2>
      <p className="kern-body">{t('staff.attention.intro')}</p>
      <ul className="kern-list">
        {items.map((item) => (
          <AgendaEntry key={item.id} item={item} withDate />
        ))}
      </ul>
      {marked.length ? (
        <Form method="post" action="/team/gesehen">
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t('staff.attention.markSeen', { count: marked.length })}</span>
          </button>
        </Form>
      ) : null}
    </section>
  );
}

/** Searching the counsellor's own appointments by the person's name (a GET form). */
export function AgendaSearch({ search, found }: { search: string | null; found: AgendaItem[] | null }) {
  const { t } = useTranslation('counselling');
  return (
    <section aria-labelledby="agenda-search-heading" className="kern-stack-sm">
      <h2 id="agenda-search-heading" className="kern-heading-medium">
        {t('staff.search.heading')}
      </h2>
      <form method="get" className="ww-filter-bar" aria-labelledby="agenda-search-heading">
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="agenda-name">
            {t('staff.search.label')}
          </label>
          <input
            className="kern-form-input__input"
            id="agenda-name"
            name="name"
            type="search"
            defaultValue={search ?? ''}
            maxLength={100}
          />
        </div>
        <button type="submit" className="kern-btn kern-btn--secondary">
          <span className="kern-label">{t('staff.search.submit')}</span>
        </button>
      </form>
      {found ? (
        <>
          <p className="kern-body" role="status">
            {t('staff.search.found', { count: found.length, name: search })}
          </p>
          {found.length ? (
            <ul className="kern-list">
              {found.map((item) => (
                <AgendaEntry key={item.id} item={item} withDate />
              ))}
            </ul>
          ) : null}
          <p className="kern-body">
            <a className="kern-link" href="/team">
              {t('staff.search.clear')}
            </a>
          </p>
        </>
      ) : null}
    </section>
  );
}

/** One day: closed or not, the counsellor's absences, the appointments. */
export function AgendaDaySection({ day }: { day: AgendaDay }) {
  const { t, i18n } = useTranslation('counselling');
  const lng = i18n.language;
  return (
    <section aria-labelledby={`agenda-${day.date}`} className="kern-stack-sm">
      <h3 className="kern-heading-small" id={`agenda-${day.date}`}>
        {formatDay(`${day.date}T12:00:00Z`, lng)}
      </h3>
      {day.closed ? (
        <p className="kern-body">
          <strong>{t('staff.agenda.closed')}</strong> <span lang="de">{day.closed}</span>
        </p>
      ) : null}
      {day.absences.map((a) => (
        <p key={a.start} className="kern-body">
          <strong>{t('staff.agenda.absent')}</strong> {spanText(a.start, a.end, lng)}
          {a.note ? ` – ${a.note}` : ''}
        </p>
      ))}
      {day.appointments.length === 0 ? (
        <p className="kern-body">{t('team.noAppointments')}</p>
      ) : (
        <ul className="kern-list">
          {day.appointments.map((item) => (
            <AgendaEntry key={item.id} item={item} />
          ))}
        </ul>
      )}
    </section>
  );
}
