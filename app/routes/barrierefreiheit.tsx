import type { LoaderFunctionArgs } from '@remix-run/node';
import { useTranslation } from 'react-i18next';
import { operator } from '~/config/operator';
import { pageTitle } from '~/i18next.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['pages'] };

export async function loader({ request }: LoaderFunctionArgs) {
  return { title: await pageTitle(request, 'pages:accessibility.title') };
}

/** The accessibility statement (Erklärung zur Barrierefreiheit) in the structure BITV 2.0 § 7 asks for. */
export default function AccessibilityStatement() {
  const { t, i18n } = useTranslation('pages');
  const date = new Intl.DateTimeFormat(i18n.language === 'ls' ? 'de' : i18n.language, {
    dateStyle: 'long',
  }).format(new Date(operator.statementDate));
  return (
    <article className="ww-prose">
      <h1 className="kern-heading-large">{t('accessibility.title')}</h1>
      <p className="kern-body kern-body--large">{t('accessibility.intro')}</p>
      <h2 className="kern-heading-medium">{t('accessibility.statusHeading')}</h2>
      <p className="kern-body">{t('accessibility.status')}</p>
      <h2 className="kern-heading-medium">{t('accessibility.gapsHeading')}</h2>
      <ul className="kern-list kern-list--bullet">
        <li>{t('accessibility.gapSignLanguage')}</li>
        <li>{t('accessibility.gapProviders')}</li>
      </ul>
      <h2 className="kern-heading-medium">{t('accessibility.methodHeading')}</h2>
      <p className="kern-body">{t('accessibility.method', { date })}</p>
      <h2 className="kern-heading-medium" id="feedback">
        {t('accessibility.feedbackHeading')}
      </h2>
      <p className="kern-body">{t('accessibility.feedback')}</p>
      <ul className="kern-list">
        <li>
          <a className="kern-link" href={`mailto:${operator.accessibilityEmail}`}>
            {t('accessibility.feedbackEmail', { email: operator.accessibilityEmail })}
          </a>
        </li>
        <li>
          <a className="kern-link" href={`tel:${operator.phone.replaceAll(' ', '')}`}>
            {t('accessibility.feedbackPhone', { phone: operator.phone })}
          </a>
        </li>
      </ul>
      <h2 className="kern-heading-medium">{t('accessibility.arbitrationHeading')}</h2>
      <p className="kern-body">{t('accessibility.arbitration', { body: operator.arbitrationBody })}</p>
    </article>
  );
}
