import { useTranslation } from 'react-i18next';
import { LocalizedLink } from '~/components/localized-link';

/** The way back to the provider area's start page, at the top of its pages. */
export function BackToProviderArea() {
  const { t } = useTranslation('provider');
  return (
    <p>
      <LocalizedLink className="kern-link" to="/anbieterbereich">
        {t('back')}
      </LocalizedLink>
    </p>
  );
}
