import type { LoaderFunctionArgs } from '@remix-run/node';
import { useTranslation } from 'react-i18next';
import { operator } from '~/config/operator';
import { pageTitle } from '~/i18next.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['pages'] };

export async function loader({ request }: LoaderFunctionArgs) {
  return { title: await pageTitle(request, 'pages:signLanguage.title') };
}

export default function SignLanguage() {
  const { t } = useTranslation('pages');
  return (
    <article className="ww-prose">
      <h1 className="kern-heading-large">{t('signLanguage.title')}</h1>
      <p className="kern-body kern-body--large">{t('signLanguage.intro')}</p>
      <h2 className="kern-heading-medium">{t('signLanguage.aboutHeading')}</h2>
      <p className="kern-body">{t('signLanguage.about')}</p>
      <h2 className="kern-heading-medium">{t('signLanguage.interpretingHeading')}</h2>
      <p className="kern-body">{t('signLanguage.interpreting', { email: operator.email })}</p>
      <h2 className="kern-heading-medium">{t('signLanguage.videosHeading')}</h2>
      <p className="kern-body">{t('signLanguage.videos')}</p>
    </article>
  );
}
