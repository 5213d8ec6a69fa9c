import type { LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Notice } from '~/components/form';
import { LocalizedLink } from '~/components/localized-link';
import { pageTitle } from '~/i18next.server';
import { confirmEmailToken } from '~/modules/accounts/accounts.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account'] };

/**
 * The link from a verification or change-of-address mail. Opening it confirms (a mail
 * scanner opening it first only confirms earlier); a used or expired link says so (410).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const result = await confirmEmailToken(token, { ip: context.clientIp });
  const title = await pageTitle(request, result.ok ? 'account:confirm.title' : 'account:confirm.failedTitle');
  return data(
    { title, ok: result.ok, purpose: result.ok ? result.purpose : null },
    { status: result.ok ? 200 : 410 },
  );
}

export default function Confirm() {
  const { ok, purpose } = useLoaderData<typeof loader>();
  const { t } = useTranslation('account');
  return (
    <div className="ww-narrow kern-stack">
      <h1 className="kern-heading-large">{ok ? t('confirm.title') : t('confirm.failedTitle')}</h1>
      {ok ? (
        <Notice title={purpose === 'change_email' ? t('confirm.emailChanged') : t('confirm.verified')} />
      ) : (
        <p className="kern-body">{t('confirm.failed')}</p>
      )}
      <p className="kern-body">
        <LocalizedLink className="kern-link" to="/anmelden">
          {t('confirm.toSignIn')}
        </LocalizedLink>
      </p>
    </div>
  );
}
