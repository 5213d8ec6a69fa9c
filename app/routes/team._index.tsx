import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/auth/guard.server';
import { pageTitle } from '~/i18next.server';
import { counsellorHome } from '~/modules/admin/admin.server';
import { languageName } from '~/utils/format';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account'] };

/**
 * The counsellors' start page: their profile as the booking will use it. Agenda and
 * cases come with the booking and case-work capabilities; the guard (TOTP included) is
 * already the one those pages will use.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, 'read:agenda:own');
  return {
    title: await pageTitle(request, 'account:team.title'),
    name: user.displayName,
    profile: await counsellorHome(user.id),
  };
}

export default function TeamHome() {
  const { name, profile } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation('account');
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('team.title')}</h1>
      <p className="kern-body">{t('team.welcome', { name })}</p>
      {profile ? (
        <section aria-labelledby="profile-heading">
          <h2 className="kern-heading-medium" id="profile-heading">
            {t('team.profile')}
          </h2>
          <dl className="ww-facts">
            <dt>{t('team.languages')}</dt>
            <dd>{profile.languages.map((l) => languageName(l, i18n.language)).join(', ')}</dd>
            <dt>{t('team.channels')}</dt>
            <dd>{profile.channels.map((c) => t(`team.channelNames.${c}`)).join(', ')}</dd>
            <dt>{t('team.topics')}</dt>
            <dd>{profile.topics.length}</dd>
            <dt>{t('team.offices')}</dt>
            <dd>{profile.offices.join(', ')}</dd>
          </dl>
        </section>
      ) : (
        <p className="kern-body">{t('team.noProfile')}</p>
      )}
    </div>
  );
}
