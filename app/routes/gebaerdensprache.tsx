import type { LoaderFunctionArgs } from '@remix-run/node';
import { useTranslation } from 'react-i18next';
import { EmailLink } from '~/components/contact-links';
import { RichText } from '~/components/rich-text';
import { operator } from '~/config/operator';
import { pageTitle } from '~/i18next.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['pages'] };

export async function loader({ request }: LoaderFunctionArgs) {
  return { title: await pageTitle(request, 'pages:signLanguage.title') };
}

export default function SignLanguage() {
  useTranslation('pages');
  const text = (k: string) => <RichText ns="pages" k={`signLanguage.${k}`} />;
  return (
    <article className="ww-prose">
      <h1 className="kern-heading-large">{text('title')}</h1>
      <p className="kern-body kern-body--large">{text('intro')}</p>
      <h2 className="kern-heading-medium">{text('aboutHeading')}</h2>
      <p className="kern-body">{text('about')}</p>
      <h2 className="kern-heading-medium">{text('interpretingHeading')}</h2>
      <p className="kern-body">
        <RichText
          ns="pages"
          k="signLanguage.interpreting"
          values={{ email: operator.email }}
          components={{ email: <EmailLink email={operator.email} /> }}
        />
      </p>
      <h2 className="kern-heading-medium">{text('videosHeading')}</h2>
      <p className="kern-body">{text('videos')}</p>
    </article>
  );
}
