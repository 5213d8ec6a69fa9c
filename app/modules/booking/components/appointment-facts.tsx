import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAppointment, languageName } from '~/utils/format';
import { localText } from '~/utils/localized';

/**
 * What an appointment is, as a description list: state, topic, time, channel (with the
 * office), language. Each page adds its own rows after these (the person's contact).
 */
export function AppointmentFacts({
  state,
  topic,
  start,
  end,
  channel,
  office,
  language,
  children,
}: {
  state: string;
  topic: Record<string, string>;
  start: string;
  end: string;
  channel: string;
  office: string | null;
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
      <dt>{t('booking.when')}</dt>
      <dd>{formatAppointment(start, end, lng)}</dd>
      <dt>{t('booking.channel')}</dt>
      <dd>
        {t(`booking.channels.${channel}`)}
        {office ? `: ${office}` : ''}
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
