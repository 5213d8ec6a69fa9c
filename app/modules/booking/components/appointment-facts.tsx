import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAppointment, languageName } from '~/utils/format';
import { localText } from '~/utils/localized';

/**
 * What an appointment is, as a description list: state, topic, the offer it is about,
 * time, channel (with the office, or how it takes place), language. Each page adds its
 * own rows after these (the person's contact).
 */
export function AppointmentFacts({
  state,
  topic,
  offer,
  start,
  end,
  channel,
  office,
  how,
  language,
  children,
}: {
  state: string;
  topic: Record<string, string>;
  offer?: { id: number; title: string } | null;
  start: string;
  end: string;
  channel: string;
  office: string | null;
  /** The sentence the mails use for how it takes place ("we call you at …"). */
  how?: string;
  language: string;
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation('counselling');
  const lng = i18n.language;
  return (
    <dl className="ww-choices kern-body">
      <dt>{t('manage.state')}</dt>
      <dd>{state}</dd>
      <dt>{t('booking.topic')}</dt>
      <dd>{localText(topic, lng)}</dd>
      {offer ? (
        <>
          <dt>{t('booking.offer')}</dt>
          <dd>
            <a className="kern-link" href={`/angebote/${offer.id}`} lang="de">
              {offer.title}
            </a>
          </dd>
        </>
      ) : null}
      <dt>{t('booking.when')}</dt>
      <dd>{formatAppointment(start, end, lng)}</dd>
      <dt>{t('booking.channel')}</dt>
      <dd className={how ? 'ww-how' : undefined}>
        {how ?? (
          <>
            {t(`booking.channels.${channel}`)}
            {office ? (
              <>
                : <bdi lang="de">{office}</bdi>
              </>
            ) : null}
          </>
        )}
      </dd>
      <dt>{t('booking.language')}</dt>
      <dd>{languageName(language, lng)}</dd>
      {children}
    </dl>
  );
}

/** One more row of the list, left out when there is no value (an optional contact field). */
export function Fact({
  label,
  children,
  className,
}: {
  label: string;
  children: ReactNode;
  className?: string;
}) {
  if (children === null || children === undefined || children === '' || children === false) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd className={className}>{children}</dd>
    </>
  );
}
