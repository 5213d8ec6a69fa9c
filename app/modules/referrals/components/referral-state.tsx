import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '~/utils/format';

interface StateFacts {
  state: string;
  reason: string | null;
  startOn: string | null;
  dueOn: string | null;
  overdue: boolean;
  withdrawn: boolean;
}

/** A referral's state in one line: the state, its coded reason or start date, the deadline. */
export function ReferralStateLine({ r }: { r: StateFacts }) {
  const { t, i18n } = useTranslation('referrals');
  const lng = i18n.language;
  if (r.withdrawn) return <>{t('state.withdrawn')}</>;
  const parts = [t(`state.${r.state}`)];
  if (r.reason) parts.push(t(`reason.${r.reason}`));
  if (r.startOn && r.state === 'accepted')
    parts.push(t('startLine', { date: formatDate(r.startOn, lng, 'long') }));
  if (r.state === 'received' && r.dueOn)
    parts.push(t(r.overdue ? 'overdueSince' : 'dueLine', { date: formatDate(r.dueOn, lng, 'long') }));
  return <>{parts.join(' – ')}</>;
}

/** Every state a referral went through, by whom (kind only) and when. */
export function ReferralHistory({
  history,
  idPrefix,
}: {
  history: { state: string; reason: string | null; by: string; at: string }[];
  idPrefix: string;
}) {
  const { t, i18n } = useTranslation('referrals');
  if (!history.length) return null;
  return (
    <details className="ww-case-item">
      <summary className="kern-link" id={`${idPrefix}-summary`}>
        {t('history')}
      </summary>
      <ol className="kern-list">
        {history.map((h) => (
          <li key={`${h.state}-${h.at}`}>
            {formatDateTime(h.at, i18n.language)}: {t(`state.${h.state}`)}
            {h.reason ? ` (${t(`reason.${h.reason}`)})` : ''} – {t(`by.${h.by}`)}
          </li>
        ))}
      </ol>
    </details>
  );
}
