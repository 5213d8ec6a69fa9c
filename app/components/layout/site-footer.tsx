import { useTranslation } from 'react-i18next';
import { LocalizedLink } from '../localized-link';
import { RichText } from '../rich-text';

export function SiteFooter() {
  const { t } = useTranslation();
  const links = [
    ['/impressum', 'footer.imprint'],
    ['/datenschutz', 'footer.privacy'],
    ['/barrierefreiheit', 'footer.accessibility'],
    ['/leichte-sprache', 'nav.easyLanguage'],
    ['/gebaerdensprache', 'nav.signLanguage'],
  ] as const;
  return (
    <footer className="ww-footer">
      <div className="ww-container kern-stack-sm">
        <nav aria-label={t('footer.label')}>
          <ul>
            {links.map(([to, key]) => (
              <li key={to}>
                <LocalizedLink className="kern-link" to={to}>
                  <span>
                    <RichText ns="common" k={key} />
                  </span>
                </LocalizedLink>
              </li>
            ))}
          </ul>
        </nav>
        <p className="kern-body kern-body--small">
          <RichText ns="common" k="footer.operator" />
        </p>
      </div>
    </footer>
  );
}
