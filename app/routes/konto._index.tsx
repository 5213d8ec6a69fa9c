import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/auth/guard.server';
import { Notice } from '~/components/form';
import { LocalizedLink } from '~/components/localized-link';
import { pageTitle } from '~/i18next.server';
import { ACCOUNT_CONSENT, accountOverview, withdrawConsent } from '~/modules/accounts/accounts.server';
import { formatDateTime } from '~/utils/format';
import { readForm } from '~/utils/forms.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account', 'assessment', 'cases'] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, 'read:account:own');
  const overview = await accountOverview(user.id, user.sessionId);
  const url = new URL(request.url);
  return {
    title: await pageTitle(request, 'account:overview.title'),
    ...overview,
    accountConsent: ACCOUNT_CONSENT.purpose,
    notice: url.searchParams.get('hinweis'),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, 'update:account:own');
  const form = await readForm(request);
  if (form.get('intent') === 'withdraw-consent') {
    const id = Number(form.get('consentId'));
    if (!Number.isSafeInteger(id) || !(await withdrawConsent(user.id, id, context.clientIp)))
      throw new Response('bad request', { status: 400 });
    return redirect('/konto?hinweis=consent-withdrawn');
  }
  throw new Response('bad request', { status: 400 });
}

export default function Account() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation('account');
  const lng = i18n.language;
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('overview.title')}</h1>
      {d.notice ? (
        <Notice
          title={t(`overview.notices.${d.notice === 'consent-withdrawn' ? 'consentWithdrawn' : 'saved'}`)}
        />
      ) : null}
      <section aria-labelledby="profile-heading" className="kern-stack">
        <h2 className="kern-heading-medium" id="profile-heading">
          {t('overview.profile')}
        </h2>
        <dl className="ww-facts ww-detail">
          <dt>{t('fields.displayName')}</dt>
          <dd>{d.displayName}</dd>
          <dt>{t('fields.email')}</dt>
          <dd>{d.email}</dd>
          <dt>{t('overview.role')}</dt>
          <dd>
            {t(`roles.${d.role}`)}
            {d.membership ? ` – ${d.membership.providerName} (${t(`memberRoles.${d.membership.role}`)})` : ''}
          </dd>
          <dt>{t('overview.twoFactor')}</dt>
          <dd>{d.totpEnabled ? t('overview.twoFactorOn') : t('overview.twoFactorOff')}</dd>
        </dl>
        <ul className="kern-list">
          <li>
            <LocalizedLink className="kern-link" to="/konto/email">
              {t('overview.changeEmail')}
            </LocalizedLink>
          </li>
          <li>
            <LocalizedLink className="kern-link" to="/konto/passwort">
              {t('overview.changePassword')}
            </LocalizedLink>
          </li>
          <li>
            <LocalizedLink className="kern-link" to="/konto/zwei-faktor">
              {t('overview.manageTwoFactor')}
            </LocalizedLink>
          </li>
        </ul>
      </section>

      <section aria-labelledby="sessions-heading" className="kern-stack">
        <h2 className="kern-heading-medium" id="sessions-heading">
          {t('overview.sessions')}
        </h2>
        <ul className="kern-list">
          {d.sessions.map((s) => (
            <li key={`${s.createdAt}-${s.lastSeenAt}`}>
              {t('overview.sessionLine', {
                created: formatDateTime(s.createdAt, lng),
                seen: formatDateTime(s.lastSeenAt, lng),
              })}
              {s.current ? ` (${t('overview.thisSession')})` : ''}
            </li>
          ))}
        </ul>
        {d.unfinishedSignIns.length > 0 ? (
          <section aria-labelledby="unfinished-heading" className="kern-stack-sm">
            <h3 className="kern-heading-small" id="unfinished-heading">
              {t('overview.unfinished')}
            </h3>
            <p className="kern-body">{t('overview.unfinishedIntro')}</p>
            <ul className="kern-list">
              {d.unfinishedSignIns.map((s) => (
                <li key={`${s.createdAt}-${s.lastSeenAt}`}>
                  {t('overview.unfinishedLine', { created: formatDateTime(s.createdAt, lng) })}
                  {s.current ? ` (${t('overview.thisSession')})` : ''}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <Form method="post" action="/abmelden">
          <input type="hidden" name="scope" value="everywhere" />
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t('signOut.everywhere')}</span>
          </button>
        </Form>
      </section>

      <section aria-labelledby="consents-heading" className="kern-stack">
        <h2 className="kern-heading-medium" id="consents-heading">
          {t('overview.consents')}
        </h2>
        <p className="kern-body">{t('overview.consentsIntro')}</p>
        <div className="ww-table-scroll">
          <table className="kern-table ww-table">
            <thead>
              <tr>
                <th scope="col">{t('overview.consentPurpose')}</th>
                <th scope="col">{t('overview.consentGiven')}</th>
                <th scope="col">{t('overview.consentState')}</th>
              </tr>
            </thead>
            <tbody>
              {d.consents.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{t(`consents.${c.purpose}`, { defaultValue: c.purpose })}</th>
                  <td>{formatDateTime(c.givenAt, lng)}</td>
                  <td>
                    {c.withdrawnAt ? (
                      t('overview.consentWithdrawnAt', { date: formatDateTime(c.withdrawnAt, lng) })
                    ) : c.purpose === d.accountConsent ? (
                      <LocalizedLink className="kern-link" to="/konto/loeschen">
                        {t('overview.withdrawByDeleting')}
                      </LocalizedLink>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="withdraw-consent" />
                        <input type="hidden" name="consentId" value={c.id} />
                        <button type="submit" className="kern-btn kern-btn--tertiary">
                          <span className="kern-label">{t('overview.withdraw')}</span>
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="assessments-heading" className="kern-stack-sm">
        <h2 className="kern-heading-medium" id="assessments-heading">
          {t('assessment:account.heading')}
        </h2>
        <p className="kern-body">
          <LocalizedLink className="kern-link" to="/konto/selbsteinschaetzungen">
            {t('assessment:account.heading')}
          </LocalizedLink>
        </p>
        <p className="kern-body">
          <LocalizedLink className="kern-link" to="/konto/faelle">
            {t('cases:account.title')}
          </LocalizedLink>
        </p>
      </section>

      <section aria-labelledby="data-heading" className="kern-stack">
        <h2 className="kern-heading-medium" id="data-heading">
          {t('overview.myData')}
        </h2>
        <p className="kern-body">{t('overview.myDataIntro')}</p>
        <ul className="kern-list">
          <li>
            <a className="kern-link" href="/konto/daten.json" download>
              {t('overview.download')}
            </a>
          </li>
          <li>
            <LocalizedLink className="kern-link" to="/konto/loeschen">
              {t('overview.delete')}
            </LocalizedLink>
          </li>
        </ul>
      </section>
    </div>
  );
}
