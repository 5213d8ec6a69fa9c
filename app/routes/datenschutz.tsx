import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { EmailLink } from '~/components/contact-links';
import { RichText } from '~/components/rich-text';
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
  useTranslation('pages');
  const { assessmentDays } = useLoaderData<typeof loader>();
  const text = (k: string, values?: Record<string, string | number>) => (
    <RichText ns="pages" k={`privacy.${k}`} values={values} />
  );
  return (
    <article className="ww-prose">
      <h1 className="kern-heading-large">{text('title')}</h1>
      <p className="kern-body kern-body--large">{text('intro')}</p>
      <h2 className="kern-heading-medium">{text('controllerHeading')}</h2>
      <p className="kern-body">
        <RichText
          ns="pages"
          k="privacy.controller"
          values={{
            name: operator.name,
            street: operator.street,
            postcode: operator.postcode,
            city: operator.city,
            email: operator.email,
          }}
          components={{ email: <EmailLink email={operator.email} /> }}
        />
      </p>
      <p className="kern-body">
        <RichText
          ns="pages"
          k="privacy.dpo"
          values={{ email: operator.privacyOfficerEmail }}
          components={{ email: <EmailLink email={operator.privacyOfficerEmail} /> }}
        />
      </p>
      {sections.map((s) => (
        <section key={s} id={s === 'account' ? 'konto' : undefined}>
          <h2 className="kern-heading-medium">{text(`${s}Heading`)}</h2>
          <p className="kern-body">{text(s, { days: assessmentDays })}</p>
        </section>
      ))}
      <p className="kern-body">{text('complaint', { authority: operator.supervisoryAuthority })}</p>
    </article>
  );
}
