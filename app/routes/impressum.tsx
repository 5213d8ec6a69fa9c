import type { LoaderFunctionArgs } from '@remix-run/node';
import { useTranslation } from 'react-i18next';
import { EmailLink, PhoneLink } from '~/components/contact-links';
import { RichText } from '~/components/rich-text';
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
  const text = (k: string, values?: Record<string, string>) => (
    <RichText ns="pages" k={`imprint.${k}`} values={values} />
  );
  return (
    <article className="ww-prose">
      <h1 className="kern-heading-large">{text('title')}</h1>
      <h2 className="kern-heading-medium">{text('providerHeading')}</h2>
      <p className="kern-body">{t('imprint.provider', operator)}</p>
      <p className="kern-body">{t('imprint.address', operator)}</p>
      <p className="kern-body">
        {t('imprint.phoneLabel')} <PhoneLink phone={operator.phone} />
        <br />
        {t('imprint.emailLabel')} <EmailLink email={operator.email} />
      </p>
      <p className="kern-body">{t('imprint.representative', operator)}</p>
      <p className="kern-body">{text('vat', { vatId: operator.vatId })}</p>
      <h2 className="kern-heading-medium">{text('responsibleHeading')}</h2>
      <p className="kern-body">{text('responsible')}</p>
      <h2 className="kern-heading-medium">{text('dataHeading')}</h2>
      <p className="kern-body">{text('postcodes')}</p>
      <h2 className="kern-heading-medium">{text('softwareHeading')}</h2>
      <p className="kern-body">{text('software')}</p>
    </article>
  );
}
