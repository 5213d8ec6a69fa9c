import { useTranslation } from 'react-i18next';
import { formatNumber, formatPrice } from '~/utils/format';
import { optionKey } from '../definition';
import type { Reason } from '../reasons';

/**
 * Why an offer was recommended, as one translated sentence: on the person's result page
 * and on the counsellor's appointment page when the person shares the assessment.
 */
export function ReasonText({ reason }: { reason: Reason }) {
  const { t, i18n } = useTranslation(['assessment', 'catalogue']);
  const lng = i18n.language;
  const v = reason.values ?? {};
  const values: Record<string, string> = Object.fromEntries(
    Object.entries(v).map(([k, x]) => [k, String(x)]),
  );
  if (typeof v.km === 'number') values.km = formatNumber(v.km, lng);
  if (typeof v.price === 'number') values.price = formatPrice(v.price, lng);
  if (typeof v.requirements === 'string')
    values.requirements = v.requirements
      .split(',')
      .map((r) => t(`assessment:requirements.${r}`))
      .join(', ');
  if (typeof v.question === 'string' && typeof v.field === 'string')
    values.field = t(`assessment:${optionKey(v.question, v.field)}`);
  return <>{t(`assessment:${reason.key}`, values)}</>;
}
