import { useTranslation } from 'react-i18next';
import { LocalizedLink } from './localized-link';
import { RichText } from './rich-text';

/**
 * The translated error pages: 404 and everything else. No stack trace unless the
 * caller passes `detail` (development only).
 */
export function ErrorPage({
  kind,
  status,
  detail,
}: {
  kind: 'notFound' | 'forbidden' | 'generic';
  status?: number;
  detail?: string;
}) {
  const { t } = useTranslation();
  const prefix = `errors.${kind}`;
  return (
    <div className="ww-prose kern-stack">
      <h1 className="kern-heading-large">{t(`${prefix}.title`)}</h1>
      <p className="kern-body">
        <RichText ns="common" k={`${prefix}.text`} />
      </p>
      {status && kind === 'generic' ? (
        <p className="kern-body kern-body--muted">{t('errors.code', { status })}</p>
      ) : null}
      <p className="kern-body">
        <LocalizedLink className="kern-link" to="/">
          {t('errors.home')}
        </LocalizedLink>
      </p>
      {detail ? <pre className="kern-body kern-body--small">{detail}</pre> : null}
    </div>
  );
}
