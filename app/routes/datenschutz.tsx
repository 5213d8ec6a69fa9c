import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { operator } from '~/config/operator';
import { pageTitle } from '~/i18next.server';
import { getEnv } from '~/utils/env.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['pages'] };

export async function loader({ request }: LoaderFunctionArgs) {
  return {
    title: await pageTitle(request, 'pages:privacy.title'),
    assessmentDays: getEnv().ASSESSMENT_RETENTION_DAYS,
  };
}

const sections = [
  'visit',
  'cookies',
  'search',
  'booking',
  'assessment',
  'account',
  'security',
  'rights',
] as const;

export default function Privacy() {
  const { t } = useTranslation('pages');
  const { assessmentDays } = useLoaderData<typeof loader>();
  return (
    <article className="ww-prose">
      <h1 className="kern-heading-large">{t('privacy.title')}</h1>
      <p className="kern-body kern-body--large">{t('privacy.intro')}</p>
      <h2 className="kern-heading-medium">{t('privacy.controllerHeading')}</h2>
      <p className="kern-body">{t('privacy.controller', operator)}</p>
      <p className="kern-body">{t('privacy.dpo', { email: operator.privacyOfficerEmail })}</p>
      {sections.map((s) => (
        <section key={s} id={s === 'account' ? 'konto' : undefined}>
          <h2 className="kern-heading-medium">{t(`privacy.${s}Heading`)}</h2>
          <p className="kern-body">{t(`privacy.${s}`, { days: assessmentDays })}</p>
        </section>
      ))}
      <p className="kern-body">{t('privacy.complaint', { authority: operator.supervisoryAuthority })}</p>
    </article>
  );
}
