import { useTranslation } from 'react-i18next';
import type { PlanChange, PlanContent } from '../diff';

/** "What changed" between two versions, in words, each measure and commitment named by its text. */
export function ChangeList({
  changes,
  before,
  after,
  textLanguage,
}: {
  changes: PlanChange[];
  before: PlanContent;
  after: PlanContent;
  textLanguage: string;
}) {
  const { t } = useTranslation('cases');
  if (!changes.length) return <p className="kern-body">{t('changes.none')}</p>;
  const name = (c: PlanChange & { key: string }) => {
    const list =
      c.part === 'measure'
        ? [...after.measures, ...before.measures]
        : [...after.commitments, ...before.commitments];
    const item = list.find((x) => x.key === c.key) as { goal?: string; body?: string } | undefined;
    return item?.goal ?? item?.body ?? '';
  };
  return (
    <ul className="kern-list">
      {changes.map((c) => {
        if (c.part === 'baseline')
          return (
            <li key={`b-${c.field}`}>{t('changes.baseline', { field: t(`plan.baseline.${c.field}`) })}</li>
          );
        if (c.part === 'review') return <li key="review">{t('changes.review')}</li>;
        return (
          <li key={`${c.part}-${c.key}`}>
            {t(`changes.${c.part}.${c.change}`)}:{' '}
            <span lang={textLanguage} dir="auto">
              {name(c)}
            </span>
            {c.change === 'changed' ? ` (${c.fields.map((f) => t(`changes.field.${f}`)).join(', ')})` : ''}
          </li>
        );
      })}
    </ul>
  );
}
