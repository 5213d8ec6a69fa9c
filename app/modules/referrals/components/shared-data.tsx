import { useTranslation } from 'react-i18next';

/**
 * Exactly the consented data, one block per category (`data-category` names it, so a test
 * can compare what is rendered with the consent). The values are as the counsellor's file
 * had them, in German or the language they were written in.
 */
export function SharedData({
  categories,
  shared,
}: {
  categories: string[];
  shared: Record<string, unknown>;
}) {
  const { t } = useTranslation('referrals');
  const nameContact = shared.nameContact as
    | { name: string | null; email: string | null; phone: string | null }
    | undefined;
  const baseline = shared.baseline as
    | { situation: string | null; abilities: string | null; wishes: string | null }
    | undefined;
  return (
    <dl className="ww-facts">
      {categories.includes('name_contact') && nameContact ? (
        <>
          <dt data-category="name_contact">{t('category.name_contact')}</dt>
          <dd data-category="name_contact">
            <span lang="de">{nameContact.name}</span>
            {nameContact.email ? <>, {nameContact.email}</> : null}
            {nameContact.phone ? <>, {nameContact.phone}</> : null}
          </dd>
        </>
      ) : null}
      {categories.includes('language_level') ? (
        <>
          <dt data-category="language_level">{t('category.language_level')}</dt>
          <dd data-category="language_level">{String(shared.languageLevel ?? '–')}</dd>
        </>
      ) : null}
      {categories.includes('baseline') && baseline ? (
        <>
          <dt data-category="baseline">{t('category.baseline')}</dt>
          <dd data-category="baseline" lang="de" dir="auto">
            {[baseline.situation, baseline.abilities, baseline.wishes].filter(Boolean).join(' – ') || '–'}
          </dd>
        </>
      ) : null}
      {categories.includes('measure_goal') ? (
        <>
          <dt data-category="measure_goal">{t('category.measure_goal')}</dt>
          <dd data-category="measure_goal" lang="de" dir="auto">
            {String(shared.measureGoal ?? '–')}
          </dd>
        </>
      ) : null}
    </dl>
  );
}
