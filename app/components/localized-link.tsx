import { Link, type LinkProps } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { withLanguage } from '~/utils/localized';

export function useWithLanguage() {
  const { i18n } = useTranslation();
  return (to: string) => withLanguage(to, i18n.language);
}

/** A Remix <Link> that keeps the current language in the URL. */
export function LocalizedLink({ to, ...props }: Omit<LinkProps, 'to'> & { to: string }) {
  const localize = useWithLanguage();
  return <Link to={localize(to)} {...props} />;
}
