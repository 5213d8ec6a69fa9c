import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { LocalizedLink } from '~/components/localized-link';
import { pageTitle } from '~/i18next.server';
import { BackToProviderArea } from '~/modules/providers/components/back-link';
import { requireProviderActor } from '~/modules/providers/guard.server';
import { ReferralStateLine } from '~/modules/referrals/components/referral-state';
import { inbox } from '~/modules/referrals/referrals.server';
import { formatDate } from '~/utils/format';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account', 'provider', 'referrals'] };

/** The provider's inbox: referrals to this provider only, overdue ones first. No names here. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor } = await requireProviderActor(request, context, 'read:provider:own');
  return {
    title: await pageTitle(request, 'referrals:inbox.title'),
    referrals: (await inbox(actor)).map((r) => ({
      id: r.id,
      offerTitle: r.offerTitle,
      runStartsOn: r.runStartsOn,
      state: r.state,
      reason: r.reason,
      startOn: r.startOn,
      dueOn: r.dueOn,
      overdue: r.overdue,
      receivedAt: r.receivedAt,
    })),
  };
}

export default function ReferralInbox() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation('referrals');
  const lng = i18n.language;
  return (
    <div className="kern-stack">
      <BackToProviderArea />
      <h1 className="kern-heading-large">{t('inbox.title')}</h1>
      <p className="kern-body">{t('inbox.intro')}</p>
      {d.referrals.length === 0 ? (
        <p className="kern-body">{t('inbox.empty')}</p>
      ) : (
        <div className="ww-table-scroll">
          <table className="kern-table ww-table">
            <caption className="kern-sr-only">{t('inbox.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('inbox.referral')}</th>
                <th scope="col">{t('field.offer')}</th>
                <th scope="col">{t('field.state')}</th>
                <th scope="col">{t('inbox.received')}</th>
              </tr>
            </thead>
            <tbody>
              {d.referrals.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <LocalizedLink className="kern-link" to={`/anbieterbereich/vermittlungen/${r.id}`}>
                      {t('inbox.number', { id: r.id })}
                    </LocalizedLink>
                    {r.overdue ? <strong className="ww-case-tag"> {t('overdue')}</strong> : null}
                  </th>
                  <td>
                    {r.offerTitle ? <span lang="de">{r.offerTitle}</span> : t('field.general')}
                    {r.runStartsOn ? ` (${formatDate(r.runStartsOn, lng)})` : ''}
                  </td>
                  <td>
                    <ReferralStateLine r={{ ...r, withdrawn: r.state === 'withdrawn' }} />
                  </td>
                  <td>{r.receivedAt ? formatDate(r.receivedAt, lng) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
