import type { LoaderFunctionArgs } from '@remix-run/node';
import { useTranslation } from 'react-i18next';
import { operator } from '~/config/operator';
import { pageTitle } from '~/i18next.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['pages'] };

export async function loader({ request }: LoaderFunctionArgs) {
  return { title: await pageTitle(request, 'pages:imprint.title') };
}

export default function Imprint() {
  const { t } = useTranslation('pages');
  return (
    <article className="ww-prose">
      <h1 className="kern-heading-large">{t('imprint.title')}</h1>
      <h2 className="kern-heading-medium">{t('imprint.providerHeading')}</h2>
      <p className="kern-body">{t('imprint.provider', operator)}</p>
      <p className="kern-body">{t('imprint.address', operator)}</p>
      <p className="kern-body">{t('imprint.contact', operator)}</p>
      <p className="kern-body">{t('imprint.representative', operator)}</p>
      <p className="kern-body">{t('imprint.vat', operator)}</p>
      <h2 className="kern-heading-medium">{t('imprint.responsibleHeading')}</h2>
      <p className="kern-body">{t('imprint.responsible')}</p>
      <h2 className="kern-heading-medium">{t('imprint.dataHeading')}</h2>
      <p className="kern-body">{t('imprint.postcodes')}</p>
      <h2 className="kern-heading-medium">{t('imprint.softwareHeading')}</h2>
      <p className="kern-body">{t('imprint.software')}</p>
    </article>
  );
}
