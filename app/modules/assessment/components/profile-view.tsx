import { useTranslation } from 'react-i18next';
import { languageName } from '~/utils/format';
import { optionKey } from '../definition';
import type { ProfileItem, ProfileSection } from '../engine';

function valueText(
  item: ProfileItem,
  t: (key: string, values?: Record<string, string>) => string,
  lng: string,
) {
  return item.values
    .map((v) => {
      if (item.kind === 'text') return v;
      if (item.kind === 'language') return languageName(v, lng);
      if (item.kind === 'level')
        return v === 'none' ? t('result.levelNone') : t('result.level', { level: v });
      return t(optionKey(item.question, v, item.scale));
    })
    .join(', ');
}

/**
 * The plain-language profile, module by module, from the stored result: it reads the
 * same after the questionnaire changed, because the result keeps its own items.
 */
export function ProfileView({
  profile,
  headingLevel = 3,
}: {
  profile: ProfileSection[];
  headingLevel?: 2 | 3 | 4;
}) {
  const { t, i18n } = useTranslation('assessment');
  const Heading = `h${headingLevel}` as 'h2' | 'h3' | 'h4';
  return (
    <div className="kern-stack-sm ww-profile">
      {profile.map((section) => (
        <section key={section.module} aria-labelledby={`profile-${section.module}`}>
          <Heading id={`profile-${section.module}`} className="kern-heading-small">
            {t(`modules.${section.module}.title`)}
          </Heading>
          <dl className="ww-facts kern-body">
            {section.items.map((item) => (
              <div key={item.question} className="ww-facts__row">
                <dt>{t(`q.${item.question}.profile`)}</dt>
                <dd>{valueText(item, t, i18n.language)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}

export function HintList({ hints, headingLevel = 3 }: { hints: string[]; headingLevel?: 3 | 4 }) {
  const { t } = useTranslation('assessment');
  const Heading = `h${headingLevel}` as 'h3' | 'h4';
  return (
    <ul className="kern-stack-sm ww-plain-list">
      {hints.map((h) => (
        <li key={h} className="ww-ask">
          <Heading className="kern-heading-small">{t(`hints.${h}.title`)}</Heading>
          <p className="kern-body">{t(`hints.${h}.text`)}</p>
        </li>
      ))}
    </ul>
  );
}
