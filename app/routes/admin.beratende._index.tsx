import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/auth/guard.server';
import { AdminNav } from '~/components/admin-nav';
import { pageTitle } from '~/i18next.server';
import { counsellorOverview } from '~/modules/booking/office.server';
import { formatDate, formatDateTime, formatNumber, languageName } from '~/utils/format';
import { localText } from '~/utils/localized';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['counselling', 'account'] };

/**
 * The counsellor profiles for the office: whether someone can sign in and receive the
 * bookings (profiles without a usable account are flagged and get none), topics,
 * languages, offices, this week's load and the next free slot.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'update:counsellor-profile:any');
  return {
    title: await pageTitle(request, 'counselling:office.counsellors.title'),
    ...(await counsellorOverview()),
  };
}

export default function AdminCounsellors() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation('counselling');
  const lng = i18n.language;
  const flagged = d.counsellors.filter((c) => c.account !== 'bookable' && c.account !== 'inactive');
  const requests = d.counsellors.filter((c) => c.openRequest);
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('office.counsellors.title')}</h1>
      <AdminNav />
      <p className="kern-body">{t('office.counsellors.intro')}</p>
      {flagged.length ? (
        <div className="kern-alert kern-alert--warning" role="status">
          <div className="kern-alert__body">
            <p className="kern-body">{t('office.counsellors.flagged', { count: flagged.length })}</p>
            <ul className="kern-list">
              {flagged.map((c) => (
                <li key={c.id}>
                  <a className="kern-link" href={`/admin/beratende/${c.id}`}>
                    {c.name}
                  </a>
                  : {t(`office.account.${c.account}`)}
                  {c.upcoming ? ` – ${t('office.counsellors.upcoming', { count: c.upcoming })}` : ''}
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      {requests.length ? (
        <section aria-labelledby="requests-heading" className="kern-stack-sm">
          <h2 id="requests-heading" className="kern-heading-medium">
            {t('office.counsellors.requests', { count: requests.length })}
          </h2>
          <ul className="kern-list">
            {requests.map((c) => (
              <li key={c.id}>
                <a className="kern-link" href={`/admin/beratende/${c.id}#request-heading`}>
                  {c.name}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="ww-table-scroll">
        <table className="kern-table ww-table">
          <caption className="kern-body">
            {t('office.counsellors.caption', {
              from: formatDate(d.week.first, lng),
              to: formatDate(d.week.last, lng),
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('office.counsellors.name')}</th>
              <th scope="col">{t('office.counsellors.account')}</th>
              <th scope="col">{t('team.topics')}</th>
              <th scope="col">{t('office.counsellors.languages')}</th>
              <th scope="col">{t('team.offices')}</th>
              <th scope="col">{t('office.counsellors.load')}</th>
              <th scope="col">{t('office.counsellors.nextFree')}</th>
            </tr>
          </thead>
          <tbody>
            {d.counsellors.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <a className="kern-link" href={`/admin/beratende/${c.id}`}>
                    {c.name}
                  </a>
                  {c.openRequest ? ` (${t('office.counsellors.requestOpen')})` : ''}
                </th>
                <td>
                  <span
                    className={`kern-badge kern-badge--${c.account === 'bookable' ? 'success' : 'warning'}`}
                  >
                    <span className="kern-label">{t(`office.account.${c.account}`)}</span>
                  </span>
                  {c.email ? (
                    <>
                      <br />
                      <bdi dir="ltr">{c.email}</bdi>
                    </>
                  ) : null}
                </td>
                <td>{c.topics.map((x) => localText(x, lng)).join(', ')}</td>
                <td>{c.languages.map((l) => languageName(l, lng)).join(', ')}</td>
                <td>
                  <bdi lang="de">{c.offices.join(', ')}</bdi>
                </td>
                <td>{formatNumber(c.load, lng)}</td>
                <td>{c.nextFree ? formatDateTime(c.nextFree, lng) : t('office.counsellors.noFree')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
