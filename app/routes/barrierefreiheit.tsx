import type { LoaderFunctionArgs } from '@remix-run/node';
import { useTranslation } from 'react-i18next';
import { EmailLink, PhoneLink } from '~/components/contact-links';
import { RichText } from '~/components/rich-text';
import { operator } from '~/config/operator';
import { pageTitle } from '~/i18next.server';
import { formatDate } from '~/utils/format';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
/** The known problems: an object of `{ problem, reason, alternative }` per problem, in pages.json. */
const ISSUES = 'accessibility.issues';
export const handle = { i18n: ['pages'] };

export async function loader({ request }: LoaderFunctionArgs) {
  return { title: await pageTitle(request, 'pages:accessibility.title') };
}

/**
 * The accessibility statement (Erklärung zur Barrierefreiheit) in the structure of the EU
 * model statement (Implementing Decision (EU) 2018/1523) as the Land's law asks for it
 * (see `operator.accessibilityLaw`): compliance status, each known problem with its reason
 * and the alternative offered, when the statement was prepared and last reviewed, the
 * feedback contact, and the enforcement procedure. The known problems are the keys of
 * `accessibility.issues` in pages.json: that object is the one list to keep up to date.
 */
export default function AccessibilityStatement() {
  const { t, i18n } = useTranslation('pages');
  const lng = i18n.language;
  const law = operator.accessibilityLaw;
  const issues = Object.keys(t(ISSUES, { returnObjects: true }) as Record<string, unknown>);
  const text = (k: string, values?: Record<string, string>) => (
    <RichText ns="pages" k={`accessibility.${k}`} values={values} />
  );
  return (
    <article className="ww-prose">
      <h1 className="kern-heading-large">{text('title')}</h1>
      <p className="kern-body kern-body--large">
        {text('intro', { name: operator.name, law: law.law, regulation: law.regulation })}
      </p>

      <h2 className="kern-heading-medium">{text('statusHeading')}</h2>
      <p className="kern-body">{text('status', { regulation: law.regulationShort })}</p>

      <h2 className="kern-heading-medium" id="issues">
        {text('gapsHeading')}
      </h2>
      <ul className="kern-list kern-list--bullet ww-issues">
        {issues.map((id) => (
          <li key={id} className="kern-body">
            <p>{text(`issues.${id}.problem`)}</p>
            <p>
              <strong>{t('accessibility.reasonLabel')}</strong> {text(`issues.${id}.reason`)}
            </p>
            <p>
              <strong>{t('accessibility.alternativeLabel')}</strong> {text(`issues.${id}.alternative`)}
            </p>
          </li>
        ))}
      </ul>

      <h2 className="kern-heading-medium">{text('methodHeading')}</h2>
      <p className="kern-body">
        {text('method', {
          prepared: formatDate(operator.statementDate, lng, 'long'),
          reviewed: formatDate(operator.statementReviewed, lng, 'long'),
        })}
      </p>

      <h2 className="kern-heading-medium" id="feedback">
        {text('feedbackHeading')}
      </h2>
      <p className="kern-body">{text('feedback')}</p>
      <ul className="kern-list">
        <li>
          {t('accessibility.emailLabel')} <EmailLink email={operator.accessibilityEmail} />
        </li>
        <li>
          {t('accessibility.phoneLabel')} <PhoneLink phone={operator.phone} />
        </li>
        <li>
          {t('accessibility.postLabel')} {operator.name}, {operator.street}, {operator.postcode}{' '}
          {operator.city}
        </li>
      </ul>

      <h2 className="kern-heading-medium" id="enforcement">
        {text('enforcementHeading')}
      </h2>
      <p className="kern-body">{text('enforcement', { regulation: law.regulationShort })}</p>
      <p className="kern-body">
        <span lang="de">{law.enforcementBody}</span>, <span lang="de">{law.enforcementSeat}</span>
      </p>
      <p className="kern-body">
        <a className="kern-link" href={law.enforcementUrl} rel="noopener noreferrer">
          <span>{text('enforcementLink')}</span>
        </a>
      </p>
    </article>
  );
}
